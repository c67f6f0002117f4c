//! One seed's text becomes one article: its [`Card`] and its [`ArticleBody`].
//!
//! Everything wrong with the seed is reported through the [`Sink`]; the article is returned only when nothing
//! was an error. The bundle-wide parts (unique slugs and ids, ordering, tag counts) are `compile`'s.

use tidings_bundle::{ArticleBody, Block, Card};
use url::Url;

use crate::diag::Sink;
use crate::front_matter::{self, FrontMatter, Located};
use crate::links::{self, Target};
use crate::sources::{self, SourceError};
use crate::split::{self, Unclosed};
use crate::{dates, markdown, text, yaml};

/// What became of a seed. `B` is its body: the tree [`compile`] makes, or that tree's JSON once `compile_file`
/// has serialised it ([`Outcome::map_body`]).
#[derive(Debug)]
pub enum Outcome<B = ArticleBody> {
    /// A published article. `body` of the card is filled in when the bundle is written.
    Article(Box<(Card, B)>),
    /// `draft: true`: left out of the bundle.
    Draft,
    /// At least one error was reported.
    Failed,
}

impl<B> Outcome<B> {
    /// The same outcome, an article's body turned by `f`.
    pub fn map_body<C>(self, f: impl FnOnce(B) -> C) -> Outcome<C> {
        match self {
            Self::Article(article) => {
                let (card, body) = *article;
                Outcome::Article(Box::new((card, f(body))))
            }
            Self::Draft => Outcome::Draft,
            Self::Failed => Outcome::Failed,
        }
    }
}

/// Compiles the text of one seed whose id is `id`.
pub fn compile(id: &str, text: &str, sink: &mut Sink) -> Outcome {
    let errors_before = sink.error_count();
    let split = match split::split(text) {
        Ok(split) => split,
        Err(Unclosed { open }) => {
            sink.error(
                Some(open),
                "front matter is never closed",
                "opened here",
                "add a line `---` after the last front matter key",
            );
            return Outcome::Failed;
        }
    };
    let fm = match &split.front_matter {
        None => {
            sink.warning(
                Some(split.body_offset..split.body_offset),
                "seed has no front matter, so no sources or tags",
                "expected `---` here",
                "start the file with a `---` block listing `sources:` and `tags:`",
            );
            FrontMatter::default()
        }
        Some(block) => match yaml::parse(block.yaml) {
            Ok(entries) => front_matter::read(&entries, block.yaml, block.offset, sink),
            Err(err) if err.not_a_mapping => {
                sink.error(
                    Some(block.open.clone()),
                    "front matter must be `key: value` pairs",
                    "this block is valid YAML but not a mapping",
                    "write one `key: value` per line, such as `tags: [news]`",
                );
                return Outcome::Failed;
            }
            Err(err) => {
                let span = err
                    .span
                    .map(|s| s.start + block.offset..s.end + block.offset)
                    .unwrap_or(block.open.clone());
                sink.error(
                    Some(span),
                    format!("front matter is not valid YAML: {}", err.message),
                    "here",
                    if err.message.starts_with("it is too large") {
                        "front matter holds a few short keys; remove anchors and aliases (`&name`, `*name`) that repeat values"
                    } else {
                        "front matter is `key: value` lines; quote a value that contains `: `, `#` or starts with `[`, `{`, `*` or `&`"
                    },
                );
                return Outcome::Failed;
            }
        },
    };

    let sources = read_sources(&fm, sink);
    if fm.sources.is_empty() {
        sink.warning(
            split.front_matter.as_ref().map(|b| b.open.clone()),
            "seed lists no sources",
            "no `sources` in this front matter",
            "list the URLs of the reporting the story was written from: `sources: [\"https://...\"]`",
        );
    }
    let base = sources.first().and_then(|s| Url::parse(&s.url).ok());
    let doc = markdown::parse(split.body, split.body_offset, base.as_ref(), sink);
    let mut blocks = doc.blocks;

    let title = match (&fm.title, doc.first_h1) {
        (Some(t), Some((h1, index))) if !t.value.is_empty() => {
            if h1.eq_ignore_ascii_case(&t.value) {
                blocks.remove(index);
            }
            t.value.clone()
        }
        (Some(t), None) if !t.value.is_empty() => t.value.clone(),
        (_, Some((h1, index))) if !h1.is_empty() => {
            blocks.remove(index);
            h1
        }
        // A `title:` that was not text has been reported already.
        _ if sink.has_error_starting("`title`") => String::new(),
        _ => {
            sink.error(
                fm.title.as_ref().map(|t| t.span.clone()).or_else(|| {
                    let start =
                        split.body_offset + (split.body.len() - split.body.trim_start().len());
                    let end = start
                        + split
                            .body
                            .trim_start()
                            .lines()
                            .next()
                            .unwrap_or_default()
                            .len();
                    Some(start..end)
                }),
                "seed has no title",
                "expected a `# Heading` or `title:`",
                "start the body with a `# Heading` line, or add `title: ...` to the front matter",
            );
            String::new()
        }
    };

    let tags = read_tags(&fm.tags, sink);
    let date = read_date(fm.date.as_ref(), sink)
        .or_else(|| sources.iter().filter_map(|s| s.date.clone()).min());
    let image = fm.image.as_ref().and_then(|img| {
        match links::check(&img.value, Target::Image, base.as_ref()) {
            Ok(url) => Some(url),
            Err(_) => {
                sink.warning(
                    Some(img.span.clone()),
                    "`image` is not an http or https URL and is ignored",
                    "this value",
                    "write the image's full https:// URL",
                );
                None
            }
        }
    });
    let lang = fm.lang.as_ref().and_then(|l| {
        let ok = l.value.split('-').enumerate().all(|(i, part)| {
            (if i == 0 {
                (2..=3).contains(&part.len())
            } else {
                (1..=8).contains(&part.len())
            }) && part.chars().all(|c| c.is_ascii_alphanumeric())
        });
        if !ok {
            sink.warning(
                Some(l.span.clone()),
                format!(
                    "`lang` value `{}` is not a language tag and is ignored",
                    l.value
                ),
                "this value",
                "write a BCP 47 language tag such as `en`, `fr` or `ar`",
            );
        }
        ok.then(|| l.value.clone())
    });

    let mut words = String::new();
    text::document_text(&blocks, &mut words);
    let excerpt = match &fm.summary {
        Some(summary) => summary
            .value
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        None => text::excerpt(&blocks),
    };

    if fm.draft {
        return Outcome::Draft;
    }
    if sink.error_count() > errors_before {
        return Outcome::Failed;
    }
    let card = Card {
        id: id.to_string(),
        slug: text::slugify(&title),
        title,
        date,
        tags,
        sources,
        excerpt,
        reading_minutes: text::reading_minutes(&words),
        image,
        lang,
        body: String::new(),
    };
    let body = ArticleBody {
        id: id.to_string(),
        blocks: strip_empty(blocks),
        footnotes: doc.footnotes,
    };
    Outcome::Article(Box::new((card, body)))
}

fn read_sources(fm: &FrontMatter, sink: &mut Sink) -> Vec<tidings_bundle::Source> {
    let mut out: Vec<tidings_bundle::Source> = Vec::new();
    for raw in &fm.sources {
        match sources::describe(&raw.value) {
            Ok(source) if out.iter().any(|s| s.url == source.url) => {}
            Ok(source) => out.push(source),
            Err(SourceError::Invalid(why)) => sink.error(
                Some(raw.span.clone()),
                format!("source `{}` is not a valid URL: {why}", raw.value),
                "this source",
                "write the full address of the reporting, starting with https://",
            ),
            Err(SourceError::Scheme(scheme)) => sink.error(
                Some(raw.span.clone()),
                format!("source must be an http or https URL, not `{scheme}:`"),
                "this source",
                "link to the reporting's web page, starting with https://",
            ),
        }
    }
    out
}

fn read_tags(raw: &[Located<String>], sink: &mut Sink) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in raw {
        let normal = text::normalize_tag(&tag.value);
        if normal.is_empty() {
            sink.warning(
                Some(tag.span.clone()),
                "empty tag is ignored",
                "this tag",
                "remove the empty entry from the list",
            );
        } else if !tags.contains(&normal) {
            tags.push(normal);
        }
    }
    tags
}

fn read_date(date: Option<&Located<String>>, sink: &mut Sink) -> Option<String> {
    let date = date?;
    let parsed = dates::parse_front_matter_date(&date.value);
    if parsed.is_none() {
        sink.error(
            Some(date.span.clone()),
            format!("`date` value `{}` is not a date", date.value),
            "this date",
            "write the date as YYYY-MM-DD or RFC 3339, like `2023-11-01` or `2023-11-01T09:30:00-04:00`",
        );
    }
    parsed
}

fn strip_empty(blocks: Vec<Block>) -> Vec<Block> {
    blocks
        .into_iter()
        .filter(|b| !matches!(b, Block::Paragraph(i) if i.is_empty()))
        .collect()
}
