//! Compiler throughput: 10,000 seeds made from the real DigitalGov corpus, compiled end to end (read, parse,
//! derive, render, write), next to raw pulldown-cmark parsing of the same text. Prints documents and MB per
//! second for both and their ratio. Run with `cargo bench -p tidings-compiler` (or `make bench-compiler`);
//! `TIDINGS_BENCH_DOCS` changes the number of documents.

use std::path::Path;
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
        (out, c.report, o) // dropped after the clock stops: deleting 10,000 files is not the compiler's work
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
}

fn best_of<T>(mut f: impl FnMut() -> T) -> Duration {
    (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            let result = std::hint::black_box(f());
            let elapsed = start.elapsed();
            drop(result);
            elapsed
        })
        .min()
        .unwrap()
}
