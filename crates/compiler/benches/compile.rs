//! Compiler throughput: 10,000 seeds made from the real DigitalGov corpus, compiled end to end (read, parse,
//! derive, render, write), next to raw pulldown-cmark parsing of the same text; and the `tidings build` command
//! on the same seeds, which also prints its diagnostics (the corpus gives thousands of warnings; they go to
//! `/dev/null`). Prints documents and MB per second and the ratio to pulldown-cmark. Run with `cargo bench -p
//! tidings-compiler` (or `make bench-compiler`); `TIDINGS_BENCH_DOCS` changes the number of documents.
//!
//! Each run writes into a folder of its own, the folders are removed after the last run, and the file system's
//! dirty data is written out (`sync`) before each run starts: on this machine's ext4 (which has no journal), a
//! file created while thousands of files deleted moments before are still unwritten makes the inode allocator
//! step over each of them, which cost seconds at 100,000 documents when one run's output was removed just
//! before the next. That is the harness's doing, not the compiler's.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use pulldown_cmark::Parser;
use tidings_compiler::{compile, markdown, output, Options};

const RUNS: usize = 3;

fn main() {
    let docs: usize = std::env::var("TIDINGS_BENCH_DOCS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let corpus =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/digitalgov-seeds");
    let mut sources: Vec<(String, String)> = std::fs::read_dir(&corpus)
        .expect("the DigitalGov corpus beside the project")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read_to_string(e.path()).unwrap(),
            )
        })
        .collect();
    sources.sort();

    let seeds = tempfile::tempdir().unwrap();
    let mut texts = Vec::with_capacity(docs);
    for i in 0..docs {
        let (name, text) = &sources[i % sources.len()];
        // A distinct title per copy keeps slugs unique, as in a real corpus of that size.
        let text = text.replacen("\n# ", &format!("\n# {} ", i / sources.len() + 1), 1);
        std::fs::write(seeds.path().join(format!("{i:05}-{name}")), &text).unwrap();
        texts.push(text);
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let mb = bytes as f64 / 1e6;

    let compiler = best_of(|| {
        let out = tempfile::tempdir().unwrap();
        let c = compile(seeds.path(), &Options::default(), &|_, _| {});
        let o = c.output.expect("the corpus compiles");
        assert_eq!(o.bundle.articles.len(), docs);
        output::write(out.path(), &output::render(&o), output::Compression::None).unwrap();
        // Freed inside the timing: a program that compiles and goes on pays for it (the command does not: it leaves
        // its memory to the system at exit). Only the output folder is kept, until the last run.
        drop((c.report, o));
        out
    });
    let command = best_of(|| {
        let out = tempfile::tempdir().unwrap();
        let status = Command::new(env!("CARGO_BIN_EXE_tidings"))
            .args(["build", "--out"])
            .arg(out.path())
            .arg(seeds.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "tidings build failed: {status}");
        out
    });
    let raw = best_of(|| {
        let mut events = 0usize;
        for text in &texts {
            events += Parser::new_ext(text, markdown::options()).count();
        }
        events
    });

    println!("compiler benchmark: {docs} documents, {mb:.1} MB of seeds, best of {RUNS} runs");
    println!(
        "{:<34} {:>10} {:>12} {:>10}",
        "", "seconds", "docs/s", "MB/s"
    );
    for (name, t) in [
        ("tidings build (end to end)", compiler),
        ("tidings build command", command),
        ("pulldown-cmark parse only", raw),
    ] {
        let s = t.as_secs_f64();
        println!(
            "{name:<34} {s:>10.3} {:>12.0} {:>10.1}",
            docs as f64 / s,
            mb / s
        );
    }
    println!(
        "ratio (tidings time / pulldown-cmark time): {:.2}",
        compiler.as_secs_f64() / raw.as_secs_f64()
    );
    println!(
        "ratio (command time / pulldown-cmark time): {:.2}",
        command.as_secs_f64() / raw.as_secs_f64()
    );
}

/// The best time of [`RUNS`] runs of `f`. What the runs return (their output folders) is dropped after the
/// last one.
fn best_of<T>(mut f: impl FnMut() -> T) -> Duration {
    let mut kept = Vec::with_capacity(RUNS);
    let best = (0..RUNS)
        .map(|_| {
            // Not timed: the file system settles.
            let _ = Command::new("sync").status();
            let start = Instant::now();
            kept.push(std::hint::black_box(f()));
            start.elapsed()
        })
        .min()
        .unwrap();
    drop(kept);
    best
}
