//! The bundle's download: the manifest (or the page's download of it), then the card shards in order after the
//! first view, read in slices so that a slow phone never meets a long task.

use std::rc::Rc;

use tidings_bundle::{Card, Manifest, TagCount};
use yew::platform::spawn_local;
use yew::prelude::*;

use super::{url_of, App, Msg, WidgetEvent};
use crate::api::{self, FetchError};
use crate::decode;
use crate::state::Postings;

/// The stories so far: the manifest's cards, then each shard's as it arrives. Cards are shared by `Rc`, so
/// that each publication of the list copies pointers, not cards.
#[derive(Clone)]
pub struct Loaded {
    /// Every tag with its count (complete from the start: the manifest has them).
    pub(super) tags: Rc<Vec<TagCount>>,
    /// How many stories the bundle has.
    pub(super) total: usize,
    pub(super) cards: Vec<Rc<Card>>,
    pub(super) postings: Postings,
    /// Shards still to come.
    pub(super) pending: usize,
    /// The bundle's title and language (its project file's), for a page that sets none.
    pub(super) site: (Option<String>, Option<String>),
    /// Why a shard could not be loaded.
    pub(super) failed: Option<FetchError>,
}

impl Loaded {
    /// The manifest's stories, and the paths of the card shards still to fetch.
    fn start(manifest: Manifest) -> (Self, Vec<String>) {
        let mut loaded = Self {
            tags: Rc::new(manifest.tags),
            total: manifest.total as usize,
            cards: Vec::new(),
            postings: Postings::default(),
            pending: manifest.index.len(),
            failed: None,
            site: (manifest.title, manifest.lang),
        };
        loaded.append(manifest.articles);
        (loaded, manifest.index)
    }

    fn append(&mut self, cards: Vec<Card>) {
        self.cards.reserve(cards.len());
        cards.into_iter().for_each(|card| self.push(card));
    }

    fn push(&mut self, card: Card) {
        self.postings.push(&card.tags);
        self.cards.push(Rc::new(card));
    }

    /// Reads a shard's cards, [`SLICE`] at a time with a turn of the event loop in between: no long task on a
    /// slow phone. Stops early once `current` says this run is stale.
    async fn read_in_slices(
        &mut self,
        cards: &js_sys::Array,
        current: &dyn Fn() -> bool,
    ) -> Result<(), FetchError> {
        let len = cards.length();
        let mut start = 0;
        while start < len && current() {
            for i in start..(start + SLICE).min(len) {
                let card = decode::card_at(cards, i)?;
                self.push(card);
            }
            start += SLICE;
            yew::platform::time::sleep(std::time::Duration::ZERO).await;
        }
        Ok(())
    }

    pub(super) fn by_id(&self, id: &str) -> Option<&Rc<Card>> {
        self.cards.iter().find(|c| c.id == id)
    }
}

/// Where the bundle's download is.
pub enum Fetch {
    Loading,
    /// The stories so far.
    Ready(Rc<Loaded>),
    Failed(FetchError),
}

/// How the widget starts: from the page's download of the bundle (`embed/prefetch.js`) when there is one.
pub(super) enum Early {
    /// Its text was here when the widget started, and is read: the first render shows the stories.
    Read(Result<(Loaded, Vec<String>), FetchError>),
    /// To be awaited: the page's download, still on its way (the bundle is not downloaded again), or none, and
    /// the widget downloads the bundle itself.
    Download(Option<api::Prefetch>),
}

impl Early {
    pub(super) fn new(url: &str) -> Self {
        match api::Prefetch::take(url) {
            Some(mut prefetch) => match prefetch.bundle_now() {
                Some(read) => Self::Read(read.map(Loaded::start)),
                None => Self::Download(Some(prefetch)),
            },
            None => Self::Download(None),
        }
    }

    /// The state of the first render.
    pub(super) fn fetch(&self) -> Fetch {
        match self {
            Self::Read(Ok((loaded, _))) => Fetch::Ready(Rc::new(loaded.clone())),
            Self::Read(Err(e)) => Fetch::Failed(e.clone()),
            _ => Fetch::Loading,
        }
    }
}

/// How often, at most, arriving shards re-render the list (a 100,000-story bundle has a hundred and more).
const PUBLISH_MS: f64 = 150.0;

/// Cards read from a shard between two turns of the page's event loop.
const SLICE: u32 = 100;

impl App {
    /// Starts a run of the bundle's download: the manifest, then the card shards in order, published at most
    /// every [`PUBLISH_MS`]. Only the first run may start from the page's download.
    pub(super) fn download(&mut self, ctx: &Context<Self>) {
        let mine = self.run.get().wrapping_add(1);
        self.run.set(mine);
        let current = {
            let run = self.run.clone();
            move || run.get() == mine
        };
        let start = std::mem::replace(&mut self.early, Early::Download(None));
        let shown = matches!(start, Early::Read(_));
        if !shown {
            self.fetch = Fetch::Loading;
        }
        let (link, onevent, url) = (
            ctx.link().clone(),
            ctx.props().onevent.clone(),
            url_of(ctx.props()),
        );
        let fetch = move |f| link.send_message(Msg::Fetched(mine, f));
        spawn_local(async move {
            let started = match start {
                Early::Read(read) => read,
                Early::Download(prefetch) => api::bundle(&url, prefetch).await.map(Loaded::start),
            };
            let (mut loaded, index) = match started {
                Ok(started) => started,
                Err(e) => {
                    if current() {
                        onevent.emit(WidgetEvent::Error {
                            message: e.message(&crate::i18n::EN),
                        });
                        fetch(Fetch::Failed(e));
                    }
                    return;
                }
            };
            if !current() {
                return;
            }
            onevent.emit(WidgetEvent::Ready {
                articles: loaded.total,
            });
            if !shown {
                fetch(Fetch::Ready(Rc::new(loaded.clone())));
            }
            // The rest of the cards, in order, after the first view: a turn of the event loop first, so the
            // browser paints the first cards before this starts their download.
            yew::platform::time::sleep(std::time::Duration::ZERO).await;
            let mut published = js_sys::Date::now();
            for path in index {
                let result = match api::shard(&url, &path).await {
                    Ok(cards) => loaded.read_in_slices(&cards, &current).await,
                    Err(e) => Err(e),
                };
                if !current() {
                    return;
                }
                loaded.pending -= 1;
                if let Err(e) = result {
                    onevent.emit(WidgetEvent::Error {
                        message: e.message(&crate::i18n::EN),
                    });
                    loaded.failed = Some(e);
                }
                let done = loaded.pending == 0 || loaded.failed.is_some();
                if done || js_sys::Date::now() - published >= PUBLISH_MS {
                    fetch(Fetch::Ready(Rc::new(loaded.clone())));
                    published = js_sys::Date::now();
                }
                if loaded.failed.is_some() {
                    return;
                }
            }
        });
    }

    /// Whether the stories are in, and all of them: a change of either is the URL's turn.
    pub(super) fn progress(&self) -> (bool, bool) {
        match &self.fetch {
            Fetch::Ready(loaded) => (true, loaded.pending == 0),
            _ => (false, false),
        }
    }
}
