//! Fetching the bundle and body chunks. Every failure becomes a [`FetchError`] the reader can act on; nothing
//! from the network is unwrapped.

use std::fmt;

use serde::de::DeserializeOwned;
use tidings_bundle::{BodyChunk, Bundle, SCHEMA_VERSION};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
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
        match self {
            Self::Status(status) => w.status.replace("{status}", &status.to_string()),
            Self::Network => w.network.to_string(),
            Self::Unreadable(why) => w.unreadable.replace("{why}", why),
            Self::Version(found) => w
                .version
                .replace("{found}", &found.to_string())
                .replace("{current}", &SCHEMA_VERSION.to_string()),
            Self::Timeout => w
                .timeout
                .replace("{seconds}", &(TIMEOUT_MS / 1000).to_string()),
            Self::TooLarge(bytes) => w
                .too_large
                .replace("{mb}", &(bytes / (1024 * 1024)).to_string())
                .replace("{limit}", &(MAX_BYTES / (1024 * 1024)).to_string()),
        }
    }
}

/// How long a reader waits for a file before the widget says so and offers Retry.
pub const TIMEOUT_MS: i32 = 15_000;

/// The largest file the widget reads: far above any real bundle, low enough not to exhaust a phone.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(&crate::i18n::EN))
    }
}

/// The body of `url` as text. `fetch` straight from web-sys: an HTTP client crate would add kilobytes to
/// every reader's download for nothing this needs.
/// A server that never answers (or answers forever) is cut off after [`TIMEOUT_MS`] with an `AbortController`.
async fn text(url: &str) -> Result<String, FetchError> {
    let window = web_sys::window().ok_or(FetchError::Network)?;
    let controller = web_sys::AbortController::new().map_err(|_| FetchError::Network)?;
    let init = web_sys::RequestInit::new();
    init.set_signal(Some(&controller.signal()));
    let abort = Closure::once_into_js({
        let controller = controller.clone();
        move || controller.abort()
    });
    let timer = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(abort.unchecked_ref(), TIMEOUT_MS)
        .map_err(|_| FetchError::Network)?;
    let result = read(&window, url, &init).await;
    window.clear_timeout_with_handle(timer);
    match result {
        Err(FetchError::Network) if controller.signal().aborted() => Err(FetchError::Timeout),
        other => other,
    }
}

async fn read(
    window: &web_sys::Window,
    url: &str,
    init: &web_sys::RequestInit,
) -> Result<String, FetchError> {
    let response = JsFuture::from(window.fetch_with_str_and_init(url, init))
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
        .and_then(|l| l.parse::<u64>().ok());
    if let Some(bytes) = declared.filter(|&b| b > MAX_BYTES) {
        return Err(FetchError::TooLarge(bytes));
    }
    let body = response.text().map_err(|_| FetchError::Network)?;
    let text = JsFuture::from(body)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or(FetchError::Network)?;
    // A server may not declare the length (or may lie about it).
    match text.len() as u64 {
        bytes if bytes > MAX_BYTES => Err(FetchError::TooLarge(bytes)),
        _ => Ok(text),
    }
}

async fn get<T: DeserializeOwned>(url: &str) -> Result<T, FetchError> {
    let text = text(url).await?;
    // Read the version first, so a bundle of another version says so rather than "unreadable".
    #[derive(serde::Deserialize)]
    struct Version {
        schema_version: u32,
    }
    match serde_json::from_str::<Version>(&text) {
        Ok(v) if v.schema_version != SCHEMA_VERSION => {
            return Err(FetchError::Version(v.schema_version))
        }
        _ => {}
    }
    // The position, not serde_json's message: its error texts cost every reader kilobytes of wasm.
    serde_json::from_str(&text).map_err(|e| {
        let what = if e.is_eof() {
            "it ends too early"
        } else {
            "unexpected content"
        };
        FetchError::Unreadable(format!(
            "{what} at line {}, column {}",
            e.line(),
            e.column()
        ))
    })
}

/// Fetches `bundle.json`.
pub async fn bundle(url: &str) -> Result<Bundle, FetchError> {
    get(url).await
}

/// Fetches a body chunk. `path` is relative to the bundle's URL.
pub async fn chunk(bundle_url: &str, path: &str) -> Result<BodyChunk, FetchError> {
    get(&resolve(bundle_url, path)).await
}

/// `path` relative to the folder of `bundle_url`.
pub fn resolve(bundle_url: &str, path: &str) -> String {
    match bundle_url.rfind('/') {
        Some(i) => format!("{}{path}", &bundle_url[..=i]),
        None => path.to_string(),
    }
}
