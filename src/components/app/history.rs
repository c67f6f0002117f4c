//! A widget's state in the page URL: restored from a shared link and on back and forward, written as a history
//! entry when the reader changes it (`crate::url_state` reads and writes the query).

use wasm_bindgen::prelude::*;
use yew::prelude::*;

use super::loading::Fetch;
use super::App;
use crate::state::Action;
use crate::url_state;

impl App {
    /// Takes this widget's state from the page URL: a shared link's story and filter, back and forward.
    pub(super) fn restore(&mut self, ctx: &Context<Self>) {
        let config = &self.config.clone();
        let (Some(key), Fetch::Ready(loaded)) = (&config.url_key, &self.fetch) else {
            return;
        };
        let search = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        let _ = loaded;
        let wanted = url_state::read(&search, key);
        // A story whose card is not here yet is looked up by its slug, and opened when it is found.
        let open = wanted.story.as_ref().and_then(|slug| {
            let card = self.opened.as_ref().filter(|c| c.slug == *slug);
            card.map(|c| c.id.clone())
        });
        self.wanted = wanted.story.filter(|_| open.is_none());
        let tags = wanted.tags.unwrap_or_else(|| config.tags.clone());
        if tags != self.state.selected || open != self.state.open {
            self.apply(ctx, Action::Restore { tags, open });
        }
        self.resolve(ctx);
    }

    /// Pushes a history entry with this widget's state, when the URL does not say it already.
    pub(super) fn write_url(&self, _ctx: &Context<Self>) {
        let config = &self.config.clone();
        let (Some(key), Fetch::Ready(loaded), Some(window)) =
            (&config.url_key, &self.fetch, web_sys::window())
        else {
            return;
        };
        let state = &self.state;
        let location = window.location();
        let search = location.search().unwrap_or_default();
        let _ = loaded;
        let story = state
            .open
            .as_ref()
            .and(self.opened.as_ref())
            .map(|c| c.slug.clone());
        // The preset selection is left out of the URL; anything else, "All" included, is written.
        let tags = (state.selected != config.tags).then(|| state.selected.clone());
        let wanted = url_state::UrlState { tags, story };
        if url_state::read(&search, key) == wanted {
            return;
        }
        let url = [
            location.pathname().unwrap_or_default(),
            url_state::write(&search, key, &wanted),
            location.hash().unwrap_or_default(),
        ]
        .concat();
        if let Ok(history) = window.history() {
            let _ = history.push_state_with_url(&JsValue::NULL, "", Some(&url));
        }
    }
}
