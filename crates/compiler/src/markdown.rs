//! Markdown to the bundle's document tree, in one pass over pulldown-cmark's events.
//!
//! A stack of open [`Frame`]s receives the events; closing a frame hands its content to the frame below. The
//! tree keeps no HTML: raw HTML is dropped with one warning per seed, and every link and image URL goes through
//! [`links::check`]. Nesting deeper than [`MAX_DEPTH`] is flattened into the enclosing block (content kept, one
//! warning), so no later stage, serde_json's reader or the widget's renderer, meets an unbounded tree.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{
    Alignment, CodeBlockKind, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};
use tidings_bundle::{Align, Block, Footnote, Inline};
use url::Url;

use crate::code::Code;
use crate::diag::Sink;
use crate::links::{self, Refused, Target};

/// Deepest nesting of quotes, lists and inline emphasis kept as structure.
pub const MAX_DEPTH: usize = 32;

/// A parsed body.
#[derive(Debug, Default, PartialEq)]
pub struct Document {
    /// Top-level blocks.
    pub blocks: Vec<Block>,
    /// Footnotes in order of first reference.
    pub footnotes: Vec<Footnote>,
    /// The first level-1 heading: its plain text and its index in `blocks`.
    pub first_h1: Option<(String, usize)>,
}

/// The one place pulldown-cmark's options are chosen: GitHub-style tables, footnotes and strikethrough. No
/// metadata blocks (front matter is split beforehand) and no smart punctuation (text stays as written).
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

enum Frame {
    Blocks(Vec<Block>),
    Paragraph {
        inlines: Vec<Inline>,
        implicit: bool,
    },
    Heading {
        level: u8,
        inlines: Vec<Inline>,
    },
    Quote(Vec<Block>),
    List {
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    Item(Vec<Block>),
    Code {
        lang: Option<String>,
        text: String,
    },
    Table {
        align: Vec<Align>,
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
    Row(Vec<Vec<Inline>>),
    Cell(Vec<Inline>),
    Span {
        kind: SpanKind,
        inlines: Vec<Inline>,
    },
    Link {
        href: Option<String>,
        title: Option<String>,
        inlines: Vec<Inline>,
    },
    Image {
        src: Option<String>,
        title: Option<String>,
        alt: String,
    },
    Footnote {
        label: String,
        blocks: Vec<Block>,
    },
    /// Structure dropped (raw HTML, nesting past [`MAX_DEPTH`]); its content goes to the frame below.
    Transparent,
}

#[derive(Clone, Copy)]
enum SpanKind {
    Emphasis,
    Strong,
    Strikethrough,
}

struct Builder<'s, 'd> {
    stack: Vec<Frame>,
    depth: usize,
    base: Option<&'s Url>,
    /// Whether `base` is the post's own page, against which an in-page link (`#part`) may resolve.
    base_is_page: bool,
    sink: &'s mut Sink<'d>,
    footnote_refs: Vec<String>,
    footnote_defs: HashMap<String, Vec<Block>>,
    first_h1: Option<(String, usize)>,
    html: Option<(Range<usize>, usize)>,
    too_deep: bool,
}

/// Parses `body` (which starts at byte `offset` of its file). Links resolve against `base`, which is not the
/// post's own page: an in-page link (`#part`) is dropped, since resolved there it would point elsewhere.
pub fn parse(body: &str, offset: usize, base: Option<&Url>, sink: &mut Sink) -> Document {
    parse_in(body, offset, base, false, sink)
}

/// As [`parse`]; with `base_is_page`, `base` is the post's own address and in-page links resolve against it.
pub fn parse_in(
    body: &str,
    offset: usize,
    base: Option<&Url>,
    base_is_page: bool,
    sink: &mut Sink,
) -> Document {
    let mut b = Builder {
        stack: vec![Frame::Blocks(Vec::new())],
        depth: 0,
        base,
        base_is_page,
        sink,
        footnote_refs: Vec::new(),
        footnote_defs: HashMap::new(),
        first_h1: None,
        html: None,
        too_deep: false,
    };
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        b.event(event, range.start + offset..range.end + offset);
    }
    b.finish()
}

impl Builder<'_, '_> {
    fn event(&mut self, event: Event, span: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, span),
            Event::End(end) => self.end(end),
            Event::Text(text) => self.text(&text),
            Event::Code(code) => self.inline(Inline::Code(code.into_string())),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.inline(Inline::Break),
            Event::Rule => self.block(Block::Rule),
            Event::Html(html) | Event::InlineHtml(html) => self.html(&html, span),
            Event::FootnoteReference(label) => self.footnote_ref(label.into_string()),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag, span: Range<usize>) {
        let nests = matches!(
            tag,
            Tag::BlockQuote(_)
                | Tag::List(_)
                | Tag::Item
                | Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
        );
        if nests {
            self.depth += 1;
            if self.depth > MAX_DEPTH {
                self.too_deep(span);
                self.stack.push(Frame::Transparent);
                return;
            }
        }
        let frame = match tag {
            Tag::Paragraph => Frame::Paragraph {
                inlines: Vec::new(),
                implicit: false,
            },
            Tag::Heading { level, .. } => Frame::Heading {
                level: heading_level(level),
                inlines: Vec::new(),
            },
            Tag::BlockQuote(_) => Frame::Quote(Vec::new()),
            Tag::List(start) => Frame::List {
                start,
                items: Vec::new(),
            },
            Tag::Item => Frame::Item(Vec::new()),
            Tag::CodeBlock(kind) => Frame::Code {
                lang: match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().map(str::to_string)
                    }
                    CodeBlockKind::Indented => None,
                },
                text: String::new(),
            },
            Tag::Table(aligns) => Frame::Table {
                align: aligns.iter().map(align).collect(),
                head: vec![],
                rows: vec![],
            },
            Tag::TableHead | Tag::TableRow => Frame::Row(Vec::new()),
            Tag::TableCell => Frame::Cell(Vec::new()),
            Tag::Emphasis => self.span(SpanKind::Emphasis),
            Tag::Strong => self.span(SpanKind::Strong),
            Tag::Strikethrough => self.span(SpanKind::Strikethrough),
            Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            } => {
                self.open_paragraph_if_needed();
                let raw = if link_type == LinkType::Email {
                    format!("mailto:{dest_url}")
                } else {
                    dest_url.into_string()
                };
                let href = self.checked(&raw, Target::Link, span);
                Frame::Link {
                    href,
                    title: non_empty(title.into_string()),
                    inlines: Vec::new(),
                }
            }
            Tag::Image {
                dest_url, title, ..
            } => {
                self.open_paragraph_if_needed();
                let src = self.checked(&dest_url, Target::Image, span);
                Frame::Image {
                    src,
                    title: non_empty(title.into_string()),
                    alt: String::new(),
                }
            }
            Tag::FootnoteDefinition(label) => Frame::Footnote {
                label: label.into_string(),
                blocks: Vec::new(),
            },
            _ => Frame::Transparent,
        };
        // A block opening inside a tight list item ends the item's implicit paragraph.
        if matches!(
            frame,
            Frame::Paragraph { .. }
                | Frame::Heading { .. }
                | Frame::Code { .. }
                | Frame::Table { .. }
                | Frame::Quote(_)
                | Frame::List { .. }
                | Frame::Footnote { .. }
        ) {
            self.close_implicit_paragraph();
        }
        self.stack.push(frame);
    }

    fn span(&mut self, kind: SpanKind) -> Frame {
        self.open_paragraph_if_needed();
        Frame::Span {
            kind,
            inlines: Vec::new(),
        }
    }

    fn end(&mut self, end: TagEnd) {
        self.close_implicit_paragraph();
        if matches!(
            end,
            TagEnd::BlockQuote(_)
                | TagEnd::List(_)
                | TagEnd::Item
                | TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
        ) {
            self.depth -= 1;
        }
        let Some(frame) = self.stack.pop() else {
            return;
        };
        self.close(frame);
    }

    fn close(&mut self, frame: Frame) {
        match frame {
            Frame::Blocks(blocks) => self.stack.push(Frame::Blocks(blocks)),
            Frame::Paragraph { inlines, .. } => {
                if !inlines.is_empty() {
                    self.block(Block::Paragraph(inlines))
                }
            }
            Frame::Heading { level, inlines } => {
                if level == 1 && self.first_h1.is_none() && self.stack.len() == 1 {
                    let mut text = String::new();
                    crate::text::plain(&inlines, &mut text);
                    let index = match &self.stack[0] {
                        Frame::Blocks(blocks) => blocks.len(),
                        _ => 0,
                    };
                    self.first_h1 = Some((text.trim().to_string(), index));
                }
                self.block(Block::Heading {
                    level: level.max(2),
                    content: inlines,
                })
            }
            Frame::Quote(blocks) => self.block(Block::Quote(blocks)),
            Frame::List { start, items } => self.block(Block::List { start, items }),
            Frame::Item(blocks) => match self.stack.last_mut() {
                Some(Frame::List { items, .. }) => items.push(blocks),
                _ => blocks.into_iter().for_each(|b| self.block(b)),
            },
            Frame::Code { lang, text } => self.block(Block::Code { lang, text }),
            Frame::Table { align, head, rows } => self.block(Block::Table { align, head, rows }),
            Frame::Row(cells) => match self.stack.last_mut() {
                Some(Frame::Table { head, rows, .. }) if head.is_empty() && rows.is_empty() => {
                    *head = cells
                }
                Some(Frame::Table { rows, .. }) => rows.push(cells),
                _ => {}
            },
            Frame::Cell(inlines) => {
                if let Some(Frame::Row(cells)) = self.stack.last_mut() {
                    cells.push(inlines);
                }
            }
            Frame::Span { kind, inlines } => self.inline(match kind {
                SpanKind::Emphasis => Inline::Emphasis(inlines),
                SpanKind::Strong => Inline::Strong(inlines),
                SpanKind::Strikethrough => Inline::Strikethrough(inlines),
            }),
            Frame::Link {
                href: Some(href),
                title,
                inlines,
            } => self.inline(Inline::Link {
                href,
                title,
                content: inlines,
            }),
            Frame::Link {
                href: None,
                inlines,
                ..
            } => inlines.into_iter().for_each(|i| self.inline(i)),
            Frame::Image {
                src: Some(src),
                title,
                alt,
            } => self.inline(Inline::Image { src, alt, title }),
            Frame::Image { src: None, alt, .. } => self.text(&alt),
            Frame::Footnote { label, blocks } => {
                self.footnote_defs.entry(label).or_insert(blocks);
            }
            Frame::Transparent => {}
        }
    }

    fn is_block_context(&self) -> bool {
        matches!(
            self.stack
                .iter()
                .rev()
                .find(|f| !matches!(f, Frame::Transparent)),
            Some(Frame::Blocks(_) | Frame::Quote(_) | Frame::Item(_) | Frame::Footnote { .. })
        )
    }

    fn open_paragraph_if_needed(&mut self) {
        if self.is_block_context() {
            self.stack.push(Frame::Paragraph {
                inlines: Vec::new(),
                implicit: true,
            });
        }
    }

    fn close_implicit_paragraph(&mut self) {
        if let Some(Frame::Paragraph { implicit: true, .. }) = self.stack.last() {
            if let Some(frame) = self.stack.pop() {
                self.close(frame);
            }
        }
    }

    fn block(&mut self, block: Block) {
        self.close_implicit_paragraph();
        for frame in self.stack.iter_mut().rev() {
            match frame {
                Frame::Blocks(blocks)
                | Frame::Quote(blocks)
                | Frame::Item(blocks)
                | Frame::Footnote { blocks, .. } => {
                    return blocks.push(block);
                }
                Frame::List { items, .. } => return items.push(vec![block]),
                Frame::Transparent => continue,
                _ => return,
            }
        }
    }

    fn inline(&mut self, inline: Inline) {
        self.open_paragraph_if_needed();
        for frame in self.stack.iter_mut().rev() {
            match frame {
                Frame::Paragraph { inlines, .. }
                | Frame::Heading { inlines, .. }
                | Frame::Cell(inlines)
                | Frame::Span { inlines, .. }
                | Frame::Link { inlines, .. } => return push_inline(inlines, inline),
                Frame::Image { alt, .. } => return crate::text::plain(&[inline], alt),
                Frame::Transparent => continue,
                _ => return,
            }
        }
    }

    fn text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        if let Some(Frame::Code { text: code, .. }) = self.stack.last_mut() {
            return code.push_str(text);
        }
        self.inline(Inline::Text(text.to_string()));
    }

    fn html(&mut self, html: &str, span: Range<usize>) {
        let trimmed = html.trim();
        if trimmed.is_empty() || (trimmed.starts_with("<!--") && trimmed.ends_with("-->")) {
            return;
        }
        match &mut self.html {
            Some((_, count)) => *count += 1,
            None => self.html = Some((trim_span(span, html), 1)),
        }
    }

    fn footnote_ref(&mut self, label: String) {
        let n = match self.footnote_refs.iter().position(|l| *l == label) {
            Some(i) => i + 1,
            None => {
                self.footnote_refs.push(label);
                self.footnote_refs.len()
            }
        };
        self.inline(Inline::FootnoteRef(n as u32));
    }

    fn checked(&mut self, raw: &str, target: Target, span: Range<usize>) -> Option<String> {
        let what = if target == Target::Link {
            "link"
        } else {
            "image"
        };
        let in_page = raw.trim_start().starts_with('#') && !self.base_is_page;
        let refused = match links::check(raw, target, self.base.filter(|_| !in_page)) {
            Ok(url) => return Some(url),
            Err(refused) => refused,
        };
        let code = match &refused {
            Refused::Scheme(_) => Code::UrlSchemeDropped,
            Refused::Relative => Code::RelativeUrlDropped,
            Refused::Invalid => Code::UrlInvalid,
        };
        let (message, help) = match refused {
            Refused::Scheme(scheme) => (
                format!("{what} with a `{scheme}:` URL is dropped"),
                if target == Target::Link { "only http, https and mailto links are kept" } else { "only http and https images are kept" }
                    .to_string(),
            ),
            Refused::Relative if in_page => (
                format!("in-page {what} URL `{}` is dropped", raw.chars().take(80).collect::<String>()),
                "give the post's own address (`permalink`, `link` or `canonical_url`) to resolve it against, or link to a full https:// URL".into(),
            ),
            Refused::Relative => (
                format!("relative {what} URL `{}` is dropped", raw.chars().take(80).collect::<String>()),
                "set `base_url` in tidings.toml to the site the posts came from, add a source to resolve it against, or write the full https:// URL".into(),
            ),
            Refused::Invalid => (format!("{what} URL is not valid and is dropped"), "write a full https:// URL".into()),
        };
        self.sink
            .warning(code, Some(span), message, "this URL", help);
        None
    }

    fn too_deep(&mut self, span: Range<usize>) {
        if !self.too_deep {
            self.too_deep = true;
            self.sink.warning(
                Code::NestingFlattened,
                Some(span.start..span.start + 1),
                format!("nesting deeper than {MAX_DEPTH} levels is flattened"),
                "too deep from here",
                "nest quotes, lists and emphasis less deeply; the text is kept",
            );
        }
    }

    fn finish(mut self) -> Document {
        while self.stack.len() > 1 {
            if let Some(frame) = self.stack.pop() {
                self.close(frame);
            }
        }
        if let Some((span, count)) = self.html.take() {
            let times = if count == 1 {
                "once".to_string()
            } else {
                format!("{count} times")
            };
            self.sink.warning(
                Code::RawHtml,
                Some(span),
                format!("raw HTML is not shown (found {times} in this seed)"),
                "first raw HTML here",
                "write it as Markdown (links, emphasis, lists, tables) instead",
            );
        }
        let footnotes = self
            .footnote_refs
            .iter()
            .map(|label| Footnote {
                blocks: self.footnote_defs.remove(label).unwrap_or_default(),
                label: label.clone(),
            })
            .collect();
        let blocks = match self.stack.pop() {
            Some(Frame::Blocks(blocks)) => blocks,
            _ => Vec::new(),
        };
        Document {
            blocks,
            footnotes,
            first_h1: self.first_h1,
        }
    }
}

fn push_inline(inlines: &mut Vec<Inline>, inline: Inline) {
    if let (Some(Inline::Text(last)), Inline::Text(next)) = (inlines.last_mut(), &inline) {
        return last.push_str(next);
    }
    inlines.push(inline);
}

fn heading_level(level: HeadingLevel) -> u8 {
    level as u8
}

fn align(a: &Alignment) -> Align {
    match a {
        Alignment::None => Align::None,
        Alignment::Left => Align::Left,
        Alignment::Center => Align::Center,
        Alignment::Right => Align::Right,
    }
}

fn non_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

fn trim_span(span: Range<usize>, html: &str) -> Range<usize> {
    let line = html.trim_end().lines().next().unwrap_or_default().len();
    span.start..span.start + line.max(1)
}

#[cfg(test)]
mod tests;
