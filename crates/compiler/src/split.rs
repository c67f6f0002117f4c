//! Splitting a seed into its front matter (YAML between `---` lines, or TOML between `+++` lines, as Hugo and
//! Zola write it) and its Markdown body.
//!
//! Done by hand on purpose: pulldown-cmark's metadata-block option misses a block that starts `---` followed by
//! a blank line, and swallows a `---` pair in the middle of a body. Here the front matter is a `---` line at the
//! top of the file (after an optional byte-order mark and blank lines) up to the next line that is exactly `---`
//! or `...`. Line endings may be `\n` or `\r\n`.

use std::ops::Range;

/// A seed's text cut in two. Offsets are byte offsets into the whole file.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the fences, if the file has front matter.
    pub front_matter: Option<FrontMatterText<'a>>,
    /// The Markdown after the closing fence (or the whole file without front matter).
    pub body: &'a str,
    /// Where `body` starts in the file.
    pub body_offset: usize,
}

/// The language of a front matter block, told by its fences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `---` … `---` (or `...`).
    Yaml,
    /// `+++` … `+++`.
    Toml,
}

/// The text of a front matter block.
#[derive(Debug, PartialEq, Eq)]
pub struct FrontMatterText<'a> {
    /// YAML or TOML.
    pub format: Format,
    /// The YAML or TOML, without the fences.
    pub yaml: &'a str,
    /// Where `yaml` starts in the file.
    pub offset: usize,
    /// The opening `---` line's span.
    pub open: Range<usize>,
}

/// The one way splitting fails: an opening fence with no closing one.
#[derive(Debug, PartialEq, Eq)]
pub struct Unclosed {
    /// The opening `---` line's span.
    pub open: Range<usize>,
}

/// Cuts `text` into front matter and body.
pub fn split(text: &str) -> Result<Split<'_>, Unclosed> {
    let start = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let mut lines = Lines { text, pos: start };
    let no_front_matter = Split {
        front_matter: None,
        body: &text[start..],
        body_offset: start,
    };

    let (open, format) = loop {
        match lines.next() {
            None => return Ok(no_front_matter),
            Some(line) if text[line.clone()].trim().is_empty() => continue,
            Some(line) => match fence(&text[line.clone()], None) {
                Some(format) => break (line, format),
                None => return Ok(no_front_matter),
            },
        }
    };
    let yaml_start = lines.pos;
    while let Some(line) = lines.next() {
        if fence(&text[line.clone()], Some(format)).is_some() {
            return Ok(Split {
                front_matter: Some(FrontMatterText {
                    format,
                    yaml: &text[yaml_start..line.start],
                    offset: yaml_start,
                    open: trim_line_end(text, open),
                }),
                body: &text[lines.pos..],
                body_offset: lines.pos,
            });
        }
    }
    Err(Unclosed {
        open: trim_line_end(text, open),
    })
}

/// The format a fence line opens (`opened` is `None`) or closes (the format it must close).
fn fence(line: &str, opened: Option<Format>) -> Option<Format> {
    let line = line
        .trim_end_matches(['\n', '\r'])
        .trim_end_matches([' ', '\t']);
    match (line, opened) {
        ("---", None | Some(Format::Yaml)) | ("...", Some(Format::Yaml)) => Some(Format::Yaml),
        ("+++", None | Some(Format::Toml)) => Some(Format::Toml),
        _ => None,
    }
}

fn trim_line_end(text: &str, line: Range<usize>) -> Range<usize> {
    let len = text[line.clone()].trim_end_matches(['\n', '\r']).len();
    line.start..line.start + len
}

/// Lines of `text` as byte ranges, each including its line ending.
struct Lines<'a> {
    text: &'a str,
    pos: usize,
}

impl Iterator for Lines<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        if self.pos >= self.text.len() {
            return None;
        }
        let start = self.pos;
        let end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i + 1);
        self.pos = end;
        Some(start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> (Option<&str>, &str) {
        let split = split(text).unwrap();
        (split.front_matter.map(|f| f.yaml), split.body)
    }

    #[test]
    fn splits_plain_front_matter() {
        assert_eq!(
            parts("---\ntags: [a]\n---\n# T\n"),
            (Some("tags: [a]\n"), "# T\n")
        );
    }

    #[test]
    fn tolerates_bom_crlf_and_leading_blank_lines() {
        assert_eq!(
            parts("\u{feff}\r\n  \r\n---\r\na: 1\r\n---\r\nbody"),
            (Some("a: 1\r\n"), "body")
        );
    }

    #[test]
    fn keeps_front_matter_that_starts_with_a_blank_line() {
        assert_eq!(parts("---\n\ntitle: x\n---\n"), (Some("\ntitle: x\n"), ""));
    }

    #[test]
    fn accepts_dots_as_closing_fence_and_empty_block() {
        assert_eq!(parts("---\na: 1\n...\nb"), (Some("a: 1\n"), "b"));
        assert_eq!(parts("---\n---\nEmpty"), (Some(""), "Empty"));
    }

    #[test]
    fn a_dash_pair_in_the_body_is_body() {
        assert_eq!(
            parts("# T\n\n---\nnot: yaml\n---\n"),
            (None, "# T\n\n---\nnot: yaml\n---\n")
        );
    }

    #[test]
    fn a_fence_must_be_the_whole_line() {
        assert_eq!(
            parts("---\ntitle: Foo --- Bar\n---\nx"),
            (Some("title: Foo --- Bar\n"), "x")
        );
        assert_eq!(parts("--- \n---\nx").1, "x");
        assert_eq!(parts("----\n---\nx").0, None);
    }

    #[test]
    fn plus_fences_hold_toml_and_close_only_with_plus() {
        let split = split("+++\ntitle = \"T\"\n---\nx = 1\n+++\nbody").unwrap();
        let fm = split.front_matter.unwrap();
        assert_eq!(fm.format, Format::Toml);
        assert_eq!(fm.yaml, "title = \"T\"\n---\nx = 1\n");
        assert_eq!(split.body, "body");
        assert_eq!(
            super::split("---\na: 1\n---\n")
                .unwrap()
                .front_matter
                .unwrap()
                .format,
            Format::Yaml
        );
    }

    #[test]
    fn reports_an_unclosed_block_at_its_opening_line() {
        assert_eq!(split("\n---\ntags: [a]\n# T"), Err(Unclosed { open: 1..4 }));
    }

    #[test]
    fn offsets_point_into_the_file() {
        let text = "\n---\na: 1\n---\nbody";
        let split = split(text).unwrap();
        let fm = split.front_matter.unwrap();
        assert_eq!(&text[fm.offset..fm.offset + 4], "a: 1");
        assert_eq!(&text[split.body_offset..], "body");
    }
}
