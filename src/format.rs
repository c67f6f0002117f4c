//! Text the widget derives for display, kept pure so native tests can check it.

use tidings_bundle::Source;

/// `n` in decimal digits. The standard library's `to_string` goes through the formatter's padding and
/// alignment, which the widget otherwise leaves out of the wasm.
pub fn digits(mut n: u64) -> String {
    let mut buf = [0u8; 20];
    let mut start = buf.len();
    loop {
        start -= 1;
        buf[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf[start..].iter().map(|&d| char::from(d)).collect()
}

/// The whole number `text` spells in decimal digits, and nothing else; `None` when it is empty, has any other
/// character or is over `u64::MAX`. One loop for every number the widget reads (attributes, dates, a length),
/// where `str::parse` brings the standard library's parser.
pub fn whole(text: &str) -> Option<u64> {
    if text.is_empty() {
        return None;
    }
    text.bytes().try_fold(0u64, |n, b| match b {
        b'0'..=b'9' => n.checked_mul(10)?.checked_add(u64::from(b - b'0')),
        _ => None,
    })
}

/// Outlets shown on a card before the rest are counted.
pub const OUTLETS_SHOWN: usize = 2;

/// "CNN · NPR", or "CNN · NPR +3" when there are more; repeated outlets are named once.
pub fn outlets(sources: &[Source]) -> String {
    let mut names: Vec<&str> = Vec::new();
    for s in sources {
        if !names.contains(&s.outlet.as_str()) {
            names.push(&s.outlet);
        }
    }
    let mut text = names
        .iter()
        .take(OUTLETS_SHOWN)
        .copied()
        .collect::<Vec<_>>()
        .join(" · ");
    if names.len() > OUTLETS_SHOWN {
        text.push_str(" +");
        text.push_str(&digits((names.len() - OUTLETS_SHOWN) as u64));
    }
    text
}

/// A tag as bundles spell it: trimmed, lower-case, inner whitespace as `-` (as the compiler writes them).
pub fn normalize_tag(tag: &str) -> String {
    let mut out = String::new();
    // Whitespace after some text: a `-` before the next character, if one comes.
    let mut gap = false;
    for c in lowercase(tag).chars() {
        if c.is_whitespace() {
            gap = !out.is_empty();
        } else {
            if gap {
                out.push('-');
                gap = false;
            }
            out.push(c);
        }
    }
    out
}

/// The pieces of `text` between the bytes `sep` (an ASCII byte, which is never part of a longer UTF-8
/// character), as `str::split` gives them. Every split of the widget is on one ASCII byte: this one loop serves
/// them all, where `split(char)` brings the standard library's character searcher.
pub fn pieces(text: &str, sep: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let text = rest?;
        let piece = match text.bytes().position(|b| b == sep) {
            Some(i) => {
                rest = Some(&text[i + 1..]);
                &text[..i]
            }
            None => {
                rest = None;
                text
            }
        };
        Some(piece)
    })
}

/// A comma-separated list of tags (`data-tags`, the URL's `<key>.tags`), each normalised, empty ones left out.
pub fn tag_list(text: &str) -> Vec<String> {
    let mut tags = Vec::new();
    for tag in pieces(text, b',').map(normalize_tag) {
        if !tag.is_empty() {
            tags.push(tag);
        }
    }
    tags
}

/// Lower case by Unicode's rules. In the browser these are the browser's own tables (`toLowerCase`, the same
/// mapping): Rust's would cost every reader 11 KB of wasm.
fn lowercase(text: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    return js_sys::JsString::from(text).to_lower_case().into();
    #[cfg(not(target_arch = "wasm32"))]
    text.to_lowercase()
}

/// Year, month and day of a bundle date (`YYYY-MM-DD`).
pub fn ymd(date: &str) -> Option<(u32, u32, u32)> {
    let mut parts = pieces(date, b'-').map(whole);
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    if parts.next().is_some() {
        return None;
    }
    let year = u32::try_from(y).ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((year, m as u32, d as u32))
}

/// Whether a URL from the bundle may become a link or image: only `http`, `https` and (for links) `mailto`.
/// The compiler already refuses others; the widget checks again because a bundle may come from anywhere.
pub fn safe_url(url: &str, allow_mailto: bool) -> bool {
    // Compared in place, ignoring ASCII case: no lower-cased copy of the URL.
    let url = url.trim_ascii_start().as_bytes();
    let starts = |scheme: &str| {
        url.get(..scheme.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(scheme.as_bytes()))
    };
    starts("https://") || starts("http://") || (allow_mailto && starts("mailto:"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(outlet: &str) -> Source {
        Source {
            url: String::new(),
            host: String::new(),
            outlet: outlet.into(),
            date: None,
        }
    }

    #[test]
    fn names_two_outlets_and_counts_the_rest() {
        assert_eq!(outlets(&[source("CNN"), source("NPR")]), "CNN · NPR");
        assert_eq!(
            outlets(&[
                source("CNN"),
                source("CNN"),
                source("NPR"),
                source("BBC"),
                source("AP")
            ]),
            "CNN · NPR +2"
        );
        assert_eq!(outlets(&[]), "");
    }

    #[test]
    fn writes_numbers_as_the_standard_library_does() {
        for n in [0, 7, 10, 99, 100, 1_234_567_890, u64::MAX] {
            assert_eq!(digits(n), n.to_string());
        }
    }

    #[test]
    fn reads_whole_numbers_only() {
        for n in [0, 7, 10, 1_234_567_890, u64::MAX] {
            assert_eq!(whole(&n.to_string()), Some(n));
        }
        assert_eq!(whole("007"), Some(7));
        for bad in [
            "",
            "-1",
            "+1",
            "1.5",
            " 1",
            "1e3",
            "١",
            "18446744073709551616",
        ] {
            assert_eq!(whole(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn reads_bundle_dates() {
        assert_eq!(ymd("2023-11-01"), Some((2023, 11, 1)));
        assert_eq!(ymd("2023-13-01"), None);
        assert_eq!(ymd("soon"), None);
    }

    #[test]
    fn only_web_and_mail_urls_are_safe() {
        assert!(safe_url("https://a.example", false));
        assert!(safe_url("mailto:a@b.c", true) && !safe_url("mailto:a@b.c", false));
        for bad in [
            "javascript:alert(1)",
            " JAVASCRIPT:x",
            "data:text/html,x",
            "vbscript:x",
            "//evil.example",
            // Only ASCII whitespace is skipped, as the browser's URL parser skips it.
            "\u{a0}javascript:x",
            "\u{3000}https://a.example",
        ] {
            assert!(!safe_url(bad, true), "{bad}");
        }
        assert!(safe_url(" \t\nhttps://a.example", false));
    }

    #[test]
    fn normalizes_tags_as_the_compiler_does() {
        for (tag, normal) in [
            ("  Data   Visualization ", "data-visualization"),
            ("USA", "usa"),
            ("Straße", "straße"),
            ("   ", ""),
            ("", ""),
            ("Middle\u{a0}East\u{3000}", "middle-east"),
            ("\tÉtats-Unis\n", "états-unis"),
        ] {
            assert_eq!(normalize_tag(tag), normal, "{tag:?}");
        }
    }

    #[test]
    fn splits_on_a_byte_as_str_split_does() {
        for text in ["", ",", "a", "a,b", ",a,,b,", "é,ü,", "日本,語"] {
            assert_eq!(
                pieces(text, b',').collect::<Vec<_>>(),
                text.split(',').collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }
}
