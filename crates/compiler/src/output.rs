//! Turning an [`Output`] into files, and putting them on disk without ever exposing a half-written bundle.
//!
//! Bodies are grouped in card order into chunks of about [`CHUNK_BYTES`] (fewer files to write and to serve;
//! neighbouring stories are often read together); the cards are grouped into shards of [`SHARD_CARDS`], which the
//! widget fetches as a page needs them, and the on-demand index ([`crate::index`]) is written beside them. Every
//! file but `bundle.json` is named after its content (`articles/<xxh3>.json`, `cards/<xxh3>.json`, ...), so a new
//! run adds files beside the old ones instead of overwriting them. The order of a write is: new chunks and shards, then `bundle.json` through
//! a temporary file renamed into place (atomic on one file system), then the files no bundle refers to any more
//! are removed. Whenever the run stops, `bundle.json` on disk is whole and every file it names exists.
//!
//! With [`Compression::Precompressed`] each file also gets a brotli (`.br`) and a gzip (`.gz`) copy beside it,
//! written before the file itself, so a static server (nginx's `brotli_static` and `gzip_static`) can send the
//! smallest form without compressing on every request.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use rayon::prelude::*;
use tidings_bundle::{Manifest, BUNDLE_FILE, FIRST_CARDS, SCHEMA_VERSION, SHARD_CARDS};

use crate::Output;

/// Folder of the body files, relative to `bundle.json`.
pub const ARTICLES_DIR: &str = "articles";

/// Folder of the card shards, relative to `bundle.json`.
pub const CARDS_DIR: &str = "cards";

/// A chunk is closed once its bodies reach this many bytes of JSON.
pub const CHUNK_BYTES: usize = 64 * 1024;

/// The bundle as file contents, paths relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// Contents of `bundle.json` (a [`tidings_bundle::Manifest`]).
    pub bundle_json: String,
    /// Each card shard's path and contents, in card order.
    pub shards: Vec<(String, String)>,
    /// Each chunk file's path and contents, in card order.
    pub bodies: Vec<(String, String)>,
    /// The on-demand index: its posting-list chunks, buckets and table pages.
    pub index: crate::index::Index,
}

impl Rendered {
    /// Every content-named file, path and bytes: shards, body chunks, the index's files.
    fn content_named(&self) -> impl Iterator<Item = (&str, &[u8])> {
        fn text((p, j): &(String, String)) -> (&str, &[u8]) {
            (p.as_str(), j.as_bytes())
        }
        self.shards
            .iter()
            .map(text)
            .chain(self.bodies.iter().map(text))
            .chain(
                self.index
                    .files
                    .iter()
                    .map(|(p, b)| (p.as_str(), b.as_slice())),
            )
    }
}

/// Consecutive runs of `sizes` adding up to at most `limit` (a single larger item makes a run of its own).
fn runs(sizes: &[usize], limit: usize) -> Vec<std::ops::Range<usize>> {
    let mut runs = Vec::new();
    let mut start = 0;
    while start < sizes.len() {
        let (mut end, mut size) = (start, 0);
        while end < sizes.len() && (end == start || size + sizes[end] <= limit) {
            size += sizes[end];
            end += 1;
        }
        runs.push(start..end);
        start = end;
    }
    runs
}

/// `{"schema_version":N,"<field>":[items]}` and its content-hashed path in `dir`. The items were serialised by
/// serde_json; joining them inside the array keeps the file valid JSON. Each item is freed as it is copied in:
/// a file's items and the file are never all in memory twice over.
fn named_file(dir: &str, field: &str, items: impl Iterator<Item = String>) -> (String, String) {
    let mut json = format!("{{\"schema_version\":{SCHEMA_VERSION},\"{field}\":[");
    for (i, item) in items.enumerate() {
        if i > 0 {
            json.push(',');
        }
        json.push_str(&item);
    }
    json.push_str("]}\n");
    let path = crate::index::hashed(dir, "json", json.as_bytes());
    (path, json)
}

/// Fills in each card's `body` path, splits the cards into the manifest and its shards, and serialises
/// everything, deterministically. Takes the output: its bodies' JSON is freed as it is copied into the chunks,
/// and its cards are moved, not copied.
pub fn render(output: Output) -> Rendered {
    let Output { bundle, bodies } = output;
    let mut cards = bundle.articles;
    // Each item and its comma.
    let sizes: Vec<usize> = bodies.iter().map(|j| j.len() + 1).collect();
    let mut jsons = bodies.into_iter();
    let mut bodies = Vec::new();
    for run in runs(&sizes, CHUNK_BYTES) {
        let (path, json) = named_file(ARTICLES_DIR, "bodies", jsons.by_ref().take(run.len()));
        for card in &mut cards[run] {
            card.body = path.clone();
        }
        bodies.push((path, json));
    }

    let mut index = crate::index::build(&cards);
    let shards: Vec<(String, String)> = cards
        .par_chunks(SHARD_CARDS)
        .map(|cards| named_file(CARDS_DIR, "articles", cards.iter().map(json)))
        .collect();
    let table = crate::index::table(
        &mut index.files,
        shards.iter().map(|(p, _)| p.clone()).collect(),
    );
    let manifest = Manifest {
        schema_version: SCHEMA_VERSION,
        total: cards.len() as u32,
        articles: cards.into_iter().take(FIRST_CARDS).collect(),
        cards: table,
        tags: std::mem::take(&mut index.tags),
        outlets: std::mem::take(&mut index.outlets),
        years: std::mem::take(&mut index.years),
        slugs: std::mem::take(&mut index.slugs),
        title: bundle.title,
        lang: bundle.lang,
    };
    Rendered {
        bundle_json: json(&manifest) + "\n",
        shards,
        bodies,
        index,
    }
}

/// `value` as JSON (a body as it goes into its chunk, a card into its shard, the manifest).
pub(crate) fn json<T: serde::Serialize>(value: &T) -> String {
    // The bundle types hold only strings, numbers and sequences: serialising them cannot fail.
    serde_json::to_string(value).unwrap_or_default()
}

/// Whether files get precompressed copies beside them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    /// Only the JSON files.
    None,
    /// Each JSON file with `.br` (brotli) and `.gz` (gzip, level 9) copies. Brotli's quality is 11 for
    /// `bundle.json` and the card shards (what every reader downloads; 15% smaller than quality 9) and 5 for
    /// body chunks (one read per opened story; quality 11 is 40 times slower there for about as much).
    Precompressed,
}

/// Brotli quality of `bundle.json` and the card shards, and of body chunks (see [`Compression`]).
const INDEX_QUALITY: i32 = 11;
const BODY_QUALITY: i32 = 5;

/// The suffixes of the precompressed copies.
const COMPRESSED: [&str; 2] = [".br", ".gz"];

/// Writes `rendered` into `out_dir` (created if missing), replacing the previous bundle atomically.
pub fn write(out_dir: &Path, rendered: &Rendered, compression: Compression) -> io::Result<()> {
    let mut dirs: Vec<_> = [ARTICLES_DIR, CARDS_DIR]
        .into_iter()
        .chain(crate::index::DIRS)
        .map(|d| out_dir.join(d))
        .collect();
    for dir in &dirs {
        fs::create_dir_all(dir)?;
        remove_stale_temporaries(dir)?;
    }
    remove_stale_temporaries(out_dir)?;
    // The card shards of a version 2 bundle, emptied with the other files no bundle refers to.
    let legacy = out_dir.join("index");
    if legacy.is_dir() {
        dirs.push(legacy);
    }
    let files: Vec<_> = rendered.content_named().collect();
    files.par_iter().try_for_each(|&(path, json)| {
        let target = out_dir.join(path);
        let quality = match path.starts_with(ARTICLES_DIR) {
            true => BODY_QUALITY,
            false => INDEX_QUALITY,
        };
        write_compressed(&target, json, compression, quality, false)?;
        // A file's name is its content's hash: an existing file already holds these bytes.
        match target.exists() {
            true => Ok(()),
            false => write_atomic(&target, json, false),
        }
    })?;
    let bundle = out_dir.join(BUNDLE_FILE);
    write_compressed(
        &bundle,
        rendered.bundle_json.as_bytes(),
        compression,
        INDEX_QUALITY,
        true,
    )?;
    write_atomic(&bundle, rendered.bundle_json.as_bytes(), true)?;
    if compression == Compression::None {
        // Copies of an earlier bundle would be served instead of this one.
        for suffix in COMPRESSED {
            remove_if_present(&out_dir.join(format!("{BUNDLE_FILE}{suffix}")))?;
        }
    }

    // The files no bundle refers to any more.
    let mut keep = std::collections::HashSet::new();
    for (path, _) in &files {
        keep.insert(out_dir.join(path));
        if compression == Compression::Precompressed {
            keep.extend(COMPRESSED.map(|suffix| out_dir.join(format!("{path}{suffix}"))));
        }
    }
    for dir in &dirs {
        for entry in fs::read_dir(dir)? {
            let path = entry?.path();
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            let ours = [
                ".json", ".json.br", ".json.gz", ".bin", ".bin.br", ".bin.gz",
            ]
            .iter()
            .any(|ext| name.ends_with(ext));
            if ours && !keep.contains(&path) {
                fs::remove_file(&path)?;
            }
        }
    }
    Ok(())
}

/// Writes the `.br` and `.gz` copies of `target`'s `bytes` (unless they exist and `target` is content-named).
fn write_compressed(
    target: &Path,
    bytes: &[u8],
    compression: Compression,
    quality: i32,
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
            quality,
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
    use tidings_bundle::{
        ArticleBody, Block, BodyChunk, Bundle, Card, CardShard, Inline, Manifest, TablePage,
    };

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
            authors: vec![],
            canonical: None,
            body: String::new(),
        };
        let body = |i: usize| {
            serde_json::to_string(&ArticleBody {
                id: format!("a{i}"),
                blocks: vec![Block::Paragraph(vec![Inline::Text("w ".repeat(words))])],
                footnotes: vec![],
            })
            .unwrap()
        };
        Output {
            bundle: Bundle {
                schema_version: SCHEMA_VERSION,
                tags: vec![],
                articles: (0..n).map(card).collect(),
                title: None,
                lang: None,
            },
            bodies: (0..n).map(body).collect(),
        }
    }

    /// Every card of a rendered bundle, through the manifest's table of shards.
    fn all_cards(rendered: &Rendered) -> Vec<Card> {
        let manifest: Manifest = serde_json::from_str(&rendered.bundle_json).unwrap();
        let file = |path: &str| {
            let (_, bytes) = rendered
                .index
                .files
                .iter()
                .find(|(p, _)| p == path)
                .unwrap();
            String::from_utf8(bytes.clone()).unwrap()
        };
        let mut cards = Vec::new();
        for page in &manifest.cards.pages {
            let page: TablePage = serde_json::from_str(&file(page)).unwrap();
            for path in &page.entries {
                let (_, json) = rendered.shards.iter().find(|(p, _)| p == path).unwrap();
                let shard: CardShard = serde_json::from_str(json).unwrap();
                assert!(shard.articles.len() <= SHARD_CARDS);
                cards.extend(shard.articles);
            }
        }
        assert_eq!(cards.len(), manifest.total as usize);
        assert_eq!(
            manifest.cards.len as usize,
            manifest.total.div_ceil(16) as usize
        );
        cards
    }

    #[test]
    fn the_manifest_holds_the_newest_cards_and_shards_all_of_them_in_order() {
        let out = output(5_000, 1);
        let rendered = render(out.clone());
        let manifest: Manifest = serde_json::from_str(&rendered.bundle_json).unwrap();
        assert_eq!(manifest.articles.len(), FIRST_CARDS);
        assert_eq!(rendered.shards.len(), 5_000_usize.div_ceil(SHARD_CARDS));
        assert!(manifest.cards.pages.len() > 1, "a table of several pages");
        let ids: Vec<_> = all_cards(&rendered).into_iter().map(|c| c.id).collect();
        let expected: Vec<_> = out.bundle.articles.iter().map(|c| c.id.clone()).collect();
        assert_eq!(ids, expected);
        assert_eq!(
            manifest.articles,
            out.bundle.articles[..FIRST_CARDS]
                .to_vec()
                .into_iter()
                .map(|mut c| {
                    c.body = manifest.articles[0].body.clone();
                    c
                })
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_small_bundle_is_one_shard() {
        let rendered = render(output(3, 10));
        assert_eq!(rendered.shards.len(), 1);
        assert_eq!(all_cards(&rendered).len(), 3);
    }

    #[test]
    fn chunks_hold_every_body_and_cards_point_at_theirs() {
        let rendered = render(output(100, 2_000));
        assert!(
            rendered.bodies.len() > 1 && rendered.bodies.len() < 100,
            "{} chunks",
            rendered.bodies.len()
        );
        for card in &all_cards(&rendered) {
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
        let rendered = render(output(3, 40_000));
        assert_eq!(rendered.bodies.len(), 3);
    }
}
