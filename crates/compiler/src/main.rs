//! `tidings`: the seed compiler's command line. The only place that prints and picks an exit status.

use std::io::{IsTerminal, Write};
use std::mem::ManuallyDrop;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::OnceLock;
use std::time::Instant;

use clap::{Parser, Subcommand};
use codespan_reporting::term::termcolor::{BufferedStandardStream, ColorChoice};
use indicatif::{ProgressBar, ProgressStyle};
use tidings_compiler::diag::{Diagnostic, Severity};
use tidings_compiler::{compile, output, Compilation, Options, DEFAULT_MAX_FILE_BYTES};

/// Compile a folder of Markdown seeds into a Tidings bundle.
///
/// A seed is a `.md`, `.markdown` or `.txt` file with YAML front matter (`sources`, `tags`, and optionally
/// `title`, `date`, `summary`, `image`, `lang`, `draft`) and a Markdown body whose first `# Heading` is the
/// title. Exit status: 0 on success (warnings allowed), 1 when any seed has an error, 2 for a usage error.
#[derive(Parser)]
#[command(name = "tidings", version, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Compile SEEDS_DIR and write the bundle (`bundle.json` and `articles/`) into OUT_DIR.
    ///
    /// Nothing is written when any seed has an error; the previous bundle in OUT_DIR stays as it was.
    Build {
        #[command(flatten)]
        common: Common,
        /// Folder to write the bundle into (created if missing). Only `bundle.json` and `articles/` are touched.
        #[arg(long, short, value_name = "OUT_DIR")]
        out: PathBuf,
        /// Also write brotli (`.br`) and gzip (`.gz`) copies of every file, for a static server to send as they
        /// are (nginx `brotli_static on; gzip_static on;`). Slower: use it for the build you deploy.
        #[arg(long)]
        precompress: bool,
    },
    /// Report the same diagnostics as `build` without writing anything.
    Check {
        #[command(flatten)]
        common: Common,
    },
    /// Write a new seed: today's date, the title, tags and sources in its front matter, under a file name made
    /// from the date and the title (`2026-12-03-the-title.md`).
    New {
        /// The story's headline.
        title: String,
        /// A tag (repeat for more).
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// The URL of the reporting it is written from (repeat for more).
        #[arg(long = "source", value_name = "URL")]
        sources: Vec<String>,
        /// Folder to write it into.
        #[arg(long, value_name = "SEEDS_DIR", default_value = "seeds")]
        dir: PathBuf,
    },
}

#[derive(clap::Args)]
struct Common {
    /// Folder of seeds, read recursively. Files with other extensions are skipped and counted.
    #[arg(value_name = "SEEDS_DIR")]
    seeds: PathBuf,
    /// Treat warnings as errors.
    #[arg(long)]
    strict: bool,
    /// Largest seed file accepted, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_FILE_BYTES)]
    max_file_size: u64,
    /// Print only errors and the summary, not warnings.
    #[arg(long, short, conflicts_with = "verbose")]
    quiet: bool,
    /// Print every warning in full, not one line per kind.
    #[arg(long, short)]
    verbose: bool,
    /// How to print diagnostics: `text` for people, `json` (one object per line on standard output) for editors
    /// and CI.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The site the posts came from: site-relative links and images resolve against it. Overrides `base_url` in
    /// the seeds folder's tidings.toml.
    #[arg(long, value_name = "URL", value_parser = base_url)]
    base_url: Option<url::Url>,
    /// Include seeds whose `publishDate` is still to come.
    #[arg(long)]
    future: bool,
    /// Include seeds past their `expiryDate`.
    #[arg(long)]
    expired: bool,
    /// When to colour diagnostics.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

fn base_url(raw: &str) -> Result<url::Url, String> {
    tidings_compiler::project::base_url(raw).map_err(|why| format!("`{raw}` {why}"))
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

/// Files from which a progress bar is worth drawing.
const PROGRESS_FROM: usize = 200;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (common, out) = match cli.command {
        Command::Build {
            common,
            out,
            precompress,
        } => (common, Some((out, precompress))),
        Command::Check { common } => (common, None),
        Command::New {
            title,
            tags,
            sources,
            dir,
        } => return new_seed(&title, &tags, &sources, &dir),
    };
    let started = Instant::now();
    let options = Options {
        max_file_bytes: common.max_file_size,
        base_url: common.base_url.clone(),
        future: common.future,
        expired: common.expired,
        today: None,
    };
    let compilation = compile_with_progress(&common, &options);
    print_diagnostics(&compilation, &common);

    let Compilation {
        output,
        report,
        stats,
    } = compilation;
    // Never freed: the process ends after this, and the system takes its memory back at once, where freeing
    // 100,000 seeds' cards, bodies and diagnostics one allocation at a time took two seconds.
    let report = ManuallyDrop::new(report);
    let (errors, warnings) = (
        report.count(Severity::Error),
        report.count(Severity::Warning),
    );
    let articles = output.as_ref().map_or(0, |o| o.bundle.articles.len());
    let left_out = match (stats.scheduled, stats.expired) {
        (0, 0) => String::new(),
        (s, e) => format!(", {s} scheduled for later, {e} expired"),
    };
    let mut summary = format!(
        "{} seeds, {} other files skipped, {} drafts{left_out}, {} articles; {} errors, {} warnings",
        stats.seeds, stats.skipped, stats.drafts, articles, errors, warnings
    );
    let failed = report.fails(common.strict);
    let result = match (&out, output) {
        (Some((out, precompress)), Some(output)) if !failed => {
            let rendered = ManuallyDrop::new(output::render(output));
            let compression = match precompress {
                true => output::Compression::Precompressed,
                false => output::Compression::None,
            };
            match output::write(out, &rendered, compression) {
                Ok(()) => {
                    summary += &format!("; wrote {} in {:.2?}", out.display(), started.elapsed());
                    ExitCode::SUCCESS
                }
                Err(err) => {
                    eprintln!(
                        "error: cannot write the bundle into `{}`: {err}",
                        out.display()
                    );
                    eprintln!("  = help: check that the folder is writable; the previous bundle is unchanged");
                    ExitCode::from(1)
                }
            }
        }
        (_, output) => {
            // Left to the system, as the report is (`check`, or a failed build).
            std::mem::forget(output);
            if failed && out.is_some() {
                summary += "; nothing written, the previous bundle is unchanged";
            }
            match failed {
                true => ExitCode::from(1),
                false => ExitCode::SUCCESS,
            }
        }
    };
    eprintln!("{summary}");
    result
}

fn compile_with_progress(common: &Common, options: &Options) -> Compilation {
    let bar: OnceLock<ProgressBar> = OnceLock::new();
    let interactive = std::io::stderr().is_terminal();
    let compilation = compile(&common.seeds, options, &|_, total| {
        if !interactive || total < PROGRESS_FROM {
            return;
        }
        bar.get_or_init(|| {
            let bar = ProgressBar::new(total as u64);
            if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} seeds {elapsed}")
            {
                bar.set_style(style);
            }
            bar
        })
        .inc(1);
    });
    if let Some(bar) = bar.get() {
        bar.finish_and_clear();
    }
    compilation
}

fn print_diagnostics(compilation: &Compilation, common: &Common) {
    let choice = match common.color {
        Color::Always => ColorChoice::Always,
        Color::Never => ColorChoice::Never,
        Color::Auto if std::io::stderr().is_terminal() => ColorChoice::Auto,
        Color::Auto => ColorChoice::Never,
    };
    // Buffered: diagnostics are written in blocks, not in the dozens of small writes each one's parts make (with
    // thousands of warnings, those writes took longer than compiling).
    let mut stream = BufferedStandardStream::stderr(choice);
    let shown = |d: &Diagnostic| !common.quiet || d.severity == Severity::Error || common.strict;
    let report = &compilation.report;
    let printed = match (common.format, common.verbose) {
        (Format::Json, _) => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            report
                .diagnostics
                .iter()
                .filter(|d| shown(d))
                .try_for_each(|d| writeln!(out, "{}", report.json(d)))
                .and_then(|()| out.flush())
        }
        (Format::Text, true) => report.emit(&mut stream, common.strict, &shown),
        (Format::Text, false) => report.emit_grouped(&mut stream, common.strict, &shown),
    }
    .and_then(|()| stream.flush());
    if let Err(err) = printed {
        eprintln!("error: cannot print diagnostics: {err}");
    }
}

/// `tidings new`: a seed with today's date under `dir`, named after the date and the title's slug. Never
/// replaces a file.
fn new_seed(title: &str, tags: &[String], sources: &[String], dir: &std::path::Path) -> ExitCode {
    let today = jiff::Timestamp::now().strftime("%Y-%m-%d").to_string();
    let slug = tidings_compiler::text::slugify(title);
    if slug.is_empty() {
        eprintln!("error: the title `{title}` has no letters or digits to name the file after");
        eprintln!("  = help: give the story a headline in words");
        return ExitCode::from(2);
    }
    for source in sources {
        if let Err(why) = tidings_compiler::sources::describe(source) {
            eprintln!("error: source `{source}` is not an http or https URL ({why:?})");
            eprintln!("  = help: pass the full address of the reporting, starting with https://");
            return ExitCode::from(2);
        }
    }
    let quoted = |items: &[String]| {
        let items: Vec<String> = items
            .iter()
            .map(|i| serde_json::Value::from(i.as_str()).to_string())
            .collect();
        format!("[{}]", items.join(", "))
    };
    let text = format!(
        "---\nsources: {}\ntags: {}\ndate: {today}\n---\n\n# {}\n\nWrite the story here.\n",
        quoted(sources),
        quoted(tags),
        title.trim()
    );
    let path = dir.join(format!("{today}-{slug}.md"));
    let written = std::fs::create_dir_all(dir).and_then(|()| {
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .and_then(|mut file| file.write_all(text.as_bytes()))
    });
    match written {
        Ok(()) => {
            println!("{}", path.display());
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: cannot write `{}`: {err}", path.display());
            eprintln!("  = help: a seed of that name may exist already: choose another title, or edit that one");
            ExitCode::from(1)
        }
    }
}
