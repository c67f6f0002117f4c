//! The real corpora of `corpus/`: news posts compile, and odd or invalid files give a clear
//! diagnostic, never a panic.

use std::path::{Path, PathBuf};

use serde_json::Value;
use tidings_compiler::diag::{Severity, Sink};
use tidings_compiler::seed::{self, Outcome};
use tidings_compiler::{compile, split, yaml, Compilation, Options};

fn corpus(name: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus")).join(name)
}

fn run(dir: &Path) -> Compilation {
    compile(dir, &Options::default(), &|_, _| {})
}

/// The DigitalGov posts as Hugo published them expired on 2025-01-01 (`expirydate`): compiled with them, as
/// `--expired` does.
fn run_with_expired(dir: &Path) -> Compilation {
    let options = Options {
        expired: true,
        ..Options::default()
    };
    compile(dir, &options, &|_, _| {})
}

fn errors(c: &Compilation) -> Vec<String> {
    c.report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{}: {}", c.report.files[d.file].name, d.message))
        .collect()
}

#[test]
fn digitalgov_seeds_compile_without_errors() {
    let c = run(&corpus("digitalgov-seeds"));
    assert_eq!(errors(&c), Vec::<String>::new());
    let output = c.output.expect("a bundle");
    let bundle = output.bundle;
    assert_eq!(bundle.articles.len(), 2083);
    for (card, body) in bundle.articles.iter().zip(&output.bodies) {
        // 291 posts are a title and a link only: their excerpt is empty, every other card has one.
        let body = serde_json::from_str(body).expect("a body's JSON");
        assert_eq!(card.excerpt.is_empty(), text_free(&body), "{}", card.id);
    }
    assert_eq!(c.stats.skipped, 1, "LICENSE is counted as skipped");
    assert!(bundle.articles.iter().all(|a| !a.title.is_empty()));
    // Hugo's section page `_index.md` has no date and no dated source: it sorts last.
    let undated: Vec<_> = bundle
        .articles
        .iter()
        .filter(|a| a.date.is_none())
        .map(|a| a.id.as_str())
        .collect();
    assert_eq!(undated, ["_index"]);
    assert_eq!(bundle.articles.last().unwrap().id, "_index");
    assert!(
        bundle.articles[..2082]
            .windows(2)
            .all(|w| w[0].date >= w[1].date),
        "newest first"
    );
    let mut slugs: Vec<_> = bundle.articles.iter().map(|a| &a.slug).collect();
    slugs.sort();
    slugs.dedup();
    assert_eq!(slugs.len(), 2083, "slugs are unique");
}

#[test]
fn digitalgov_raw_compiles_as_documented() {
    // Hugo front matter: `title`, `topics` as tags, `source_url` as a source, `summary`, `authors` as the
    // byline, `slug`; other keys warn.
    let c = run_with_expired(&corpus("digitalgov-raw"));
    assert_eq!(
        errors(&c),
        ["2018/09/2018-09-24-example.md: seed has no title"],
        "the one post with neither a `title` nor a heading is the only error"
    );
    let unknown = |key: &str| {
        let message = format!("unknown front matter key `{key}` is ignored");
        c.report
            .diagnostics
            .iter()
            .filter(|d| d.message == message)
            .count()
    };
    assert_eq!(unknown("slug"), 0);
    assert_eq!(unknown("authors"), 0);
    assert_eq!(unknown("topics"), 0);
    assert_eq!(unknown("source_url"), 0);
    assert!(unknown("deck") > 0, "DigitalGov's own keys are named");
    // Without --expired, the posts past their `expirydate` are left out and counted, as Hugo leaves them out.
    let hugo = run(&corpus("digitalgov-raw"));
    assert!(hugo.stats.expired > 1_000, "{:?}", hugo.stats);
}

#[test]
fn digitalgov_raw_post_reads_hugo_keys() {
    let dir = corpus("digitalgov-raw/2010/10");
    let c = run_with_expired(&dir);
    let card = &c.output.expect("a bundle").bundle.articles[0];
    assert_eq!(
        card.title,
        "Tell Compelling Stories with Data Visualization"
    );
    assert_eq!(card.tags, ["analytics", "data-visualization"]);
    assert_eq!(card.date.as_deref(), Some("2010-10-22"));
    assert!(
        card.excerpt.starts_with("No information is more critical"),
        "summary is the excerpt"
    );
    assert_eq!(card.slug, "tell-compelling-stories-with-data-visualization");
    assert!(!card.authors.is_empty(), "authors are the byline");
}

/// Whether a body's paragraphs are only template shortcodes, which the excerpt skips.
fn text_free(body: &tidings_bundle::ArticleBody) -> bool {
    body.blocks.iter().all(|b| match b {
        tidings_bundle::Block::Paragraph(inlines) => {
            let mut text = String::new();
            tidings_compiler::text::plain(inlines, &mut text);
            text.trim().is_empty() || text.trim_start().starts_with("{{")
        }
        _ => true,
    })
}

fn compile_one(text: &str) -> (Outcome, Vec<tidings_compiler::diag::Diagnostic>) {
    let mut out = Vec::new();
    let outcome = seed::compile(
        "case",
        text,
        &mut Sink {
            file: 0,
            out: &mut out,
        },
    );
    (outcome, out)
}

#[test]
fn every_jekyll_post_gives_an_article_or_a_diagnostic() {
    let dir = corpus("edge-cases/jekyll-posts");
    let mut articles = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let (outcome, diags) = compile_one(&text);
        match outcome {
            Outcome::Article(_) => articles += 1,
            Outcome::Left(_) => {}
            Outcome::Failed => assert!(
                diags
                    .iter()
                    .any(|d| d.severity == Severity::Error && d.help.is_some()),
                "{}: failed without an error that says how to fix it",
                path.display()
            ),
        }
    }
    assert!(
        articles >= 30,
        "most Jekyll posts are articles, got {articles}"
    );
}

#[test]
fn jekyll_folder_skips_files_that_are_not_seeds() {
    let c = run(&corpus("edge-cases/jekyll-posts"));
    // .yml, .text, .mkdn, a file without extension and LICENSE are not seeds.
    assert!(c.stats.skipped >= 5, "skipped {}", c.stats.skipped);
}

#[test]
fn yaml_suite_cases_match_the_manifest() {
    let dir = corpus("edge-cases/yaml-suite");
    let manifest: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("MANIFEST.json")).unwrap()).unwrap();
    assert_eq!(manifest.len(), 226);
    let mut mismatches = Vec::new();
    for case in &manifest {
        let file = case["file"].as_str().unwrap();
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let (outcome, diags) = compile_one(&text);
        let yaml_error = diags
            .iter()
            .find(|d| d.message.starts_with("front matter is not valid YAML"));
        if case["valid"] == true {
            if let Some(error) = yaml_error {
                mismatches.push(format!(
                    "{file}: valid YAML reported invalid: {:?}",
                    error.message
                ));
                continue;
            }
            let fm = split::split(&text).unwrap().front_matter.unwrap();
            let value = yaml::parse_value(fm.yaml).unwrap_or(Value::Null);
            if !case["expected_json"].is_null() && !same(&value, &case["expected_json"]) {
                mismatches.push(format!(
                    "{file}: parsed {value} expected {}",
                    case["expected_json"]
                ));
            }
            if case["top_level"] != "dict" {
                assert!(
                    matches!(outcome, Outcome::Failed),
                    "{file}: a non-mapping front matter is an error"
                );
            }
        } else {
            match yaml_error {
                Some(error) => assert!(
                    error.span.is_some(),
                    "{file}: the YAML error points at a line"
                ),
                None => mismatches.push(format!("{file}: invalid YAML was accepted")),
            }
        }
    }
    assert_eq!(mismatches, Vec::<String>::new());
}

/// Equal as JSON, with numbers compared by value (`1.0` and `1`).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}
