//! The first real seed compiles to the article the widget shows first; the whole output is snapshotted.

use std::path::Path;

use tidings_compiler::{compile, output, Options};

fn project_seeds() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds"))
}

#[test]
fn first_seed_becomes_the_gaza_article() {
    let compilation = compile(project_seeds(), &Options::default(), &|_, _| {});
    assert_eq!(
        compilation.report.diagnostics,
        vec![],
        "the first seed compiles cleanly"
    );
    let bundle = compilation.output.expect("a bundle").bundle;
    let card = &bundle.articles[0];
    assert_eq!(card.id, "000_60341a51864e5bb5");
    assert_eq!(
        card.title,
        "Diplomatic Breakthrough Enables Foreigners to Exit Gaza Amid Conflict"
    );
    assert_eq!(card.tags, ["israel", "palestine", "conflicts", "usa"]);
    let outlets: Vec<_> = card
        .sources
        .iter()
        .map(|s| (s.outlet.as_str(), s.url.as_str()))
        .collect();
    assert_eq!(
        outlets,
        [
            ("CNN", "https://www.cnn.com/2023/11/01/politics/inside-negotiations-deal-foreigners-leave-gaza/index.html"),
            ("NPR", "https://www.npr.org/2023/11/02/1210094192/more-foreign-citizens-including-about-400-americans-are-set-to-depart-gaza"),
        ]
    );
    assert_eq!(card.date.as_deref(), Some("2023-11-01"));
    assert!(card
        .excerpt
        .starts_with("After intense negotiations, a multi-party agreement facilitated by Qatar"));
    assert!(card.excerpt.ends_with('…') && card.excerpt.chars().count() <= 301);
}

#[test]
fn first_seed_output_matches_the_snapshot() {
    let compilation = compile(project_seeds(), &Options::default(), &|_, _| {});
    let rendered = output::render(compilation.output.expect("a bundle"));
    insta::assert_snapshot!("bundle_json", rendered.bundle_json);
    assert_eq!(rendered.shards.len(), 1, "one shard, of the one card");
    for (path, json) in &rendered.bodies {
        insta::assert_snapshot!("body_chunk", format!("{path}\n{json}"));
    }
}
