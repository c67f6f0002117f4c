//! The compiled seeds made one bundle: display order, unique slugs, tag counts.

use std::collections::{BTreeMap, HashMap};

use tidings_bundle::{Bundle, Card, TagCount, SCHEMA_VERSION};

use crate::code::Code;
use crate::diag::Report;
use crate::Output;

/// Orders the articles, makes slugs unique and counts tags.
pub(crate) fn assemble(mut articles: Vec<(usize, Card, String)>, report: &mut Report) -> Output {
    // Newest first; undated last; then by title and id so the order never depends on the file system.
    articles.sort_by(|a, b| {
        (b.1.date.is_some(), &b.1.date)
            .cmp(&(a.1.date.is_some(), &a.1.date))
            .then_with(|| a.1.title.cmp(&b.1.title))
            .then_with(|| a.1.id.cmp(&b.1.id))
    });
    let mut by_id: Vec<usize> = (0..articles.len()).collect();
    by_id.sort_by(|&a, &b| articles[a].1.id.cmp(&articles[b].1.id));
    let mut taken: HashMap<String, String> = HashMap::new();
    for i in by_id {
        let (file, card, _) = &mut articles[i];
        let wanted = if card.slug.is_empty() {
            card.id.to_lowercase()
        } else {
            card.slug.clone()
        };
        let mut slug = wanted.clone();
        let mut n = 2;
        while taken.contains_key(&slug) {
            slug = format!("{wanted}-{n}");
            n += 1;
        }
        if slug != wanted {
            let other = taken[&wanted].clone();
            report.sink(*file).file_warning(
                Code::SlugDuplicate,
                format!(
                    "slug `{wanted}` is also the slug of `{other}`; this article gets `{slug}`"
                ),
                "give one of the two articles a different title",
            );
        }
        taken.insert(slug.clone(), card.id.clone());
        card.slug = slug;
    }
    let mut counts: BTreeMap<&str, u32> = BTreeMap::new();
    for (_, card, _) in &articles {
        for tag in &card.tags {
            *counts.entry(tag).or_default() += 1;
        }
    }
    let mut tags: Vec<TagCount> = counts
        .into_iter()
        .map(|(tag, count)| TagCount {
            tag: tag.to_string(),
            count,
        })
        .collect();
    tags.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.tag.cmp(&b.tag)));
    let (cards, bodies) = articles
        .into_iter()
        .map(|(_, card, body)| (card, body))
        .unzip();
    Output {
        bundle: Bundle {
            schema_version: SCHEMA_VERSION,
            tags,
            articles: cards,
            title: None,
            lang: None,
        },
        bodies,
    }
}
