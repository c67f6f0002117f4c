//! The embed entry points the loader (`embed/tidings.js`) calls: `mount` renders one widget into a host's
//! shadow root with the host's `data-*` configuration, and reports what happens as `CustomEvent`s on the host.
//!
//! The loader gives every widget its own WebAssembly instance, so a fault ends only that widget: the glue ends an
//! instance whose code trapped (a panic is a trap), shows the error in its widget and raises a fatal
//! `tidings:error` on its host, after which the loader offers Retry with a fresh instance (`embed/guard.js`).

use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::{CustomEvent, Element};
use yew::Callback;

use crate::components::app::{App, AppProps, WidgetEvent};
use crate::config::Config;

/// A mounted widget, for the loader to stop.
#[wasm_bindgen]
pub struct Widget(Option<yew::AppHandle<App>>);

#[wasm_bindgen]
impl Widget {
    /// Removes the widget's nodes and stops its work.
    pub fn destroy(&mut self) {
        if let Some(handle) = self.0.take() {
            handle.destroy();
        }
    }
}

/// Renders a widget configured by `host`'s attributes into `root` (the host itself, or its shadow root's
/// container).
#[wasm_bindgen]
pub fn mount(host: Element, root: Element) -> Widget {
    Widget(Some(mount_into(&host, root)))
}

/// Panics on purpose, ending this instance the way any bug would: the end-to-end tests use it to check that a
/// fault stops only the widget it happens in.
#[wasm_bindgen(js_name = panicForTest)]
pub fn panic_for_test() {
    panic!("a panic raised on purpose by a test");
}

/// Mounts the widget configured by `host`'s attributes into `root`.
pub fn mount_into(host: &Element, root: Element) -> yew::AppHandle<App> {
    let (config, warnings) = Config::read(|name| host.get_attribute(name));
    for warning in warnings {
        web_sys::console::warn_1(&warning.into());
    }
    let _ = host.set_attribute("data-tidings-mounted", "");
    let events_host = host.clone();
    let onevent = Callback::from(move |event: WidgetEvent| {
        let detail = js_sys::Object::new();
        let set = |k: &str, v: JsValue| set(&detail, k, &v);
        let name = match event {
            WidgetEvent::Ready { articles } => {
                set("articles", (articles as u32).into());
                "tidings:ready"
            }
            WidgetEvent::Filter { tags, all } => {
                set(
                    "tags",
                    tags.iter()
                        .map(JsValue::from)
                        .collect::<js_sys::Array>()
                        .into(),
                );
                set("match", if all { "all" } else { "any" }.into());
                "tidings:filter"
            }
            WidgetEvent::Open { id, slug } => {
                set("id", id.into());
                set("slug", slug.into());
                "tidings:open"
            }
            WidgetEvent::Error { message } => {
                set("message", message.into());
                set("fatal", false.into());
                "tidings:error"
            }
        };
        dispatch(&events_host, name, &detail);
    });
    let props = AppProps {
        bundle: config.bundle.clone().into(),
        config: Rc::new(config),
        onevent,
    };
    yew::Renderer::<App>::with_root_and_props(root, props).render()
}

fn dispatch(host: &Element, name: &str, detail: &JsValue) {
    // The event's options as a plain object, set as the detail is: web-sys's `CustomEventInit` brings a setter
    // import for each option.
    let init = js_sys::Object::new();
    set(&init, "detail", detail);
    set(&init, "bubbles", &JsValue::TRUE);
    set(&init, "composed", &JsValue::TRUE);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, init.unchecked_ref()) {
        let _ = host.dispatch_event(&event);
    }
}

/// `object[key] = value`, for the plain objects an event carries.
fn set(object: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(object, &key.into(), value);
}
