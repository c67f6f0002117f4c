//! Parsing front matter YAML with `serde-saphyr` into ordered, located entries.
//!
//! The front matter is read as a list of `key: value` entries, each with its byte span in the seed, rather than
//! straight into a struct: that keeps repeated keys (real posts repeat some; the last one wins, with a
//! warning), lets unknown keys be named in warnings, and lets every later diagnostic point at its value.

use std::fmt;
use std::ops::Range;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::Value;
use serde_saphyr::{DuplicateKeyPolicy, Location, Options, Spanned};

/// One `key: value` of a front matter block, with spans as byte offsets into the YAML text.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The key.
    pub key: String,
    /// Where the key is.
    pub key_span: Range<usize>,
    /// The value, as a JSON-like tree (timestamps stay strings).
    pub value: Value,
    /// Where the value is.
    pub value_span: Range<usize>,
}

/// Why a front matter block is not a usable mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    /// Whether the text is valid YAML that is just not a mapping (a list, a single value).
    pub not_a_mapping: bool,
    /// What the YAML parser said, without its location.
    pub message: String,
    /// Byte range in the YAML text, when the parser gave one.
    pub span: Option<Range<usize>>,
}

/// Parses a front matter block. An empty block (or one holding only comments or `null`) has no entries.
pub fn parse(yaml: &str) -> Result<Vec<Entry>, YamlError> {
    let mut options = options();
    options.duplicate_keys = DuplicateKeyPolicy::PassThrough;
    let parsed: Option<Entries> =
        serde_saphyr::from_str_with_options(yaml, options).map_err(|err| {
            let mut error = YamlError::from_saphyr(&err, yaml);
            // Only on the error path: tell "not YAML" from "YAML, but not key: value pairs".
            error.not_a_mapping = parse_value(yaml).is_ok();
            error
        })?;
    let entries = parsed.map(|e| e.0).unwrap_or_default();
    Ok(entries
        .into_iter()
        .map(|(key, value)| Entry {
            key_span: span_of(&key.referenced, yaml).unwrap_or(0..0),
            key: key.value,
            value_span: span_of(&value.referenced, yaml).unwrap_or(0..0),
            value: value.value,
        })
        .collect())
}

/// Parses a YAML text into a plain value, for comparing the parser with reference results.
pub fn parse_value(yaml: &str) -> Result<Value, YamlError> {
    serde_saphyr::from_str_with_options(yaml, options())
        .map_err(|err| YamlError::from_saphyr(&err, yaml))
}

/// The parser settings: YAML 1.2 as the test suite reads it (tabs never indent a quoted scalar's continuation),
/// with `!!binary` values kept as their base64 text, since front matter values are text.
fn options() -> Options {
    let mut options = Options::default();
    options.strict_indentation = true;
    options.ignore_binary_tag_for_string = true;
    // Front matter is a handful of keys: a budget far below the library's general one stops alias bombs
    // ("billion laughs") and deep nesting in microseconds, with a diagnostic.
    if let Some(budget) = options.budget.as_mut() {
        budget.max_nodes = MAX_NODES;
        budget.max_depth = MAX_DEPTH;
        budget.max_aliases = 1_000;
    }
    options.alias_limits.max_total_replayed_events = MAX_NODES;
    options
}

/// Most YAML nodes a front matter block may hold (aliases expanded).
pub const MAX_NODES: usize = 10_000;
/// Deepest nesting of a front matter block.
pub const MAX_DEPTH: usize = 64;

impl YamlError {
    fn from_saphyr(err: &serde_saphyr::Error, yaml: &str) -> Self {
        let span = err.location().and_then(|loc| span_of(&loc, yaml));
        let full = err.without_snippet().to_string();
        // The parser appends " at line L, column C"; the caret shows that already.
        let message = match full.find(" at line ") {
            Some(i) => full[..i].to_string(),
            None => full,
        };
        let message = if message.starts_with("budget breached")
            || message.contains("limit exceeded")
        {
            format!("it is too large or too deeply nested (more than {MAX_NODES} values or {MAX_DEPTH} levels once aliases are expanded)")
        } else {
            message
        };
        Self {
            not_a_mapping: false,
            message: message
                .lines()
                .next()
                .unwrap_or_default()
                .trim()
                .to_string(),
            span,
        }
    }
}

/// The byte range a parser location points at. serde-saphyr gives byte offsets for most locations and only
/// a line and column for some errors.
fn span_of(loc: &Location, yaml: &str) -> Option<Range<usize>> {
    let span = loc.span();
    let (start, len) = match span.byte_offset() {
        Some(offset) => (offset as usize, span.byte_len().unwrap_or(0) as usize),
        None if loc.line() > 0 => {
            let line_start: usize = yaml
                .split_inclusive('\n')
                .take(loc.line() as usize - 1)
                .map(str::len)
                .sum();
            let col = char_to_byte(
                &yaml[line_start.min(yaml.len())..],
                loc.column().saturating_sub(1) as usize,
            );
            (line_start + col, 1)
        }
        None => return None,
    };
    let start = floor_boundary(yaml, start.min(yaml.len()));
    let end = ceil_boundary(yaml, (start + len.max(1)).min(yaml.len()));
    Some(start..end)
}

fn char_to_byte(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i)
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The top-level mapping, in document order, with the parser's locations.
struct Entries(Vec<(Spanned<String>, Spanned<Value>)>);

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(EntriesVisitor)
    }
}

struct EntriesVisitor;

impl<'de> Visitor<'de> for EntriesVisitor {
    type Value = Entries;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping of keys to values, like `tags: [news]`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<String>>()? {
            entries.push((key, map.next_value()?));
        }
        Ok(Entries(entries))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Entries, E> {
        Ok(Entries(Vec::new()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keeps_entries_in_order_with_spans() {
        let yaml = "tags: [a, b]\ntitle: Hello\n";
        let entries = parse(yaml).unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].key, "tags");
        assert_eq!(entries[0].value, json!(["a", "b"]));
        assert_eq!(&yaml[entries[1].key_span.clone()], "title");
        assert!(yaml[entries[1].value_span.clone()].starts_with("Hello"));
    }

    #[test]
    fn keeps_repeated_keys() {
        let entries = parse("a: 1\na: 2\n").unwrap();
        assert_eq!(
            entries.iter().map(|e| e.value.clone()).collect::<Vec<_>>(),
            vec![json!(1), json!(2)]
        );
    }

    #[test]
    fn empty_and_comment_only_blocks_have_no_entries() {
        assert_eq!(parse("").unwrap(), vec![]);
        assert_eq!(parse("# nothing\n").unwrap(), vec![]);
    }

    #[test]
    fn timestamps_stay_text() {
        let entries = parse("date: 2010-10-22 11:33:15 -0400\n").unwrap();
        assert_eq!(entries[0].value, json!("2010-10-22 11:33:15 -0400"));
    }

    #[test]
    fn syntax_errors_carry_a_location() {
        let err = parse("tags: [a, b\ntitle: x\n").unwrap_err();
        assert!(err.span.is_some(), "{err:?}");
        assert!(!err.message.is_empty());
    }

    #[test]
    fn a_list_is_not_a_mapping() {
        let err = parse("- a\n- b\n").unwrap_err();
        assert!(err.not_a_mapping);
        assert!(!parse("a: [").unwrap_err().not_a_mapping);
    }
}
