//! The widget's root: fetches the bundle (an explicit Loading / Ready / Failed machine), owns the reader's
//! state and switches between the story list and an open article. A component with messages: every change
//! arrives as a [`Msg`], and what it sets off (a download, an event for the host, a history entry, the focus)
//! follows from it in `update`.

use std::cell::Cell;
use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use super::article_view::Body;
use super::status::failure;
use super::{document, Lang};
use crate::api::{self, FetchError};
use crate::config::Config;
use crate::state::{Action, MatchMode, State};
use wasm_bindgen::prelude::*;

mod history;
mod list;
mod loading;

use list::{heading, ready, Story};
use loading::{Early, Fetch, File, Page};

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

/// What changes the root's state.
pub enum Msg {
    /// The reader's choice.
    Do(Action),
    /// Where run `n` of the bundle's download is (sent by its task; an earlier run's are ignored).
    Fetched(u32, Fetch),
    /// A file of the index that run `n`'s view asked for, or why it could not be had.
    File(u32, String, Result<File, FetchError>),
    /// The body of story `id`, from run `n` of the body downloads (an earlier run's is ignored).
    Body(u32, String, Body),
    /// The bundle's Retry.
    Retry,
    /// The open story's body's Retry.
    RetryBody,
    /// The page URL may say something new about this widget (the first render, back and forward).
    FromUrl,
}

/// A listener for the page's events, with the signature of Yew's own: the glue and shims they bring serve it too.
type Listener = Closure<dyn Fn(&web_sys::Event)>;

/// Where the focus goes after the next render.
enum Focus {
    /// The open story's title.
    Title,
    /// The card the closed story was opened from.
    Card(String),
}

/// The widget's root: a component with messages rather than a function with hooks, so that what a change sets
/// off (a download, an event for the host, a history entry, the focus) follows from the change itself, and no
/// hook's type brings its own copy of Yew's code.
pub struct App {
    /// The reader's choices (whose logic is [`State::reduce`]).
    state: State,
    fetch: Fetch,
    /// The open story's body, beside the id of its story: the render that opens a story must not show the body
    /// of the one before.
    body: (String, Body),
    /// The bundle download's run: a task of an earlier run, or of a removed widget, stops.
    run: Rc<Cell<u32>>,
    /// The body download's run.
    body_run: u32,
    /// How the first run starts (the page's download of the bundle, if any); later runs download anew.
    early: Early,
    root: NodeRef,
    title: NodeRef,
    /// The story open last, whose card gets the focus back when it closes.
    last_open: Option<String>,
    focus: Option<Focus>,
    /// Back and forward, while the widget has a name in the URL.
    popstate: Option<Listener>,
    /// The widget's date format.
    dates: Option<js_sys::Function>,
    /// The host's settings, with the bundle's title and language where the page set none of its own.
    config: Rc<Config>,
    /// The story list as last worked out (kept while the next one's files arrive).
    page: Option<Page>,
    /// Whether files the view needs are on their way.
    busy: bool,
    /// Why a file the view needs could not be had (cleared by Retry).
    failed: Option<FetchError>,
    /// The files being fetched.
    in_flight: Vec<String>,
    /// The slug of a story the URL names, until its card is found.
    wanted: Option<String>,
    /// The open story's card.
    opened: Option<Rc<tidings_bundle::Card>>,
    /// Whether the manifest was fetched again since the view last had every file (a rebuilt bundle).
    reloaded: bool,
}

impl Component for App {
    type Message = Msg;
    type Properties = AppProps;

    fn create(ctx: &Context<Self>) -> Self {
        let config = &ctx.props().config;
        let early = Early::new(&url_of(ctx.props()));
        let popstate = config.url_key.as_ref().map(|_| {
            let link = ctx.link().clone();
            let listener = Listener::new(move |_: &web_sys::Event| link.send_message(Msg::FromUrl));
            if let Some(w) = web_sys::window() {
                let _ = w.add_event_listener_with_callback(
                    "popstate",
                    listener.as_ref().unchecked_ref(),
                );
            }
            listener
        });
        let mut app = Self {
            state: State::with(config.tags.clone(), config.page_size),
            fetch: early.fetch(),
            body: (String::new(), Body::Loading),
            run: Rc::default(),
            body_run: 0,
            early,
            root: NodeRef::default(),
            title: NodeRef::default(),
            last_open: None,
            focus: None,
            popstate,
            dates: super::date_format(config.locale.as_deref()),
            config: config.clone(),
            page: None,
            busy: false,
            failed: None,
            in_flight: Vec::new(),
            wanted: None,
            opened: None,
            reloaded: false,
        };
        app.adopt_site(ctx);
        app.download(ctx);
        app.resolve(ctx);
        app
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        match msg {
            Msg::Do(action) => self.apply(ctx, action),
            Msg::Fetched(n, fetch) => {
                if n != self.run.get() {
                    return false;
                }
                let onevent = &ctx.props().onevent;
                match &fetch {
                    Fetch::Ready(loaded) => onevent.emit(WidgetEvent::Ready {
                        articles: loaded.manifest.total as usize,
                    }),
                    Fetch::Failed(e) => onevent.emit(WidgetEvent::Error {
                        message: e.message(&crate::i18n::EN),
                    }),
                    Fetch::Loading => {}
                }
                // The last view stays until this manifest's is worked out (a rebuilt bundle fetched again).
                self.fetch = fetch;
                self.adopt_site(ctx);
                // A shared link's story and filter, once the manifest is in.
                self.restore(ctx);
                self.resolve(ctx);
            }
            Msg::File(n, path, file) => {
                if n != self.run.get() {
                    return false;
                }
                self.arrived(ctx, path, file);
            }
            Msg::Body(n, id, body) => {
                if n != self.body_run {
                    return false;
                }
                self.body = (id, body);
            }
            Msg::Retry => match (self.failed.take(), &self.fetch) {
                (Some(_), Fetch::Ready(_)) => self.resolve(ctx),
                _ => self.download(ctx),
            },
            Msg::RetryBody => self.opened(ctx),
            Msg::FromUrl => self.restore(ctx),
        }
        true
    }

    fn changed(&mut self, ctx: &Context<Self>, old: &AppProps) -> bool {
        self.adopt_site(ctx);
        if url_of(ctx.props()) != url_of(old) {
            self.page = None;
            self.download(ctx);
        }
        true
    }

    fn rendered(&mut self, ctx: &Context<Self>, first_render: bool) {
        if first_render && matches!(self.fetch, Fetch::Ready(_)) {
            // The stories were in the first render (the page had downloaded them): the URL's turn.
            ctx.link().send_message(Msg::FromUrl);
        }
        // The widget's own elements, HTML every one: cast without asking the browser.
        let element = |node: web_sys::Node| node.unchecked_into::<web_sys::HtmlElement>();
        let target = match self.focus.take() {
            Some(Focus::Title) => self.title.get().map(element),
            Some(Focus::Card(id)) => {
                let id: String = id.chars().filter(|&c| c != '"').collect();
                let selector = ["[data-card=\"", &id, "\"]"].concat();
                let root = self.root.get().map(element);
                root.and_then(|root| root.query_selector(&selector).ok().flatten())
                    .map(|card| card.unchecked_into())
            }
            None => None,
        };
        if let Some(target) = target {
            let _ = target.focus();
        }
    }

    fn destroy(&mut self, _: &Context<Self>) {
        self.run.set(self.run.get().wrapping_add(1));
        if let (Some(listener), Some(w)) = (self.popstate.take(), web_sys::window()) {
            let _ = w
                .remove_event_listener_with_callback("popstate", listener.as_ref().unchecked_ref());
        }
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let config = &self.config;
        let w = config.words();
        let lang = Lang {
            words: w,
            dates: self.dates.clone(),
        };
        let retry = ctx.link().callback(|()| Msg::Retry);
        let content = match &self.fetch {
            Fetch::Failed(e) => html! {
                <>
                    { heading(config) }
                    { failure(e.message(w), &retry, w) }
                </>
            },
            // While the manifest loads, the same elements with placeholders: nothing moves when it arrives.
            Fetch::Loading | Fetch::Ready(_) => {
                let story = Story {
                    body: match &self.body {
                        (id, body) if Some(id) == self.state.open.as_ref() => body,
                        _ => &Body::Loading,
                    },
                    title: self.title.clone(),
                    onretry: ctx.link().callback(|()| Msg::RetryBody),
                };
                ready(
                    self.page.as_ref(),
                    self.opened
                        .as_ref()
                        .filter(|c| Some(&c.id) == self.state.open.as_ref()),
                    (self.busy, self.failed.as_ref()),
                    &self.state,
                    ctx.link().callback(Msg::Do),
                    story,
                    config,
                    &lang,
                    retry,
                )
            }
        };
        html! {
            <section class="tidings" data-layout={config.layout_name()} data-theme={config.theme_name()} part="widget" aria-label={config.region_label()} lang={w.lang} dir={w.dir} ref={self.root.clone()}>
                { content }
            </section>
        }
    }
}

impl App {
    /// Takes the bundle's title and language (from its project file) where the page set none: the heading, the
    /// words and the dates follow them once the manifest is in.
    fn adopt_site(&mut self, ctx: &Context<Self>) {
        let props = &ctx.props().config;
        let site = match &self.fetch {
            Fetch::Ready(loaded) => props.with_site(
                loaded.manifest.title.as_deref(),
                loaded.manifest.lang.as_deref(),
            ),
            _ => None,
        };
        let config = site.map_or_else(|| props.clone(), Rc::new);
        if config.locale != self.config.locale {
            self.dates = super::date_format(config.locale.as_deref());
        }
        self.config = config;
    }

    /// The reader's `action`, and what it sets off: the open story's download and focus, an event for the host,
    /// a history entry (not for a state taken from the URL, which is the URL's already).
    fn apply(&mut self, ctx: &Context<Self>, action: Action) {
        let from_url = matches!(action, Action::Restore { .. });
        let before = (
            self.state.selected.clone(),
            self.state.mode,
            self.state.open.clone(),
            self.state.shown,
        );
        // The card of a story opened from the list (a story from the URL has its card already).
        if let (Action::Open(id), Some(page)) = (&action, &self.page) {
            if let Some(card) = page.cards.iter().find(|c| c.id == *id) {
                self.opened = Some(card.clone());
            }
        }
        self.state = std::mem::take(&mut self.state).reduce(action);
        let state = &self.state;
        let opened = before.2 != state.open;
        let filtered = before.0 != state.selected;
        if opened {
            self.opened(ctx);
        }
        if opened || filtered || before.1 != self.state.mode {
            self.tell_host(ctx);
        }
        if (opened || filtered) && !from_url {
            self.write_url(ctx);
        }
        if filtered || before.1 != self.state.mode || before.3 != self.state.shown {
            // Another view: the last one's files go to the cache, and a failure of the last one is forgotten.
            if let Fetch::Ready(loaded) = &self.fetch {
                loaded.unpin();
            }
            self.failed = None;
            self.resolve(ctx);
        }
    }

    /// The open story changed, or its body's Retry was pressed: downloads its body and takes the focus to its
    /// title (so does Retry, which its failure message had); closing it puts the focus back on the card it was
    /// opened from.
    fn opened(&mut self, ctx: &Context<Self>) {
        // A story opened since (back and forward can switch stories directly) has a download of its own.
        self.body_run = self.body_run.wrapping_add(1);
        let Some(id) = self.state.open.clone() else {
            self.focus = self.last_open.take().map(Focus::Card);
            return;
        };
        self.last_open = Some(id);
        self.focus = Some(Focus::Title);
        let Some(card) = self
            .opened
            .clone()
            .filter(|c| Some(&c.id) == self.last_open.as_ref())
        else {
            return;
        };
        self.body = (card.id.clone(), Body::Loading);
        let (mine, link, url, config) = (
            self.body_run,
            ctx.link().clone(),
            url_of(ctx.props()),
            self.config.clone(),
        );
        spawn_local(async move {
            let result = api::chunk(&url, &card.body).await.and_then(|bodies| {
                document::body_in(
                    &bodies,
                    &card.id,
                    config.heading_level,
                    config.words().notes,
                )?
                .ok_or_else(|| FetchError::Unreadable(["no body for `", &card.id, "`"].concat()))
            });
            let body = match result {
                Ok(b) => Body::Ready(b),
                Err(e) => Body::Failed(e),
            };
            link.send_message(Msg::Body(mine, card.id.clone(), body));
        });
    }

    /// Tells the host about a changed filter or an opened story (never about the state the widget started in).
    fn tell_host(&self, ctx: &Context<Self>) {
        let (state, onevent) = (&self.state, &ctx.props().onevent);
        if let Some(id) = &state.open {
            let slug = self
                .opened
                .as_ref()
                .map(|c| c.slug.clone())
                .unwrap_or_default();
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
