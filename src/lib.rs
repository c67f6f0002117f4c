//! Tidings, the widget: fetches a bundle and renders tag filters, story cards and articles with Yew.
//!
//! The pure parts ([`state`], [`format`]) compile everywhere and are tested natively; the components and the
//! fetching ([`api`], [`components`]) exist only in WebAssembly. The bundle types come from `tidings-bundle`,
//! the same crate the compiler writes them with; the browser parses the JSON and [`decode`] reads it. Article bodies are a typed document tree rendered as DOM
//! nodes: nothing here parses Markdown or sets `innerHTML`.

/// Talc instead of the default dlmalloc: smaller (a few KB less for every reader) and faster in WebAssembly.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

pub mod cache;
pub mod config;
pub mod format;
pub mod i18n;
pub mod query;
pub mod state;
pub mod url_state;

#[cfg(target_arch = "wasm32")]
pub mod api;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod decode;

#[cfg(target_arch = "wasm32")]
pub mod embed;

/// Mounts a widget on every element with a `data-tidings` attribute: the start of the page Trunk builds for
/// authors and the end-to-end tests (the embed's glue leaves it out: there the loader mounts each widget it
/// adopts, and nothing else). Each reads the same `data-*` attributes as an embed.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(nodes) = document.query_selector_all("[data-tidings]:not([data-tidings-mounted])")
    else {
        return;
    };
    for i in 0..nodes.length() {
        // `querySelectorAll` finds elements only.
        if let Some(host) = nodes
            .item(i)
            .map(wasm_bindgen::JsCast::unchecked_into::<web_sys::Element>)
        {
            // The page lives as long as the widget: the handle is never dropped.
            std::mem::forget(embed::mount_into(&host, host.clone()));
        }
    }
}
