//! The document tree of a body, rendered as Yew nodes. Text is always text; a URL becomes a link or image only
//! when it is http(s) (or mailto for links), checked here as well as by the compiler.

use tidings_bundle::{Align, ArticleBody, Block, Inline};
use yew::prelude::*;

use super::h;
use crate::format::safe_url;

/// A whole body, with its footnotes.
pub fn body(body: &ArticleBody, title_level: u8, notes: &'static str) -> Html {
    let block = |b: &Block| block(b, title_level);
    html! {
        <>
            { for body.blocks.iter().map(block) }
            if !body.footnotes.is_empty() {
                <section class="tidings-footnotes" aria-label={notes}>
                    <ol>
                        { for body.footnotes.iter().enumerate().map(|(i, f)| html! {
                            <li id={format!("tidings-fn-{}-{}", body.id, i + 1)}>{ for f.blocks.iter().map(block) }</li>
                        }) }
                    </ol>
                </section>
            }
        </>
    }
}

fn block(b: &Block, title_level: u8) -> Html {
    let block = |b: &Block| block(b, title_level);
    let item = |blocks: &Vec<Block>| html! { <li>{ for blocks.iter().map(block) }</li> };
    match b {
        Block::Paragraph(i) => html! { <p>{ inlines(i) }</p> },
        Block::Heading { level, content } => {
            // Body headings (level 2 and below in the bundle) sit below the story's title.
            html! { <@{h((title_level + level - 1).clamp(title_level + 1, 6))}>{ inlines(content) }</@> }
        }
        Block::Quote(blocks) => html! { <blockquote>{ for blocks.iter().map(block) }</blockquote> },
        Block::List { start: None, items } => html! { <ul>{ for items.iter().map(item) }</ul> },
        Block::List {
            start: Some(n),
            items,
        } => html! { <ol start={n.to_string()}>{ for items.iter().map(item) }</ol> },
        Block::Code { text, .. } => html! { <pre><code>{ text }</code></pre> },
        Block::Table { align, head, rows } => {
            let cell = |tag: &'static str, i: usize, c: &Vec<Inline>| {
                let align = match align.get(i) {
                    Some(Align::Center) => Some("center"),
                    Some(Align::Right) => Some("right"),
                    _ => None,
                };
                html! { <@{tag} data-align={align}>{ inlines(c) }</@> }
            };
            html! {
                <div class="tidings-table">
                    <table>
                        <thead><tr>{ for head.iter().enumerate().map(|(i, c)| cell("th", i, c)) }</tr></thead>
                        <tbody>{ for rows.iter().map(|r| html! { <tr>{ for r.iter().enumerate().map(|(i, c)| cell("td", i, c)) }</tr> }) }</tbody>
                    </table>
                </div>
            }
        }
        Block::Rule => html! { <hr /> },
    }
}

fn inlines(list: &[Inline]) -> Html {
    html! { { for list.iter().map(inline) } }
}

fn inline(i: &Inline) -> Html {
    match i {
        Inline::Text(t) => html! { { t } },
        Inline::Code(t) => html! { <code>{ t }</code> },
        Inline::Emphasis(c) => html! { <em>{ inlines(c) }</em> },
        Inline::Strong(c) => html! { <strong>{ inlines(c) }</strong> },
        Inline::Strikethrough(c) => html! { <s>{ inlines(c) }</s> },
        Inline::Link {
            href,
            title,
            content,
        } if safe_url(href, true) => html! {
            <a href={href.clone()} title={title.clone()} target="_blank" rel="noopener noreferrer">{ inlines(content) }</a>
        },
        Inline::Link { content, .. } => inlines(content),
        Inline::Image { src, alt, title } if safe_url(src, false) => html! {
            <img src={src.clone()} alt={alt.clone()} title={title.clone()} loading="lazy" referrerpolicy="no-referrer" />
        },
        Inline::Image { alt, .. } => html! { { alt } },
        Inline::FootnoteRef(n) => html! { <sup class="tidings-fnref">{ format!("[{n}]") }</sup> },
        Inline::Break => html! { <br /> },
    }
}
