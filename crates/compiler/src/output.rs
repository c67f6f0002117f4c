//! Turning an [`Output`] into files, and putting them on disk without ever exposing a half-written bundle.
//!
//! Body files are named after their content (`articles/<id>.<xxh3>.json`), so a new run adds files beside the
//! old ones instead of overwriting them. The order of a write is: new body files, then `bundle.json` through a
//! temporary file renamed into place (atomic on one file system), then the body files no bundle refers to any
//! more are removed. Whenever the run stops, `bundle.json` on disk is whole and every body it names exists.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use tidings_bundle::BUNDLE_FILE;

use crate::Output;

/// Folder of the body files, relative to `bundle.json`.
pub const ARTICLES_DIR: &str = "articles";

/// The bundle as file contents, paths relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// Contents of `bundle.json`.
    pub bundle_json: String,
    /// Each body file's path and contents, in card order.
    pub bodies: Vec<(String, String)>,
}

/// Fills in each card's `body` path and serialises everything, deterministically.
pub fn render(output: &Output) -> Rendered {
    let mut bundle = output.bundle.clone();
    let mut bodies = Vec::with_capacity(output.bodies.len());
    for (card, body) in bundle.articles.iter_mut().zip(&output.bodies) {
        let json = to_json(body);
        let hash = xxhash_rust::xxh3::xxh3_64(json.as_bytes());
        card.body = format!("{ARTICLES_DIR}/{}.{:08x}.json", card.id, hash >> 32);
        bodies.push((card.body.clone(), json));
    }
    Rendered { bundle_json: to_json(&bundle), bodies }
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    // The bundle types hold only strings, numbers and sequences: serialising them cannot fail.
    let mut json = serde_json::to_string(value).unwrap_or_default();
    json.push('\n');
    json
}

/// Writes `rendered` into `out_dir` (created if missing), replacing the previous bundle atomically.
pub fn write(out_dir: &Path, rendered: &Rendered) -> io::Result<()> {
    let articles = out_dir.join(ARTICLES_DIR);
    fs::create_dir_all(&articles)?;
    for (path, json) in &rendered.bodies {
        let target = out_dir.join(path);
        if fs::read(&target).ok().as_deref() != Some(json.as_bytes()) {
            write_atomic(&target, json.as_bytes())?;
        }
    }
    write_atomic(&out_dir.join(BUNDLE_FILE), rendered.bundle_json.as_bytes())?;

    let keep: std::collections::HashSet<&str> =
        rendered.bodies.iter().filter_map(|(p, _)| p.strip_prefix(ARTICLES_DIR)?.strip_prefix('/')).collect();
    for entry in fs::read_dir(&articles)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.ends_with(".json") && !keep.contains(name.as_ref()) {
            fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

/// Writes `bytes` to a temporary file beside `target`, syncs it, and renames it over `target`.
fn write_atomic(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = target.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&tmp, target)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}
