//! What authors write at the top of a seed ([`FrontMatter`]), read from located YAML entries.
//!
//! Input types are not output types: this is validated and turned into a `bundle::Card` by `seed`. Archives
//! written for Jekyll, Hugo and WordPress compile as they are: their keys are mapped where their meaning is clear
//! (`topics` and `categories` add tags, `author` is the byline, `published: false` is a draft, `permalink` the
//! link to the original, ...), matched without regard to case as Hugo matches them; the keys those tools keep
//! for themselves ([`IGNORED`]) are ignored without a word; any other key is a warning that names it.

use std::ops::Range;

use serde_json::Value;

use crate::code::Code;
use crate::diag::Sink;
use crate::yaml::Entry;

/// A value and where it is in the seed (byte offsets into the whole file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Its span in the file.
    pub span: Range<usize>,
}

/// The front matter keys Tidings understands, unvalidated beyond their YAML type.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    /// `sources`, then `source_url`: URLs as written.
    pub sources: Vec<Located<String>>,
    /// `tags`, `topics`, `categories`: tags as written.
    pub tags: Vec<Located<String>>,
    /// `title`.
    pub title: Option<Located<String>>,
    /// `date`, as written.
    pub date: Option<Located<String>>,
    /// `summary`, else `description`.
    pub summary: Option<Located<String>>,
    /// `image`.
    pub image: Option<Located<String>>,
    /// `lang`.
    pub lang: Option<Located<String>>,
    /// `draft: true`, `published: false`, or a WordPress `status` other than `publish`.
    pub draft: bool,
    /// `author`, `authors`: the byline, in order.
    pub authors: Vec<Located<String>>,
    /// `canonical_url`, `canonical`, `permalink`, `link`, `url` (the first of them given, in that order).
    pub canonical: Option<Located<String>>,
    /// `slug`.
    pub slug: Option<Located<String>>,
    /// `publishDate` (Hugo): not shown before it.
    pub publish_date: Option<Located<String>>,
    /// `expiryDate` (Hugo): not shown from it on.
    pub expiry_date: Option<Located<String>>,
}

/// Keys Jekyll, Hugo and WordPress exports use for themselves: known, and ignored without a warning.
pub const IGNORED: &[&str] = &[
    "aliases",
    "audio",
    "build",
    "cascade",
    "comments",
    "date_gmt",
    "excerpt_separator",
    "guid",
    "headless",
    "iscjklanguage",
    "keywords",
    "last_modified_at",
    "lastmod",
    "layout",
    "linktitle",
    "markup",
    "menu",
    "menus",
    "meta",
    "modified",
    "outputs",
    "parent_id",
    "password",
    "post_id",
    "redirect_from",
    "redirect_to",
    "render_with_liquid",
    "resources",
    "series",
    "sitemap",
    "toc",
    "translationkey",
    "type",
    "videos",
    "weight",
    "wordpress_id",
    "wordpress_url",
];

const HELP_UNKNOWN: &str =
    "Tidings reads sources, tags, title, date, summary, image, lang, draft, author, slug and permalink (and \
     the keys Jekyll, Hugo and WordPress use for them); remove the key or rename it to one of those";

/// Reads `entries` (spans relative to the YAML text that starts at `offset` in the file).
pub fn read(entries: &[Entry], yaml: &str, offset: usize, sink: &mut Sink) -> FrontMatter {
    let mut fm = FrontMatter::default();
    // The first given of each group wins, whatever the order of the keys.
    let (mut summary, mut excerpt, mut description) = (None, None, None);
    let mut images: [Option<Located<String>>; 4] = Default::default();
    let mut links: [Option<Located<String>>; 5] = Default::default();
    for (i, entry) in entries.iter().enumerate() {
        let at = |r: &Range<usize>| r.start + offset..r.end + offset;
        let value_span = at(&entry.value_span);
        if let Some(earlier) = entries[..i].iter().rfind(|e| e.key == entry.key) {
            sink.warning(
                Code::KeyRepeated,
                Some(at(&entry.key_span)),
                format!(
                    "key `{}` is repeated; this later value replaces the one on its first use",
                    entry.key
                ),
                "repeated here",
                format!("remove one of the two `{}` entries", earlier.key),
            );
        }
        let scalar = |sink: &mut Sink| scalar(&entry.key, &entry.value, value_span.clone(), sink);
        let flag = |sink: &mut Sink| match &entry.value {
            Value::Bool(b) => Some(*b),
            Value::Null => None,
            other => {
                sink.error(
                    Code::WrongType,
                    Some(value_span.clone()),
                    format!("`{}` must be true or false, not {}", entry.key, kind(other)),
                    "expected true or false",
                    "write `draft: true` (or `published: false`) to leave the seed out of the bundle, or remove the key",
                );
                None
            }
        };
        match entry.key.to_ascii_lowercase().as_str() {
            "sources" => fm.sources = list(entry, yaml, offset, sink),
            "source_url" => {
                if let Some(url) = scalar(sink).filter(|u| !u.value.is_empty()) {
                    if !fm.sources.iter().any(|s| s.value == url.value) {
                        fm.sources.push(url);
                    }
                }
            }
            "tags" => fm
                .tags
                .splice(0..0, list(entry, yaml, offset, sink))
                .for_each(drop),
            "topics" | "categories" | "category" => fm.tags.extend(list(entry, yaml, offset, sink)),
            "title" => fm.title = scalar(sink),
            "date" => fm.date = scalar(sink),
            "publishdate" | "pubdate" => fm.publish_date = scalar(sink),
            "expirydate" | "unpublishdate" => fm.expiry_date = scalar(sink),
            "summary" => summary = scalar(sink),
            "excerpt" => excerpt = scalar(sink),
            "description" => description = scalar(sink),
            "image" => images[0] = scalar(sink),
            "featured_image" | "coverimage" => {
                images[1] = image_in(entry, value_span.clone(), sink)
            }
            "images" => images[2] = list(entry, yaml, offset, sink).into_iter().next(),
            "cover" => images[3] = image_in(entry, value_span.clone(), sink),
            "lang" => fm.lang = scalar(sink),
            "slug" => fm.slug = scalar(sink),
            "author" | "authors" => fm.authors.extend(people(entry, yaml, offset, sink)),
            "canonical_url" | "canonicalurl" => links[0] = scalar(sink),
            "canonical" => links[1] = scalar(sink),
            "permalink" => links[2] = scalar(sink),
            "link" => links[3] = scalar(sink),
            "url" => links[4] = scalar(sink),
            "draft" => fm.draft |= flag(sink).unwrap_or(false),
            "published" => fm.draft |= flag(sink).is_some_and(|published| !published),
            // WordPress: `publish` is shown; `draft`, `pending`, `private`, `future` and `trash` are not.
            "status" => {
                fm.draft |= scalar(sink).is_some_and(|s| !s.value.eq_ignore_ascii_case("publish"))
            }
            known if IGNORED.contains(&known) => {}
            _ => sink.warning(
                Code::KeyUnknown,
                Some(at(&entry.key_span)),
                format!("unknown front matter key `{}` is ignored", entry.key),
                "not used by Tidings",
                HELP_UNKNOWN,
            ),
        }
    }
    fm.summary = summary.or(excerpt).or(description);
    fm.image = images.into_iter().flatten().next();
    fm.canonical = links.into_iter().flatten().next();
    fm
}

/// An image given as a mapping (`cover: {image: ...}`, WordPress's `featured_image: {src: ...}`) or as text.
/// A mapping with no URL in it (DigitalGov's `featured_image: {uid: ...}`) is reported: its image cannot be
/// shown.
fn image_in(entry: &Entry, span: Range<usize>, sink: &mut Sink) -> Option<Located<String>> {
    let url = match &entry.value {
        Value::Null => return None,
        Value::String(s) => Some(s.trim()),
        Value::Object(map) => ["image", "src", "url", "path"]
            .iter()
            .find_map(|k| map.get(*k).and_then(Value::as_str))
            .map(str::trim),
        _ => None,
    };
    match url.filter(|u| !u.is_empty()) {
        Some(url) => Some(Located {
            value: url.to_string(),
            span,
        }),
        None => {
            sink.warning(
                Code::ImageInvalid,
                Some(span),
                format!("`{}` has no image URL and is ignored", entry.key),
                "no `image`, `src` or `url` here",
                "give the image's address: `image: https://...`, or its path on the site with `base_url` in tidings.toml",
            );
            None
        }
    }
}

/// The people of an `author` or `authors` key: text, a list, or a mapping with a name in it (WordPress exports
/// write `author: {display_name: ...}`, Jekyll themes `author: {name: ...}`).
fn people(entry: &Entry, yaml: &str, offset: usize, sink: &mut Sink) -> Vec<Located<String>> {
    let span = entry.value_span.start + offset..entry.value_span.end + offset;
    fn named(value: &Value) -> Option<&str> {
        match value {
            Value::Object(map) => ["display_name", "name", "login"]
                .iter()
                .find_map(|k| map.get(*k).and_then(Value::as_str)),
            _ => None,
        }
    }
    match &entry.value {
        Value::Object(_) => named(&entry.value)
            .map(|name| Located {
                value: name.trim().to_string(),
                span,
            })
            .into_iter()
            .collect(),
        Value::Array(items) if items.iter().any(|i| i.is_object()) => items
            .iter()
            .filter_map(|item| item.as_str().or_else(|| named(item)))
            .map(|name| Located {
                value: name.trim().to_string(),
                span: span.clone(),
            })
            .collect(),
        _ => list(entry, yaml, offset, sink),
    }
}

/// A scalar as text; `null` is absent; a list or mapping is an error.
fn scalar(
    key: &str,
    value: &Value,
    span: Range<usize>,
    sink: &mut Sink,
) -> Option<Located<String>> {
    let text = match value {
        Value::Null => return None,
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        other => {
            sink.error(
                Code::WrongType,
                Some(span),
                format!("`{key}` must be a single value, not {}", kind(other)),
                "expected text",
                format!("write `{key}: ...` with one value on the line"),
            );
            return None;
        }
    };
    Some(Located { value: text, span })
}

/// A list of scalars. A single string is accepted as a comma-separated list (`tags: news, world`).
fn list(entry: &Entry, yaml: &str, offset: usize, sink: &mut Sink) -> Vec<Located<String>> {
    let span = entry.value_span.start + offset..entry.value_span.end + offset;
    match &entry.value {
        Value::Null => Vec::new(),
        Value::Array(items) => {
            let mut search_from = entry.value_span.start;
            let mut out = Vec::new();
            for item in items {
                match item {
                    Value::Null => {}
                    Value::String(_) | Value::Number(_) | Value::Bool(_) => {
                        let text = match item {
                            Value::String(s) => s.clone(),
                            other => other.to_string(),
                        };
                        // Point at the item itself when its text can be found in the list, else at the list.
                        let window = yaml
                            .get(search_from..entry.value_span.end.max(search_from))
                            .unwrap_or("");
                        let item_span =
                            match window.find(text.as_str()).filter(|_| !text.is_empty()) {
                                Some(i) => {
                                    search_from += i + text.len();
                                    search_from - text.len() + offset..search_from + offset
                                }
                                None => span.clone(),
                            };
                        out.push(Located {
                            span: item_span,
                            value: text,
                        });
                    }
                    other => sink.error(
                        Code::WrongType,
                        Some(span.clone()),
                        format!(
                            "`{}` must be a list of text values, but an item is {}",
                            entry.key,
                            kind(other)
                        ),
                        "this list",
                        format!(
                            "write each item of `{}` as plain text: `{}: [a, b]`",
                            entry.key, entry.key
                        ),
                    ),
                }
            }
            out
        }
        Value::String(s) => s
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| Located {
                value: s.to_string(),
                span: span.clone(),
            })
            .collect(),
        Value::Number(n) => vec![Located {
            value: n.to_string(),
            span,
        }],
        Value::Bool(b) => vec![Located {
            value: b.to_string(),
            span,
        }],
        Value::Object(_) => {
            sink.error(
                Code::WrongType,
                Some(span),
                format!("`{}` must be a list, not a mapping", entry.key),
                "expected a list",
                format!(
                    "write `{}: [a, b]` or one item per line starting with `- `",
                    entry.key
                ),
            );
            Vec::new()
        }
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "empty",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Diagnostic, Severity};

    fn read_yaml(yaml: &str) -> (FrontMatter, Vec<Diagnostic>) {
        let entries = crate::yaml::parse(yaml).unwrap();
        let mut out = Vec::new();
        let fm = read(
            &entries,
            yaml,
            0,
            &mut Sink {
                file: 0,
                out: &mut out,
            },
        );
        (fm, out)
    }

    fn values(items: &[Located<String>]) -> Vec<&str> {
        items.iter().map(|l| l.value.as_str()).collect()
    }

    #[test]
    fn reads_the_known_keys() {
        let (fm, diags) = read_yaml("sources: [\"https://a.example/x\"]\ntags: [A, b]\ntitle: T\ndate: 2023-11-01\ndraft: true\n");
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(values(&fm.sources), ["https://a.example/x"]);
        assert_eq!(values(&fm.tags), ["A", "b"]);
        assert_eq!(fm.title.unwrap().value, "T");
        assert_eq!(fm.date.unwrap().value, "2023-11-01");
        assert!(fm.draft);
    }

    #[test]
    fn maps_the_keys_of_other_tools() {
        let (fm, diags) = read_yaml("topics:\n  - analytics\nsource_url: https://a.example/\ndescription: D\ncategories: news\n");
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(values(&fm.tags), ["analytics", "news"]);
        assert_eq!(values(&fm.sources), ["https://a.example/"]);
        assert_eq!(fm.summary.unwrap().value, "D");
    }

    #[test]
    fn warns_on_an_unknown_key_naming_it() {
        let (_, diags) = read_yaml("kicker: [x]\n");
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].severity, Severity::Warning);
        assert_eq!(
            diags[0].message,
            "unknown front matter key `kicker` is ignored"
        );
        assert_eq!(diags[0].span, Some(0..6));
    }

    #[test]
    fn warns_on_a_repeated_key_and_keeps_the_last() {
        let (fm, diags) = read_yaml("title: A\ntitle: B\n");
        assert_eq!(fm.title.unwrap().value, "B");
        assert!(
            diags[0].message.contains("`title` is repeated"),
            "{diags:?}"
        );
    }

    #[test]
    fn a_tag_string_is_a_comma_separated_list_and_null_is_none() {
        assert_eq!(
            values(&read_yaml("tags: food, drink\n").0.tags),
            ["food", "drink"]
        );
        assert!(read_yaml("tags:\n").0.tags.is_empty());
    }

    #[test]
    fn rejects_a_mapping_where_a_list_belongs() {
        let (_, diags) = read_yaml("tags: {a: 1}\n");
        assert_eq!(diags[0].message, "`tags` must be a list, not a mapping");
    }

    #[test]
    fn rejects_a_draft_that_is_not_a_boolean() {
        let (_, diags) = read_yaml("draft: maybe\n");
        assert_eq!(diags[0].message, "`draft` must be true or false, not text");
    }
}
