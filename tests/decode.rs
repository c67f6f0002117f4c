//! The widget reads bundles with the browser's `JSON.parse` and its own walker, the compiler writes them with
//! serde: these tests hold the two to the same format, in headless Chromium. Bodies are read straight into Yew
//! nodes, so theirs are held to the page they render.
#![cfg(target_arch = "wasm32")]

use tidings_bundle::{
    Align, ArticleBody, Block, BodyChunk, Card, CardShard, Facet, FacetBucket, FacetValue,
    Footnote, Inline, ListChunk, Manifest, SlugBucket, Source, Table, TablePage, YearRun,
    SCHEMA_VERSION,
};
use tidings_widget::components::document;
use tidings_widget::decode;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

fn parse(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

fn text(t: &str) -> Inline {
    Inline::Text(t.into())
}

/// One of every block and inline, optional fields both present and absent.
fn every_kind() -> BodyChunk {
    let blocks = vec![
        Block::Heading {
            level: 2,
            content: vec![text("Heading")],
        },
        Block::Paragraph(vec![
            text("plain "),
            Inline::Code("code".into()),
            Inline::Emphasis(vec![Inline::Strong(vec![Inline::Strikethrough(vec![
                text("deep"),
            ])])]),
            Inline::Link {
                href: "https://example.com/".into(),
                title: Some("a title".into()),
                content: vec![text("link")],
            },
            Inline::Link {
                href: "mailto:desk@example.com".into(),
                title: None,
                content: vec![],
            },
            Inline::Image {
                src: "https://example.com/a.png".into(),
                alt: "alt".into(),
                title: None,
            },
            Inline::FootnoteRef(1),
            Inline::Break,
        ]),
        Block::Quote(vec![Block::Rule]),
        Block::List {
            start: Some(3),
            items: vec![vec![Block::Paragraph(vec![text("item")])], vec![]],
        },
        Block::List {
            start: None,
            items: vec![],
        },
        Block::Code {
            lang: Some("rust".into()),
            text: "fn main() {}\n".into(),
        },
        Block::Code {
            lang: None,
            text: String::new(),
        },
        Block::Table {
            align: vec![Align::None, Align::Left, Align::Center, Align::Right],
            head: vec![vec![text("a")], vec![], vec![], vec![]],
            rows: vec![vec![vec![text("1")], vec![], vec![], vec![text("4")]]],
        },
    ];
    BodyChunk {
        schema_version: SCHEMA_VERSION,
        bodies: vec![
            ArticleBody {
                id: "every-kind".into(),
                blocks,
                footnotes: vec![Footnote {
                    label: "1".into(),
                    blocks: vec![Block::Paragraph(vec![text("note")])],
                }],
            },
            ArticleBody {
                id: "empty".into(),
                blocks: vec![],
                footnotes: vec![],
            },
        ],
    }
}

/// The name of every kind of block and inline in `blocks`, by a match with no catch-all arm: a kind of node
/// added to the schema does not compile here until it is named, and [`every_kind`] must then hold one for
/// `every_kind_of_node_is_in_the_fixture` to pass, so the rendering test below covers it too.
fn kinds(blocks: &[Block], seen: &mut std::collections::BTreeSet<&'static str>) {
    fn inlines(content: &[Inline], seen: &mut std::collections::BTreeSet<&'static str>) {
        for inline in content {
            let kind = match inline {
                Inline::Text(_) => "text",
                Inline::Code(_) => "code",
                Inline::Emphasis(c) => {
                    inlines(c, seen);
                    "emphasis"
                }
                Inline::Strong(c) => {
                    inlines(c, seen);
                    "strong"
                }
                Inline::Strikethrough(c) => {
                    inlines(c, seen);
                    "strikethrough"
                }
                Inline::Link { content, .. } => {
                    inlines(content, seen);
                    "link"
                }
                Inline::Image { .. } => "image",
                Inline::FootnoteRef(_) => "footnote_ref",
                Inline::Break => "break",
            };
            seen.insert(kind);
        }
    }
    for block in blocks {
        let kind = match block {
            Block::Paragraph(content) => {
                inlines(content, seen);
                "paragraph"
            }
            Block::Heading { content, .. } => {
                inlines(content, seen);
                "heading"
            }
            Block::Quote(inner) => {
                kinds(inner, seen);
                "quote"
            }
            Block::List { items, .. } => {
                items.iter().for_each(|item| kinds(item, seen));
                "list"
            }
            Block::Code { .. } => "code_block",
            Block::Table { head, rows, .. } => {
                head.iter()
                    .chain(rows.iter().flatten())
                    .for_each(|c| inlines(c, seen));
                "table"
            }
            Block::Rule => "rule",
        };
        seen.insert(kind);
    }
}

#[wasm_bindgen_test]
fn every_kind_of_node_is_in_the_fixture() {
    let mut seen = std::collections::BTreeSet::new();
    for body in every_kind().bodies {
        kinds(&body.blocks, &mut seen);
        body.footnotes
            .iter()
            .for_each(|f| kinds(&f.blocks, &mut seen));
    }
    let every: std::collections::BTreeSet<_> = [
        "text",
        "code",
        "emphasis",
        "strong",
        "strikethrough",
        "link",
        "image",
        "footnote_ref",
        "break",
        "paragraph",
        "heading",
        "quote",
        "list",
        "code_block",
        "table",
        "rule",
    ]
    .into();
    assert_eq!(seen, every);
}

/// What `html` renders to, mounted in the page as the widget mounts it.
async fn rendered(html: Html) -> String {
    #[derive(Properties, PartialEq)]
    struct Props {
        html: Html,
    }
    #[component]
    fn Show(props: &Props) -> Html {
        props.html.clone()
    }
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<Show>::with_root_and_props(root.clone(), Props { html }).render();
    yew::platform::time::sleep(std::time::Duration::from_millis(20)).await;
    root.inner_html()
}

/// Body `id` of a chunk as serde writes it, rendered below a title of `level`.
fn body(chunk: &str, id: &str, level: u8) -> Result<Option<Html>, String> {
    let bodies = decode::chunk(&parse(chunk)).map_err(|e| e.to_string())?;
    document::body_in(&bodies, id, level, "Notes").map_err(|e| e.to_string())
}

/// Every block and inline of [`every_kind`], as the page shows them below an `<h2>` title: body headings one
/// level below it, safe links opening in a new tab without the referrer, tables' alignment as `data-align`,
/// footnotes in a section of their own with ids unique to the story.
const EVERY_KIND: &str = "<h3>Heading</h3><p>plain <code>code</code><em><strong><s>deep</s></strong></em><a href=\"https://example.com/\" title=\"a title\" target=\"_blank\" rel=\"noopener noreferrer\">link</a><a href=\"mailto:desk@example.com\" target=\"_blank\" rel=\"noopener noreferrer\"></a><img src=\"https://example.com/a.png\" alt=\"alt\" loading=\"lazy\" referrerpolicy=\"no-referrer\"><sup class=\"tidings-fnref\">[1]</sup><br></p><blockquote><hr></blockquote><ol start=\"3\"><li><p>item</p></li><li></li></ol><ul></ul><pre><code>fn main() {}\n</code></pre><pre><code></code></pre><div class=\"tidings-table\"><table><thead><tr><th>a</th><th></th><th data-align=\"center\"></th><th data-align=\"right\"></th></tr></thead><tbody><tr><td>1</td><td></td><td data-align=\"center\"></td><td data-align=\"right\">4</td></tr></tbody></table></div><section aria-label=\"Notes\" class=\"tidings-footnotes\"><ol><li id=\"tidings-fn-every-kind-1\"><p>note</p></li></ol></section>";

#[wasm_bindgen_test]
async fn a_body_chunk_as_serde_wrote_it_renders_every_kind_of_block_and_text() {
    let json = serde_json::to_string(&every_kind()).unwrap();
    let html = body(&json, "every-kind", 2).unwrap().unwrap();
    assert_eq!(rendered(html).await, EVERY_KIND);
    // Below a deeper title, headings go down with it, to `<h6>` at most.
    let html = body(&json, "every-kind", 5).unwrap().unwrap();
    assert_eq!(rendered(html).await, EVERY_KIND.replace("h3>", "h6>"));
    let html = body(&json, "empty", 2).unwrap().unwrap();
    assert_eq!(rendered(html).await, "");
    assert!(body(&json, "elsewhere", 2).unwrap().is_none());
}

#[wasm_bindgen_test]
async fn a_link_or_image_that_is_not_http_shows_as_text() {
    let chunk = BodyChunk {
        schema_version: SCHEMA_VERSION,
        bodies: vec![ArticleBody {
            id: "a".into(),
            blocks: vec![Block::Paragraph(vec![
                Inline::Link {
                    href: " JavaScript:alert(1)".into(),
                    title: None,
                    content: vec![text("click")],
                },
                Inline::Image {
                    src: "data:image/svg+xml,<svg onload=alert(1)>".into(),
                    alt: "a chart".into(),
                    title: None,
                },
                Inline::Link {
                    href: "mailto:desk@example.com".into(),
                    title: None,
                    content: vec![Inline::Image {
                        src: "mailto:x".into(),
                        alt: "<b>".into(),
                        title: None,
                    }],
                },
            ])],
            footnotes: vec![],
        }],
    };
    let json = serde_json::to_string(&chunk).unwrap();
    let html = body(&json, "a", 2).unwrap().unwrap();
    assert_eq!(
        rendered(html).await,
        r#"<p>clicka chart<a href="mailto:desk@example.com" target="_blank" rel="noopener noreferrer">&lt;b&gt;</a></p>"#
    );
}

#[wasm_bindgen_test]
fn a_manifest_and_a_shard_read_back_exactly_as_serde_wrote_them() {
    let card = |id: &str, date: Option<&str>| Card {
        id: id.into(),
        slug: id.into(),
        title: format!("Title «{id}» ✓"),
        date: date.map(Into::into),
        tags: vec!["israel".into(), "usa".into()],
        sources: vec![Source {
            url: "https://www.cnn.com/x".into(),
            host: "www.cnn.com".into(),
            outlet: "CNN".into(),
            date: date.map(Into::into),
        }],
        excerpt: "About it.".into(),
        reading_minutes: 4,
        image: date.map(|_| "https://example.com/i.jpg".into()),
        lang: date.map(|_| "ar".into()),
        authors: date.map_or(vec![], |_| vec!["Ana Ruiz".into(), "Li Wei".into()]),
        canonical: date.map(|_| "https://news.example/2023/11/01/a/".into()),
        body: "articles/0123456789abcdef.json".into(),
    };
    let manifest = Manifest {
        schema_version: SCHEMA_VERSION,
        total: 3,
        articles: vec![card("a", Some("2023-11-01")), card("b", None)],
        cards: table("tables/0123456789abcdef.json"),
        tags: Facet {
            top: vec![FacetValue {
                value: "usa".into(),
                count: 2,
                chunks: vec![ListChunk("lists/0123456789abcdef.bin".into(), 0, 2)],
            }],
            values: 1,
            buckets: table("tables/1123456789abcdef.json"),
        },
        outlets: Facet::default(),
        years: vec![YearRun {
            value: "2023".into(),
            count: 2,
            start: 0,
        }],
        slugs: table("tables/2123456789abcdef.json"),
        title: Some("Newsroom".into()),
        lang: None,
    };
    let json = serde_json::to_string(&manifest).unwrap();
    assert_eq!(decode::manifest(&parse(&json)), Ok(manifest));
    // The files the manifest leads to.
    let page = TablePage {
        schema_version: SCHEMA_VERSION,
        entries: vec!["cards/0123456789abcdef.json".into()],
    };
    let json = serde_json::to_string(&page).unwrap();
    assert_eq!(decode::table_page(&parse(&json)), Ok(page.entries));
    let bucket = SlugBucket {
        schema_version: SCHEMA_VERSION,
        slugs: vec![("a".into(), 0), ("b".into(), 1)],
    };
    let json = serde_json::to_string(&bucket).unwrap();
    assert_eq!(decode::slug_bucket(&parse(&json)), Ok(bucket.slugs));
    let values = FacetBucket {
        schema_version: SCHEMA_VERSION,
        values: manifest_values(),
    };
    let json = serde_json::to_string(&values).unwrap();
    assert_eq!(decode::facet_bucket(&parse(&json)), Ok(values.values));
    let shard = CardShard {
        schema_version: SCHEMA_VERSION,
        articles: vec![card("c", Some("2023-10-30")), card("d", None)],
    };
    let json = serde_json::to_string(&shard).unwrap();
    let cards = decode::shard_cards(&parse(&json)).unwrap();
    let read: Vec<Card> = (0..cards.length())
        .map(|i| decode::card_at(&cards, i).unwrap())
        .collect();
    assert_eq!(read, shard.articles);
    let wrong = parse(r#"{"schema_version":2,"articles":[{"id":1}]}"#);
    let cards = decode::shard_cards(&wrong).unwrap();
    assert_eq!(
        decode::card_at(&cards, 0).unwrap_err().to_string(),
        "`articles[0].id` should be text"
    );
    assert_eq!(
        decode::shard_cards(&parse(r#"{"articles":{}}"#))
            .unwrap_err()
            .to_string(),
        "`articles` should be a list"
    );
}

fn table(page: &str) -> Table {
    Table {
        len: 1,
        pages: vec![page.into()],
    }
}

fn manifest_values() -> Vec<FacetValue> {
    vec![FacetValue {
        value: "CNN".into(),
        count: 1_500,
        chunks: vec![
            ListChunk("lists/0123456789abcdef.bin".into(), 3, 4_000),
            ListChunk("lists/1123456789abcdef.bin".into(), 4_001, 9_000),
        ],
    }]
}

/// The message a reader sees for a bundle of the wrong shape.
fn error(json: &str) -> String {
    decode::manifest(&parse(json)).unwrap_err().to_string()
}

#[wasm_bindgen_test]
fn a_wrong_shape_names_the_place_and_what_belongs_there() {
    assert_eq!(error("[]"), "the file should be an object");
    assert_eq!(
        error(r#"{"schema_version":3,"total":0,"articles":"none"}"#),
        "`articles` should be a list"
    );
    let table = r#"{"len":0,"pages":[]}"#;
    let facet = |top: &str| format!(r#"{{"top":[{top}],"values":1,"buckets":{table}}}"#);
    let manifest = |tags: &str| {
        format!(
            r#"{{"schema_version":3,"total":0,"articles":[],"cards":{table},"tags":{tags},"outlets":{},"years":[],"slugs":{table}}}"#,
            facet("")
        )
    };
    assert_eq!(
        error(&manifest(&facet(r#"{"value":"a","count":-1,"chunks":[]}"#))),
        "`tags.top[0].count` should be a whole number in range"
    );
    assert_eq!(
        error(&manifest(&facet(
            r#"{"value":"a","count":1,"chunks":[["lists/a.bin",0]]}"#
        ))),
        "`tags.top[0].chunks[0]` should be a whole number in range"
    );
    let card = r#"{"id":"a","slug":"a","tags":[],"sources":[],"excerpt":"","reading_minutes":1,"body":"b"}"#;
    assert_eq!(
        error(&format!(
            r#"{{"schema_version":3,"total":2,"articles":[{card},{}]}}"#,
            card.replace(r#""slug":"a","#, r#""slug":"a","title":7,"#)
        )),
        "`articles[0].title` should be text"
    );
    assert_eq!(
        error(r#"{"schema_version":3,"total":0,"articles":[],"cards":{"len":1,"pages":[1]}}"#),
        "`cards.pages[0]` should be text"
    );
    let chunk = r#"{"schema_version":1,"bodies":[{"id":"b"},{"id":"a","blocks":[{"list":{"items":[[{"paragraph":[{"link":{"href":"x","content":[{"shout":"hi"}]}}]}]]}}]}]}"#;
    assert_eq!(
        body(chunk, "a", 2).unwrap_err(),
        "`bodies[1].blocks[0].items[0][0][0].content[0]` should be a known kind of text"
    );
    assert_eq!(
        body(
            r#"{"bodies":[{"id":"a","blocks":[{"heading":{"level":2}}]}]}"#,
            "a",
            2
        )
        .unwrap_err(),
        "`bodies[0].blocks[0].content` should be a list"
    );
    assert_eq!(
        body(r#"{"bodies":[7]}"#, "a", 2).unwrap_err(),
        "`bodies[0]` should be an object"
    );
    assert_eq!(
        body(r#"{"bodies":{}}"#, "a", 2).unwrap_err(),
        "`bodies` should be a list"
    );
}

#[wasm_bindgen_test]
fn a_hostile_depth_is_refused_not_a_stack_overflow() {
    let deep = format!(
        r#"{{"schema_version":1,"bodies":[{{"id":"a","blocks":{}"rule"{}}}]}}"#,
        r#"[{"quote":"#.repeat(5_000),
        "}]".repeat(5_000)
    );
    let err = body(&deep, "a", 2).unwrap_err();
    assert!(err.ends_with("should be less deeply nested"), "{err}");
}

#[wasm_bindgen_test]
fn the_schema_version_is_read_from_any_object() {
    assert_eq!(
        decode::schema_version(&parse(r#"{"schema_version":2}"#)),
        Some(2)
    );
    assert_eq!(decode::schema_version(&parse(r#"{"version":2}"#)), None);
    assert_eq!(decode::schema_version(&parse("3")), None);
}
