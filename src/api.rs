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

/// How long a reader waits for a file before the widget says so and offers Retry.
pub const TIMEOUT_MS: i32 = 15_000;

/// The largest file the widget reads: far above any real bundle, low enough not to exhaust a phone.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Status(status) => write!(f, "The news server answered with HTTP {status}."),
            Self::Network => f.write_str("The news could not be reached. Check your connection."),
            Self::Unreadable(why) => write!(f, "The news bundle could not be read ({why})."),
            Self::Version(found) => write!(
                f,
                "This news bundle was built for format version {found}, but this widget reads version \
                 {SCHEMA_VERSION}: rebuild the bundle with the matching `tidings build`."
            ),
            Self::Timeout => write!(f, "The news server did not answer within {} seconds.", TIMEOUT_MS / 1000),
            Self::TooLarge(bytes) => write!(
                f,
                "The news bundle is too large to read ({} MB; the limit is {} MB).",
                bytes / (1024 * 1024),
                MAX_BYTES / (1024 * 1024)
            ),
        }
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
