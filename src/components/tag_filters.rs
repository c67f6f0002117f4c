//! Tag toggle buttons with counts, "All", and the any/all switch.

use std::rc::Rc;

use tidings_bundle::FacetValue;
use yew::prelude::*;

use super::{flag, on_click};
use crate::state::{Action, MatchMode};

/// What the filters show and what their buttons do.
pub struct TagFiltersProps<'a> {
    /// The tags to offer, with their counts, most used first.
    pub tags: &'a [Rc<FacetValue>],
    /// Selected tags.
    pub selected: &'a [String],
    /// How selected tags combine.
    pub mode: MatchMode,
    /// Where the buttons send the reader's choices.
    pub send: Callback<Action>,
    /// The navigation landmark's name.
    pub label: AttrValue,
    /// The words of the buttons.
    pub words: &'static crate::i18n::Words,
}

/// One row of toggle buttons: "All", then selected tags, then the rest by count. A plain view, not a component:
/// it changes with every filter, and a component of its own costs 0.7 KB of brotli.
pub fn tag_filters(props: &TagFiltersProps) -> Html {
    let w = props.words;
    let selected = |t: &FacetValue| props.selected.contains(&t.value);
    let ordered = props
        .tags
        .iter()
        .filter(|t| selected(t))
        .chain(props.tags.iter().filter(|t| !selected(t)));
    let button = |t: &Rc<FacetValue>| {
        let onclick = on_click(&props.send, Action::Toggle(t.value.clone()));
        html! {
            <li>
                <button type="button" class="tidings-tag" part="tag" aria-pressed={flag(selected(t))} {onclick}>
                    { t.value.clone() }<span class="tidings-tag-count" aria-label={w.tag_count(t.count)}>{ crate::format::digits(t.count.into()) }</span>
                </button>
            </li>
        }
    };
    let all = on_click(&props.send, Action::Clear);
    let any_mode = on_click(&props.send, Action::SetMode(MatchMode::Any));
    let all_mode = on_click(&props.send, Action::SetMode(MatchMode::All));
    let several = props.selected.len() > 1;
    html! {
        <nav class="tidings-filters" aria-label={props.label.clone()}>
            <ul class="tidings-tags">
                <li>
                    <button type="button" class="tidings-tag" part="tag" aria-pressed={flag(props.selected.is_empty())} onclick={all}>{ w.all }</button>
                </li>
                { for ordered.map(button) }
            </ul>
            <div class="tidings-mode" role="group" aria-label={w.must_match}>
                <button type="button" class="tidings-mode-button" aria-pressed={flag(props.mode == MatchMode::Any)} onclick={any_mode} disabled={!several}>{ w.any_tag }</button>
                <button type="button" class="tidings-mode-button" aria-pressed={flag(props.mode == MatchMode::All)} onclick={all_mode} disabled={!several}>{ w.all_tags }</button>
            </div>
        </nav>
    }
}
