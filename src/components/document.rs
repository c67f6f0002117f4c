//! A story's body, read from its chunk's JSON and rendered as Yew nodes in the same walk: a tree of the schema's
//! types in between (decoded, then rendered, then dropped) cost every reader 2 KB of brotli.
//!
//! Text is always text; a URL becomes a link or image only when it is http(s) (or mailto for links), checked
//! here as well as by the compiler. A body of the wrong shape is refused with the place and what belongs there,
//! as the rest of the bundle is ([`crate::decode`]), and trees deeper than [`decode::MAX_DEPTH`] are refused
//! before they can exhaust the stack.

use js_sys::Array;
use wasm_bindgen::JsValue;
use yew::prelude::*;
use yew::virtual_dom::VList;

use super::h;
use crate::decode::{self, field, list, number, object, optional, text, variant, Error, Result};
use crate::format::{digits, safe_url};

/// The body of story `id` among a chunk's `bodies`, rendered below a title of `title_level`; `None` when the
/// chunk does not hold it. `notes` names the footnotes' section.
pub fn body_in(
    bodies: &Array,
    id: &str,
    title_level: u8,
    notes: &'static str,
) -> Result<Option<Html>> {
    for i in 0..bodies.length() {
        let at = |e: Error| e.at(&decode::index(i)).at("bodies");
        let v = bodies.get(i);
        object(&v).map_err(at)?;
        if field(&v, "id", &text).map_err(at)? == id {
            return body(&v, id, title_level, notes).map(Some).map_err(at);
        }
    }
    Ok(None)
}

fn body(v: &JsValue, id: &str, title_level: u8, notes: &'static str) -> Result<Html> {
    let blocks = |v: &JsValue| blocks(v, 0, title_level);
    let content = field(v, "blocks", &blocks)?;
    let footnotes = optional(v, "footnotes", &|v| {
        list(v, &|v| {
            object(v)?;
            field(v, "blocks", &blocks)
        })
    })?
    .unwrap_or_default();
    Ok(html! {
        <>
            { content }
            if !footnotes.is_empty() {
                <section class="tidings-footnotes" aria-label={notes}>
                    <ol>
                        { for footnotes.into_iter().enumerate().map(|(i, note)| html! {
                            <li id={["tidings-fn-", id, "-", &digits(i as u64 + 1)].concat()}>{ note }</li>
                        }) }
                    </ol>
                </section>
            }
        </>
    })
}

/// A list of blocks, each a child of the result.
fn blocks(v: &JsValue, depth: usize, title_level: u8) -> Result<Html> {
    let depth = deeper(depth)?;
    list(v, &|v| block(v, depth, title_level)).map(nodes)
}

fn inlines(v: &JsValue, depth: usize) -> Result<Html> {
    let depth = deeper(depth)?;
    list(v, &|v| inline(v, depth)).map(nodes)
}

/// The depth of the level below `depth`, unless that is deeper than [`decode::MAX_DEPTH`].
fn deeper(depth: usize) -> Result<usize> {
    match depth <= decode::MAX_DEPTH {
        true => Ok(depth + 1),
        false => Err(Error::new("less deeply nested")),
    }
}

fn nodes(children: Vec<Html>) -> Html {
    VList::with_children(children, None).into()
}

/// `<tag>children</tag>`: one copy of the element's construction for every kind without attributes.
#[inline(never)]
fn el(tag: &'static str, children: Html) -> Html {
    html! { <@{tag}>{ children }</@> }
}

fn block(v: &JsValue, depth: usize, title_level: u8) -> Result<Html> {
    let (name, v) = variant(v)?;
    let v = &v;
    let blocks = |v: &JsValue| blocks(v, depth, title_level);
    let inlines = |v: &JsValue| inlines(v, depth);
    let block = match name.as_str() {
        "paragraph" => el("p", inlines(v)?),
        "heading" => {
            object(v)?;
            // Body headings (level 2 and below in the bundle) sit below the story's title.
            let level: u8 = field(v, "level", &number)?;
            let level = title_level.saturating_add(level).saturating_sub(1);
            el(
                h(level.max(title_level + 1)),
                field(v, "content", &inlines)?,
            )
        }
        "quote" => el("blockquote", blocks(v)?),
        "list" => {
            object(v)?;
            let start: Option<u32> = optional(v, "start", &number)?;
            let items = field(v, "items", &|v| list(v, &|v| Ok(el("li", blocks(v)?))))?;
            match start {
                None => el("ul", nodes(items)),
                Some(n) => html! { <ol start={digits(n.into())}>{ nodes(items) }</ol> },
            }
        }
        "code" => {
            object(v)?;
            el("pre", el("code", field(v, "text", &text)?.into()))
        }
        "table" => {
            object(v)?;
            let align = field(v, "align", &|v| list(v, &align))?;
            let row = |tag: &'static str, v: &JsValue| -> Result<Html> {
                let cells = list(v, &inlines)?.into_iter().enumerate();
                Ok(nodes(
                    cells
                        .map(|(i, c)| {
                            let align = align.get(i).copied().flatten();
                            // Fixed tags: `html!` builds the attributes of a tag chosen at run time three
                            // times over (as `input`, `textarea` or another element).
                            match tag {
                                "th" => html! { <th data-align={align}>{ c }</th> },
                                _ => html! { <td data-align={align}>{ c }</td> },
                            }
                        })
                        .collect(),
                ))
            };
            let head = field(v, "head", &|v| row("th", v))?;
            let rows = field(v, "rows", &|v| list(v, &|v| Ok(el("tr", row("td", v)?))))?;
            html! {
                <div class="tidings-table">
                    <table>
                        <thead>{ el("tr", head) }</thead>
                        <tbody>{ nodes(rows) }</tbody>
                    </table>
                </div>
            }
        }
        "rule" => html! { <hr /> },
        _ => return Err(Error::new("a known kind of block")),
    };
    Ok(block)
}

fn inline(v: &JsValue, depth: usize) -> Result<Html> {
    let (name, v) = variant(v)?;
    let v = &v;
    let inlines = |v: &JsValue| inlines(v, depth);
    let inline = match name.as_str() {
        "text" => text(v)?.into(),
        "code" => el("code", text(v)?.into()),
        "emphasis" => el("em", inlines(v)?),
        "strong" => el("strong", inlines(v)?),
        "strikethrough" => el("s", inlines(v)?),
        "link" => {
            object(v)?;
            let href = field(v, "href", &text)?;
            let title = optional(v, "title", &text)?;
            let content = field(v, "content", &inlines)?;
            match safe_url(&href, true) {
                true => html! {
                    <a {href} {title} target="_blank" rel="noopener noreferrer">{ content }</a>
                },
                false => content,
            }
        }
        "image" => {
            object(v)?;
            let src = field(v, "src", &text)?;
            let alt = field(v, "alt", &text)?;
            let title = optional(v, "title", &text)?;
            match safe_url(&src, false) {
                true => html! {
                    <img {src} {alt} {title} loading="lazy" referrerpolicy="no-referrer" />
                },
                false => alt.into(),
            }
        }
        "footnote_ref" => {
            let n: u32 = number(v)?;
            html! { <sup class="tidings-fnref">{ decode::index(n) }</sup> }
        }
        "break" => html! { <br /> },
        _ => return Err(Error::new("a known kind of text")),
    };
    Ok(inline)
}

/// A table column's alignment: the `data-align` of its cells (none for the default).
fn align(v: &JsValue) -> Result<Option<&'static str>> {
    match v.as_string().as_deref() {
        Some("none" | "left") => Ok(None),
        Some("center") => Ok(Some("center")),
        Some("right") => Ok(Some("right")),
        _ => Err(Error::new("one of none, left, center, right")),
    }
}
