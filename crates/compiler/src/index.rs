//! The facet index: for every tag, every outlet and every year, which stories carry it, so that a reader's
//! selection can be answered from a few small files instead of every card.
//!
//! Stories are named by their number in display order (0 is the newest). A tag's or an outlet's stories are a
//! posting list (`tidings_bundle::postings`), cut into chunks of [`POSTINGS_PER_CHUNK`] stories, each chunk a
//! binary file named after its content (`lists/<xxh3>.bin`); the first chunk of a list holds its newest stories,
//! so the first page of a selection needs only the first chunk of each list. A year needs no list: display order
//! is by date, so a year's stories are one run of numbers (`start`, `count`). Each facet is a JSON file of its
//! values with their counts and chunks (`facets/<xxh3>.json`); the manifest names the three.

use std::collections::BTreeMap;

use tidings_bundle::postings;
use tidings_bundle::{Card, FacetFiles, SCHEMA_VERSION};

/// Stories in a chunk of a posting list: 1,024 stories are 1 to 3 KB, and hold many pages of any selection.
pub const POSTINGS_PER_CHUNK: usize = 1024;

/// Folder of the posting-list chunks, relative to `bundle.json`.
pub const LISTS_DIR: &str = "lists";

/// Folder of the facet files, relative to `bundle.json`.
pub const FACETS_DIR: &str = "facets";

/// The index as files: the chunks (binary) and the three facet files (JSON), paths relative to the output.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Index {
    /// Each chunk's path and bytes.
    pub lists: Vec<(String, Vec<u8>)>,
    /// Each facet file's path and JSON.
    pub facets: Vec<(String, String)>,
    /// The facet files' paths, for the manifest.
    pub files: FacetFiles,
}

fn hashed(dir: &str, ext: &str, bytes: &[u8]) -> String {
    format!("{dir}/{:016x}.{ext}", xxhash_rust::xxh3::xxh3_64(bytes))
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
    let mut index = Index::default();
    let tags = lists(cards, |c| c.tags.iter().map(String::as_str).collect());
    let outlets = lists(cards, |c| {
        c.sources.iter().map(|s| s.outlet.as_str()).collect()
    });
    index.files.tags = facet(&mut index, "tags", tags);
    index.files.outlets = facet(&mut index, "outlets", outlets);
    // Years: runs of consecutive story numbers (undated stories come last and have none).
    let mut years: Vec<(String, u32, u32)> = Vec::new();
    for (n, card) in cards.iter().enumerate() {
        let Some(year) = card.date.as_deref().and_then(|d| d.get(..4)) else {
            continue;
        };
        match years.last_mut() {
            Some((y, _, count)) if y == year => *count += 1,
            _ => years.push((year.to_string(), n as u32, 1)),
        }
    }
    let values: Vec<serde_json::Value> = years
        .iter()
        .map(|(year, start, count)| serde_json::json!({"value": year, "count": count, "start": start}))
        .collect();
    index.files.years = facet_file(&mut index, "years", values);
    // Two lists can share a chunk (two tags of the same one story): one file serves both.
    let mut seen = std::collections::HashSet::new();
    index.lists.retain(|(path, _)| seen.insert(path.clone()));
    index
}

/// A tag or outlet facet: each value's chunks written, most used values first (ties by name).
fn facet(index: &mut Index, name: &str, lists: BTreeMap<&str, Vec<u32>>) -> String {
    let mut lists: Vec<(&str, Vec<u32>)> = lists.into_iter().collect();
    lists.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(b.0)));
    let values = lists
        .into_iter()
        .map(|(value, stories)| {
            let chunks: Vec<String> = postings::chunks(&stories, POSTINGS_PER_CHUNK)
                .into_iter()
                .map(|bytes| {
                    let path = hashed(LISTS_DIR, "bin", &bytes);
                    index.lists.push((path.clone(), bytes));
                    path
                })
                .collect();
            serde_json::json!({"value": value, "count": stories.len(), "chunks": chunks})
        })
        .collect();
    facet_file(index, name, values)
}

fn facet_file(index: &mut Index, name: &str, values: Vec<serde_json::Value>) -> String {
    let json =
        serde_json::json!({"schema_version": SCHEMA_VERSION, "facet": name, "values": values})
            .to_string()
            + "\n";
    let path = hashed(FACETS_DIR, "json", json.as_bytes());
    index.facets.push((path.clone(), json));
    path
}
