//! The widget's root: fetches the bundle (an explicit Loading / Ready / Failed machine), owns the reader's
//! state (one reducer) and switches between the story list and an open article.

use std::rc::Rc;

use tidings_bundle::{Card, Manifest, TagCount};
use yew::platform::spawn_local;
use yew::prelude::*;

use super::article_card::{article_card, ArticleCardProps};
use super::article_view::{article_view, ArticleViewProps, Body};
use super::status::{failure, placeholders};
use super::tag_filters::{tag_filters, TagFiltersProps};
use super::{document, flag, h, on_click, Lang};
use crate::api::{self, FetchError};
use crate::config::{Config, Layout, Open};
use crate::decode;
use crate::state::{Action, MatchMode, Postings, State};
use crate::url_state;
use wasm_bindgen::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// URL of `bundle.json`.
    pub bundle: AttrValue,
    /// The host's settings (`data-*` attributes of an embed); the defaults otherwise.
    #[prop_or_default]
    pub config: Rc<Config>,
    /// What happened, for the host page (`tidings:ready`, `tidings:filter`, `tidings:open`, `tidings:error`).
    #[prop_or_default]
    pub onevent: Callback<WidgetEvent>,
}

/// Something a host page may want to know.
#[derive(Debug, Clone, PartialEq)]
pub enum WidgetEvent {
    /// The bundle is shown: how many stories it has.
    Ready { articles: usize },
    /// The reader changed the filter.
    Filter { tags: Vec<String>, all: bool },
    /// The reader opened a story.
    Open { id: String, slug: String },
    /// Loading failed.
    Error { message: String },
}

/// The stories so far: the manifest's cards, then each shard's as it arrives. Cards are shared by `Rc` so
/// components can hold them cheaply.
#[derive(Clone)]
struct Loaded {
    /// Every tag with its count (complete from the start: the manifest has them).
    tags: Rc<Vec<TagCount>>,
    /// How many stories the bundle has.
    total: usize,
    cards: Vec<Rc<Card>>,
    postings: Postings,
    /// Shards still to come.
    pending: usize,
    /// Why a shard could not be loaded.
    failed: Option<FetchError>,
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

    fn by_id(&self, id: &str) -> Option<&Rc<Card>> {
        self.cards.iter().find(|c| c.id == id)
    }
}

#[derive(Clone)]
enum Fetch {
    Loading,
    Ready(Rc<Loaded>),
    Failed(FetchError),
}

/// How the widget starts: from the page's download of the bundle (`embed/prefetch.js`) when there is one.
enum Early {
    /// Its text was here when the widget started, and is read: the first render shows the stories.
    Read(Result<(Loaded, Vec<String>), FetchError>),
    /// To be awaited: the page's download, still on its way (the bundle is not downloaded again), or none, and
    /// the widget downloads the bundle itself.
    Download(Option<api::Prefetch>),
}

impl Early {
    fn new(url: &str) -> Self {
        match api::Prefetch::take(url) {
            Some(mut prefetch) => match prefetch.bundle_now() {
                Some(read) => Self::Read(read.map(Loaded::start)),
                None => Self::Download(Some(prefetch)),
            },
            None => Self::Download(None),
        }
    }

    /// The state of the first render.
    fn fetch(&self) -> Fetch {
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

/// The root's state, in one reducer: the reader's choices (whose logic is [`State::reduce`]), the downloads and
/// their retries. One reducer rather than a hook for each: every hook's type brings its own copy of Yew's code.
#[derive(Clone)]
struct Reader {
    state: State,
    fetch: Fetch,
    /// The open story's body, beside the id of its story: the render that opens a story must not show the body
    /// of the one before.
    body: (String, Body),
    /// Retries of the bundle's download, and of the open story's body (the effects that download depend on them).
    attempt: u32,
    body_attempt: u32,
}

/// What changes the root's state.
enum Msg {
    /// The reader's choice.
    Do(Action),
    /// Where the bundle's download is (sent by its task).
    Fetched(Fetch),
    /// Where the body of story `id` is (sent by its download's task).
    Body(String, Body),
    /// The bundle's Retry.
    Retry,
    /// The open story's body's Retry.
    RetryBody,
}

impl Reducible for Reader {
    type Action = Msg;
    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut next = (*self).clone();
        match msg {
            Msg::Do(action) => next.state = next.state.reduce(action),
            Msg::Fetched(fetch) => next.fetch = fetch,
            Msg::Body(id, body) => next.body = (id, body),
            Msg::Retry => next.attempt += 1,
            Msg::RetryBody => next.body_attempt += 1,
        }
        Rc::new(next)
    }
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let early = use_mut_ref(|| Early::new(&url_of(props)));
    let config = props.config.clone();
    let reader = {
        let (config, early) = (config.clone(), early.clone());
        use_reducer(move || Reader {
            state: State::with(config.tags.clone(), config.page_size),
            fetch: early.borrow().fetch(),
            body: (String::new(), Body::Loading),
            attempt: 0,
            body_attempt: 0,
        })
    };
    let send = reader.dispatcher().to_callback();
    let root = use_node_ref();
    let last_open = use_mut_ref(|| None::<String>);
    {
        let (send, onevent, early) = (send.clone(), props.onevent.clone(), early.clone());
        let url = url_of(props);
        let fetch = move |f| send.emit(Msg::Fetched(f));
        // Each run has a generation: a task from an earlier run (or a removed widget) stops writing.
        let generation = use_mut_ref(|| 0u32);
        use_effect_with((url.clone(), reader.attempt), move |_| {
            let mine = next_run(&generation);
            let current = {
                let generation = generation.clone();
                move || *generation.borrow() == mine
            };
            // Only the first run may start from the page's download; a Retry or another URL downloads anew.
            let start = std::mem::replace(&mut *early.borrow_mut(), Early::Download(None));
            let shown = matches!(start, Early::Read(_));
            if !shown {
                fetch(Fetch::Loading);
            }
            spawn_local(async move {
                let started = match start {
                    Early::Read(read) => read,
                    Early::Download(prefetch) => {
                        api::bundle(&url, prefetch).await.map(Loaded::start)
                    }
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
            let generation = generation.clone();
            move || {
                next_run(&generation);
            }
        });
    }
    // Opening a story downloads its body and takes the focus to its title (so does Retry, which its failure
    // message had); closing it puts the focus back on the card it was opened from.
    let title = use_node_ref();
    {
        let (root, title, last_open) = (root.clone(), title.clone(), last_open.clone());
        let (send, fetch, url, config) = (
            send.clone(),
            reader.fetch.clone(),
            url_of(props),
            config.clone(),
        );
        let generation = use_mut_ref(|| 0u32);
        use_effect_with(
            (reader.state.open.clone(), reader.body_attempt),
            move |(open, _)| {
                let mine = next_run(&generation);
                let Some(id) = open else {
                    if let (Some(id), Some(root)) = (
                        last_open.borrow_mut().take(),
                        root.cast::<web_sys::Element>(),
                    ) {
                        let selector = ["[data-card=\"", &id.replace('"', ""), "\"]"].concat();
                        if let Ok(Some(el)) = root.query_selector(&selector) {
                            if let Ok(el) =
                                wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el)
                            {
                                let _ = el.focus();
                            }
                        }
                    }
                    return;
                };
                *last_open.borrow_mut() = Some(id.clone());
                if let Some(h) = title.cast::<web_sys::HtmlElement>() {
                    let _ = h.focus();
                }
                let Fetch::Ready(loaded) = &fetch else {
                    return;
                };
                let Some(card) = loaded.by_id(id).cloned() else {
                    return;
                };
                send.emit(Msg::Body(card.id.clone(), Body::Loading));
                spawn_local(async move {
                    let result = api::chunk(&url, &card.body).await.and_then(|bodies| {
                        document::body_in(
                            &bodies,
                            &card.id,
                            config.heading_level,
                            config.words().notes,
                        )?
                        .ok_or_else(|| {
                            FetchError::Unreadable(["no body for `", &card.id, "`"].concat())
                        })
                    });
                    // A story opened since (back and forward can switch stories directly) has a download of its own.
                    if *generation.borrow() == mine {
                        send.emit(Msg::Body(
                            card.id.clone(),
                            match result {
                                Ok(b) => Body::Ready(b),
                                Err(e) => Body::Failed(e),
                            },
                        ));
                    }
                });
            },
        );
    }
    {
        // Tell the host about filter changes and opened stories (not about the state it started in).
        let (onevent, state, fetch) = (
            props.onevent.clone(),
            reader.state.clone(),
            reader.fetch.clone(),
        );
        let first = use_mut_ref(|| true);
        use_effect_with(
            (state.selected.clone(), state.mode, state.open.clone()),
            move |_| {
                if std::mem::take(&mut *first.borrow_mut()) {
                    return;
                }
                if let (Some(id), Fetch::Ready(loaded)) = (&state.open, &fetch) {
                    let slug = loaded.by_id(id).map(|c| c.slug.clone()).unwrap_or_default();
                    onevent.emit(WidgetEvent::Open {
                        id: id.clone(),
                        slug,
                    });
                } else if state.open.is_none() {
                    onevent.emit(WidgetEvent::Filter {
                        tags: state.selected.clone(),
                        all: state.mode == MatchMode::All,
                    });
                }
            },
        );
    }
    // Hooks may not be called conditionally: without a key the sync is given none and does nothing.
    use_url_sync(config.url_key.clone(), config.tags.clone(), &reader);
    let w = config.words();
    let lang = Lang {
        words: w,
        locale: config.locale.as_deref().map(Into::into),
    };
    let retry = send.reform(|()| Msg::Retry);
    let content = match &reader.fetch {
        Fetch::Loading => {
            let filters = TagFiltersProps {
                tags: Rc::default(),
                selected: Rc::default(),
                mode: MatchMode::Any,
                send: Callback::noop(),
                label: config.filter_label().into(),
                words: w,
            };
            html! {
                <>
                    { head(&config, filters, w.loading_stories.to_string()) }
                    { placeholders() }
                </>
            }
        }
        Fetch::Failed(e) => html! {
            <>
                { heading(&config) }
                { failure(e.message(w), &retry, w) }
            </>
        },
        Fetch::Ready(loaded) => {
            let story = Story {
                body: match &reader.body {
                    (id, body) if Some(id) == reader.state.open.as_ref() => body,
                    _ => &Body::Loading,
                },
                title,
                onretry: send.reform(|()| Msg::RetryBody),
            };
            ready(
                loaded,
                &reader.state,
                send.reform(Msg::Do),
                story,
                &config,
                &lang,
                retry,
            )
        }
    };
    html! {
        <section class="tidings" data-layout={config.layout_name()} data-theme={config.theme_name()} part="widget" aria-label={config.region_label()} lang={w.lang} dir={w.dir} ref={root}>
            { content }
        </section>
    }
}

/// Starts a new run of an effect whose downloads outlive it, and returns its number: a task from an earlier run
/// (or a removed widget) compares its number with the latest and stops writing.
fn next_run(generation: &std::cell::RefCell<u32>) -> u32 {
    let mut g = generation.borrow_mut();
    *g = g.wrapping_add(1);
    *g
}

/// The widget's heading.
fn heading(config: &Config) -> Html {
    html! {
        <@{h(config.heading_level)} class="tidings-heading" part="heading">{ config.words().latest }</@>
    }
}

/// The heading, the tag filters and the count line: the same elements while loading as once loaded, so nothing
/// moves when the stories arrive, and the count is a live region from the start.
fn head(config: &Config, filters: TagFiltersProps, count: String) -> Html {
    html! {
        <>
            { heading(config) }
            { tag_filters(&filters) }
            <p class="tidings-count" aria-live="polite" role="status">{ count }</p>
        </>
    }
}

/// The bundle's URL: the `bundle` property, or the configuration's.
fn url_of(props: &AppProps) -> AttrValue {
    if props.bundle.is_empty() {
        props.config.bundle.clone().into()
    } else {
        props.bundle.clone()
    }
}

/// What the open story needs beyond its card: its body, its title's node and its body's Retry.
struct Story<'a> {
    body: &'a Body,
    title: NodeRef,
    onretry: Callback<()>,
}

/// The stories, or the open one. Every button sends its action to `send` (`on_click`).
fn ready(
    loaded: &Loaded,
    state: &State,
    send: Callback<Action>,
    story: Story,
    config: &Config,
    lang: &Lang,
    retry: Callback<()>,
) -> Html {
    let w = config.words();
    let level = config.heading_level;
    if let Some(card) = state.open.as_ref().and_then(|id| loaded.by_id(id)) {
        return article_view(ArticleViewProps {
            card,
            body: story.body,
            heading: story.title,
            send,
            onretry: story.onretry,
            level,
            lang,
        });
    }
    let matching = loaded.postings.matching(state);
    // Without a filter the count is the bundle's, even while its later cards are on their way.
    let count = match state.selected.is_empty() {
        true => loaded.total,
        false => matching.len(),
    };
    let shown = count.min(state.shown);
    let (link_out, compact) = (config.open == Open::Link, config.layout == Layout::Compact);
    let filters = TagFiltersProps {
        tags: loaded.tags.clone(),
        selected: Rc::new(state.selected.clone()),
        mode: state.mode,
        send: send.clone(),
        label: config.filter_label().into(),
        words: w,
    };
    html! {
        <>
            { head(config, filters, w.showing(shown, count)) }
            // Busy while later cards are still arriving: counts and pages may still grow.
            <div class="tidings-cards" aria-busy={flag(loaded.pending > 0 && loaded.failed.is_none())}>
                { for matching.first(shown).into_iter().map(|i| article_card(ArticleCardProps {
                    card: &loaded.cards[i], send: &send, level: level + 1, link_out, compact, lang,
                })) }
            </div>
            if shown < count {
                <button type="button" class="tidings-button tidings-more" part="button" onclick={on_click(&send, Action::ShowMore)}>{ w.show_more }</button>
            }
            if let Some(e) = &loaded.failed {
                { failure(e.message(w), &retry, w) }
            }
        </>
    }
}

/// Keeps the page URL and this widget's state in step: restores it from the URL when the bundle arrives and on
/// back/forward, and pushes a history entry when the reader changes the filter or opens or closes a story.
#[hook]
fn use_url_sync(key: Option<String>, preset: Vec<String>, reader: &UseReducerHandle<Reader>) {
    let ready = match (&reader.fetch, &key) {
        (Fetch::Ready(loaded), Some(_)) => Some(loaded.clone()),
        _ => None,
    };
    let key = key.unwrap_or_default();
    // Back and forward restore against the cards and the state of the latest render: the listener outlives the
    // render that added it.
    let latest = use_mut_ref(|| None);
    *latest.borrow_mut() = ready.clone().map(|loaded| (loaded, reader.clone()));
    let restore = {
        let (key, preset) = (key.clone(), preset.clone());
        move || {
            let Some((loaded, reader)) = latest.borrow().clone() else {
                return;
            };
            let search = web_sys::window()
                .and_then(|w| w.location().search().ok())
                .unwrap_or_default();
            let wanted = url_state::read(&search, &key);
            let open = wanted.story.and_then(|slug| {
                let card = loaded.cards.iter().find(|c| c.slug == slug);
                card.map(|c| c.id.clone())
            });
            let tags = wanted.tags.unwrap_or_else(|| preset.clone());
            if tags != reader.state.selected || open != reader.state.open {
                reader.dispatch(Msg::Do(Action::Restore { tags, open }));
            }
        }
    };
    // The bundle arrived: a shared link reopens its story and filter, and back and forward are listened to.
    // Once more when every card is in: the story may be in a later shard.
    let complete = ready.as_ref().is_some_and(|l| l.pending == 0);
    use_effect_with((ready.is_some(), complete), move |_| {
        restore();
        // The signature of Yew's own listeners: the glue and shims they bring serve this one too.
        let listener = Closure::<dyn Fn(&web_sys::Event)>::new(move |_: &web_sys::Event| restore());
        let window = web_sys::window();
        if let Some(w) = &window {
            let _ =
                w.add_event_listener_with_callback("popstate", listener.as_ref().unchecked_ref());
        }
        move || {
            if let Some(w) = window {
                let _ = w.remove_event_listener_with_callback(
                    "popstate",
                    listener.as_ref().unchecked_ref(),
                );
            }
        }
    });
    let state = reader.state.clone();
    let synced = use_mut_ref(|| false);
    use_effect_with(
        (state.selected.clone(), state.open.clone(), ready.is_some()),
        move |_| {
            let (Some(loaded), Some(window)) = (ready, web_sys::window()) else {
                return;
            };
            // The render that shows the bundle is the URL's turn (restore, above), not the state's.
            if !std::mem::replace(&mut *synced.borrow_mut(), true) {
                return;
            }
            let location = window.location();
            let search = location.search().unwrap_or_default();
            let story = state
                .open
                .as_ref()
                .and_then(|id| loaded.by_id(id))
                .map(|c| c.slug.clone());
            // The preset selection is left out of the URL; anything else, "All" included, is written.
            let tags = (state.selected != preset).then(|| state.selected.clone());
            let wanted = url_state::UrlState { tags, story };
            if url_state::read(&search, &key) == wanted {
                return;
            }
            let url = [
                location.pathname().unwrap_or_default(),
                url_state::write(&search, &key, &wanted),
                location.hash().unwrap_or_default(),
            ]
            .concat();
            if let Ok(history) = window.history() {
                let _ = history.push_state_with_url(&JsValue::NULL, "", Some(&url));
            }
        },
    );
}
