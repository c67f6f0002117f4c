//! The bundle, queried on demand: the manifest (or the page's download of it), then only the files the view
//! needs: a selected tag's list chunks, the card shards of the stories on the page, the table pages that name
//! them, a value's or a slug's bucket. What was fetched is kept within a bound on bytes (`crate::cache`).

use std::cell::RefCell;
use std::rc::Rc;

use tidings_bundle::{bucket_of, Card, FacetValue, Manifest, Table, SHARD_CARDS, TABLE_PAGE};
use wasm_bindgen::{JsCast, JsValue};
use yew::platform::spawn_local;
use yew::prelude::*;

use super::{url_of, App, Msg, WidgetEvent};
use crate::api::{self, FetchError};
use crate::cache::Cache;
use crate::decode;
use crate::query::{self, Stories, Term};
use crate::state::{MatchMode, State};

/// A fetched file of the index, decoded (which kind it is follows from its folder).
#[derive(Clone)]
pub enum File {
    List(Stories),
    Cards(Rc<Vec<Rc<Card>>>),
    Paths(Rc<Vec<String>>),
    Values(Rc<Vec<Rc<FacetValue>>>),
    Slugs(Rc<Vec<(String, u32)>>),
}

impl File {
    /// About how many bytes of memory it holds, for the cache's bound.
    fn bytes(&self) -> usize {
        match self {
            Self::List(l) => l.len() * 4,
            Self::Cards(c) => c.len() * 600,
            Self::Paths(p) => p.len() * 48,
            Self::Values(v) => v.iter().map(|v| 64 + v.chunks.len() * 48).sum(),
            Self::Slugs(s) => s.len() * 80,
        }
    }
}

/// Fetches `path` of the bundle at `url` and decodes it as its folder says.
pub(super) async fn fetch_file(url: &str, path: &str) -> Result<File, FetchError> {
    read_file(path, &api::index_file(url, path).await?)
}

fn read_file(path: &str, v: &JsValue) -> Result<File, FetchError> {
    Ok(match crate::format::pieces(path, b'/').next() {
        Some("lists") => {
            let bytes = v.unchecked_ref::<js_sys::Uint8Array>().to_vec();
            let stories = tidings_bundle::postings::decode(&bytes)
                .map_err(|_| FetchError::Unreadable("a broken posting list".into()))?;
            File::List(Rc::new(stories))
        }
        Some("cards") => {
            let cards = decode::shard_cards(v)?;
            let mut read = Vec::with_capacity(cards.length() as usize);
            for i in 0..cards.length() {
                read.push(Rc::new(decode::card_at(&cards, i)?));
            }
            File::Cards(Rc::new(read))
        }
        Some("facets") => {
            let values = decode::facet_bucket(v)?;
            File::Values(Rc::new(values.into_iter().map(Rc::new).collect()))
        }
        Some("slugs") => File::Slugs(Rc::new(decode::slug_bucket(v)?)),
        _ => File::Paths(Rc::new(decode::table_page(v)?)),
    })
}

/// Bytes of fetched files kept for later views (a view's own files are kept while it is shown, whatever their
/// size): enough for the lists and cards of many selections, small beside a phone's memory.
pub const CACHE_BYTES: usize = 4 * 1024 * 1024;

/// The bundle: its manifest and what has been fetched of the rest.
pub struct Loaded {
    pub(super) manifest: Manifest,
    /// The manifest's cards, shared with the views.
    first: Vec<Rc<Card>>,
    /// The manifest's most used tags, shared with the views.
    top_tags: Vec<Rc<FacetValue>>,
    /// Files of earlier views, least recently used out first.
    cache: RefCell<Cache<File>>,
    /// Files of the view shown now.
    pinned: RefCell<Vec<(String, File)>>,
}

/// What the story list shows: the cards of the page, how many stories match, and the tags to offer.
pub struct Page {
    pub cards: Vec<Rc<Card>>,
    pub count: usize,
    pub tags: Rc<Vec<Rc<FacetValue>>>,
}

impl Loaded {
    pub(super) fn new(mut manifest: Manifest) -> Self {
        Self {
            first: std::mem::take(&mut manifest.articles)
                .into_iter()
                .map(Rc::new)
                .collect(),
            top_tags: std::mem::take(&mut manifest.tags.top)
                .into_iter()
                .map(Rc::new)
                .collect(),
            manifest,
            cache: RefCell::new(Cache::new(CACHE_BYTES)),
            pinned: RefCell::default(),
        }
    }

    /// Keeps a file the view asked for.
    pub(super) fn keep(&self, path: String, file: File) {
        self.pinned.borrow_mut().push((path, file));
    }

    /// The view changed: its files go to the cache, where they stay while they fit.
    pub(super) fn unpin(&self) {
        let mut cache = self.cache.borrow_mut();
        for (path, file) in self.pinned.borrow_mut().drain(..) {
            let bytes = file.bytes();
            cache.insert(path, file, bytes);
        }
    }

    fn have(&self, path: &str) -> Option<File> {
        let pinned = self.pinned.borrow();
        if let Some((_, f)) = pinned.iter().find(|(p, _)| p == path) {
            return Some(f.clone());
        }
        self.cache.borrow_mut().get(path).cloned()
    }

    fn list(&self, path: &str) -> Option<Stories> {
        match self.have(path) {
            Some(File::List(l)) => Some(l),
            _ => None,
        }
    }

    /// A file by path, or its path noted as missing.
    fn need(&self, path: &str, missing: &mut Vec<String>) -> Option<File> {
        let file = self.have(path);
        if file.is_none() {
            missing.push(path.to_string());
        }
        file
    }

    /// Entry `i` of `table`, through its page.
    fn entry(&self, table: &Table, i: u32, missing: &mut Vec<String>) -> Option<String> {
        let page = table.pages.get(i as usize / TABLE_PAGE)?;
        match self.need(page, missing)? {
            File::Paths(p) => p.get(i as usize % TABLE_PAGE).cloned(),
            _ => None,
        }
    }

    /// Tag `name`: from the manifest, or from its bucket (a tag in no story has an empty list).
    fn tag(&self, name: &str, missing: &mut Vec<String>) -> Option<Rc<FacetValue>> {
        if let Some(v) = self.top_tags.iter().find(|v| v.value == name) {
            return Some(v.clone());
        }
        let buckets = &self.manifest.tags.buckets;
        let empty = || {
            Rc::new(FacetValue {
                value: name.to_string(),
                count: 0,
                chunks: Vec::new(),
            })
        };
        let Some(path) = self.entry(buckets, bucket_of(name, buckets.len), missing) else {
            return (buckets.len == 0).then(empty);
        };
        match self.need(&path, missing)? {
            File::Values(values) => Some(
                values
                    .iter()
                    .find(|v| v.value == name)
                    .cloned()
                    .unwrap_or_else(empty),
            ),
            _ => None,
        }
    }

    /// Story `n`'s card.
    fn card(&self, n: u32, missing: &mut Vec<String>) -> Option<Rc<Card>> {
        if let Some(card) = self.first.get(n as usize) {
            return Some(card.clone());
        }
        let shard = n as usize / SHARD_CARDS;
        let path = self.entry(&self.manifest.cards, shard as u32, missing)?;
        match self.need(&path, missing)? {
            File::Cards(cards) => cards.get(n as usize % SHARD_CARDS).cloned(),
            _ => None,
        }
    }

    /// The story whose slug is `slug` (`Some(None)` when the bundle has none).
    pub(super) fn story(&self, slug: &str, missing: &mut Vec<String>) -> Option<Option<Rc<Card>>> {
        if let Some(card) = self.first.iter().find(|c| c.slug == slug) {
            return Some(Some(card.clone()));
        }
        let slugs = &self.manifest.slugs;
        let path = self.entry(slugs, bucket_of(slug, slugs.len), missing)?;
        let File::Slugs(bucket) = self.need(&path, missing)? else {
            return None;
        };
        match bucket.iter().find(|(s, _)| s == slug) {
            Some(&(_, n)) => self.card(n, missing).map(Some),
            None => Some(None),
        }
    }

    /// The page `state` asks for, or `None` while files it needs are `missing`.
    pub(super) fn page(&self, state: &State, missing: &mut Vec<String>) -> Option<Page> {
        // Every file the page needs is asked for at once, not one after the other.
        let mut values = Vec::new();
        for tag in &state.selected {
            values.extend(self.tag(tag, missing));
        }
        if values.len() < state.selected.len() {
            return None;
        }
        let have = |p: &str| self.list(p);
        let shown = state.shown;
        let (numbers, count) = match values.as_slice() {
            [] => {
                let total = self.manifest.total;
                ((0..total.min(shown as u32)).collect(), total as usize)
            }
            [one] => match query::first(one, shown, &have) {
                Ok(first) => (first, one.count as usize),
                Err(m) => {
                    missing.extend(m);
                    return None;
                }
            },
            several => {
                let all = state.mode == MatchMode::All;
                let terms = [Term::Lists {
                    values: several.iter().map(|v| &**v).collect(),
                    all,
                }];
                match query::evaluate(&terms, &have) {
                    Ok(found) => {
                        let found = found.unwrap_or_default();
                        let count = found.len();
                        (found.into_iter().take(shown).collect(), count)
                    }
                    Err(m) => {
                        missing.extend(m);
                        return None;
                    }
                }
            }
        };
        let mut cards = Vec::with_capacity(numbers.len());
        for &n in &numbers {
            cards.extend(self.card(n, missing));
        }
        if cards.len() < numbers.len() {
            return None;
        }
        // The most used tags, then a selected one that is not among them (it has fewer stories than they).
        let top = &self.top_tags;
        let offered: Vec<Rc<FacetValue>> = top
            .iter()
            .chain(
                values
                    .iter()
                    .filter(|v| !top.iter().any(|t| t.value == v.value)),
            )
            .cloned()
            .collect();
        Some(Page {
            cards,
            count,
            tags: Rc::new(offered),
        })
    }
}

/// Where the bundle's download is.
pub enum Fetch {
    Loading,
    Ready(Rc<Loaded>),
    Failed(FetchError),
}

/// How the widget starts: from the page's download of the bundle (`embed/prefetch.js`) when there is one.
pub(super) enum Early {
    /// Its text was here when the widget started, and is read: the first render shows the stories.
    Read(Result<Rc<Loaded>, FetchError>),
    /// To be awaited: the page's download, still on its way (the bundle is not downloaded again), or none, and
    /// the widget downloads the bundle itself.
    Download(Option<api::Prefetch>),
}

impl Early {
    pub(super) fn new(url: &str) -> Self {
        match api::Prefetch::take(url) {
            Some(mut prefetch) => match prefetch.bundle_now() {
                Some(read) => Self::Read(read.map(|m| Rc::new(Loaded::new(m)))),
                None => Self::Download(Some(prefetch)),
            },
            None => Self::Download(None),
        }
    }

    /// The state of the first render.
    pub(super) fn fetch(&self) -> Fetch {
        match self {
            Self::Read(Ok(loaded)) => Fetch::Ready(loaded.clone()),
            Self::Read(Err(e)) => Fetch::Failed(e.clone()),
            _ => Fetch::Loading,
        }
    }
}

impl App {
    /// Starts a run of the bundle's download: the manifest. Only the first run may start from the page's
    /// download.
    pub(super) fn download(&mut self, ctx: &Context<Self>) {
        let mine = self.run.get().wrapping_add(1);
        self.run.set(mine);
        self.in_flight.clear();
        let start = std::mem::replace(&mut self.early, Early::Download(None));
        if !matches!(start, Early::Read(_)) {
            self.fetch = Fetch::Loading;
        }
        let (link, url) = (ctx.link().clone(), url_of(ctx.props()));
        spawn_local(async move {
            let started = match start {
                Early::Read(read) => read,
                Early::Download(prefetch) => api::bundle(&url, prefetch)
                    .await
                    .map(|m| Rc::new(Loaded::new(m))),
            };
            link.send_message(Msg::Fetched(
                mine,
                match started {
                    Ok(loaded) => Fetch::Ready(loaded),
                    Err(e) => Fetch::Failed(e),
                },
            ));
        });
    }

    /// Works out the view from what has been fetched, and fetches what it still needs (each file once). Done
    /// after every change and every arrival.
    pub(super) fn resolve(&mut self, ctx: &Context<Self>) {
        let Fetch::Ready(loaded) = &self.fetch else {
            return;
        };
        let loaded = loaded.clone();
        let mut missing = Vec::new();
        if let Some(page) = loaded.page(&self.state, &mut missing) {
            self.page = Some(page);
        }
        if let Some(slug) = self.wanted.clone() {
            if let Some(found) = loaded.story(&slug, &mut missing) {
                self.wanted = None;
                if let Some(card) = found {
                    let (tags, id) = (self.state.selected.clone(), card.id.clone());
                    self.opened = Some(card);
                    self.apply(
                        ctx,
                        crate::state::Action::Restore {
                            tags,
                            open: Some(id),
                        },
                    );
                }
            }
        }
        self.busy = !missing.is_empty();
        if !self.busy {
            self.reloaded = false;
        }
        if self.failed.is_some() {
            return;
        }
        for path in missing {
            if self.in_flight.contains(&path) {
                continue;
            }
            self.in_flight.push(path.clone());
            let (link, url, run) = (ctx.link().clone(), url_of(ctx.props()), self.run.get());
            spawn_local(async move {
                let file = fetch_file(&url, &path).await;
                link.send_message(Msg::File(run, path, file));
            });
        }
    }

    /// A file the view asked for arrived, or failed. A content-named file that is gone (404) means the bundle was
    /// rebuilt while the page was open: the manifest is fetched again, once, and the view worked out from it.
    pub(super) fn arrived(
        &mut self,
        ctx: &Context<Self>,
        path: String,
        file: Result<File, FetchError>,
    ) {
        self.in_flight.retain(|p| *p != path);
        match (file, &self.fetch) {
            (Ok(file), Fetch::Ready(loaded)) => loaded.keep(path, file),
            (Err(FetchError::Status(404)), _) if !self.reloaded => {
                self.reloaded = true;
                self.download(ctx);
                return;
            }
            (Err(e), _) => {
                ctx.props().onevent.emit(WidgetEvent::Error {
                    message: e.message(&crate::i18n::EN),
                });
                self.failed = Some(e);
            }
            _ => {}
        }
        self.resolve(ctx);
    }
}
