//! Small text derivations: normalised tags, the excerpt, reading time and slugs.

use tidings_bundle::{Block, Inline};

/// Where an excerpt is cut, in characters.
pub const EXCERPT_CHARS: usize = 300;
/// Reading speed for space-separated scripts, in words per minute.
pub const WORDS_PER_MINUTE: usize = 230;
/// Reading speed for Chinese, Japanese and Korean text, in characters per minute.
pub const CJK_CHARS_PER_MINUTE: usize = 500;

/// A tag as the bundle keeps it: trimmed, case-folded, inner whitespace as one `-`. Empty stays empty.
pub fn normalize_tag(tag: &str) -> String {
    tag.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

/// The plain text of inline content.
pub fn plain(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text(t) | Inline::Code(t) => out.push_str(t),
            Inline::Emphasis(c)
            | Inline::Strong(c)
            | Inline::Strikethrough(c)
            | Inline::Link { content: c, .. } => plain(c, out),
            Inline::Image { alt, .. } => out.push_str(alt),
            Inline::Break => out.push(' '),
            Inline::FootnoteRef(_) => {}
        }
    }
}

/// Plain text of the opening paragraphs, cut at a word boundary near [`EXCERPT_CHARS`] with `…`.
/// Paragraphs that are only a template shortcode (`{{< ... >}}`) are skipped.
pub fn excerpt(blocks: &[Block]) -> String {
    let mut text = String::new();
    for block in blocks {
        let Block::Paragraph(inlines) = block else {
            continue;
        };
        let mut para = String::new();
        plain(inlines, &mut para);
        let para = para.split_whitespace().collect::<Vec<_>>().join(" ");
        if para.is_empty() || para.starts_with("{{") {
            continue;
        }
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&para);
        if text.chars().count() >= EXCERPT_CHARS * 2 / 3 {
            break;
        }
    }
    cut(&text, EXCERPT_CHARS)
}

fn cut(text: &str, max: usize) -> String {
    let Some((limit, _)) = text.char_indices().nth(max) else {
        return text.to_string();
    };
    let head = &text[..limit];
    let at = head
        .rfind(char::is_whitespace)
        .filter(|&i| i > limit / 2)
        .unwrap_or(limit);
    let mut out = head[..at]
        .trim_end_matches(|c: char| c.is_whitespace() || ",;:—–-".contains(c))
        .to_string();
    out.push('…');
    out
}

/// Minutes to read `text`, at least 1.
///
/// A word is a run of characters between whitespace and CJK characters with at least one letter or digit in
/// it; each CJK character counts on its own. One pass over the text: a seed's whole text goes through here.
pub fn reading_minutes(text: &str) -> u32 {
    let (mut words, mut cjk) = (0usize, 0usize);
    // Whether the run since the last separator has been counted as a word.
    let mut counted = false;
    for c in text.chars() {
        if c.is_ascii() {
            // Most text: no CJK, and ASCII's own tests.
            if c.is_ascii_alphanumeric() {
                words += usize::from(!counted);
                counted = true;
            } else if c.is_whitespace() {
                counted = false;
            }
        } else if is_cjk(c) {
            cjk += 1;
            counted = false;
        } else if c.is_whitespace() {
            counted = false;
        } else if !counted && c.is_alphanumeric() {
            words += 1;
            counted = true;
        }
    }
    let minutes = words as f64 / WORDS_PER_MINUTE as f64 + cjk as f64 / CJK_CHARS_PER_MINUTE as f64;
    (minutes.round() as u32).max(1)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF | 0x20000..=0x2FA1F)
}

/// The plain text of a whole document, for counting words.
pub fn document_text(blocks: &[Block], out: &mut String) {
    for block in blocks {
        match block {
            Block::Paragraph(i) | Block::Heading { content: i, .. } => plain(i, out),
            Block::Quote(b) => document_text(b, out),
            Block::List { items, .. } => items.iter().for_each(|b| document_text(b, out)),
            Block::Code { text, .. } => out.push_str(text),
            Block::Table { head, rows, .. } => {
                head.iter().chain(rows.iter().flatten()).for_each(|cell| {
                    plain(cell, out);
                    out.push(' ');
                });
            }
            Block::Rule => {}
        }
        out.push('\n');
    }
}

/// URL-friendly form of a title (`slug` crate: transliterated, lower-case, `-` separated).
pub fn slugify(title: &str) -> String {
    let slug = slug::slugify(title);
    match slug.char_indices().nth(80) {
        Some((i, _)) => slug[..i].trim_end_matches('-').to_string(),
        None => slug,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_tags() {
        assert_eq!(
            normalize_tag("  Data   Visualization "),
            "data-visualization"
        );
        assert_eq!(normalize_tag("USA"), "usa");
        assert_eq!(normalize_tag("Straße"), "straße");
        assert_eq!(normalize_tag("   "), "");
    }

    #[test]
    fn cuts_the_excerpt_at_a_word_boundary() {
        let long = "word ".repeat(100);
        let blocks = vec![Block::Paragraph(vec![Inline::Text(long)])];
        let ex = excerpt(&blocks);
        assert!(ex.ends_with("word…"), "{ex}");
        assert!(ex.chars().count() <= EXCERPT_CHARS + 1);
    }

    #[test]
    fn joins_short_opening_paragraphs_and_skips_shortcodes() {
        let p = |t: &str| Block::Paragraph(vec![Inline::Text(t.into())]);
        let blocks = vec![
            p("{{< img src=\"x\" >}}"),
            p("One."),
            Block::Rule,
            p("Two."),
        ];
        assert_eq!(excerpt(&blocks), "One. Two.");
    }

    #[test]
    fn reads_words_and_cjk_at_their_own_speeds() {
        assert_eq!(reading_minutes("hi"), 1);
        assert_eq!(reading_minutes(&"word ".repeat(230 * 3)), 3);
        assert_eq!(reading_minutes(&"漢".repeat(500 * 4)), 4);
    }

    #[test]
    fn counts_words_between_whitespace_and_cjk_with_a_letter_or_digit() {
        // 230 words a minute: 115 words round up to one minute, 345 to two.
        let words = |n: usize, word: &str, gap: &str| [word, gap].concat().repeat(n);
        assert_eq!(reading_minutes(&words(345, "a", " ")), 2);
        assert_eq!(
            reading_minutes(&words(345, "—", " ")),
            1,
            "no letter: not a word"
        );
        assert_eq!(
            reading_minutes(&words(345, "x-1", "\u{a0}")),
            2,
            "Unicode whitespace separates"
        );
        assert_eq!(
            reading_minutes(&words(345, "a", "漢")),
            2,
            "a CJK character separates"
        );
        assert_eq!(reading_minutes(&words(345, "ab", "")), 1, "one word");
    }

    #[test]
    fn slugs_titles() {
        assert_eq!(
            slugify("Diplomatic Breakthrough: Gaza!"),
            "diplomatic-breakthrough-gaza"
        );
        assert_eq!(slugify("Ça va?"), "ca-va");
    }
}
