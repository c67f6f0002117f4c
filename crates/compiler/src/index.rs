//! The on-demand index: for every tag, every outlet and every year, which stories carry it; for every slug, its
//! story; and the tables that lead to each file. A reader's selection is answered from a few small files instead
//! of every card.
//!
//! Stories are named by their number in display order (0 is the newest). A tag's or an outlet's stories are a
//! posting list (`tidings_bundle::postings`), cut into chunks of [`POSTINGS_PER_CHUNK`] stories, each chunk a
//! binary file named after its content (`lists/<xxh3>.bin`); the first chunk of a list holds its newest stories.
//! A year needs no list: display order is by date, so a year's stories are one run of numbers. Every value is in
//! a bucket file (`facets/<xxh3>.json`) chosen by [`bucket_of`] its name, and the most used ones are in the
//! manifest too; every slug is in a bucket (`slugs/<xxh3>.json`). Long lists of paths are [`Table`]s, in pages
//! (`tables/<xxh3>.json`).

use std::collections::BTreeMap;

use tidings_bundle::postings;
use tidings_bundle::{
    bucket_of, Card, Facet, FacetBucket, FacetValue, ListChunk, SlugBucket, Table, TablePage,
    YearRun, POSTINGS_PER_CHUNK, SCHEMA_VERSION, TABLE_PAGE, TOP_VALUES,
};

/// The folders of the index's files, relative to `bundle.json`.
pub const DIRS: [&str; 4] = ["lists", "facets", "slugs", "tables"];

/// Values in a facet bucket, about: a bucket is a few KB of brotli.
pub const VALUES_PER_BUCKET: usize = 256;

/// Slugs in a slug bucket, about (about 10 KB of brotli).
pub const SLUGS_PER_BUCKET: usize = 512;

/// The index as files, and what the manifest says of it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Index {
    /// Each file's path (relative to `bundle.json`) and bytes, each path once.
    pub files: Vec<(String, Vec<u8>)>,
    pub tags: Facet,
    pub outlets: Facet,
    pub years: Vec<YearRun>,
    pub slugs: Table,
}

/// `dir/<xxh3 of bytes>.ext`.
pub fn hashed(dir: &str, ext: &str, bytes: &[u8]) -> String {
    format!("{dir}/{:016x}.{ext}", xxhash_rust::xxh3::xxh3_64(bytes))
}

/// Keeps `json` as a content-named file in `dir` and gives its path.
pub fn keep(files: &mut Vec<(String, Vec<u8>)>, dir: &str, json: String) -> String {
    let bytes = (json + "\n").into_bytes();
    let path = hashed(dir, "json", &bytes);
    files.push((path.clone(), bytes));
    path
}

/// A [`Table`] of `entries`, its pages kept in `files`.
pub fn table(files: &mut Vec<(String, Vec<u8>)>, entries: Vec<String>) -> Table {
    let len = entries.len() as u32;
    let pages = entries
        .chunks(TABLE_PAGE)
        .map(|entries| {
            let page = TablePage {
                schema_version: SCHEMA_VERSION,
                entries: entries.to_vec(),
            };
            keep(files, "tables", crate::output::json(&page))
        })
        .collect();
    Table { len, pages }
}

/// Every story number carrying each value, in display order.
pub fn lists<'a>(
    cards: &'a [Card],
    values: impl Fn(&'a Card) -> Vec<&'a str>,
) -> BTreeMap<&'a str, Vec<u32>> {
    let mut out: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    for (n, card) in cards.iter().enumerate() {
        let mut seen: Vec<&str> = Vec::new();
        for value in values(card) {
            if !seen.contains(&value) {
                seen.push(value);
                out.entry(value).or_default().push(n as u32);
            }
        }
    }
    out
}

/// The index of `cards`, which are in display order.
pub fn build(cards: &[Card]) -> Index {
    let mut files = Vec::new();
    let tags = lists(cards, |c| c.tags.iter().map(String::as_str).collect());
    let outlets = lists(cards, |c| {
        c.sources.iter().map(|s| s.outlet.as_str()).collect()
    });
    let tags = facet(&mut files, tags);
    let outlets = facet(&mut files, outlets);
    let slugs = slugs(&mut files, cards);
    // Two lists can share a chunk (two tags of the same one story): one file serves both.
    let mut seen = std::collections::HashSet::new();
    files.retain(|(path, _)| seen.insert(path.clone()));
    Index {
        files,
        tags,
        outlets,
        years: years(cards),
        slugs,
    }
}

/// Years: runs of consecutive story numbers (undated stories come last and have none).
fn years(cards: &[Card]) -> Vec<YearRun> {
    let mut years: Vec<YearRun> = Vec::new();
    for (n, card) in cards.iter().enumerate() {
        let Some(year) = card.date.as_deref().and_then(|d| d.get(..4)) else {
            continue;
        };
        match years.last_mut() {
            Some(run) if run.value == year => run.count += 1,
            _ => years.push(YearRun {
                value: year.to_string(),
                count: 1,
                start: n as u32,
            }),
        }
    }
    years
}

/// A tag or outlet facet: each value's chunks written, its most used values, every value in buckets.
fn facet(files: &mut Vec<(String, Vec<u8>)>, lists: BTreeMap<&str, Vec<u32>>) -> Facet {
    let mut values: Vec<FacetValue> = lists
        .into_iter()
        .map(|(value, stories)| {
            let chunks = stories
                .chunks(POSTINGS_PER_CHUNK)
                .map(|chunk| {
                    let bytes = postings::encode(chunk);
                    let path = hashed("lists", "bin", &bytes);
                    files.push((path.clone(), bytes));
                    ListChunk(path, chunk[0], chunk[chunk.len() - 1])
                })
                .collect();
            FacetValue {
                value: value.to_string(),
                count: stories.len() as u32,
                chunks,
            }
        })
        .collect();
    let count = values.len();
    let buckets = count.div_ceil(VALUES_PER_BUCKET).max(1) as u32;
    let mut by_bucket: Vec<Vec<FacetValue>> = vec![Vec::new(); buckets as usize];
    // The values arrive by name, so each bucket is by name too.
    for value in &values {
        by_bucket[bucket_of(&value.value, buckets) as usize].push(value.clone());
    }
    let paths = by_bucket
        .into_iter()
        .map(|values| {
            let bucket = FacetBucket {
                schema_version: SCHEMA_VERSION,
                values,
            };
            keep(files, "facets", crate::output::json(&bucket))
        })
        .collect();
    values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    values.truncate(TOP_VALUES);
    Facet {
        top: values,
        values: count as u32,
        buckets: table(files, paths),
    }
}

/// Every slug with its story number, in buckets.
fn slugs(files: &mut Vec<(String, Vec<u8>)>, cards: &[Card]) -> Table {
    let buckets = cards.len().div_ceil(SLUGS_PER_BUCKET).max(1) as u32;
    let mut by_bucket: Vec<Vec<(String, u32)>> = vec![Vec::new(); buckets as usize];
    for (n, card) in cards.iter().enumerate() {
        by_bucket[bucket_of(&card.slug, buckets) as usize].push((card.slug.clone(), n as u32));
    }
    let paths = by_bucket
        .into_iter()
        .map(|mut slugs| {
            slugs.sort();
            let bucket = SlugBucket {
                schema_version: SCHEMA_VERSION,
                slugs,
            };
            keep(files, "slugs", crate::output::json(&bucket))
        })
        .collect();
    table(files, paths)
}
