//! What the command tells an author about a large archive, and what it tells an editor or CI: a default output
//! that fits on a screen, every diagnostic as JSON, every code documented; and `tidings new`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tidings_compiler::code::Code;

fn tidings(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(args)
        .output()
        .expect("tidings runs")
}

fn raw() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/digitalgov-raw")
}

fn archives() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/archives")
}

#[test]
fn a_build_of_a_large_archive_fits_on_a_screen_and_names_every_kind_of_warning() {
    let dir = raw();
    let args = [
        "check",
        dir.to_str().unwrap(),
        "--base-url",
        "https://digital.gov",
        "--expired",
    ];
    let run = tidings(&args);
    let text = String::from_utf8_lossy(&run.stderr).into_owned();
    assert_eq!(
        run.status.code(),
        Some(1),
        "the titleless post is an error:\n{text}"
    );
    let lines = text.lines().count();
    assert!(lines <= 40, "{lines} lines:\n{text}");
    // Every kind of warning, with its count, matches what --format json lists one by one.
    let json = tidings(&[&args[..], &["--format", "json"]].concat());
    let objects: Vec<serde_json::Value> = String::from_utf8(json.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    let mut kinds: Vec<(String, usize)> = Vec::new();
    for o in objects.iter().filter(|o| o["severity"] == "warning") {
        let code = o["code"].as_str().unwrap().to_string();
        match kinds.iter_mut().find(|(c, _)| *c == code) {
            Some((_, n)) => *n += 1,
            None => kinds.push((code, 1)),
        }
    }
    assert!(kinds.len() >= 5, "{kinds:?}");
    for (code, count) in &kinds {
        let count = tidings_compiler::diag::thousands(*count);
        assert!(
            text.lines()
                .any(|l| l.starts_with(&format!("warning[{code}]"))
                    && l.contains(&format!(": {count} in "))),
            "{code} with {count}:\n{text}"
        );
    }
    assert!(text.contains("error[E009]: seed has no title"), "{text}");
    // --verbose prints every block: far more than a screen.
    let verbose = tidings(&[&args[..], &["--verbose"]].concat());
    assert!(String::from_utf8_lossy(&verbose.stderr).lines().count() > 1_000);
}

#[test]
fn json_has_one_object_per_diagnostic_with_its_place_and_code() {
    let dir = archives();
    let run = tidings(&["check", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(run.status.code(), Some(0));
    let objects: Vec<serde_json::Value> = String::from_utf8(run.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let compiled = tidings_compiler::compile(&dir, &Default::default(), &|_, _| {});
    assert_eq!(objects.len(), compiled.report.diagnostics.len());
    let bom = objects
        .iter()
        .find(|o| o["code"] == "W005")
        .expect("the stray byte-order mark");
    assert_eq!(bom["file"], "stray-bom.md");
    assert_eq!(
        (bom["line"].as_u64(), bom["column"].as_u64()),
        (Some(2), Some(8))
    );
    assert_eq!(bom["severity"], "warning");
    assert!(bom["help"].as_str().unwrap().contains("UTF-8"));
    for o in &objects {
        for key in [
            "file", "line", "column", "severity", "code", "message", "help",
        ] {
            assert!(o.get(key).is_some(), "{key} in {o}");
        }
    }
}

#[test]
fn every_code_is_documented_with_an_example() {
    let docs = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/diagnostics.md"),
    )
    .unwrap();
    let mut names: Vec<&str> = Code::ALL.iter().map(|c| c.name()).collect();
    for code in Code::ALL {
        let heading = format!("### {}: {}", code.name(), code.title());
        assert!(
            docs.contains(&heading),
            "docs/diagnostics.md lacks `{heading}`"
        );
        let severity = if code.name().starts_with('E') {
            "error"
        } else {
            "warning"
        };
        assert!(
            docs.contains(&format!("{severity}[{}]: ", code.name())),
            "no example for {}",
            code.name()
        );
    }
    names.sort();
    names.dedup();
    assert_eq!(names.len(), Code::ALL.len(), "codes are unique");
}

#[test]
fn base_url_on_the_command_line_wins_over_the_project_file() {
    let seeds = tempfile::tempdir().unwrap();
    std::fs::write(
        seeds.path().join("tidings.toml"),
        "base_url = \"https://old.example\"\n",
    )
    .unwrap();
    std::fs::write(
        seeds.path().join("a.md"),
        "---\nsources: [\"https://s.example/x\"]\n---\n# A\n\n[about](/about)\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let dir = seeds.path().to_str().unwrap();
    let built = tidings(&[
        "build",
        dir,
        "--out",
        out.path().to_str().unwrap(),
        "--base-url",
        "https://new.example",
    ]);
    assert_eq!(
        built.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let articles = out.path().join("articles");
    let chunk = std::fs::read_dir(&articles)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let body = std::fs::read_to_string(chunk).unwrap();
    assert!(body.contains("https://new.example/about"), "{body}");
    let bad = tidings(&["check", dir, "--base-url", "ftp://x"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn new_writes_a_seed_that_compiles_under_a_dated_slug_name() {
    let seeds = tempfile::tempdir().unwrap();
    let dir = seeds.path().to_str().unwrap();
    let run = tidings(&[
        "new",
        "Storm Closes the Harbour",
        "--tag",
        "weather",
        "--tag",
        "Local News",
        "--source",
        "https://news.example/storm",
        "--dir",
        dir,
    ]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let path = PathBuf::from(String::from_utf8(run.stdout).unwrap().trim());
    let name = path.file_name().unwrap().to_str().unwrap().to_string();
    assert!(name.ends_with("-storm-closes-the-harbour.md"), "{name}");
    let compiled = tidings_compiler::compile(seeds.path(), &Default::default(), &|_, _| {});
    assert!(
        compiled.report.diagnostics.is_empty(),
        "{:?}",
        compiled.report.diagnostics
    );
    let card = &compiled.output.unwrap().bundle.articles[0];
    assert_eq!(card.title, "Storm Closes the Harbour");
    assert_eq!(card.tags, ["weather", "local-news"]);
    assert_eq!(card.date.as_deref(), Some(&name[..10]));
    // Never over an existing seed.
    let again = tidings(&["new", "Storm Closes the Harbour", "--dir", dir]);
    assert_eq!(again.status.code(), Some(1));
}
