//! One story in the list: an `<article>` whose heading (a button) opens it.

use std::rc::Rc;

use tidings_bundle::Card;
use yew::prelude::*;

use crate::format;

#[derive(Properties, PartialEq)]
pub struct ArticleCardProps {
    /// The story.
    pub card: Rc<Card>,
    /// The card's title was activated.
    pub onopen: Callback<String>,
}

#[component]
pub fn ArticleCard(props: &ArticleCardProps) -> Html {
    let card = &props.card;
    let id = card.id.clone();
    let onclick = props.onopen.reform(move |_: MouseEvent| id.clone());
    let heading_id = format!("tidings-card-{}", card.id);
    html! {
        <article class="tidings-card" aria-labelledby={heading_id.clone()}>
            <h3 class="tidings-card-title" id={heading_id}>
                <button type="button" class="tidings-open" data-card={card.id.clone()} {onclick}>{ &card.title }</button>
            </h3>
            <p class="tidings-meta">
                if let Some(date) = &card.date {
                    <time datetime={date.clone()}>{ super::format_date(date) }</time>{ " · " }
                }
                <span class="tidings-outlets">{ format::outlets(&card.sources) }</span>
            </p>
            if !card.excerpt.is_empty() {
                <p class="tidings-excerpt">{ &card.excerpt }</p>
            }
            <p class="tidings-foot">
                <span class="tidings-card-tags">{ card.tags.iter().map(|t| format!("#{t}")).collect::<Vec<_>>().join(" ") }</span>
                <span class="tidings-reading">{ format::reading_time(card.reading_minutes) }</span>
            </p>
        </article>
    }
}
