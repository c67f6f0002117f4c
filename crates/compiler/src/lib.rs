//! The Tidings seed compiler: a folder of Markdown seeds becomes a versioned JSON bundle.
//!
//! [`compile`] walks the seeds folder and returns a [`Compilation`]: the bundle (when no seed has an error) and
//! a [`diag::Report`] of everything found, every bad seed in one run. [`output::write`] puts the bundle on disk
//! atomically. [`walk`] finds and reads the seeds; per seed the pipeline is `split` (front matter from body) → `yaml` → `front_matter` →
//! `seed` (validation, derived fields) with `markdown` building the document tree; `sources`, `links`,
//! `dates` and `text` are the small derivations; `assemble` orders the compiled seeds into one bundle. Nothing here prints: the `tidings` binary is the edge.

mod assemble;
pub mod code;
pub mod dates;
pub mod diag;
pub mod front_matter;
pub mod index;
pub mod links;
pub mod markdown;
pub mod output;
pub mod project;
pub mod seed;
pub mod sources;
pub mod split;
pub mod text;
pub mod toml_front;
pub mod walk;
pub mod yaml;

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use tidings_bundle::{Bundle, Card};

use crate::assemble::assemble;
use crate::code::Code;
use crate::diag::{Diagnostic, Report, Sink, SourceFile};
use crate::seed::Outcome;
use crate::walk::{add_file, discover, display, read_seed};
pub use crate::walk::{id_from_path, SEED_EXTENSIONS};

/// Default largest seed, in bytes.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 1024 * 1024;

/// How a run behaves. The project file (`tidings.toml`) of the seeds folder sets the rest; what is set here
/// wins over it.
#[derive(Debug, Clone)]
pub struct Options {
    /// Seeds larger than this are an error, not read.
    pub max_file_bytes: u64,
    /// The site the posts came from (`--base-url`), over the project file's `base_url`.
    pub base_url: Option<url::Url>,
    /// Publish seeds whose `publishDate` is still to come (`--future`), whatever the project file says.
    pub future: bool,
    /// Publish seeds past their `expiryDate` (`--expired`), whatever the project file says.
    pub expired: bool,
    /// Today, `YYYY-MM-DD`, for `publishDate` and `expiryDate`; the system's date when `None`.
    pub today: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            base_url: None,
            future: false,
            expired: false,
            today: None,
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
    /// Seeds left out until their `publishDate`.
    pub scheduled: usize,
    /// Seeds left out since their `expiryDate`.
    pub expired: usize,
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
        report.sink(file).file_error(
            Code::SeedsFolderMissing,
            format!(
                "seeds folder `{}` does not exist or is not a folder",
                dir.display()
            ),
            "pass the folder that holds your .md seeds",
        );
        return Compilation {
            output: None,
            report,
            stats,
        };
    }
    let project = read_project(dir, &mut report);
    let context = seed::Context {
        base_url: options
            .base_url
            .clone()
            .or_else(|| project.base_url.clone()),
        today: options
            .today
            .clone()
            .unwrap_or_else(|| seed::Context::default().today),
        future: options.future || project.future,
        expired: options.expired || project.expired,
    };
    let (paths, skipped) = discover(dir, &mut report);
    stats.skipped = skipped;
    let done = AtomicUsize::new(0);
    let results: Vec<SeedResult> = paths
        .par_iter()
        .map(|path| {
            let result = compile_file(dir, path, options, &context);
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
            report.sink(file).file_error(
                Code::IdDuplicate,
                format!("id `{id}` is already used by `{first_name}`"),
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
            Outcome::Left(seed::Left::Draft) => stats.drafts += 1,
            Outcome::Left(seed::Left::Scheduled) => stats.scheduled += 1,
            Outcome::Left(seed::Left::Expired) => stats.expired += 1,
            Outcome::Failed => {}
        }
    }
    let failed = report.count(diag::Severity::Error) > 0;
    let output = (!failed).then(|| {
        let mut output = assemble(articles, &mut report);
        output.bundle.title = project.title;
        output.bundle.lang = project.lang;
        output
    });
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

/// The seeds folder's `tidings.toml`, read into the report as a file of its own; the defaults without one.
fn read_project(dir: &Path, report: &mut Report) -> project::Project {
    let Some(read) = project::text_in(dir) else {
        return project::Project::default();
    };
    let path = dir.join(project::FILE_NAME);
    match read {
        Ok(text) => {
            let file = add_file(report, dir, &path, text);
            let text = std::mem::take(&mut report.files[file].text);
            let project = project::read(&text, &mut report.sink(file));
            report.files[file].text = text;
            project
        }
        Err(err) => {
            let file = add_file(report, dir, &path, String::new());
            report.sink(file).file_error(
                Code::ProjectInvalid,
                format!("cannot read {}: {err}", project::FILE_NAME),
                "check that the file is readable UTF-8 text",
            );
            project::Project::default()
        }
    }
}

fn compile_file(dir: &Path, path: &Path, options: &Options, context: &seed::Context) -> SeedResult {
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
        let outcome = seed::compile_with(&id, &file.text, context, &mut sink)
            .map_body(|body| output::json(&body));
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
