//! Finding the seeds: the folder walked in path order, each seed's text read (size limit, UTF-8), its id and
//! the name diagnostics show.

use std::path::{Path, PathBuf};

use crate::code::Code;
use crate::diag::{Report, Sink, SourceFile};
use crate::Options;

/// File extensions read as seeds.
pub const SEED_EXTENSIONS: &[&str] = &["md", "markdown", "txt"];

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
                report.sink(file).file_error(
                    Code::FileUnreadable,
                    format!("cannot read `{}`: {why}", display(dir, &path)),
                    "fix or remove the link or the file's permissions",
                );
            }
        }
    }
    (seeds, skipped)
}

/// Reads a seed's text into `file`; false (with a diagnostic) when it is too large, unreadable or not UTF-8.
pub(crate) fn read_seed(
    sink: &mut Sink,
    file: &mut SourceFile,
    path: &Path,
    options: &Options,
) -> bool {
    let name = &file.name;
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > options.max_file_bytes {
        sink.error(
            Code::FileTooLarge,
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
            sink.file_error(
                Code::FileUnreadable,
                format!("cannot read `{name}`: {err}"),
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
                Code::NotUtf8,
                Some(at..at + '\u{fffd}'.len_utf8()),
                format!("file is not valid UTF-8 (byte offset {at})"),
                "invalid byte here",
                "save the file as UTF-8",
            );
            false
        }
    }
}

pub(crate) fn add_file(report: &mut Report, dir: &Path, path: &Path, text: String) -> usize {
    report.files.push(SourceFile {
        name: display(dir, path),
        text,
    });
    report.files.len() - 1
}

pub(crate) fn display(dir: &Path, path: &Path) -> String {
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
