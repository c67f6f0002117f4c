//! The on-demand index against brute force: for the 2,083 real posts, every tag's and outlet's posting list,
//! found through its bucket and read back from its chunks, is exactly the stories that carry it, in display
//! order; the manifest's most used values agree; every year is the run of stories dated in it; every slug leads
//! to its story.

use std::collections::BTreeMap;
use std::path::Path;

use tidings_bundle::postings::decode;
use tidings_bundle::{
    bucket_of, CardShard, Facet, FacetBucket, FacetValue, Manifest, SlugBucket, Table, TablePage,
    POSTINGS_PER_CHUNK, SHARD_CARDS, TOP_VALUES,
};
use tidings_compiler::{compile, output, Options};

struct Files(output::Rendered);

impl Files {
    fn bytes(&self, path: &str) -> Vec<u8> {
        let r = &self.0;
        let text = |files: &[(String, String)]| {
            files
                .iter()
                .find(|(p, _)| p == path)
                .map(|(_, j)| j.as_bytes().to_vec())
        };
        text(&r.shards)
            .or_else(|| text(&r.bodies))
            .or_else(|| {
                let found = r.index.files.iter().find(|(p, _)| p == path);
                found.map(|(_, b)| b.clone())
            })
            .unwrap_or_else(|| panic!("{path} is written"))
    }

    fn json<T: serde::de::DeserializeOwned>(&self, path: &str) -> T {
        serde_json::from_slice(&self.bytes(path)).unwrap()
    }

    /// Entry `i` of `table`, through its page.
    fn entry(&self, table: &Table, i: usize) -> String {
        let page: TablePage = self.json(&table.pages[i / 128]);
        page.entries[i % 128].clone()
    }

    fn list(&self, value: &FacetValue) -> Vec<u32> {
        let mut read = Vec::new();
        for (i, chunk) in value.chunks.iter().enumerate() {
            let part = decode(&self.bytes(&chunk.0)).unwrap();
            assert!(part.len() <= POSTINGS_PER_CHUNK);
            if i + 1 < value.chunks.len() {
                assert_eq!(
                    part.len(),
                    POSTINGS_PER_CHUNK,
                    "only the last chunk is short"
                );
            }
            assert_eq!(
                (part[0], part[part.len() - 1]),
                (chunk.1, chunk.2),
                "first and last"
            );
            read.extend(part);
        }
        read
    }

    /// Every value of `facet`, from its buckets, each in the bucket its name hashes to.
    fn values(&self, facet: &Facet) -> Vec<FacetValue> {
        let mut all = Vec::new();
        for b in 0..facet.buckets.len as usize {
            let bucket: FacetBucket = self.json(&self.entry(&facet.buckets, b));
            for value in &bucket.values {
                assert_eq!(bucket_of(&value.value, facet.buckets.len) as usize, b);
            }
            all.extend(bucket.values);
        }
        assert_eq!(all.len(), facet.values as usize);
        all
    }
}

#[test]
fn every_list_is_the_stories_that_carry_its_value_in_display_order() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/digitalgov-seeds");
    let compilation = compile(&corpus, &Options::default(), &|_, _| {});
    let output = compilation.output.expect("a bundle");
    let cards = output.bundle.articles.clone();
    let files = Files(output::render(output));
    let manifest: Manifest = serde_json::from_str(&files.0.bundle_json).unwrap();

    // Brute force over the cards, in display order.
    let mut tags: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut outlets: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut years: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (n, card) in cards.iter().enumerate() {
        let n = n as u32;
        for tag in &card.tags {
            tags.entry(tag.clone()).or_default().push(n);
        }
        for outlet in &card.sources {
            let list = outlets.entry(outlet.outlet.clone()).or_default();
            if list.last() != Some(&n) {
                list.push(n);
            }
        }
        if let Some(date) = &card.date {
            years.entry(date[..4].to_string()).or_default().push(n);
        }
    }

    for (facet, brute) in [(&manifest.tags, &tags), (&manifest.outlets, &outlets)] {
        let values = files.values(facet);
        assert_eq!(values.len(), brute.len());
        for value in &values {
            let read = files.list(value);
            assert_eq!(&read, &brute[&value.value], "{}", value.value);
            assert_eq!(value.count as usize, read.len());
        }
        // The manifest's values are the most used, with the same lists.
        let mut by_count: Vec<&FacetValue> = values.iter().collect();
        by_count.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
        let top: Vec<&FacetValue> = facet.top.iter().collect();
        assert_eq!(top, by_count[..TOP_VALUES.min(by_count.len())]);
    }
    assert_eq!(manifest.years.len(), years.len());
    for year in &manifest.years {
        assert_eq!(
            years[&year.value],
            (year.start..year.start + year.count).collect::<Vec<_>>(),
            "a year is one run of stories"
        );
    }
    assert_eq!(
        manifest.dated() as usize,
        years.values().map(Vec::len).sum::<usize>()
    );

    // Every slug leads to its story, whose card is in the shard the table names.
    for (n, card) in cards.iter().enumerate().step_by(37) {
        let b = bucket_of(&card.slug, manifest.slugs.len) as usize;
        let bucket: SlugBucket = files.json(&files.entry(&manifest.slugs, b));
        let found = bucket
            .slugs
            .iter()
            .find(|(s, _)| *s == card.slug)
            .unwrap()
            .1;
        assert_eq!(found as usize, n);
        let shard: CardShard = files.json(&files.entry(&manifest.cards, n / SHARD_CARDS));
        assert_eq!(shard.articles[n % SHARD_CARDS].id, card.id);
    }
    assert!(
        tags.len() >= 50 && outlets.len() > 500 && years.len() >= 15,
        "{} {} {}",
        tags.len(),
        outlets.len(),
        years.len()
    );
}
