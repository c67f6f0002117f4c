//! Tidings, the widget: fetches a bundle and renders tag filters, story cards and articles with Yew.
//!
//! The pure parts ([`state`], [`format`]) compile everywhere and are tested natively; the components and the
//! fetching ([`api`], [`components`]) exist only in WebAssembly. The bundle types come from `tidings-bundle`,
//! the same crate the compiler writes them with. Article bodies are a typed document tree rendered as DOM
//! nodes: nothing here parses Markdown or sets `innerHTML`.

pub mod format;
pub mod state;

#[cfg(target_arch = "wasm32")]
pub mod api;
#[cfg(target_arch = "wasm32")]
pub mod components;

/// Mounts a widget on every element with a `data-tidings` attribute (or `#tidings`), each reading its bundle
/// URL from `data-bundle` (default `bundle.json`).
#[cfg(target_arch = "wasm32")]
pub fn start() {
    use components::app::{App, AppProps};
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(nodes) = document.query_selector_all("[data-tidings], #tidings") else {
        return;
    };
    for i in 0..nodes.length() {
        let Some(root) = nodes
            .item(i)
            .and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
        else {
            continue;
        };
        let bundle = root
            .get_attribute("data-bundle")
            .unwrap_or_else(|| "bundle.json".into());
        yew::Renderer::<App>::with_root_and_props(
            root,
            AppProps {
                bundle: bundle.into(),
            },
        )
        .render();
    }
}
