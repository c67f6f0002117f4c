//! The Tidings bundle schema: the only contract between the seed compiler (native) and the widget
//! (WebAssembly).
//!
//! A bundle ([`Bundle`]: the tags with their counts and one [`Card`] per article) is written as a folder that a
//! reader queries on demand, so that what it downloads follows what it looks at, not the size of the archive.
//! Stories are numbered in display order (0 is the newest). The root holds a small [`Manifest`] as
//! `bundle.json`: the newest cards, each facet's most used values with their posting lists, the years as runs
//! of stories, and the pages of the [`Table`]s that lead to everything else: card shards of [`SHARD_CARDS`]
//! stories, buckets of every facet value ([`FacetBucket`]) and of every slug ([`SlugBucket`]). A posting list
//! ([`postings`]) is cut into chunks of [`POSTINGS_PER_CHUNK`] stories, so the first page of a selection needs
//! only the first chunk of each list it reads. Article bodies ([`ArticleBody`]) are grouped, in card order, into
//! [`BodyChunk`] files of about 64 KB; [`Card::body`] names the chunk. Every file but `bundle.json` is named after
//! its content's hash, so it can be cached for good. `docs/bundle-format.md` has the layout.
//!
//! Bodies are a typed document tree ([`Block`] and [`Inline`]), never HTML: the widget renders them as DOM nodes
//! and never parses markup. This crate depends only on serde, so both halves compile the same types and cannot
//! drift; [`SCHEMA_VERSION`] catches a bundle built by another version.

use serde::{Deserialize, Serialize};

pub mod postings;

/// Version of the bundle format. Bump it on any change a reader of an older version would misread; the widget
/// refuses a bundle whose version differs and asks for it to be rebuilt.
pub const SCHEMA_VERSION: u32 = 3;

/// File name of the first-view index at the root of a bundle folder.
pub const BUNDLE_FILE: &str = "bundle.json";

/// A whole bundle, as the compiler makes it; on disk it is a [`Manifest`] and [`CardShard`]s.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bundle {
    /// The format version this bundle was written with; equal to [`SCHEMA_VERSION`] of its writer.
    pub schema_version: u32,
    /// Every tag used by at least one article, most used first (ties by name).
    pub tags: Vec<TagCount>,
    /// One card per published article, newest first; articles without a date come last, by title.
    pub articles: Vec<Card>,
    /// The widget's heading, from the project file (`tidings.toml`), unless the page sets its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The widget's language (a BCP 47 tag), from the project file, unless the page sets its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

/// A tag and the number of articles that carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagCount {
    /// The normalised tag: trimmed, lower-case, inner whitespace as `-`.
    pub tag: String,
    /// How many articles of the bundle carry this tag.
    pub count: u32,
}

/// What a story list shows of an article before it is opened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Card {
    /// Stable identifier, derived from the seed's file name (`000_60341a51864e5bb5`). Unique in the bundle.
    pub id: String,
    /// URL-friendly form of the title (`diplomatic-breakthrough-enables-...`). Unique in the bundle.
    pub slug: String,
    /// The headline, as plain text.
    pub title: String,
    /// Publication date as `YYYY-MM-DD`, or `None` when neither the seed nor its sources give one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Normalised tags, in the order the author gave them, without duplicates.
    pub tags: Vec<String>,
    /// The reporting the article was written from, in the author's order.
    pub sources: Vec<Source>,
    /// Plain text of the opening paragraph(s), cut at a word boundary near 300 characters.
    pub excerpt: String,
    /// Estimated reading time of the body, in whole minutes (at least 1).
    pub reading_minutes: u32,
    /// Lead image: an absolute `http`/`https` URL, when the seed names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// BCP 47 language tag of the article (`en`, `ar`), when the seed gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// Who wrote it, as the seed names them (`author`, `authors`): the byline.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// The original's address, an absolute `http`/`https` URL (`permalink`, `link`, `canonical_url`), shown in
    /// the article as a link to the original.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical: Option<String>,
    /// Path of the [`BodyChunk`] file holding this article's body, relative to `bundle.json`
    /// (`articles/<content hash>.json`).
    pub body: String,
}

/// One piece of reporting an article cites.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// Absolute `http` or `https` URL, normalised.
    pub url: String,
    /// The URL's host (`www.cnn.com`).
    pub host: String,
    /// Name of the outlet for people to read (`CNN`, `NPR`, `Example News`).
    pub outlet: String,
    /// `YYYY-MM-DD` found in the URL's path (`/2023/11/01/`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// `bundle.json`: the first view of a bundle, and where everything else is. Small at any size: the newest
/// cards, the most used values of each facet with their lists, and the pages of the tables that lead to the rest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// The format version this bundle was written with; equal to [`SCHEMA_VERSION`] of its writer.
    pub schema_version: u32,
    /// How many articles the bundle has. Stories are numbered in display order: 0 is the newest.
    pub total: u32,
    /// The newest cards (at most [`FIRST_CARDS`]): what the first view shows.
    pub articles: Vec<Card>,
    /// The card shards: entry `k` is the path of the shard holding stories `k * SHARD_CARDS` onwards.
    pub cards: Table,
    /// Every tag, by how many stories carry it.
    pub tags: Facet,
    /// Every outlet (the outlet names of the sources), by how many stories cite it.
    pub outlets: Facet,
    /// Every year, newest first, as the run of stories it holds (display order is by date).
    pub years: Vec<YearRun>,
    /// Where each story's number is found from its slug (a shared link names a story by its slug): entry `b` is
    /// the path of the [`SlugBucket`] of the slugs whose [`bucket_of`] is `b`.
    pub slugs: Table,
    /// The widget's heading, as in [`Bundle::title`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The widget's language, as in [`Bundle::lang`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

impl Manifest {
    /// How many stories have a date: they come first, the undated ones after them.
    pub fn dated(&self) -> u32 {
        self.years.iter().map(|y| y.count).sum()
    }
}

/// A long list of file paths, kept out of the manifest: the manifest holds the paths of its pages, each page a
/// [`TablePage`] of at most [`TABLE_PAGE`] entries. Entry `i` is entry `i % TABLE_PAGE` of page `i / TABLE_PAGE`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// How many entries the table has.
    pub len: u32,
    /// The pages' paths, relative to `bundle.json` (`tables/<content hash>.json`).
    pub pages: Vec<String>,
}

/// Entries of a [`Table`] page: 128 paths are about 1.3 KB of brotli.
pub const TABLE_PAGE: usize = 128;

/// A page of a [`Table`] (`tables/<content hash>.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TablePage {
    /// The format version; as in [`Manifest`].
    pub schema_version: u32,
    /// The entries, in order.
    pub entries: Vec<String>,
}

/// One facet (tags or outlets): its most used values in the manifest, every value in buckets.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facet {
    /// The most used values (at most [`TOP_VALUES`]), most used first (ties by name), with their lists: what
    /// the facet shows before the reader picks another.
    pub top: Vec<FacetValue>,
    /// How many values the facet has.
    pub values: u32,
    /// Every value, in [`FacetBucket`]s: entry `b` is the bucket of the values whose [`bucket_of`] is `b`.
    pub buckets: Table,
}

/// How many values of each facet the manifest holds.
pub const TOP_VALUES: usize = 30;

/// A facet's value, its count and its posting list (the stories carrying it, in display order).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetValue {
    /// The tag, or the outlet's name.
    pub value: String,
    /// How many stories carry it.
    pub count: u32,
    /// The list's chunks, in order: each holds at most [`POSTINGS_PER_CHUNK`] stories.
    pub chunks: Vec<ListChunk>,
}

/// Stories in a chunk of a posting list: 1,024 stories are 1 to 3 KB, and hold many pages of any selection.
pub const POSTINGS_PER_CHUNK: usize = 1024;

/// A chunk of a posting list (`lists/<content hash>.bin`, the codec of [`postings`]) and the first and last
/// story it holds, so that a reader fetches only the chunks a page or a year can touch. Written as
/// `[path, first, last]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListChunk(pub String, pub u32, pub u32);

/// A year and its stories: `count` stories from story number `start` on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearRun {
    /// The year, as written in the dates (`2024`).
    pub value: String,
    /// How many stories it holds.
    pub count: u32,
    /// The number of its newest story.
    pub start: u32,
}

/// A bucket of a facet's values (`facets/<content hash>.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetBucket {
    /// The format version; as in [`Manifest`].
    pub schema_version: u32,
    /// The values whose [`bucket_of`] is this bucket, by name.
    pub values: Vec<FacetValue>,
}

/// A bucket of slugs (`slugs/<content hash>.json`): each slug whose [`bucket_of`] is this bucket, with its
/// story number, as `[slug, number]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlugBucket {
    /// The format version; as in [`Manifest`].
    pub schema_version: u32,
    /// The slugs, by name, with their story numbers.
    pub slugs: Vec<(String, u32)>,
}

/// The bucket, of `buckets`, that holds `key`: FNV-1a (32 bits) of its UTF-8 bytes, modulo `buckets`. A few lines
/// that both halves share, where a hashing crate would add its code to every reader's download.
pub fn bucket_of(key: &str, buckets: u32) -> u32 {
    let hash = key.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    hash % buckets.max(1)
}

/// How many cards `bundle.json` holds itself.
pub const FIRST_CARDS: usize = 24;

/// Cards in a shard: a page of any selection touches few, and one is about 4 KB of brotli.
pub const SHARD_CARDS: usize = 16;

/// A card file (`cards/<content hash>.json`): [`SHARD_CARDS`] consecutive cards (fewer in the last).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardShard {
    /// The format version; as in [`Manifest`].
    pub schema_version: u32,
    /// Cards, in display order.
    pub articles: Vec<Card>,
}

/// A body file (`articles/<content hash>.json`): the bodies of several neighbouring articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BodyChunk {
    /// The format version, as in [`Bundle::schema_version`].
    pub schema_version: u32,
    /// The bodies, in card order.
    pub bodies: Vec<ArticleBody>,
}

impl BodyChunk {
    /// The body of article `id`, if this chunk holds it.
    pub fn body(&self, id: &str) -> Option<&ArticleBody> {
        self.bodies.iter().find(|b| b.id == id)
    }

    /// The body of article `id`, taken out of the chunk.
    pub fn into_body(self, id: &str) -> Option<ArticleBody> {
        self.bodies.into_iter().find(|b| b.id == id)
    }
}

/// One article's body, inside a [`BodyChunk`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleBody {
    /// The [`Card::id`] this body belongs to.
    pub id: String,
    /// The document, title heading removed.
    pub blocks: Vec<Block>,
    /// Footnote definitions, in order of first reference; [`Inline::FootnoteRef`] points into this list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub footnotes: Vec<Footnote>,
}

/// A footnote's definition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Footnote {
    /// The label the author wrote (`[^note]` has label `note`).
    pub label: String,
    /// The footnote's content.
    pub blocks: Vec<Block>,
}

/// Block-level content. Serialised externally tagged: `{"paragraph": [...]}`, `"rule"`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Block {
    /// A paragraph of inline content.
    Paragraph(Vec<Inline>),
    /// A section heading; `level` is 2 to 6 (the article title is the only level 1).
    Heading {
        /// Heading level, 2 to 6.
        level: u8,
        /// The heading's text.
        content: Vec<Inline>,
    },
    /// A block quote.
    Quote(Vec<Block>),
    /// A bulleted (`start: None`) or numbered list.
    List {
        /// The first number of a numbered list; `None` for a bulleted list.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        start: Option<u64>,
        /// The items, each a sequence of blocks.
        items: Vec<Vec<Block>>,
    },
    /// Preformatted code, shown as written.
    Code {
        /// The info string's language (`rust`), if given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        lang: Option<String>,
        /// The code, newlines included.
        text: String,
    },
    /// A table: one header row and body rows, each a list of cells.
    Table {
        /// Alignment of each column.
        align: Vec<Align>,
        /// Header cells.
        head: Vec<Vec<Inline>>,
        /// Body rows.
        rows: Vec<Vec<Vec<Inline>>>,
    },
    /// A thematic break (`---`).
    Rule,
}

/// Column alignment of a [`Block::Table`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    /// No alignment given.
    None,
    /// `:--`
    Left,
    /// `:-:`
    Center,
    /// `--:`
    Right,
}

/// Inline content. Serialised externally tagged: `{"text": "..."}`, `"break"`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Inline {
    /// Plain text, shown as text whatever it contains.
    Text(String),
    /// Inline code.
    Code(String),
    /// Emphasis (`*a*`).
    Emphasis(Vec<Inline>),
    /// Strong emphasis (`**a**`).
    Strong(Vec<Inline>),
    /// Struck-through text (`~~a~~`).
    Strikethrough(Vec<Inline>),
    /// A hyperlink. `href` is an absolute `http`, `https` or `mailto` URL.
    Link {
        /// The target: absolute `http`, `https` or `mailto`.
        href: String,
        /// The link's title attribute, if the author gave one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title: Option<String>,
        /// The link text.
        content: Vec<Inline>,
    },
    /// An image. `src` is an absolute `http` or `https` URL.
    Image {
        /// The image URL: absolute `http` or `https`.
        src: String,
        /// Text alternative, from the Markdown image's description.
        alt: String,
        /// The image's title attribute, if the author gave one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title: Option<String>,
    },
    /// A reference to footnote `n` (1-based) of [`ArticleBody::footnotes`].
    FootnoteRef(u32),
    /// A hard line break.
    Break,
}

impl Bundle {
    /// The version a reader should compare with [`SCHEMA_VERSION`] before trusting the rest.
    pub fn is_current(&self) -> bool {
        self.schema_version == SCHEMA_VERSION
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_serialize_externally_tagged() {
        let blocks = vec![
            Block::Paragraph(vec![Inline::Text("a".into()), Inline::Break]),
            Block::Rule,
        ];
        let json = serde_json::to_string(&blocks).unwrap();
        assert_eq!(json, r#"[{"paragraph":[{"text":"a"},"break"]},"rule"]"#);
        let back: Vec<Block> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, blocks);
    }

    #[test]
    fn optional_card_fields_are_left_out_when_absent() {
        let card = Card {
            id: "a".into(),
            slug: "a".into(),
            title: "A".into(),
            date: None,
            tags: vec![],
            sources: vec![],
            excerpt: String::new(),
            reading_minutes: 1,
            image: None,
            lang: None,
            authors: vec![],
            canonical: None,
            body: "articles/a.json".into(),
        };
        let json = serde_json::to_string(&card).unwrap();
        assert!(!json.contains("date") && !json.contains("image") && !json.contains("lang"));
        assert_eq!(serde_json::from_str::<Card>(&json).unwrap(), card);
    }

    #[test]
    fn a_chunk_gives_the_body_asked_for() {
        let body = |id: &str| ArticleBody {
            id: id.into(),
            blocks: vec![Block::Paragraph(vec![Inline::Text(id.into())])],
            footnotes: vec![],
        };
        let chunk = BodyChunk {
            schema_version: SCHEMA_VERSION,
            bodies: vec![body("a"), body("b")],
        };
        assert_eq!(chunk.body("b"), Some(&body("b")));
        assert_eq!(chunk.body("c"), None);
        assert_eq!(chunk.clone().into_body("b"), Some(body("b")));
        assert_eq!(chunk.into_body("c"), None);
    }
}
