//! The list's views: the heading, the tag filters and the count line, the cards and Show more, or the open story.

use yew::prelude::*;

use super::super::article_card::{article_card, ArticleCardProps};
use super::super::article_view::{article_view, ArticleViewProps, Body};
use super::super::status::failure;
use super::super::tag_filters::{tag_filters, TagFiltersProps};
use super::super::{flag, h, on_click, Lang};
use super::loading::Loaded;
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

/// The stories, or the open one. Every button sends its action to `send` (`on_click`).
pub(super) fn ready(
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
        tags: &loaded.tags,
        selected: &state.selected,
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
