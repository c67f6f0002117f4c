//! TOML front matter (`+++` fences, as Hugo and Zola write it), parsed with the `toml` crate into the same
//! located entries as YAML's, so that `front_matter` reads both one way.

use std::ops::Range;

use serde_json::Value;

use crate::yaml::{Entry, YamlError};

/// Parses a TOML front matter block into its top-level entries, in the order they are written.
pub fn parse(text: &str) -> Result<Vec<Entry>, YamlError> {
    let table: toml::Table = text.parse().map_err(|err: toml::de::Error| YamlError {
        not_a_mapping: false,
        message: err.message().to_string(),
        span: err.span(),
    })?;
    let mut entries: Vec<Entry> = table
        .into_iter()
        .map(|(key, value)| {
            let (key_span, value_span) = spans(text, &key);
            Entry {
                key,
                key_span,
                value: json(value),
                value_span,
            }
        })
        .collect();
    entries.sort_by_key(|e| e.key_span.start);
    Ok(entries)
}

/// A TOML value as the JSON-like tree the YAML reader gives: a date or time becomes its text.
fn json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(n) => Value::from(n),
        toml::Value::Float(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(json).collect()),
        toml::Value::Table(table) => {
            Value::Object(table.into_iter().map(|(k, v)| (k, json(v))).collect())
        }
    }
}

/// Where a top-level `key = value` line is: the key's span and the rest of the line's (a value spread over
/// several lines points at its first). A table (`[cover]`) points at its header line.
fn spans(text: &str, key: &str) -> (Range<usize>, Range<usize>) {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = at + line.len() - trimmed.len();
        let end = at + line.trim_end().len();
        let header = [["[", key, "]"].concat(), ["[\"", key, "\"]"].concat()];
        if header.iter().any(|h| trimmed.trim_end() == h) {
            return (indent..end, indent..end);
        }
        for written in [key.to_string(), ["\"", key, "\""].concat()] {
            if let Some(rest) = trimmed.strip_prefix(written.as_str()) {
                if let Some(value) = rest.trim_start().strip_prefix('=') {
                    let value_start = end - value.trim().len();
                    return (indent..indent + written.len(), value_start..end);
                }
            }
        }
        at += line.len();
    }
    (0..0, 0..0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_keep_their_order_values_and_places() {
        let text = "title = \"Hello\"\ndate = 2020-10-12T17:00:00+02:00\ntags = [\"a\", \"b\"]\n[cover]\nimage = \"x.png\"\n";
        let entries = parse(text).unwrap();
        let keys: Vec<&str> = entries.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["title", "date", "tags", "cover"]);
        assert_eq!(entries[0].value, Value::String("Hello".into()));
        assert_eq!(&text[entries[0].key_span.clone()], "title");
        assert_eq!(&text[entries[0].value_span.clone()], "\"Hello\"");
        assert_eq!(
            entries[1].value,
            Value::String("2020-10-12T17:00:00+02:00".into())
        );
        assert_eq!(entries[3].value["image"], Value::String("x.png".into()));
    }

    #[test]
    fn a_syntax_error_has_a_place() {
        let err = parse("title = \n").unwrap_err();
        assert!(err.span.is_some(), "{err:?}");
    }
}
