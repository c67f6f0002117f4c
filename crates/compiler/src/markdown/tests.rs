use super::*;
use crate::diag::Diagnostic;
use tidings_bundle::Block::*;
use tidings_bundle::Inline::{self, *};

fn doc(md: &str) -> (Document, Vec<Diagnostic>) {
    let base = Url::parse("https://news.example/2023/11/01/story").unwrap();
    let mut out = Vec::new();
    let d = parse(
        md,
        0,
        Some(&base),
        &mut Sink {
            file: 0,
            out: &mut out,
        },
    );
    (d, out)
}

fn blocks(md: &str) -> Vec<Block> {
    doc(md).0.blocks
}

fn t(s: &str) -> Inline {
    Text(s.into())
}

#[test]
fn paragraphs_headings_and_emphasis() {
    assert_eq!(
        blocks("## Sub\n\nSome *em* and **strong**\nnext line."),
        vec![
            Heading {
                level: 2,
                content: vec![t("Sub")]
            },
            Paragraph(vec![
                t("Some "),
                Emphasis(vec![t("em")]),
                t(" and "),
                Strong(vec![t("strong")]),
                t(" next line.")
            ]),
        ]
    );
}

#[test]
fn records_the_first_level_one_heading() {
    let (d, _) = doc("Intro\n\n# Title *here*\n\n# Second\n");
    assert_eq!(d.first_h1, Some(("Title here".into(), 1)));
    assert_eq!(
        d.blocks[2],
        Heading {
            level: 2,
            content: vec![t("Second")]
        }
    );
}

#[test]
fn tight_and_loose_lists_hold_paragraphs() {
    let tight = blocks("- a\n- b *c*\n");
    assert_eq!(
        tight,
        vec![List {
            start: None,
            items: vec![
                vec![Paragraph(vec![t("a")])],
                vec![Paragraph(vec![t("b "), Emphasis(vec![t("c")])])]
            ]
        }]
    );
    let nested = blocks("3. one\n   - inner\n");
    let List {
        start: Some(3),
        items,
    } = &nested[0]
    else {
        panic!("{nested:?}")
    };
    assert_eq!(items[0][0], Paragraph(vec![t("one")]));
    assert!(matches!(items[0][1], List { start: None, .. }));
}

#[test]
fn quotes_code_rules_and_tables() {
    assert_eq!(blocks("> q\n"), vec![Quote(vec![Paragraph(vec![t("q")])])]);
    assert_eq!(
        blocks("```rust extra\nfn x() {}\n```\n"),
        vec![Block::Code {
            lang: Some("rust".into()),
            text: "fn x() {}\n".into()
        }]
    );
    assert_eq!(blocks("a\n\n***\n")[1], Rule);
    assert_eq!(
        blocks("| a | b |\n|:--|--:|\n| 1 | 2 |\n"),
        vec![Table {
            align: vec![Align::Left, Align::Right],
            head: vec![vec![t("a")], vec![t("b")]],
            rows: vec![vec![vec![t("1")], vec![t("2")]]],
        }]
    );
}

#[test]
fn links_images_and_autolinks_keep_safe_urls() {
    assert_eq!(
        blocks("[x](https://a.example \"T\") ![alt](/i.png) <mailto:desk@news.example> <desk@news.example>"),
        vec![Paragraph(vec![
            Link { href: "https://a.example/".into(), title: Some("T".into()), content: vec![t("x")] },
            t(" "),
            Image { src: "https://news.example/i.png".into(), alt: "alt".into(), title: None },
            t(" "),
            Link { href: "mailto:desk@news.example".into(), title: None, content: vec![t("mailto:desk@news.example")] },
            t(" "),
            Link { href: "mailto:desk@news.example".into(), title: None, content: vec![t("desk@news.example")] },
        ])]
    );
}

#[test]
fn script_links_are_dropped_keeping_their_text() {
    let (d, diags) = doc("[click](javascript:alert(1)) [ref][r] ![pic](data:image/svg+xml,x)\n\n[r]: JAVASCRIPT:alert(2)\n");
    assert_eq!(d.blocks, vec![Paragraph(vec![t("click ref pic")])]);
    assert_eq!(diags.len(), 3);
    assert_eq!(diags[0].message, "link with a `javascript:` URL is dropped");
    assert_eq!(diags[2].message, "image with a `data:` URL is dropped");
}

#[test]
fn entity_encoded_schemes_are_still_refused() {
    let (d, diags) = doc("[a](&#106;avascript:alert(1)) [b](java&#x09;script:x)");
    assert_eq!(d.blocks, vec![Paragraph(vec![t("a b")])]);
    assert_eq!(diags.len(), 2, "{diags:?}");
}

#[test]
fn raw_html_is_dropped_with_one_warning() {
    let (d, diags) =
        doc("<div onclick=\"x()\">\n\n<script>alert(1)</script>\n\nText <b>bold</b> <!-- c -->\n");
    let text = serde_json::to_string(&d.blocks).unwrap();
    assert!(!text.contains('<'), "{text}");
    assert_eq!(diags.len(), 1);
    assert_eq!(
        diags[0].message,
        "raw HTML is not shown (found 4 times in this seed)"
    );
    assert_eq!(diags[0].span, Some(0..19));
}

#[test]
fn footnotes_are_numbered_by_first_reference() {
    let (d, _) = doc("A[^b] B[^a] C[^b]\n\n[^a]: First.\n[^b]: Second.\n");
    assert_eq!(
        d.blocks,
        vec![Paragraph(vec![
            t("A"),
            FootnoteRef(1),
            t(" B"),
            FootnoteRef(2),
            t(" C"),
            FootnoteRef(1)
        ])]
    );
    assert_eq!(
        d.footnotes
            .iter()
            .map(|f| f.label.as_str())
            .collect::<Vec<_>>(),
        ["b", "a"]
    );
    assert_eq!(d.footnotes[1].blocks, vec![Paragraph(vec![t("First.")])]);
}

fn depth(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .map(|b| match b {
            Quote(inner) => 1 + depth(inner),
            List { items, .. } => 1 + items.iter().map(|i| depth(i)).max().unwrap_or(0),
            _ => 0,
        })
        .max()
        .unwrap_or(0)
}

#[test]
fn ten_thousand_nested_quotes_are_flattened_keeping_the_text() {
    let md = format!("{}deep", "> ".repeat(10_000));
    let (d, diags) = doc(&md);
    assert!(depth(&d.blocks) <= MAX_DEPTH, "depth {}", depth(&d.blocks));
    assert!(serde_json::to_string(&d.blocks).unwrap().contains("deep"));
    assert_eq!(diags.len(), 1);
    assert_eq!(
        diags[0].message,
        format!("nesting deeper than {MAX_DEPTH} levels is flattened")
    );
}

#[test]
fn deeply_nested_lists_are_flattened_keeping_the_text() {
    let md: String = (0..2_000)
        .map(|i| format!("{}- item {i}\n", "  ".repeat(i)))
        .collect();
    let (d, _) = doc(&md);
    assert!(depth(&d.blocks) <= MAX_DEPTH);
    assert!(serde_json::to_string(&d.blocks)
        .unwrap()
        .contains("item 1999"));
}
