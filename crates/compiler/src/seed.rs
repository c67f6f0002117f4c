//! One seed's text becomes one article: its [`Card`] and its [`ArticleBody`].
//!
//! Everything wrong with the seed is reported through the [`Sink`]; the article is returned only when nothing
//! was an error. The bundle-wide parts (unique slugs and ids, ordering, tag counts) are `compile`'s.

use tidings_bundle::{ArticleBody, Block, Card};
use url::Url;

use crate::code::Code;
use crate::diag::Sink;
use crate::front_matter::{self, FrontMatter, Located};
use crate::links::{self, Target};
use crate::sources::{self, SourceError};
use crate::split::{self, Unclosed};
use crate::{dates, markdown, text, toml_front, yaml};

/// What became of a seed. `B` is its body: the tree [`compile`] makes, or that tree's JSON once `compile_file`
/// has serialised it ([`Outcome::map_body`]).
#[derive(Debug)]
pub enum Outcome<B = ArticleBody> {
    /// A published article. `body` of the card is filled in when the bundle is written.
    Article(Box<(Card, B)>),
    /// Left out of the bundle, and why.
    Left(Left),
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
            Self::Left(why) => Outcome::Left(why),
            Self::Failed => Outcome::Failed,
        }
    }
}

/// Why a seed that compiles is not published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Left {
    /// `draft: true`, `published: false`, or a WordPress status other than `publish`.
    Draft,
    /// A `publishDate` still to come (unless [`Context::future`]).
    Scheduled,
    /// An `expiryDate` passed (unless [`Context::expired`]).
    Expired,
}

/// What a seed is compiled with beyond its own text: the project's settings and the day it is.
#[derive(Debug, Clone)]
pub struct Context {
    /// The site the posts came from (`tidings.toml`'s `base_url`, or `--base-url`): relative links, images and
    /// permalinks resolve against it.
    pub base_url: Option<Url>,
    /// Today, `YYYY-MM-DD`: what `publishDate` and `expiryDate` are compared with.
    pub today: String,
    /// Publish seeds whose `publishDate` is still to come.
    pub future: bool,
    /// Publish seeds past their `expiryDate`.
    pub expired: bool,
}

impl Default for Context {
    fn default() -> Self {
        Self {
            base_url: None,
            // The day in UTC: a post scheduled for today in any zone shows by the end of it.
            today: jiff::Timestamp::now().strftime("%Y-%m-%d").to_string(),
            future: false,
            expired: false,
        }
    }
}

/// Compiles the text of one seed whose id is `id`, with no project settings.
pub fn compile(id: &str, text: &str, sink: &mut Sink) -> Outcome {
    compile_with(id, text, &Context::default(), sink)
}

/// Compiles the text of one seed whose id is `id` (its file name: a Jekyll name, `2020-10-12-slug`, gives the
/// date and slug the front matter does not).
pub fn compile_with(id: &str, text: &str, ctx: &Context, sink: &mut Sink) -> Outcome {
    let errors_before = sink.error_count();
    let split = match split::split(text) {
        Ok(split) => split,
        Err(Unclosed { open }) => {
            sink.error(
                Code::FrontMatterUnclosed,
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
                Code::NoFrontMatter,
                Some(split.body_offset..split.body_offset),
                "seed has no front matter, so no sources or tags",
                "expected `---` here",
                "start the file with a `---` block listing `sources:` and `tags:`",
            );
            FrontMatter::default()
        }
        Some(block) => match parse_block(text, block, sink) {
            // Spans point into the block as written, marks and all.
            Ok(entries) => front_matter::read(&entries, block.yaml, block.offset, sink),
            Err(err) if err.not_a_mapping => {
                sink.error(
                    Code::FrontMatterInvalid,
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
                let language = match block.format {
                    split::Format::Yaml => "YAML",
                    split::Format::Toml => "TOML",
                };
                sink.error(
                    Code::FrontMatterInvalid,
                    Some(span),
                    format!("front matter is not valid {language}: {}", err.message),
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
            Code::NoSources,
            split.front_matter.as_ref().map(|b| b.open.clone()),
            "seed lists no sources",
            "no `sources` in this front matter",
            "list the URLs of the reporting the story was written from: `sources: [\"https://...\"]`",
        );
    }
    // The post's own address, when it has one and the site's is known; else the site's; else its first source.
    let canonical = fm
        .canonical
        .as_ref()
        .and_then(|c| read_canonical(c, ctx, sink));
    let base = canonical
        .as_ref()
        .and_then(|c| Url::parse(c).ok())
        .or_else(|| ctx.base_url.clone())
        .or_else(|| sources.first().and_then(|s| Url::parse(&s.url).ok()));
    let doc = markdown::parse_in(
        split.body,
        split.body_offset,
        base.as_ref(),
        canonical.is_some(),
        sink,
    );
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
                Code::TitleMissing,
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
    let (file_date, file_slug) = jekyll_name(id);
    let publish_date = read_date("publishDate", fm.publish_date.as_ref(), sink);
    let expiry_date = read_date("expiryDate", fm.expiry_date.as_ref(), sink);
    let date = read_date("date", fm.date.as_ref(), sink)
        .or_else(|| publish_date.clone())
        .or(file_date)
        .or_else(|| sources.iter().filter_map(|s| s.date.clone()).min());
    let image = fm.image.as_ref().and_then(|img| {
        match links::check(
            &img.value,
            Target::Image,
            ctx.base_url.as_ref().or(base.as_ref()),
        ) {
            Ok(url) => Some(url),
            Err(_) => {
                sink.warning(
                    Code::ImageInvalid,
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
                Code::LangInvalid,
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

    let authors = fm
        .authors
        .iter()
        .map(|a| byline_name(&a.value))
        .filter(|a| !a.is_empty());
    let mut byline: Vec<String> = Vec::new();
    for author in authors {
        if !byline.contains(&author) {
            byline.push(author);
        }
    }
    if fm.draft {
        return Outcome::Left(Left::Draft);
    }
    if publish_date.as_ref().is_some_and(|d| *d > ctx.today) && !ctx.future {
        return Outcome::Left(Left::Scheduled);
    }
    if expiry_date.as_ref().is_some_and(|d| *d <= ctx.today) && !ctx.expired {
        return Outcome::Left(Left::Expired);
    }
    if sink.error_count() > errors_before {
        return Outcome::Failed;
    }
    let card = Card {
        id: id.to_string(),
        slug: match fm.slug.as_ref().map(|s| text::slugify(&s.value)) {
            Some(slug) if !slug.is_empty() => slug,
            _ => file_slug.unwrap_or_else(|| text::slugify(&title)),
        },
        title,
        date,
        tags,
        sources,
        excerpt,
        reading_minutes: text::reading_minutes(&words),
        image,
        lang,
        authors: byline,
        canonical,
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
                Code::SourceInvalid,
                Some(raw.span.clone()),
                format!("source `{}` is not a valid URL: {why}", raw.value),
                "this source",
                "write the full address of the reporting, starting with https://",
            ),
            Err(SourceError::Scheme(scheme)) => sink.error(
                Code::SourceInvalid,
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
                Code::TagEmpty,
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

fn read_date(key: &str, date: Option<&Located<String>>, sink: &mut Sink) -> Option<String> {
    let date = date?;
    let parsed = dates::parse_front_matter_date(&date.value);
    if parsed.is_none() {
        sink.error(
            Code::DateInvalid,
            Some(date.span.clone()),
            format!("`{key}` value `{}` is not a date", date.value),
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

/// The front matter's entries, from YAML or TOML, their spans into the block as written. A byte-order mark inside
/// the block (an editor's stray U+FEFF before a key or a value) is removed first, with a warning at its line:
/// left in, it would make `title` start with an invisible character, or a key that is not a key.
fn parse_block(
    text: &str,
    block: &split::FrontMatterText,
    sink: &mut Sink,
) -> Result<Vec<yaml::Entry>, yaml::YamlError> {
    const BOM: char = '\u{feff}';
    let boms: Vec<usize> = block.yaml.match_indices(BOM).map(|(i, _)| i).collect();
    for &at in &boms {
        let line = text[..block.offset + at].matches('\n').count() + 1;
        sink.warning(
            Code::StrayBom,
            Some(block.offset + at..block.offset + at + BOM.len_utf8()),
            format!("a byte-order mark (U+FEFF) inside the front matter, on line {line}, is removed"),
            "invisible character here",
            "save the file as UTF-8 without a byte-order mark inside it (one at the very start is fine)",
        );
    }
    // Most blocks have none: only those with a mark are copied.
    let clean = match boms.is_empty() {
        true => std::borrow::Cow::Borrowed(block.yaml),
        false => std::borrow::Cow::Owned(block.yaml.replace(BOM, "")),
    };
    let mut entries = match block.format {
        split::Format::Yaml => yaml::parse(&clean),
        split::Format::Toml => toml_front::parse(&clean),
    }?;
    // Spans into the cleaned text, moved back to the block as written.
    let moved = |i: usize| {
        i + BOM.len_utf8()
            * boms
                .iter()
                .enumerate()
                .filter(|(n, &b)| b - n * BOM.len_utf8() <= i)
                .count()
    };
    for e in &mut entries {
        e.key_span = moved(e.key_span.start)..moved(e.key_span.end);
        e.value_span = moved(e.value_span.start)..moved(e.value_span.end);
    }
    Ok(entries)
}

/// The date and slug of a Jekyll post's file name, `2020-10-12-slug`.
fn jekyll_name(id: &str) -> (Option<String>, Option<String>) {
    let date = id.get(..10).and_then(dates::parse_ymd);
    let slug = id
        .get(10..)
        .and_then(|rest| rest.strip_prefix('-'))
        .map(text::slugify)
        .filter(|s| !s.is_empty());
    match date {
        Some(date) => (Some(date), slug),
        None => (None, None),
    }
}

/// A byline name: as written, but a name written as a slug, as Hugo sites name their authors
/// (`zach-goldfine`), is shown as words (`Zach Goldfine`).
fn byline_name(raw: &str) -> String {
    let raw = raw.trim();
    let slug_like = raw.contains(['-', '_'])
        && raw
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if !slug_like {
        return raw.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    raw.split(['-', '_'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The link to the original: absolute, or resolved against the site's address (a Jekyll `permalink` is a
/// path); a protocol-relative address is https. Anything else is reported and left out.
fn read_canonical(raw: &Located<String>, ctx: &Context, sink: &mut Sink) -> Option<String> {
    match links::check(&raw.value, Target::Image, ctx.base_url.as_ref()) {
        Ok(url) => Some(url),
        Err(refused) => {
            let (message, help) = match refused {
                links::Refused::Relative => (
                    format!("link to the original `{}` is a path, and the site's address is not known", raw.value),
                    "set `base_url` in tidings.toml (or pass --base-url) to the site the posts came from",
                ),
                _ => (
                    format!("link to the original `{}` is not an http or https URL and is ignored", raw.value),
                    "write the original's full https:// address",
                ),
            };
            sink.warning(
                Code::CanonicalInvalid,
                Some(raw.span.clone()),
                message,
                "this value",
                help,
            );
            None
        }
    }
}
