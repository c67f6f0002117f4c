//! The bundle's JSON into the schema's types. The browser parses (`JSON.parse`, already in every reader's
//! browser) and this walks the result. serde_json's generic code cost every reader about 20 KB of compressed
//! wasm; this costs a few. Bodies are read by the same helpers straight into Yew nodes
//! ([`crate::components::document`]).
//!
//! Errors name the place in the file (`articles[3].title`) and what belongs there. Document trees are
//! walked to [`MAX_DEPTH`] at most: the compiler never writes deeper ones, and a hostile file must not
//! exhaust the stack.

use std::fmt;

use js_sys::{Array, Object, Reflect};
use tidings_bundle::{Card, Facet, FacetValue, ListChunk, Manifest, Source, Table, YearRun};
use wasm_bindgen::{JsCast, JsValue};

/// Deeper document trees than this are refused.
pub const MAX_DEPTH: usize = 128;

/// What is wrong, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    path: String,
    expected: &'static str,
}

impl Error {
    pub(crate) fn new(expected: &'static str) -> Self {
        Self {
            path: String::new(),
            expected,
        }
    }

    /// The same error, one level further out.
    pub(crate) fn at(mut self, step: &str) -> Self {
        if !self.path.is_empty() && !self.path.starts_with("[") {
            self.path.insert(0, '.');
        }
        self.path.insert_str(0, step);
        self
    }

    /// What is wrong, and where: "`articles[3].title` should be text". Joined rather than formatted: the
    /// widget leaves the formatting machinery out of the wasm.
    pub fn describe(&self) -> String {
        match self.path.as_str() {
            "" => ["the file should be ", self.expected].concat(),
            path => ["`", path, "` should be ", self.expected].concat(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}

pub(crate) type Result<T> = std::result::Result<T, Error>;

/// `bundle.json`.
pub fn manifest(v: &JsValue) -> Result<Manifest> {
    object(v)?;
    Ok(Manifest {
        schema_version: field(v, "schema_version", &number)?,
        total: field(v, "total", &number)?,
        articles: field(v, "articles", &|v| list(v, &card))?,
        cards: field(v, "cards", &table)?,
        tags: field(v, "tags", &facet)?,
        outlets: field(v, "outlets", &facet)?,
        years: field(v, "years", &|v| list(v, &year))?,
        slugs: field(v, "slugs", &table)?,
        title: optional(v, "title", &text)?,
        lang: optional(v, "lang", &text)?,
    })
}

#[inline(never)]
fn table(v: &JsValue) -> Result<Table> {
    object(v)?;
    Ok(Table {
        len: field(v, "len", &number)?,
        pages: field(v, "pages", &|v| list(v, &text))?,
    })
}

#[inline(never)]
fn facet(v: &JsValue) -> Result<Facet> {
    object(v)?;
    Ok(Facet {
        top: field(v, "top", &|v| list(v, &facet_value))?,
        values: field(v, "values", &number)?,
        buckets: field(v, "buckets", &table)?,
    })
}

#[inline(never)]
fn facet_value(v: &JsValue) -> Result<FacetValue> {
    object(v)?;
    Ok(FacetValue {
        value: field(v, "value", &text)?,
        count: field(v, "count", &number)?,
        chunks: field(v, "chunks", &|v| list(v, &list_chunk))?,
    })
}

/// `[path, first, last]`.
fn list_chunk(v: &JsValue) -> Result<ListChunk> {
    match Array::is_array(v) {
        true => Ok(ListChunk(
            text(&get(v, "0"))?,
            number(&get(v, "1"))?,
            number(&get(v, "2"))?,
        )),
        false => Err(Error::new("[path, first, last]")),
    }
}

fn year(v: &JsValue) -> Result<YearRun> {
    object(v)?;
    Ok(YearRun {
        value: field(v, "value", &text)?,
        count: field(v, "count", &number)?,
        start: field(v, "start", &number)?,
    })
}

/// A table page's entries.
pub fn table_page(v: &JsValue) -> Result<Vec<String>> {
    object(v)?;
    field(v, "entries", &|v| list(v, &text))
}

/// A facet bucket's values.
pub fn facet_bucket(v: &JsValue) -> Result<Vec<FacetValue>> {
    object(v)?;
    field(v, "values", &|v| list(v, &facet_value))
}

/// A slug bucket's slugs, with their story numbers.
pub fn slug_bucket(v: &JsValue) -> Result<Vec<(String, u32)>> {
    object(v)?;
    let pair = |v: &JsValue| Ok((text(&get(v, "0"))?, number(&get(v, "1"))?));
    field(v, "slugs", &|v| list(v, &pair))
}

/// A card shard's cards, not read yet: [`card_at`] reads them one at a time, so that a shard is read in slices
/// between which the page stays responsive.
pub fn shard_cards(v: &JsValue) -> Result<Array> {
    items(v, "articles")
}

/// Card `i` of a shard's cards.
pub fn card_at(cards: &Array, i: u32) -> Result<Card> {
    card(&cards.get(i)).map_err(|e| e.at(&index(i)).at("articles"))
}

/// A body chunk's bodies, not read yet: [`crate::components::document::body_in`] reads the one a reader
/// opens.
pub fn chunk(v: &JsValue) -> Result<Array> {
    items(v, "bodies")
}

/// The list `key` of a file, its items not read yet.
fn items(v: &JsValue, key: &'static str) -> Result<Array> {
    object(v)?;
    let items = get(v, key);
    match Array::is_array(&items) {
        true => Ok(items.unchecked_into()),
        false => Err(Error::new("a list").at(key)),
    }
}

/// The `schema_version` of a parsed file, if it has one: read before anything else, so that a file of
/// another version says so rather than "unreadable".
pub fn schema_version(v: &JsValue) -> Option<u32> {
    number(&get(v, "schema_version")).ok()
}

// One copy, shared by the manifest's and the shards' readers.
#[inline(never)]
fn card(v: &JsValue) -> Result<Card> {
    object(v)?;
    Ok(Card {
        id: field(v, "id", &text)?,
        slug: field(v, "slug", &text)?,
        title: field(v, "title", &text)?,
        date: optional(v, "date", &text)?,
        tags: field(v, "tags", &|v| list(v, &text))?,
        sources: field(v, "sources", &|v| list(v, &source))?,
        excerpt: field(v, "excerpt", &text)?,
        reading_minutes: field(v, "reading_minutes", &number)?,
        image: optional(v, "image", &text)?,
        lang: optional(v, "lang", &text)?,
        authors: optional(v, "authors", &|v| list(v, &text))?.unwrap_or_default(),
        canonical: optional(v, "canonical", &text)?,
        body: field(v, "body", &text)?,
    })
}

fn source(v: &JsValue) -> Result<Source> {
    object(v)?;
    Ok(Source {
        url: field(v, "url", &text)?,
        host: field(v, "host", &text)?,
        outlet: field(v, "outlet", &text)?,
        date: optional(v, "date", &text)?,
    })
}

/// Enums are externally tagged: `"rule"`, or `{"paragraph": [...]}`.
pub(crate) fn variant(v: &JsValue) -> Result<(String, JsValue)> {
    if let Some(name) = v.as_string() {
        return Ok((name, JsValue::UNDEFINED));
    }
    object(v)?;
    let keys = Object::keys(v.unchecked_ref::<Object>());
    match keys.get(0).as_string() {
        Some(name) if keys.length() == 1 => {
            let value = get(v, &name);
            Ok((name, value))
        }
        _ => Err(Error::new("an object with one key")),
    }
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

pub(crate) fn object(v: &JsValue) -> Result<()> {
    match v.is_object() && !Array::is_array(v) {
        true => Ok(()),
        false => Err(Error::new("an object")),
    }
}

// The readers are `dyn`: one copy of each helper per type read, not one per call site.

pub(crate) fn field<T>(v: &JsValue, key: &str, read: &dyn Fn(&JsValue) -> Result<T>) -> Result<T> {
    read(&get(v, key)).map_err(|e| e.at(key))
}

/// A field that may be absent (or `null`).
pub(crate) fn optional<T>(
    v: &JsValue,
    key: &str,
    read: &dyn Fn(&JsValue) -> Result<T>,
) -> Result<Option<T>> {
    let value = get(v, key);
    match value.is_undefined() || value.is_null() {
        true => Ok(None),
        false => read(&value).map(Some).map_err(|e| e.at(key)),
    }
}

pub(crate) fn list<T>(v: &JsValue, read: &dyn Fn(&JsValue) -> Result<T>) -> Result<Vec<T>> {
    if !Array::is_array(v) {
        return Err(Error::new("a list"));
    }
    let array: &Array = v.unchecked_ref();
    let mut items = Vec::with_capacity(array.length() as usize);
    for i in 0..array.length() {
        items.push(read(&array.get(i)).map_err(|e| e.at(&index(i)))?);
    }
    Ok(items)
}

pub(crate) fn text(v: &JsValue) -> Result<String> {
    v.as_string().ok_or(Error::new("text"))
}

/// `[i]`: the place of item `i` in a list, as errors name it (and as a body shows a footnote reference).
pub(crate) fn index(i: u32) -> String {
    ["[", &crate::format::digits(i.into()), "]"].concat()
}

/// A whole number that fits `T`.
pub(crate) fn number<T: TryFrom<u64>>(v: &JsValue) -> Result<T> {
    v.as_f64()
        .filter(|n| n.fract() == 0.0 && *n >= 0.0 && *n <= u64::MAX as f64)
        .and_then(|n| T::try_from(n as u64).ok())
        .ok_or(Error::new("a whole number in range"))
}
