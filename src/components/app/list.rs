//! The list's views: the heading, the tag filters and the count line, the cards and Show more, or the open story.

use yew::prelude::*;

use super::super::article_card::{article_card, ArticleCardProps};
use super::super::article_view::{article_view, ArticleViewProps, Body};
use super::super::status::{failure, placeholders};
use super::super::tag_filters::{tag_filters, TagFiltersProps};
use super::super::{flag, h, on_click, Lang};
use std::rc::Rc;

use tidings_bundle::Card;

use super::loading::Page;
use crate::api::FetchError;
use crate::config::{Config, Layout, Open};
use crate::state::{Action, State};

/// The widget's heading.
pub(super) fn heading(config: &Config) -> Html {
    html! {
        <@{h(config.heading_level)} class="tidings-heading" part="heading">{ config.heading() }</@>
    }
}

/// The heading, the tag filters and the count line: the same elements while loading as once loaded, so nothing
/// moves when the stories arrive, and the count is a live region from the start.
pub(super) fn head(config: &Config, filters: TagFiltersProps, count: String) -> Html {
    html! {
        <>
            { heading(config) }
            { tag_filters(&filters) }
            <p class="tidings-count" aria-live="polite" role="status">{ count }</p>
        </>
    }
}

/// What the open story needs beyond its card: its body, its title's node and its body's Retry.
pub(super) struct Story<'a> {
    pub(super) body: &'a Body,
    pub(super) title: NodeRef,
    pub(super) onretry: Callback<()>,
}

/// The stories, or the open one. Every button sends its action to `send` (`on_click`). `page` is the list as
/// last worked out; `busy` while the files of the next are on their way, `failed` when one could not be had.
#[allow(clippy::too_many_arguments)]
pub(super) fn ready(
    page: Option<&Page>,
    open: Option<&Rc<Card>>,
    (busy, failed): (bool, Option<&FetchError>),
    state: &State,
    send: Callback<Action>,
    story: Story,
    config: &Config,
    lang: &Lang,
    retry: Callback<()>,
) -> Html {
    let w = config.words();
    let level = config.heading_level;
    if let Some(card) = open {
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
    let none = Rc::default();
    let (cards, count, tags) = match page {
        Some(p) => (&p.cards[..], p.count, &p.tags),
        None => (&[][..], 0, &none),
    };
    let shown = cards.len();
    let (link_out, compact) = (config.open == Open::Link, config.layout == Layout::Compact);
    let filters = TagFiltersProps {
        tags,
        selected: &state.selected,
        mode: state.mode,
        send: send.clone(),
        label: config.filter_label().into(),
        words: w,
    };
    let line = match page {
        Some(_) => w.showing(shown, count),
        None => w.loading_stories.to_string(),
    };
    html! {
        <>
            { head(config, filters, line) }
            // Busy while the files of the next view are on their way.
            if page.is_none() {
                { placeholders() }
            } else {
                <div class="tidings-cards" aria-busy={flag(busy && failed.is_none())}>
                    { for cards.iter().map(|card| article_card(ArticleCardProps {
                        card, send: &send, level: level + 1, link_out, compact, lang,
                    })) }
                </div>
            }
            if shown < count {
                <button type="button" class="tidings-button tidings-more" part="button" onclick={on_click(&send, Action::ShowMore)}>{ w.show_more }</button>
            }
            if let Some(e) = failed {
                { failure(e.message(w), &retry, w) }
            }
        </>
    }
}
