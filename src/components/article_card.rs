//! One story in the list: an `<article>` whose heading (a button) opens it.

use tidings_bundle::Card;
use yew::prelude::*;

use super::{h, on_click};
use crate::format;
use crate::state::Action;

/// A card and what it needs to show and open it.
pub struct ArticleCardProps<'a> {
    /// The story.
    pub card: &'a Card,
    /// Where the title sends the reader's opening of the story.
    pub send: &'a Callback<Action>,
    /// Heading level of the card's title.
    pub level: u8,
    /// The title links to the first source instead of opening the story inside the widget.
    pub link_out: bool,
    /// Title and meta only.
    pub compact: bool,
    /// The words and the locale of dates.
    pub lang: &'a super::Lang,
}

/// The card, keyed by the story's id. A plain view, not a component: the list renders its cards afresh whenever
/// it renders (their callbacks are new each time), and a component of its own cost 0.5 KB of brotli.
pub fn article_card(props: ArticleCardProps) -> Html {
    let (lang, card) = (props.lang, props.card);
    let onclick = on_click(props.send, Action::Open(card.id.clone()));
    let heading_id = ["tidings-card-", &card.id].concat();
    // The story's own text carries its language (the widget's words around it keep the widget's).
    let dir = card.lang.as_ref().map(|_| "auto");
    let outlets = format::outlets(&card.sources);
    // "#a #b", written into one string.
    let mut tags = String::new();
    for tag in &card.tags {
        if !tags.is_empty() {
            tags.push(' ');
        }
        tags.push('#');
        tags.push_str(tag);
    }
    html! {
        <article key={card.id.clone()} class="tidings-card" part="card" aria-labelledby={heading_id.clone()}>
            <@{h(props.level)} class="tidings-card-title" part="card-title" id={heading_id} lang={card.lang.clone()} {dir}>
                { match card.sources.first().filter(|s| props.link_out && format::safe_url(&s.url, false)) {
                    Some(source) => html! {
                        <a class="tidings-open" href={source.url.clone()} target="_blank" rel="noopener noreferrer" data-card={card.id.clone()}>{ card.title.clone() }</a>
                    },
                    None => html! {
                        <button type="button" class="tidings-open" data-card={card.id.clone()} {onclick}>{ card.title.clone() }</button>
                    },
                } }
            </@>
            <p class="tidings-meta">
                if let Some(date) = &card.date {
                    <time datetime={date.clone()}>{ super::format_date(date, lang.dates.as_ref()) }</time>
                    // A story without sources has a date alone, with no separator left hanging after it.
                    if !outlets.is_empty() {
                        { " · " }
                    }
                }
                if !outlets.is_empty() {
                    <span class="tidings-outlets">{ outlets }</span>
                }
            </p>
            if !card.authors.is_empty() && !props.compact {
                <p class="tidings-byline">{ byline(card, lang.words) }</p>
            }
            if !card.excerpt.is_empty() && !props.compact {
                <p class="tidings-excerpt" lang={card.lang.clone()} {dir}>{ card.excerpt.clone() }</p>
            }
            <p class="tidings-foot">
                <span class="tidings-card-tags">{ tags }</span>
                <span class="tidings-reading">{ lang.words.min_read(card.reading_minutes) }</span>
            </p>
        </article>
    }
}

/// "By Ana Ruiz, Li Wei": the story's authors after the widget's word for "by", written into one string.
pub fn byline(card: &Card, words: &crate::i18n::Words) -> String {
    let mut text = String::from(words.by);
    for (i, author) in card.authors.iter().enumerate() {
        if i > 0 {
            text.push_str(", ");
        }
        text.push_str(author);
    }
    text
}
