//! The widget reads bundles with the browser's `JSON.parse` and its own walker, the compiler writes them with
//! serde: these tests hold the two to the same format, in headless Chromium.
#![cfg(target_arch = "wasm32")]

use tidings_bundle::{
    Align, ArticleBody, Block, BodyChunk, Card, CardShard, Footnote, Inline, Manifest, Source,
    TagCount, SCHEMA_VERSION,
};
use tidings_widget::decode;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

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

#[wasm_bindgen_test]
fn a_body_chunk_reads_back_exactly_as_serde_wrote_it() {
    let chunk = every_kind();
    let json = serde_json::to_string(&chunk).unwrap();
    assert_eq!(decode::chunk(&parse(&json)), Ok(chunk));
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
        body: "articles/0123456789abcdef.json".into(),
    };
    let manifest = Manifest {
        schema_version: SCHEMA_VERSION,
        total: 3,
        tags: vec![TagCount {
            tag: "usa".into(),
            count: 2,
        }],
        articles: vec![card("a", Some("2023-11-01")), card("b", None)],
        index: vec!["index/0123456789abcdef.json".into()],
    };
    let json = serde_json::to_string(&manifest).unwrap();
    assert_eq!(decode::manifest(&parse(&json)), Ok(manifest));
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

/// The message a reader sees for a bundle of the wrong shape.
fn error(json: &str) -> String {
    decode::manifest(&parse(json)).unwrap_err().to_string()
}

#[wasm_bindgen_test]
fn a_wrong_shape_names_the_place_and_what_belongs_there() {
    assert_eq!(error("[]"), "the file should be an object");
    assert_eq!(
        error(r#"{"schema_version":2,"total":0,"tags":"none","articles":[]}"#),
        "`tags` should be a list"
    );
    assert_eq!(
        error(r#"{"schema_version":2,"total":0,"tags":[{"tag":"a","count":-1}],"articles":[]}"#),
        "`tags[0].count` should be a whole number in range"
    );
    let card = r#"{"id":"a","slug":"a","tags":[],"sources":[],"excerpt":"","reading_minutes":1,"body":"b"}"#;
    assert_eq!(
        error(&format!(
            r#"{{"schema_version":2,"total":2,"tags":[],"articles":[{card},{}]}}"#,
            card.replace(r#""slug":"a","#, r#""slug":"a","title":7,"#)
        )),
        "`articles[0].title` should be text"
    );
    assert_eq!(
        error(r#"{"schema_version":2,"total":0,"tags":[],"articles":[],"index":[1]}"#),
        "`index[0]` should be text"
    );
    let chunk = r#"{"schema_version":1,"bodies":[{"id":"a","blocks":[{"list":{"items":[[{"paragraph":[{"link":{"href":"x","content":[{"shout":"hi"}]}}]}]]}}]}]}"#;
    assert_eq!(
        decode::chunk(&parse(chunk)).unwrap_err().to_string(),
        "`bodies[0].blocks[0].items[0][0][0].content[0]` should be a known kind of text"
    );
}

#[wasm_bindgen_test]
fn a_hostile_depth_is_refused_not_a_stack_overflow() {
    let deep = format!(
        r#"{{"schema_version":1,"bodies":[{{"id":"a","blocks":{}"rule"{}}}]}}"#,
        r#"[{"quote":"#.repeat(5_000),
        "}]".repeat(5_000)
    );
    let err = decode::chunk(&parse(&deep)).unwrap_err().to_string();
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
