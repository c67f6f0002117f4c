//! What authors write at the top of a seed ([`FrontMatter`]), read from located YAML entries.
//!
//! Input types are not output types: this is validated and turned into a `bundle::Card` by `seed`. Keys other
//! tools use are mapped where their meaning is clear (`topics` and `categories` add tags, `source_url` adds a
//! source, `description` stands in for `summary`); any other key is a warning that names it.

use std::ops::Range;

use serde_json::Value;

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
    /// `draft: true`.
    pub draft: bool,
}

const HELP_UNKNOWN: &str =
    "Tidings reads sources, tags, title, date, summary, image, lang and draft; remove the key or \
                            rename it to one of those";

/// Reads `entries` (spans relative to the YAML text that starts at `offset` in the file).
pub fn read(entries: &[Entry], yaml: &str, offset: usize, sink: &mut Sink) -> FrontMatter {
    let mut fm = FrontMatter::default();
    let mut summary = None;
    let mut description = None;
    for (i, entry) in entries.iter().enumerate() {
        let at = |r: &Range<usize>| r.start + offset..r.end + offset;
        let value_span = at(&entry.value_span);
        if let Some(earlier) = entries[..i].iter().rfind(|e| e.key == entry.key) {
            sink.warning(
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
        match entry.key.as_str() {
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
            "summary" => summary = scalar(sink),
            "description" => description = scalar(sink),
            "image" => fm.image = scalar(sink),
            "lang" => fm.lang = scalar(sink),
            "draft" => match &entry.value {
                Value::Bool(b) => fm.draft = *b,
                Value::Null => fm.draft = false,
                other => sink.error(
                    Some(value_span),
                    format!("`draft` must be true or false, not {}", kind(other)),
                    "expected true or false",
                    "write `draft: true` to leave the seed out of the bundle, or remove the key",
                ),
            },
            _ => sink.warning(
                Some(at(&entry.key_span)),
                format!("unknown front matter key `{}` is ignored", entry.key),
                "not used by Tidings",
                HELP_UNKNOWN,
            ),
        }
    }
    fm.summary = summary.or(description);
    fm
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
        let (_, diags) = read_yaml("authors: [x]\n");
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].severity, Severity::Warning);
        assert_eq!(
            diags[0].message,
            "unknown front matter key `authors` is ignored"
        );
        assert_eq!(diags[0].span, Some(0..7));
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
