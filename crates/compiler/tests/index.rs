//! The facet index against brute force: for the 2,083 real posts, every tag's and outlet's posting list, read
//! back from its chunks, is exactly the stories that carry it, in display order; every year is the run of
//! stories dated in it; a chunk holds at most its share, and the newest stories come first.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;
use tidings_bundle::postings::decode;
use tidings_compiler::index::POSTINGS_PER_CHUNK;
use tidings_compiler::{compile, output, Options};

#[test]
fn every_list_is_the_stories_that_carry_its_value_in_display_order() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/digitalgov-seeds");
    let compilation = compile(&corpus, &Options::default(), &|_, _| {});
    let output = compilation.output.expect("a bundle");
    let cards = output.bundle.articles.clone();
    let rendered = output::render(output);
    let files = &rendered.index.files;
    let manifest: Value = serde_json::from_str(&rendered.bundle_json).unwrap();
    assert_eq!(manifest["facets"]["tags"], files.tags.as_str());
    let facet = |path: &str| -> Value {
        let (_, json) = rendered
            .index
            .facets
            .iter()
            .find(|(p, _)| p == path)
            .expect("the facet file");
        serde_json::from_str(json).unwrap()
    };
    let chunk = |path: &str| -> Vec<u32> {
        let (_, bytes) = rendered
            .index
            .lists
            .iter()
            .find(|(p, _)| p == path)
            .expect("the chunk");
        decode(bytes).unwrap()
    };

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

    for (path, brute) in [(&files.tags, &tags), (&files.outlets, &outlets)] {
        let values = facet(path)["values"].as_array().unwrap().clone();
        assert_eq!(values.len(), brute.len(), "{path}");
        let mut last_count = u64::MAX;
        for value in &values {
            let name = value["value"].as_str().unwrap();
            let count = value["count"].as_u64().unwrap();
            assert!(count <= last_count, "most used first");
            last_count = count;
            let chunks: Vec<&str> = value["chunks"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap())
                .collect();
            let mut read = Vec::new();
            for (i, path) in chunks.iter().enumerate() {
                let part = chunk(path);
                assert!(part.len() <= POSTINGS_PER_CHUNK);
                if i + 1 < chunks.len() {
                    assert_eq!(
                        part.len(),
                        POSTINGS_PER_CHUNK,
                        "only the last chunk is short"
                    );
                }
                read.extend(part);
            }
            assert_eq!(&read, &brute[name], "{name}");
            assert_eq!(count as usize, read.len());
        }
    }
    let values = facet(&files.years)["values"].as_array().unwrap().clone();
    assert_eq!(values.len(), years.len());
    for value in &values {
        let stories = &years[value["value"].as_str().unwrap()];
        let start = value["start"].as_u64().unwrap() as u32;
        let count = value["count"].as_u64().unwrap() as u32;
        assert_eq!(
            stories,
            &(start..start + count).collect::<Vec<_>>(),
            "a year is one run of stories"
        );
    }
    assert!(
        tags.len() >= 50 && outlets.len() > 500 && years.len() >= 15,
        "{} {} {}",
        tags.len(),
        outlets.len(),
        years.len()
    );
}
