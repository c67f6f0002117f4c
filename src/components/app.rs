//! The widget's root: fetches the bundle (an explicit Loading / Ready / Failed machine), owns the reader's
//! state (one reducer) and switches between the story list and an open article.

use std::rc::Rc;

use tidings_bundle::{Bundle, Card};
use yew::platform::spawn_local;
use yew::prelude::*;

use super::article_card::ArticleCard;
use super::article_view::ArticleView;
use super::status::{Failure, Placeholders};
use super::tag_filters::TagFilters;
use crate::api::{self, FetchError};
use crate::format;
use crate::state::{self, Action, MatchMode, State};

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// URL of `bundle.json`.
    pub bundle: AttrValue,
}

/// A bundle ready to show: cards shared by `Rc` so components can hold them cheaply.
#[derive(PartialEq)]
struct Loaded {
    bundle: Bundle,
    cards: Vec<Rc<Card>>,
}

#[derive(Clone, PartialEq)]
enum Fetch {
    Loading,
    Ready(Rc<Loaded>),
    Failed(FetchError),
}

/// The reducer wrapper Yew needs; the logic is [`State::reduce`].
#[derive(PartialEq, Default)]
struct Reader(State);

impl Reducible for Reader {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(Reader(self.0.clone().reduce(action)))
    }
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let fetch = use_state(|| Fetch::Loading);
    let attempt = use_state(|| 0u32);
    let reader = use_reducer(Reader::default);
    let root = use_node_ref();
    let last_open = use_mut_ref(|| None::<String>);
    {
        let (fetch, url) = (fetch.clone(), props.bundle.clone());
        use_effect_with((url.clone(), *attempt), move |_| {
            fetch.set(Fetch::Loading);
            spawn_local(async move {
                fetch.set(match api::bundle(&url).await {
                    Ok(bundle) => {
                        let cards = bundle.articles.iter().cloned().map(Rc::new).collect();
                        Fetch::Ready(Rc::new(Loaded { bundle, cards }))
                    }
                    Err(e) => Fetch::Failed(e),
                });
            });
        });
    }
    {
        // Closing an article puts focus back on the card it was opened from.
        let (root, last_open, open) = (root.clone(), last_open.clone(), reader.0.open.clone());
        use_effect_with(open.clone(), move |_| {
            if open.is_none() {
                if let (Some(id), Some(root)) = (
                    last_open.borrow_mut().take(),
                    root.cast::<web_sys::Element>(),
                ) {
                    let selector = format!("[data-card=\"{}\"]", id.replace('"', ""));
                    if let Ok(Some(el)) = root.query_selector(&selector) {
                        if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                            let _ = el.focus();
                        }
                    }
                }
            } else {
                *last_open.borrow_mut() = open;
            }
        });
    }
    let retry = {
        let attempt = attempt.clone();
        Callback::from(move |()| attempt.set(*attempt + 1))
    };
    let content = match &*fetch {
        // The same heading, filter row and count line as the list, so nothing moves when the stories arrive.
        Fetch::Loading => html! {
            <>
                <h2 class="tidings-heading">{ "Latest stories" }</h2>
                <TagFilters tags={Rc::new(Vec::new())} selected={Rc::new(Vec::new())} mode={MatchMode::Any}
                    ontoggle={Callback::noop()} onclear={Callback::noop()} onmode={Callback::noop()} />
                <p class="tidings-count" role="status">{ "Loading stories…" }</p>
                <Placeholders />
            </>
        },
        Fetch::Failed(e) => html! {
            <>
                <h2 class="tidings-heading">{ "Latest stories" }</h2>
                <Failure message={e.to_string()} onretry={retry} />
            </>
        },
        Fetch::Ready(loaded) => ready(loaded, &reader, &props.bundle),
    };
    html! {
        <section class="tidings" aria-label="News" ref={root}>
            { content }
        </section>
    }
}

fn ready(loaded: &Loaded, reader: &UseReducerHandle<Reader>, bundle_url: &AttrValue) -> Html {
    let state = &reader.0;
    let dispatch = |f: fn(String) -> Action| {
        let reader = reader.clone();
        Callback::from(move |s: String| reader.dispatch(f(s)))
    };
    if let Some(card) = state
        .open
        .as_ref()
        .and_then(|id| loaded.cards.iter().find(|c| c.id == *id))
    {
        let reader2 = reader.clone();
        return html! {
            <ArticleView card={card.clone()} bundle={bundle_url.clone()}
                onclose={Callback::from(move |()| reader2.dispatch(Action::Close))}
                ontag={dispatch(Action::Only)} />
        };
    }
    let matching = state::matching(&loaded.bundle.articles, state);
    let shown = matching.len().min(state.shown);
    let (clear, mode, more) = (reader.clone(), reader.clone(), reader.clone());
    html! {
        <>
            <h2 class="tidings-heading">{ "Latest stories" }</h2>
            <TagFilters tags={Rc::new(loaded.bundle.tags.clone())} selected={Rc::new(state.selected.clone())} mode={state.mode}
                ontoggle={dispatch(Action::Toggle)}
                onclear={Callback::from(move |()| clear.dispatch(Action::Clear))}
                onmode={Callback::from(move |m| mode.dispatch(Action::SetMode(m)))} />
            <p class="tidings-count" aria-live="polite" role="status">{ format::showing(shown, matching.len()) }</p>
            <div class="tidings-cards">
                { for matching[..shown].iter().map(|&i| html! {
                    <ArticleCard key={loaded.cards[i].id.clone()} card={loaded.cards[i].clone()} onopen={dispatch(Action::Open)} />
                }) }
            </div>
            if shown < matching.len() {
                <button type="button" class="tidings-button tidings-more" onclick={move |_| more.dispatch(Action::ShowMore)}>{ "Show more" }</button>
            }
        </>
    }
}
