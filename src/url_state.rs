//! An instance's state in the page URL: `?<key>.tags=a,b&<key>.story=<slug>`, beside the host's own query
//! parameters and fragment, which are kept as they are. Pure string work, tested natively.

use crate::format::pieces;

/// What the URL says about one widget.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UrlState {
    /// Selected tags; `None` when the URL does not say (the widget's preset applies), `Some(vec![])` for an
    /// explicit "All".
    pub tags: Option<Vec<String>>,
    /// Slug of the open story.
    pub story: Option<String>,
}

/// Which of widget `key`'s parameters `name` is: `tags`, `story`, or neither.
fn param<'a>(name: &'a str, key: &str) -> Option<&'a str> {
    name.strip_prefix(key)?
        .strip_prefix(".")
        .filter(|p| matches!(*p, "tags" | "story"))
}

/// Reads the state of widget `key` from a query string (with or without its `?`).
pub fn read(query: &str, key: &str) -> UrlState {
    let mut state = UrlState::default();
    for (name, value) in pairs(query) {
        match param(&name, key) {
            Some("tags") => state.tags = Some(crate::format::tag_list(&value)),
            Some(_) if !value.is_empty() => state.story = Some(value),
            _ => {}
        }
    }
    state
}

/// The query string (with `?`, or empty) with widget `key`'s parameters set to `state`, every other parameter
/// unchanged and in place.
pub fn write(query: &str, key: &str, state: &UrlState) -> String {
    let ours = |name: &str| param(name, key).is_some();
    // Written into one string as it goes: `?` before the first part, `&` before the others.
    let mut out = String::new();
    let sep = |out: &mut String| out.push(if out.is_empty() { '?' } else { '&' });
    for part in parts(query).filter(|p| !ours(&decode(halves(p).0))) {
        sep(&mut out);
        out.push_str(part);
    }
    if let Some(tags) = &state.tags {
        sep(&mut out);
        out.push_str(&encode(&[key, ".tags"].concat()));
        out.push('=');
        for (i, tag) in tags.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&encode(tag));
        }
    }
    if let Some(story) = &state.story {
        sep(&mut out);
        out.push_str(&encode(&[key, ".story"].concat()));
        out.push('=');
        out.push_str(&encode(story));
    }
    out
}

/// The `name=value` parts of a query string, as written.
fn parts(query: &str) -> impl Iterator<Item = &str> {
    pieces(query.strip_prefix("?").unwrap_or(query), b'&').filter(|p| !p.is_empty())
}

/// A part's name and value, as written: split at its first `=` (a part without one is all name).
fn halves(part: &str) -> (&str, &str) {
    let name = pieces(part, b'=').next().unwrap_or(part);
    (name, part.get(name.len() + 1..).unwrap_or(""))
}

/// The parts of a query string, decoded.
fn pairs(query: &str) -> impl Iterator<Item = (String, String)> + '_ {
    parts(query).map(|p| {
        let (name, value) = halves(p);
        (decode(name), decode(value))
    })
}

fn encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.extend([
                    '%',
                    HEX[usize::from(b >> 4)].into(),
                    HEX[usize::from(b & 15)].into(),
                ]);
            }
        }
    }
    out
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => match (hex(bytes.get(i + 1)), hex(bytes.get(i + 2))) {
                (Some(high), Some(low)) => {
                    out.push(high << 4 | low);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    // Escapes that spell no UTF-8 (a hand-edited URL) leave the text as it was typed.
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// The value of a hexadecimal digit.
fn hex(digit: Option<&u8>) -> Option<u8> {
    char::from(*digit?).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_only_its_own_parameters() {
        let q = "?page=2&grid.tags=usa,middle-east&sidebar.story=a-story&grid.story=the-story";
        assert_eq!(
            read(q, "grid"),
            UrlState {
                tags: Some(vec!["usa".into(), "middle-east".into()]),
                story: Some("the-story".into())
            }
        );
        assert_eq!(
            read(q, "sidebar"),
            UrlState {
                tags: None,
                story: Some("a-story".into())
            }
        );
        assert_eq!(
            read("?grid.tags=", "grid").tags,
            Some(vec![]),
            "an explicit All"
        );
        assert_eq!(read("", "grid"), UrlState::default());
    }

    #[test]
    fn writes_its_parameters_and_keeps_the_hosts() {
        let state = UrlState {
            tags: Some(vec!["usa".into()]),
            story: Some("s".into()),
        };
        assert_eq!(
            write("?page=2&grid.tags=old&x=%20y", "grid", &state),
            "?page=2&x=%20y&grid.tags=usa&grid.story=s"
        );
        assert_eq!(write("?grid.tags=old", "grid", &UrlState::default()), "");
        assert_eq!(
            write(
                "",
                "grid",
                &UrlState {
                    tags: Some(vec![]),
                    story: None
                }
            ),
            "?grid.tags="
        );
        assert_eq!(write("", "grid", &state), "?grid.tags=usa&grid.story=s");
    }

    #[test]
    fn keeps_a_percent_sign_that_starts_no_escape() {
        assert_eq!(
            read("?k.story=50%25+off%zz%4", "k").story.as_deref(),
            Some("50% off%zz%4")
        );
    }

    #[test]
    fn keeps_escapes_that_spell_no_text_as_they_were_typed() {
        assert_eq!(
            read("?k.story=caf%E9&k.tags=a,%FF%FE", "k"),
            UrlState {
                tags: Some(vec!["a".into(), "%ff%fe".into()]),
                story: Some("caf%E9".into())
            }
        );
    }

    #[test]
    fn round_trips_unusual_text() {
        let state = UrlState {
            tags: Some(vec!["c++".into(), "ça".into()]),
            story: Some("a&b=c".into()),
        };
        assert_eq!(read(&write("?q=1", "k", &state), "k"), state);
    }
}
