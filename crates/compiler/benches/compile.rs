//! Compiler throughput: 10,000 seeds made from the real DigitalGov corpus, compiled end to end (read, parse,
//! derive, render, write), next to raw pulldown-cmark parsing of the same text; and the `tidings build` command
//! on the same seeds, which also prints its diagnostics (the corpus gives thousands of warnings; they go to
//! `/dev/null`). Prints documents and MB per second, the ratio to pulldown-cmark and the command's peak memory.
//! Run with `cargo bench -p tidings-compiler` (or `make bench-compiler`); `TIDINGS_BENCH_DOCS` sets the numbers
//! of documents, one table each (`10000,100000`).
//!
//! The file system is part of what is measured, so the harness keeps its own traces out of it. On this
//! machine's ext4, which has no journal, creating a file within 30 seconds of thousands of deletions (five
//! minutes while their inode tables are dirty, and new files dirty them again) makes the inode allocator step
//! over each freed inode, one by one, for every file created: the command took 60% longer just after 100,000
//! seeds were removed. So the seeds are made once into the target folder and kept for later runs (made again
//! only when the corpus changes); each run writes into a folder of its own, and every run's folder is kept
//! until the last size is measured; dirty data is written out (`sync`) before each run.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use nix::sys::resource::{getrusage, UsageWho};
use pulldown_cmark::Parser;
use tidings_compiler::{compile, markdown, output, Options};

const RUNS: usize = 3;

/// The version of [`seed`]'s recipe: a folder made by another is made again.
const RECIPE: u32 = 1;

fn main() {
    let mut sizes: Vec<usize> = std::env::var("TIDINGS_BENCH_DOCS")
        .unwrap_or_else(|_| "10000".into())
        .split(',')
        .map(|n| {
            n.trim()
                .parse()
                .expect("TIDINGS_BENCH_DOCS: numbers separated by commas")
        })
        .collect();
    // Smallest first: the command's peak memory is read as the largest of every run so far.
    sizes.sort_unstable();
    sizes.dedup();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/digitalgov-seeds");
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
    let mut outputs = Vec::new();
    for docs in sizes {
        outputs.push(measure(&sources, docs));
    }
    // Every run's output, removed only now: see the module's comment.
    drop(outputs);
}

/// The `i`th of a corpus's seeds: its file name and text. A distinct title per copy keeps slugs unique, as in a
/// real corpus of that size.
fn seed(sources: &[(String, String)], i: usize) -> (String, String) {
    let (name, text) = &sources[i % sources.len()];
    let text = text.replacen("\n# ", &format!("\n# {} ", i / sources.len() + 1), 1);
    (format!("{i:05}-{name}"), text)
}

/// The folder of `docs` seeds, made unless an earlier run made it from the same corpus.
fn seeds_folder(sources: &[(String, String)], docs: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("bench-seeds-{docs}"));
    let stamp = dir.join(".made-from");
    let mut hasher = DefaultHasher::new();
    (RECIPE, docs, sources).hash(&mut hasher);
    let fingerprint = format!("{:016x}\n", hasher.finish());
    if std::fs::read_to_string(&stamp).is_ok_and(|s| s == fingerprint) {
        return dir;
    }
    eprintln!("making {docs} seeds in {}", dir.display());
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..docs {
        let (name, text) = seed(sources, i);
        std::fs::write(dir.join(name), text).unwrap();
    }
    // Last: a folder without its stamp is made again.
    std::fs::write(&stamp, fingerprint).unwrap();
    dir
}

/// Measures and prints one size; returns the runs' output folders.
fn measure(sources: &[(String, String)], docs: usize) -> Vec<tempfile::TempDir> {
    let seeds = seeds_folder(sources, docs);

    let (command, commanded) = best_of(|| {
        let out = tempfile::tempdir().unwrap();
        let status = Command::new(env!("CARGO_BIN_EXE_tidings"))
            .args(["build", "--out"])
            .arg(out.path())
            .arg(&seeds)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "tidings build failed: {status}");
        out
    });
    // The command's peak memory: the largest resident set of any child so far. On Linux a child started from
    // this process also counts this process's own peak until then, so the command runs first, while this process
    // is small (before the texts are read and the compile-and-write runs), the sizes come smallest first, and a
    // reading no larger than this process's own peak is refused.
    let before = getrusage(UsageWho::RUSAGE_SELF).map_or(0, |u| u.max_rss());
    let command_peak = getrusage(UsageWho::RUSAGE_CHILDREN).map_or(0, |u| u.max_rss());
    assert!(
        command_peak > before,
        "the command's peak memory is hidden by the benchmark's own"
    );
    // Kibibytes, as Linux counts them, to megabytes.
    let command_peak = command_peak as f64 * 1024.0 / 1e6;
    let (compiler, compiled) = best_of(|| {
        let out = tempfile::tempdir().unwrap();
        let c = compile(&seeds, &Options::default(), &|_, _| {});
        let o = c.output.expect("the corpus compiles");
        assert_eq!(o.bundle.articles.len(), docs);
        let rendered = output::render(o);
        output::write(out.path(), &rendered, output::Compression::None).unwrap();
        // Freed inside the timing: a program that compiles and goes on pays for it (the command does not: it leaves
        // its memory to the system at exit). Only the output folder is kept, until the benchmark ends.
        drop((c.report, rendered));
        out
    });
    let texts: Vec<String> = (0..docs).map(|i| seed(sources, i).1).collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mb = bytes as f64 / 1e6;
    let (raw, _) = best_of(|| {
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
    println!("peak memory of the command (MB): {command_peak:.0}");
    compiled.into_iter().chain(commanded).collect()
}

/// The best time of [`RUNS`] runs of `f`, and what the runs returned (their output folders), for the caller to
/// drop when no more runs follow.
fn best_of<T>(mut f: impl FnMut() -> T) -> (Duration, Vec<T>) {
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
    (best, kept)
}
