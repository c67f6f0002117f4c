//! The Tidings seed compiler: a folder of Markdown seeds becomes a versioned JSON bundle.
//!
//! [`compile`] walks the seeds folder and returns a [`Compilation`]: the bundle (when no seed has an error) and
//! a [`diag::Report`] of everything found, every bad seed in one run. [`output::write`] puts the bundle on disk
//! atomically. Per seed the pipeline is `split` (front matter from body) → `yaml` → `front_matter` →
//! `seed` (validation, derived fields) with `markdown` building the document tree; `sources`, `links`,
//! `dates` and `text` are the small derivations. Nothing here prints: the `tidings` binary is the edge.

pub mod dates;
pub mod diag;
pub mod front_matter;
pub mod links;
pub mod markdown;
pub mod output;
pub mod seed;
pub mod sources;
pub mod split;
pub mod text;
pub mod yaml;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use tidings_bundle::{Bundle, Card, TagCount, SCHEMA_VERSION};

use crate::diag::{Diagnostic, Report, Sink, SourceFile};
use crate::seed::Outcome;

/// File extensions read as seeds.
pub const SEED_EXTENSIONS: &[&str] = &["md", "markdown", "txt"];

/// Default largest seed, in bytes.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 1024 * 1024;

/// How a run behaves.
#[derive(Debug, Clone)]
pub struct Options {
    /// Seeds larger than this are an error, not read.
    pub max_file_bytes: u64,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
        }
    }
}

/// A compiled bundle: the first view and every article's body, in the same order.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    /// `bundle.json`; each card's `body` path is left empty here and filled in by [`output::render`].
    pub bundle: Bundle,
    /// One body per card, in card order, as JSON (a [`tidings_bundle::ArticleBody`]): serialised as soon as its
    /// seed is compiled, on the thread that compiled it, since the text takes a fraction of the memory of the
    /// document tree (at 100,000 seeds, keeping the trees until the bundle was written took 1.3 GB more).
    pub bodies: Vec<String>,
}

/// Counts of what a run saw.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Seed files read.
    pub seeds: usize,
    /// Files that are not seeds (other extensions).
    pub skipped: usize,
    /// Seeds left out as drafts.
    pub drafts: usize,
    /// Bytes of seed text read.
    pub bytes: u64,
}

/// The result of a run.
#[derive(Debug)]
pub struct Compilation {
    /// The bundle, or `None` when any seed had an error.
    pub output: Option<Output>,
    /// Files read and diagnostics found.
    pub report: Report,
    /// Counts.
    pub stats: Stats,
}

/// Lists the seed files under `dir`, sorted by path, and counts the files skipped. Unreadable entries (a
/// permission error, a symlink loop) are reported.
pub fn discover(dir: &Path, report: &mut Report) -> (Vec<PathBuf>, usize) {
    let mut seeds = Vec::new();
    let mut skipped = 0;
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    for entry in
        walker.filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
    {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                let is_seed = entry
                    .path()
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| SEED_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
                if is_seed {
                    seeds.push(entry.into_path());
                } else {
                    skipped += 1;
                }
            }
            Ok(_) => {}
            Err(err) => {
                let path = err.path().unwrap_or(dir).to_path_buf();
                let file = add_file(report, dir, &path, String::new());
                let why = if err.loop_ancestor().is_some() {
                    "a symbolic link loops back to a folder above it".to_string()
                } else {
                    err.to_string()
                };
                Sink {
                    file,
                    out: &mut report.diagnostics,
                }
                .error(
                    None,
                    format!("cannot read `{}`: {why}", display(dir, &path)),
                    "",
                    "fix or remove the link or the file's permissions",
                );
            }
        }
    }
    (seeds, skipped)
}

/// Compiles every seed under `dir`. Seeds are compiled in parallel; the result and the order of the
/// diagnostics do not depend on it. `progress` is called after each file with (done, total), from any thread.
pub fn compile(
    dir: &Path,
    options: &Options,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Compilation {
    let mut report = Report::default();
    let mut stats = Stats::default();
    if !dir.is_dir() {
        let file = add_file(&mut report, dir, dir, String::new());
        Sink {
            file,
            out: &mut report.diagnostics,
        }
        .error(
            None,
            format!(
                "seeds folder `{}` does not exist or is not a folder",
                dir.display()
            ),
            "",
            "pass the folder that holds your .md seeds",
        );
        return Compilation {
            output: None,
            report,
            stats,
        };
    }
    let (paths, skipped) = discover(dir, &mut report);
    stats.skipped = skipped;
    let done = AtomicUsize::new(0);
    let results: Vec<SeedResult> = paths
        .par_iter()
        .map(|path| {
            let result = compile_file(dir, path, options);
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, paths.len());
            result
        })
        .collect();

    let mut articles: Vec<(usize, Card, String)> = Vec::new();
    let mut ids: HashMap<String, usize> = HashMap::new();
    for result in results {
        stats.seeds += 1;
        stats.bytes += result.bytes as u64;
        let file = report.files.len();
        report.files.push(result.file);
        report.diagnostics.extend(
            result
                .diagnostics
                .into_iter()
                .map(|d| Diagnostic { file, ..d }),
        );
        let Some((id, outcome)) = result.outcome else {
            continue;
        };
        if let Some(&first) = ids.get(&id) {
            let first_name = report.files[first].name.clone();
            Sink {
                file,
                out: &mut report.diagnostics,
            }
            .error(
                None,
                format!("id `{id}` is already used by `{first_name}`"),
                "",
                "ids come from file names: rename one of the two files",
            );
            continue;
        }
        ids.insert(id, file);
        match outcome {
            Outcome::Article(article) => {
                let (card, body) = *article;
                articles.push((file, card, body));
            }
            Outcome::Draft => stats.drafts += 1,
            Outcome::Failed => {}
        }
    }
    let failed = report.count(diag::Severity::Error) > 0;
    let output = (!failed).then(|| assemble(articles, &mut report));
    Compilation {
        output,
        report,
        stats,
    }
}

/// One seed's file, diagnostics (as file 0) and, when it could be read, its id and outcome.
struct SeedResult {
    file: SourceFile,
    /// Bytes of text read.
    bytes: usize,
    diagnostics: Vec<Diagnostic>,
    /// Its body serialised as soon as it is compiled (see [`Output::bodies`]).
    outcome: Option<(String, Outcome<String>)>,
}

fn compile_file(dir: &Path, path: &Path, options: &Options) -> SeedResult {
    let mut file = SourceFile {
        name: display(dir, path),
        text: String::new(),
    };
    let mut diagnostics = Vec::new();
    let mut sink = Sink {
        file: 0,
        out: &mut diagnostics,
    };
    let outcome = read_seed(&mut sink, &mut file, path, options).then(|| {
        let id = id_from_path(path);
        let outcome =
            seed::compile(&id, &file.text, &mut sink).map_body(|body| output::json(&body));
        (id, outcome)
    });
    let bytes = file.text.len();
    // Later diagnostics (duplicate ids and slugs) point at no text: a seed's text is kept only for its own.
    if diagnostics.iter().all(|d| d.span.is_none()) {
        file.text = String::new();
    }
    SeedResult {
        file,
        bytes,
        diagnostics,
        outcome,
    }
}

/// Reads a seed's text into `file`; false (with a diagnostic) when it is too large, unreadable or not UTF-8.
fn read_seed(sink: &mut Sink, file: &mut SourceFile, path: &Path, options: &Options) -> bool {
    let name = &file.name;
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > options.max_file_bytes {
        sink.error(
            None,
            format!(
                "`{name}` is {size} bytes, over the limit of {} bytes",
                options.max_file_bytes
            ),
            "",
            "split the seed, or raise the limit with --max-file-size",
        );
        return false;
    }
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => {
            sink.error(
                None,
                format!("cannot read `{name}`: {err}"),
                "",
                "check that the file exists and is readable",
            );
            return false;
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => {
            file.text = text;
            true
        }
        Err(err) => {
            let at = err.utf8_error().valid_up_to();
            file.text = String::from_utf8_lossy(err.as_bytes()).into_owned();
            sink.error(
                Some(at..at + '\u{fffd}'.len_utf8()),
                format!("file is not valid UTF-8 (byte offset {at})"),
                "invalid byte here",
                "save the file as UTF-8",
            );
            false
        }
    }
}

fn add_file(report: &mut Report, dir: &Path, path: &Path, text: String) -> usize {
    report.files.push(SourceFile {
        name: display(dir, path),
        text,
    });
    report.files.len() - 1
}

fn display(dir: &Path, path: &Path) -> String {
    let shown = path
        .strip_prefix(dir)
        .ok()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(path);
    shown.to_string_lossy().replace('\\', "/")
}

/// The id of a seed: its file name without extension, with any character other than ASCII letters, digits,
/// `_`, `-` and `.` replaced by `-`, so it is safe in a file name and a URL.
pub fn id_from_path(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    let id: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "_-.".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    if id.is_empty() {
        "seed".into()
    } else {
        id
    }
}

/// Orders the articles, makes slugs unique and counts tags.
fn assemble(mut articles: Vec<(usize, Card, String)>, report: &mut Report) -> Output {
    // Newest first; undated last; then by title and id so the order never depends on the file system.
    articles.sort_by(|a, b| {
        (b.1.date.is_some(), &b.1.date)
            .cmp(&(a.1.date.is_some(), &a.1.date))
            .then_with(|| a.1.title.cmp(&b.1.title))
            .then_with(|| a.1.id.cmp(&b.1.id))
    });
    let mut by_id: Vec<usize> = (0..articles.len()).collect();
    by_id.sort_by(|&a, &b| articles[a].1.id.cmp(&articles[b].1.id));
    let mut taken: HashMap<String, String> = HashMap::new();
    for i in by_id {
        let (file, card, _) = &mut articles[i];
        let wanted = if card.slug.is_empty() {
            card.id.to_lowercase()
        } else {
            card.slug.clone()
        };
        let mut slug = wanted.clone();
        let mut n = 2;
        while taken.contains_key(&slug) {
            slug = format!("{wanted}-{n}");
            n += 1;
        }
        if slug != wanted {
            let other = taken[&wanted].clone();
            Sink {
                file: *file,
                out: &mut report.diagnostics,
            }
            .warning(
                None,
                format!(
                    "slug `{wanted}` is also the slug of `{other}`; this article gets `{slug}`"
                ),
                "",
                "give one of the two articles a different title",
            );
        }
        taken.insert(slug.clone(), card.id.clone());
        card.slug = slug;
    }
    let mut counts: BTreeMap<&str, u32> = BTreeMap::new();
    for (_, card, _) in &articles {
        for tag in &card.tags {
            *counts.entry(tag).or_default() += 1;
        }
    }
    let mut tags: Vec<TagCount> = counts
        .into_iter()
        .map(|(tag, count)| TagCount {
            tag: tag.to_string(),
            count,
        })
        .collect();
    tags.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.tag.cmp(&b.tag)));
    let (cards, bodies) = articles
        .into_iter()
        .map(|(_, card, body)| (card, body))
        .unzip();
    Output {
        bundle: Bundle {
            schema_version: SCHEMA_VERSION,
            tags,
            articles: cards,
        },
        bodies,
    }
}
