//! Turning an [`Output`] into files, and putting them on disk without ever exposing a half-written bundle.
//!
//! Bodies are grouped in card order into chunks of about [`CHUNK_BYTES`] (fewer files to write and to serve;
//! neighbouring stories are often read together). A chunk is named after its content
//! (`articles/<xxh3>.json`), so a new run adds files beside the old ones instead of overwriting them. The order of a write is: new body files, then `bundle.json` through a
//! temporary file renamed into place (atomic on one file system), then the body files no bundle refers to any
//! more are removed. Whenever the run stops, `bundle.json` on disk is whole and every body it names exists.
//!
//! With [`Compression::Precompressed`] each file also gets a brotli (`.br`) and a gzip (`.gz`) copy beside it,
//! written before the file itself, so a static server (nginx's `brotli_static` and `gzip_static`) can send the
//! smallest form without compressing on every request.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use rayon::prelude::*;
use tidings_bundle::{BUNDLE_FILE, SCHEMA_VERSION};

use crate::Output;

/// Folder of the body files, relative to `bundle.json`.
pub const ARTICLES_DIR: &str = "articles";

/// A chunk is closed once its bodies reach this many bytes of JSON.
pub const CHUNK_BYTES: usize = 64 * 1024;

/// The bundle as file contents, paths relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// Contents of `bundle.json`.
    pub bundle_json: String,
    /// Each chunk file's path and contents, in card order.
    pub bodies: Vec<(String, String)>,
}

/// Fills in each card's `body` path and serialises everything, deterministically.
pub fn render(output: &Output) -> Rendered {
    let mut bundle = output.bundle.clone();
    let jsons: Vec<String> = output
        .bodies
        .par_iter()
        .map(|b| serde_json::to_string(b).unwrap_or_default())
        .collect();
    let mut bodies = Vec::new();
    let mut start = 0;
    while start < jsons.len() {
        let mut end = start;
        let mut size = 0;
        while end < jsons.len() && (end == start || size + jsons[end].len() <= CHUNK_BYTES) {
            size += jsons[end].len();
            end += 1;
        }
        // The bodies were serialised by serde_json; joining them inside the chunk's array keeps it valid JSON.
        let json = format!(
            "{{\"schema_version\":{SCHEMA_VERSION},\"bodies\":[{}]}}\n",
            jsons[start..end].join(",")
        );
        let path = format!(
            "{ARTICLES_DIR}/{:016x}.json",
            xxhash_rust::xxh3::xxh3_64(json.as_bytes())
        );
        for card in &mut bundle.articles[start..end] {
            card.body = path.clone();
        }
        bodies.push((path, json));
        start = end;
    }
    Rendered {
        bundle_json: to_json(&bundle),
        bodies,
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    // The bundle types hold only strings, numbers and sequences: serialising them cannot fail.
    let mut json = serde_json::to_string(value).unwrap_or_default();
    json.push('\n');
    json
}

/// Whether files get precompressed copies beside them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    /// Only the JSON files.
    None,
    /// Each JSON file with `.br` (brotli, quality 11) and `.gz` (gzip, level 9) copies.
    Precompressed,
}

/// The suffixes of the precompressed copies.
const COMPRESSED: [&str; 2] = [".br", ".gz"];

/// Writes `rendered` into `out_dir` (created if missing), replacing the previous bundle atomically.
pub fn write(out_dir: &Path, rendered: &Rendered, compression: Compression) -> io::Result<()> {
    let articles = out_dir.join(ARTICLES_DIR);
    fs::create_dir_all(&articles)?;
    remove_stale_temporaries(out_dir)?;
    remove_stale_temporaries(&articles)?;
    rendered.bodies.par_iter().try_for_each(|(path, json)| {
        let target = out_dir.join(path);
        write_compressed(&target, json.as_bytes(), compression, false)?;
        // A body's name is its content's hash: an existing file already holds these bytes.
        match target.exists() {
            true => Ok(()),
            false => write_atomic(&target, json.as_bytes(), false),
        }
    })?;
    let bundle = out_dir.join(BUNDLE_FILE);
    write_compressed(&bundle, rendered.bundle_json.as_bytes(), compression, true)?;
    write_atomic(&bundle, rendered.bundle_json.as_bytes(), true)?;
    if compression == Compression::None {
        // Copies of an earlier bundle would be served instead of this one.
        for suffix in COMPRESSED {
            remove_if_present(&out_dir.join(format!("{BUNDLE_FILE}{suffix}")))?;
        }
    }

    let mut keep = std::collections::HashSet::new();
    for (path, _) in &rendered.bodies {
        let Some(name) = path
            .strip_prefix(ARTICLES_DIR)
            .and_then(|p| p.strip_prefix('/'))
        else {
            continue;
        };
        keep.insert(name.to_string());
        if compression == Compression::Precompressed {
            keep.extend(COMPRESSED.map(|suffix| format!("{name}{suffix}")));
        }
    }
    for entry in fs::read_dir(&articles)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = [".json", ".json.br", ".json.gz"]
            .iter()
            .any(|ext| name.ends_with(ext));
        if ours && !keep.contains(name.as_ref()) {
            fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

/// Writes the `.br` and `.gz` copies of `target`'s `bytes` (unless they exist and `target` is content-named).
fn write_compressed(
    target: &Path,
    bytes: &[u8],
    compression: Compression,
    replace: bool,
) -> io::Result<()> {
    if compression == Compression::None {
        return Ok(());
    }
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let [br, gz] = COMPRESSED.map(|suffix| target.with_file_name(format!("{name}{suffix}")));
    if replace || !br.exists() {
        let mut out = Vec::new();
        let params = brotli::enc::BrotliEncoderParams {
            quality: 11,
            lgwin: 22,
            ..Default::default()
        };
        brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)?;
        write_atomic(&br, &out, replace)?;
    }
    if replace || !gz.exists() {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(bytes)?;
        write_atomic(&gz, &encoder.finish()?, replace)?;
    }
    Ok(())
}

fn remove_if_present(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Temporary files a killed run left behind (`.<name>.tmp-<pid>`).
fn remove_stale_temporaries(dir: &Path) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') && name.contains(".tmp-") && entry.file_type()?.is_file() {
            fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

/// Writes `bytes` to a temporary file beside `target` and renames it over `target`, so a reader sees the old
/// file or the new one, never a part. Only `bundle.json` is synced to disk (`sync`): syncing thousands of
/// bodies costs seconds, and a killed run never leaves a body half-written under its final name.
fn write_atomic(target: &Path, bytes: &[u8], sync: bool) -> io::Result<()> {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = target.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        if sync {
            file.sync_all()?;
        }
        fs::rename(&tmp, target)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use tidings_bundle::{ArticleBody, Block, BodyChunk, Bundle, Card, Inline};

    fn output(n: usize, words: usize) -> Output {
        let card = |i: usize| Card {
            id: format!("a{i}"),
            slug: format!("a{i}"),
            title: "T".into(),
            date: None,
            tags: vec![],
            sources: vec![],
            excerpt: String::new(),
            reading_minutes: 1,
            image: None,
            lang: None,
            body: String::new(),
        };
        let body = |i: usize| ArticleBody {
            id: format!("a{i}"),
            blocks: vec![Block::Paragraph(vec![Inline::Text("w ".repeat(words))])],
            footnotes: vec![],
        };
        Output {
            bundle: Bundle {
                schema_version: SCHEMA_VERSION,
                tags: vec![],
                articles: (0..n).map(card).collect(),
            },
            bodies: (0..n).map(body).collect(),
        }
    }

    #[test]
    fn chunks_hold_every_body_and_cards_point_at_theirs() {
        let rendered = render(&output(100, 2_000));
        let bundle: Bundle = serde_json::from_str(&rendered.bundle_json).unwrap();
        assert!(
            rendered.bodies.len() > 1 && rendered.bodies.len() < 100,
            "{} chunks",
            rendered.bodies.len()
        );
        for card in &bundle.articles {
            let (_, json) = rendered
                .bodies
                .iter()
                .find(|(p, _)| *p == card.body)
                .unwrap();
            let chunk: BodyChunk = serde_json::from_str(json).unwrap();
            assert!(
                chunk.body(&card.id).is_some(),
                "{} in {}",
                card.id,
                card.body
            );
            assert!(json.len() <= CHUNK_BYTES + 4_100);
        }
    }

    #[test]
    fn a_body_larger_than_a_chunk_gets_its_own() {
        let rendered = render(&output(3, 40_000));
        assert_eq!(rendered.bodies.len(), 3);
    }
}
