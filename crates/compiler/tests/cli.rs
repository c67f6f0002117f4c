//! The `tidings` command line: exit statuses, byte-identical output, and a failed build that loses nothing.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn tidings(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(args)
        .output()
        .expect("tidings runs")
}

/// `tidings build [EXTRA…] SEEDS --out OUT`.
fn build(seeds: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["build"];
    args.extend(extra);
    args.extend([seeds.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    tidings(&args)
}

fn project_seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds")
}

fn invalid() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The run failed with status 1 and said `text` on stderr.
fn assert_fails_saying(run: &Output, text: &str) {
    assert_eq!(run.status.code(), Some(1), "{}", stderr(run));
    assert!(
        stderr(run).contains(text),
        "expected {text:?} in:\n{}",
        stderr(run)
    );
}

/// Every file under `dir`, with its bytes, sorted by path.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = walkdir(dir)
        .into_iter()
        .map(|p| {
            (
                p.strip_prefix(dir).unwrap().to_path_buf(),
                fs::read(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walkdir(&path))
        } else {
            out.push(path)
        }
    }
    out
}

fn seeds_dir(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    dir
}

const GOOD: &str =
    "---\nsources: [\"https://www.npr.org/2024/01/02/x\"]\ntags: [news]\n---\n# A story\n\nText.\n";

#[test]
fn build_writes_bundle_json_and_article_bodies() {
    let out = tempfile::tempdir().unwrap();
    let run = build(&project_seeds(), out.path(), &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    let bundle: serde_json::Value =
        serde_json::from_slice(&fs::read(out.path().join("bundle.json")).unwrap()).unwrap();
    let body = bundle["articles"][0]["body"].as_str().unwrap();
    assert!(out.path().join(body).is_file(), "{body} exists");
    assert!(!String::from_utf8_lossy(&fs::read(out.path().join("bundle.json")).unwrap()).contains("After intense negotiations, a multi-party agreement facilitated by Qatar has permitted a group of foreign nationals, including Americans, to leave the Gaza Strip. This significant development, coordinated with the United States and involving Egypt, Israel, and Hamas, comes as Israel escalates its military presence in the region."), "bodies stay out of bundle.json");
    assert!(stderr(&run)
        .contains("1 seeds, 0 other files skipped, 0 drafts, 1 articles; 0 errors, 0 warnings"));
}

#[test]
fn a_missing_output_folder_is_created() {
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("new/deeper");
    let run = build(&project_seeds(), &out, &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(assert_readable_bundle(&out), 1);
}

#[test]
fn the_same_seeds_give_byte_identical_output() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/digitalgov-seeds");
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    for out in [&a, &b] {
        let run = build(&corpus, out.path(), &["-q"]);
        assert!(run.status.success(), "{}", stderr(&run));
    }
    assert_eq!(snapshot(a.path()), snapshot(b.path()));
}

#[test]
fn a_failed_build_leaves_the_previous_bundle_untouched() {
    let out = tempfile::tempdir().unwrap();
    assert!(build(&project_seeds(), out.path(), &[]).status.success());
    let before = snapshot(out.path());
    let run = build(&invalid(), out.path(), &[]);
    assert_fails_saying(&run, "nothing written, the previous bundle is unchanged");
    assert_eq!(snapshot(out.path()), before);
}

#[test]
fn a_rebuild_replaces_old_bodies_and_keeps_other_files() {
    let seeds = seeds_dir(&[("a.md", GOOD)]);
    let out = tempfile::tempdir().unwrap();
    fs::write(out.path().join("index.html"), "<!doctype html>").unwrap();
    let rebuild = || build(seeds.path(), out.path(), &[]);
    assert!(rebuild().status.success());
    fs::write(
        seeds.path().join("a.md"),
        GOOD.replace("Text.", "Other text."),
    )
    .unwrap();
    assert!(rebuild().status.success());
    let names: Vec<_> = snapshot(out.path())
        .into_iter()
        .map(|(p, _)| p.to_string_lossy().into_owned())
        .collect();
    // The page, the manifest, the one body chunk of the new text, its card shard, and the index: a bucket of
    // tags and one of outlets, the one chunk the story's tag list and outlet list share, a bucket of slugs, and
    // a table page each for the shards, the two facets' buckets and the slugs' bucket.
    let count = |dir: &str| names.iter().filter(|n| n.starts_with(dir)).count();
    let dirs = [
        "articles/",
        "cards/",
        "facets/",
        "lists/",
        "slugs/",
        "tables/",
    ];
    assert_eq!(dirs.map(count), [1, 1, 2, 1, 1, 4], "{names:?}");
    assert_eq!(names.len(), 12, "{names:?}");
    assert!(
        names.contains(&"index.html".to_string()) && names.contains(&"bundle.json".to_string())
    );
}

fn unbrotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::BrotliDecompress(&mut &bytes[..], &mut out).expect("valid brotli");
    out
}

fn ungzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(bytes), &mut out)
        .expect("valid gzip");
    out
}

#[test]
fn precompress_writes_brotli_and_gzip_copies_that_a_plain_build_removes() {
    let seeds = seeds_dir(&[("a.md", GOOD), ("b.md", &GOOD.replace("Text.", "B."))]);
    let out = tempfile::tempdir().unwrap();
    let rebuild = |extra: &[&str]| {
        let run = build(seeds.path(), out.path(), extra);
        assert!(run.status.success(), "{}", stderr(&run));
    };
    rebuild(&["--precompress"]);
    let files = snapshot(out.path());
    // The JSON files and the facet index's binary lists.
    let jsons: Vec<_> = files
        .iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "json" || e == "bin"))
        .collect();
    assert!(jsons.len() >= 2, "bundle.json and a chunk");
    for (path, json) in &jsons {
        let copy = |suffix: &str| {
            let name = format!("{}{suffix}", path.display());
            let found = files.iter().find(|(p, _)| p.to_string_lossy() == name);
            found.unwrap_or_else(|| panic!("no {name}")).1.clone()
        };
        assert_eq!(&unbrotli(&copy(".br")), json, "{}", path.display());
        assert_eq!(&ungzip(&copy(".gz")), json, "{}", path.display());
        // A file of a few dozen bytes (a table of one entry) compresses to about its own size.
        if path.extension().is_some_and(|e| e == "json") && json.len() > 256 {
            assert!(copy(".br").len() < json.len(), "{}", path.display());
        }
    }
    assert_eq!(files.len(), jsons.len() * 3);

    // A plain build must not leave copies of an older bundle for a server to send instead.
    fs::write(seeds.path().join("a.md"), GOOD.replace("Text.", "New.")).unwrap();
    rebuild(&[]);
    let names: Vec<_> = snapshot(out.path()).into_iter().map(|(p, _)| p).collect();
    assert!(
        names
            .iter()
            .all(|p| p.extension().is_some_and(|e| e == "json" || e == "bin")),
        "{names:?}"
    );
}

#[test]
fn check_reports_every_error_and_writes_nothing() {
    let run = tidings(&["check", invalid().to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    let text = stderr(&run);
    assert_eq!(text.matches("error[E").count(), 13, "{text}");
    assert!(text.contains("┌─ bad-date.md:3:7"), "{text}");
    assert!(!invalid().join("bundle.json").exists());
}

#[test]
fn strict_turns_warnings_into_errors() {
    let seeds = seeds_dir(&[(
        "a.md",
        &GOOD.replace("tags: [news]", "tags: [news]\nkicker: me"),
    )]);
    let dir = seeds.path().to_str().unwrap();
    let relaxed = tidings(&["check", dir]);
    assert_eq!(relaxed.status.code(), Some(0), "{}", stderr(&relaxed));
    assert!(stderr(&relaxed)
        .contains("warning[W003]: unknown key ignored: 1 in 1 file, first at a.md:"));
    let strict = tidings(&["check", "--strict", dir]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(stderr(&strict).contains("error[W003]: unknown front matter key `kicker` is ignored"));
}

#[test]
fn usage_errors_exit_with_2() {
    assert_eq!(tidings(&[]).status.code(), Some(2));
    assert_eq!(
        tidings(&["build", "seeds"]).status.code(),
        Some(2),
        "--out is required"
    );
    assert_eq!(
        tidings(&["check", "seeds", "--frobnicate"]).status.code(),
        Some(2)
    );
}

#[test]
fn help_explains_every_option() {
    let help = String::from_utf8(tidings(&["build", "--help"]).stdout).unwrap();
    for option in [
        "--out",
        "--strict",
        "--max-file-size",
        "--quiet",
        "--color",
        "--precompress",
        "SEEDS_DIR",
    ] {
        assert!(help.contains(option), "{option} in {help}");
    }
}

#[test]
fn a_missing_seeds_folder_is_an_error() {
    let run = tidings(&["check", "/nonexistent/seeds"]);
    assert_fails_saying(&run, "seeds folder `/nonexistent/seeds` does not exist");
}

#[test]
fn duplicate_ids_are_an_error_naming_both_files() {
    let seeds = seeds_dir(&[("2024/story.md", GOOD), ("2025/story.markdown", GOOD)]);
    let run = tidings(&["check", seeds.path().to_str().unwrap()]);
    assert_fails_saying(&run, "id `story` is already used by `2024/story.md`");
}

#[test]
fn oversized_seeds_are_refused_with_the_limit() {
    let seeds = seeds_dir(&[("big.md", &format!("{GOOD}{}", "word ".repeat(500)))]);
    let run = tidings(&[
        "check",
        "--max-file-size",
        "1000",
        seeds.path().to_str().unwrap(),
    ]);
    assert_fails_saying(&run, "over the limit of 1000 bytes");
}

#[test]
fn drafts_are_left_out() {
    let seeds = seeds_dir(&[
        ("a.md", GOOD),
        (
            "b.md",
            &GOOD.replace("tags: [news]", "tags: [news]\ndraft: true"),
        ),
    ]);
    let out = tempfile::tempdir().unwrap();
    let run = build(seeds.path(), out.path(), &[]);
    assert!(
        stderr(&run).contains("2 seeds, 0 other files skipped, 1 drafts, 1 articles"),
        "{}",
        stderr(&run)
    );
}

#[test]
fn a_symlink_loop_is_reported_not_followed_forever() {
    let seeds = seeds_dir(&[("a.md", GOOD)]);
    std::os::unix::fs::symlink(seeds.path(), seeds.path().join("loop")).unwrap();
    let run = tidings(&["check", seeds.path().to_str().unwrap()]);
    assert_fails_saying(&run, "a symbolic link loops back to a folder above it");
}

/// `bundle.json` is whole, and every shard and chunk it leads to exists: the number of cards.
fn assert_readable_bundle(out: &Path) -> usize {
    let manifest: tidings_bundle::Manifest =
        serde_json::from_slice(&fs::read(out.join("bundle.json")).unwrap())
            .expect("bundle.json is whole");
    let mut cards = Vec::new();
    for page in &manifest.cards.pages {
        let page: tidings_bundle::TablePage =
            serde_json::from_slice(&fs::read(out.join(page)).expect("table page exists")).unwrap();
        for path in &page.entries {
            let shard: tidings_bundle::CardShard =
                serde_json::from_slice(&fs::read(out.join(path)).expect("shard exists")).unwrap();
            cards.extend(shard.articles);
        }
    }
    assert_eq!(cards.len(), manifest.total as usize);
    for card in &cards {
        let chunk: tidings_bundle::BodyChunk =
            serde_json::from_slice(&fs::read(out.join(&card.body)).expect("chunk exists")).unwrap();
        assert!(chunk.body(&card.id).is_some());
    }
    cards.len()
}

#[test]
fn a_build_killed_half_way_leaves_the_previous_bundle_readable() {
    // A large build killed at several moments: whatever the moment, the folder holds a whole bundle whose
    // chunks all exist (the previous one or the new one).
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/digitalgov-seeds");
    let out = tempfile::tempdir().unwrap();
    let out_str = out.path().to_str().unwrap();
    assert!(build(&project_seeds(), out.path(), &[]).status.success());
    assert_eq!(assert_readable_bundle(out.path()), 1);
    for delay_ms in [5, 300, 1000, 1600, 2000, 2300, 2600, 3000] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tidings"))
            .args(["build", "-q", corpus.to_str().unwrap(), "--out", out_str])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL: no clean-up runs
        let _ = child.wait();
        let articles = assert_readable_bundle(out.path());
        assert!(
            articles == 1 || articles == 2083,
            "killed after {delay_ms} ms: {articles} articles"
        );
    }
    // The next build finishes the job and leaves no temporary file behind.
    assert!(build(&corpus, out.path(), &["-q"]).status.success());
    assert_eq!(assert_readable_bundle(out.path()), 2083);
    let leftovers: Vec<_> = snapshot(out.path())
        .into_iter()
        .filter(|(p, _)| p.to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
