//! An opened story: title, meta, sources as links, tags, and the body fetched from its chunk.

use tidings_bundle::Card;
use yew::prelude::*;

use super::status::failure;
use super::{h, on_click};
use crate::api::FetchError;
use crate::format;
use crate::state::Action;

/// Where an open story's body is. The root fetches it (`app`) and keeps it beside the id of its story.
pub enum Body {
    Loading,
    /// Read and rendered as it arrived ([`super::document::body_in`]).
    Ready(Html),
    Failed(FetchError),
}

/// A story and what it needs to show and close it.
pub struct ArticleViewProps<'a> {
    /// The story's card.
    pub card: &'a Card,
    /// Its body, or where that is.
    pub body: &'a Body,
    /// The story's title, focused when it opens.
    pub heading: NodeRef,
    /// Where "Back to stories" and the story's tags send the reader's choices.
    pub send: Callback<Action>,
    /// Retry the body's download.
    pub onretry: Callback<()>,
    /// Heading level of the story's title.
    pub level: u8,
    /// The words and the locale of dates.
    pub lang: &'a super::Lang,
}

/// The story. A plain view, not a component: the root holds its body and moves the focus, and a component of its
/// own cost 1.5 KB of brotli.
pub fn article_view(props: ArticleViewProps) -> Html {
    let lang = props.lang;
    let w = lang.words;
    let card = props.card;
    let onclose = on_click(&props.send, Action::Close);
    // The story's own text carries its language (the widget's words around it keep the widget's).
    let dir = card.lang.as_ref().map(|_| "auto");
    html! {
        <article class="tidings-article" part="article" aria-labelledby="tidings-article-title">
            <button type="button" class="tidings-button tidings-back" part="button" onclick={onclose}>{ w.back }</button>
            <@{h(props.level)} id="tidings-article-title" part="article-title" tabindex="-1" ref={props.heading} lang={card.lang.clone()} {dir}>{ card.title.clone() }</@>
            <p class="tidings-meta">
                if let Some(date) = &card.date {
                    <time datetime={date.clone()}>{ super::format_date(date, lang.dates.as_ref()) }</time>{ " · " }
                }
                { w.min_read(card.reading_minutes) }
            </p>
            if !card.authors.is_empty() {
                <p class="tidings-byline">{ super::article_card::byline(card, w) }</p>
            }
            if let Some(original) = card.canonical.as_ref().filter(|u| format::safe_url(u, false)) {
                <p class="tidings-original"><a href={original.clone()} target="_blank" rel="noopener noreferrer">{ w.original }</a></p>
            }
            <div class="tidings-body" lang={card.lang.clone()} {dir}>
                { match props.body {
                    Body::Loading => html! { <p class="tidings-loading" aria-busy="true">{ w.loading_story }</p> },
                    Body::Ready(b) => b.clone(),
                    Body::Failed(e) => failure(e.message(w), &props.onretry, w),
                } }
            </div>
            <section class="tidings-sources" aria-label={w.sources}>
                <@{h(props.level + 1)}>{ w.sources }</@>
                <ul>
                    { for card.sources.iter().filter(|s| format::safe_url(&s.url, false)).map(|s| html! {
                        <li><a href={s.url.clone()} target="_blank" rel="noopener noreferrer">{ s.outlet.clone() }</a></li>
                    }) }
                </ul>
            </section>
            <ul class="tidings-tags tidings-article-tags" aria-label={w.tags}>
                { for card.tags.iter().map(|t| {
                    let onclick = on_click(&props.send, Action::Only(t.clone()));
                    html! { <li><button type="button" class="tidings-tag" part="tag" {onclick}>{ ["#", t].concat() }</button></li> }
                }) }
            </ul>
        </article>
    }
}
