//! An opened story: title, meta, sources as links, tags, and the body fetched from its chunk.

use std::rc::Rc;

use tidings_bundle::{ArticleBody, Card};
use yew::platform::spawn_local;
use yew::prelude::*;

use super::status::failure;
use super::{document, h};
use crate::api::{self, FetchError};
use crate::format;

#[derive(Properties, PartialEq)]
pub struct ArticleViewProps {
    /// The story's card.
    pub card: Rc<Card>,
    /// URL of `bundle.json`, which body paths are relative to.
    pub bundle: AttrValue,
    /// "Back to stories".
    pub onclose: Callback<()>,
    /// A tag of the story was chosen.
    pub ontag: Callback<String>,
    /// Heading level of the story's title.
    #[prop_or(2)]
    pub level: u8,
    /// The words and the locale of dates.
    #[prop_or_default]
    pub lang: super::Lang,
}

#[derive(Clone, PartialEq)]
enum Body {
    Loading,
    Ready(Rc<ArticleBody>),
    Failed(FetchError),
}

#[component]
pub fn ArticleView(props: &ArticleViewProps) -> Html {
    let lang = &props.lang;
    let w = lang.words;
    let body = use_state(|| Body::Loading);
    let attempt = use_state(|| 0u32);
    let heading = use_node_ref();
    {
        let (body, card, bundle) = (body.clone(), props.card.clone(), props.bundle.clone());
        use_effect_with((card.id.clone(), *attempt), move |_| {
            body.set(Body::Loading);
            spawn_local(async move {
                let result = api::chunk(&bundle, &card.body).await.and_then(|chunk| {
                    chunk
                        .into_body(&card.id)
                        .ok_or_else(|| FetchError::Unreadable(format!("no body for `{}`", card.id)))
                });
                body.set(match result {
                    Ok(b) => Body::Ready(Rc::new(b)),
                    Err(e) => Body::Failed(e),
                });
            });
        });
    }
    {
        let heading = heading.clone();
        use_effect_with(props.card.id.clone(), move |_| {
            if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
        });
    }
    let card = &props.card;
    let onclose = props.onclose.reform(|_: MouseEvent| ());
    let retry = {
        let attempt = attempt.clone();
        Callback::from(move |()| attempt.set(*attempt + 1))
    };
    html! {
        <article class="tidings-article" part="article" aria-labelledby="tidings-article-title">
            <button type="button" class="tidings-button tidings-back" part="button" onclick={onclose}>{ w.back }</button>
            <@{h(props.level)} id="tidings-article-title" part="article-title" tabindex="-1" ref={heading}>{ &card.title }</@>
            <p class="tidings-meta">
                if let Some(date) = &card.date {
                    <time datetime={date.clone()}>{ super::format_date(date, lang.locale.as_deref()) }</time>{ " · " }
                }
                { w.min_read(card.reading_minutes) }
            </p>
            <div class="tidings-body">
                { match &*body {
                    Body::Loading => html! { <p class="tidings-loading" aria-busy="true">{ w.loading_story }</p> },
                    Body::Ready(b) => document::body(b, props.level, w.notes),
                    Body::Failed(e) => failure(e.message(w), &retry, w),
                } }
            </div>
            <section class="tidings-sources" aria-label={w.sources}>
                <@{h(props.level + 1)}>{ w.sources }</@>
                <ul>
                    { for card.sources.iter().filter(|s| format::safe_url(&s.url, false)).map(|s| html! {
                        <li><a href={s.url.clone()} target="_blank" rel="noopener noreferrer">{ &s.outlet }</a></li>
                    }) }
                </ul>
            </section>
            <ul class="tidings-tags tidings-article-tags" aria-label={w.tags}>
                { for card.tags.iter().map(|t| {
                    let tag = t.clone();
                    let onclick = props.ontag.reform(move |_: MouseEvent| tag.clone());
                    html! { <li><button type="button" class="tidings-tag" part="tag" {onclick}>{ format!("#{t}") }</button></li> }
                }) }
            </ul>
        </article>
    }
}
