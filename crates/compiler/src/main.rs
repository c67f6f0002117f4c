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
    #[arg(long, short)]
    quiet: bool,
    /// When to colour diagnostics.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
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
    };
    let started = Instant::now();
    let options = Options {
        max_file_bytes: common.max_file_size,
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
    let mut summary = format!(
        "{} seeds, {} other files skipped, {} drafts, {} articles; {} errors, {} warnings",
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
    let printed = compilation
        .report
        .emit(&mut stream, common.strict, &shown)
        .and_then(|()| stream.flush());
    if let Err(err) = printed {
        eprintln!("error: cannot print diagnostics: {err}");
    }
}
