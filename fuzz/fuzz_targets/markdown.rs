//! Markdown to the document tree: no input may panic, the tree is bounded in depth, and it survives the trip
//! through JSON that the widget makes (serde_json refuses nesting deeper than 128).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tidings_bundle::{ArticleBody, BodyChunk, SCHEMA_VERSION};
use tidings_compiler::diag::Sink;
use tidings_compiler::markdown;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut out = Vec::new();
    let doc = markdown::parse(text, 0, None, &mut Sink { file: 0, out: &mut out });
    let chunk = BodyChunk {
        schema_version: SCHEMA_VERSION,
        bodies: vec![ArticleBody { id: "fuzz".into(), blocks: doc.blocks, footnotes: doc.footnotes }],
    };
    let json = serde_json::to_string(&chunk).expect("the tree serialises");
    let back: BodyChunk = serde_json::from_str(&json).expect("the widget can read what the compiler writes");
    assert_eq!(back, chunk);
});
