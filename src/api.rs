//! Fetching the bundle and body chunks. Every failure becomes a [`FetchError`] the reader can act on; nothing
//! from the network is unwrapped.

use std::fmt;

use js_sys::JsString;
use tidings_bundle::{Manifest, SCHEMA_VERSION};

use crate::decode;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Why something could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// The server answered with an error status.
    Status(u16),
    /// No answer: offline, DNS, CORS.
    Network,
    /// An answer that is not a bundle.
    Unreadable(String),
    /// A bundle written by another version of Tidings.
    Version(u32),
    /// No complete answer within [`TIMEOUT_MS`].
    Timeout,
    /// An answer larger than [`MAX_BYTES`].
    TooLarge(u64),
}

impl FetchError {
    /// What failed, in the widget's language.
    pub fn message(&self, w: &crate::i18n::Words) -> String {
        use crate::format::digits;
        use crate::i18n::fill;
        match self {
            Self::Status(status) => fill(w.status, &[("status", &digits((*status).into()))]),
            Self::Network => w.network.to_string(),
            Self::Unreadable(why) => fill(w.unreadable, &[("why", why)]),
            Self::Version(found) => fill(
                w.version,
                &[
                    ("found", &digits((*found).into())),
                    ("current", &digits(SCHEMA_VERSION.into())),
                ],
            ),
            Self::Timeout => fill(
                w.timeout,
                &[("seconds", &digits((TIMEOUT_MS / 1000) as u64))],
            ),
            Self::TooLarge(bytes) => fill(
                w.too_large,
                &[
                    ("mb", &digits(*bytes / (1024 * 1024))),
                    ("limit", &digits(MAX_BYTES / (1024 * 1024))),
                ],
            ),
        }
    }
}

/// How long a reader waits for a file before the widget says so and offers Retry.
pub const TIMEOUT_MS: u32 = 15_000;

/// The largest file the widget reads: far above any real bundle, low enough not to exhaust a phone.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

impl From<decode::Error> for FetchError {
    fn from(e: decode::Error) -> Self {
        Self::Unreadable(e.describe())
    }
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(&crate::i18n::EN))
    }
}

/// The download of a bundle that the page started before the widget (`embed/prefetch.js`, from `index.html` or
/// the embed loader): the same request the widget would make, begun while the wasm downloads.
pub struct Prefetch {
    response: js_sys::Promise,
    controller: web_sys::AbortController,
    /// The bundle's text, when it was small and had arrived by the time the widget started.
    text: Option<JsString>,
}

#[wasm_bindgen]
extern "C" {
    /// `take(href)` of the page's prefetched bundles (`embed/prefetch.js`).
    #[wasm_bindgen(js_name = take, js_namespace = ["globalThis", "tidingsPrefetched"], catch)]
    fn take_prefetched(href: &str) -> Result<JsValue, JsValue>;
}

impl Prefetch {
    /// The page's download of `url`, if it started one. Each is handed out once: a Retry downloads again.
    pub fn take(url: &str) -> Option<Self> {
        let entry = take_prefetched(url).ok().filter(JsValue::is_object)?;
        let field = |name: &str| js_sys::Reflect::get(&entry, &name.into()).ok();
        Some(Self {
            response: field("response")?.dyn_into().ok()?,
            controller: field("controller")?.dyn_into().ok()?,
            text: field("text").and_then(|t| t.dyn_into().ok()),
        })
    }

    /// The bundle, if its text is here already: read now, with no turn of the event loop, so the widget's first
    /// render can show the stories.
    pub fn bundle_now(&mut self) -> Option<Result<Manifest, FetchError>> {
        let text = self.text.take()?;
        Some(checked(text).and_then(|text| Ok(decode::manifest(&parse(&text)?)?)))
    }
}

/// The body of `url` as a JS string, or an `ArrayBuffer` when `binary` (from `prefetch` when the page started
/// that download). `fetch` straight
/// from web-sys: an HTTP client crate would add kilobytes to every reader's download for nothing this needs.
/// A server that never answers (or answers forever) is cut off after [`TIMEOUT_MS`] with an `AbortController`.
async fn fetched(
    url: &str,
    prefetch: Option<Prefetch>,
    binary: bool,
) -> Result<JsValue, FetchError> {
    let window = web_sys::window().ok_or(FetchError::Network)?;
    let (controller, response) = match prefetch {
        Some(p) => (p.controller, p.response),
        None => {
            let controller = web_sys::AbortController::new().map_err(|_| FetchError::Network)?;
            let init = web_sys::RequestInit::new();
            init.set_signal(Some(&controller.signal()));
            let response = window.fetch_with_str_and_init(url, &init);
            (controller, response)
        }
    };
    let timer = gloo_timers::callback::Timeout::new(TIMEOUT_MS, {
        let controller = controller.clone();
        move || controller.abort()
    });
    let result = body(response, binary).await;
    drop(timer); // the time limit is cleared
    match result {
        Err(FetchError::Network) if controller.signal().aborted() => Err(FetchError::Timeout),
        other => other,
    }
}

async fn body(response: js_sys::Promise, binary: bool) -> Result<JsValue, FetchError> {
    let response = JsFuture::from(response)
        .await
        .map_err(|_| FetchError::Network)?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| FetchError::Network)?;
    if !response.ok() {
        return Err(FetchError::Status(response.status()));
    }
    let declared = response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|l| crate::format::whole(&l));
    if let Some(bytes) = declared.filter(|&b| b > MAX_BYTES) {
        return Err(FetchError::TooLarge(bytes));
    }
    if binary {
        let buffer = response.array_buffer().map_err(|_| FetchError::Network)?;
        return JsFuture::from(buffer)
            .await
            .map_err(|_| FetchError::Network);
    }
    let body = response.text().map_err(|_| FetchError::Network)?;
    // The text stays a JS string: the browser parses it, and it is never copied into wasm memory.
    let text: JsString = JsFuture::from(body)
        .await
        .ok()
        .and_then(|t| t.dyn_into().ok())
        .ok_or(FetchError::Network)?;
    checked(text)
}

/// `text`, unless it is over [`MAX_BYTES`]. A server may not declare the length (or may lie about it); UTF-16
/// units never outnumber UTF-8 bytes.
fn checked(text: JsString) -> Result<JsValue, FetchError> {
    match u64::from(text.length()) {
        units if units > MAX_BYTES => Err(FetchError::TooLarge(units)),
        _ => Ok(text.into()),
    }
}

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse` on a JS string (js-sys's binding takes a `&str`, a copy through wasm memory).
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn parse_json(text: &JsValue) -> Result<JsValue, JsValue>;
}

/// Fetches `url` (or goes on with the page's download of it) and parses it. Not generic: one copy of the
/// download's state machine serves every kind of file.
async fn get(url: &str, prefetch: Option<Prefetch>) -> Result<JsValue, FetchError> {
    parse(&fetched(url, prefetch, false).await?)
}

/// Parses `text`, after checking that this version of Tidings wrote it.
fn parse(text: &JsValue) -> Result<JsValue, FetchError> {
    let value = parse_json(text).map_err(|e| {
        // `JSON.parse` throws a `SyntaxError`: its message says where.
        let why = js_sys::Reflect::get(&e, &"message".into())
            .ok()
            .and_then(|m| m.as_string())
            .unwrap_or_default();
        FetchError::Unreadable(["not JSON: ", &why].concat())
    })?;
    match decode::schema_version(&value) {
        Some(found) if found != SCHEMA_VERSION => Err(FetchError::Version(found)),
        _ => Ok(value),
    }
}

/// Fetches `bundle.json`, or goes on with the page's download of it.
pub async fn bundle(url: &str, prefetch: Option<Prefetch>) -> Result<Manifest, FetchError> {
    Ok(decode::manifest(&get(url, prefetch).await?)?)
}

/// Fetches a file of the bundle's index: a posting-list chunk (`.bin`) as its bytes, any other file parsed.
/// `path` is relative to the bundle's URL.
pub async fn index_file(bundle_url: &str, path: &str) -> Result<JsValue, FetchError> {
    let binary = path.ends_with(".bin");
    let value = fetched(&resolve(bundle_url, path), None, binary).await?;
    match binary {
        true => Ok(js_sys::Uint8Array::new(&value).into()),
        false => parse(&value),
    }
}

/// Fetches a body chunk: its bodies, to be read with [`crate::components::document::body_in`]. `path` is
/// relative to the bundle's URL.
pub async fn chunk(bundle_url: &str, path: &str) -> Result<js_sys::Array, FetchError> {
    Ok(decode::chunk(
        &get(&resolve(bundle_url, path), None).await?,
    )?)
}

/// `path` relative to the folder of `bundle_url`.
pub fn resolve(bundle_url: &str, path: &str) -> String {
    // The last `/`, found byte by byte: an ASCII byte is never inside a longer UTF-8 character.
    match bundle_url.bytes().rposition(|b| b == b'/') {
        Some(i) => [&bundle_url[..=i], path].concat(),
        None => path.to_string(),
    }
}
