//! Fetching the bundle and body chunks. Every failure becomes a [`FetchError`] the reader can act on; nothing
//! from the network is unwrapped.

use std::fmt;

use gloo_net::http::Request;
use serde::de::DeserializeOwned;
use tidings_bundle::{BodyChunk, Bundle, SCHEMA_VERSION};

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
}

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
        }
    }
}

async fn get<T: DeserializeOwned>(url: &str) -> Result<T, FetchError> {
    let response = Request::get(url)
        .send()
        .await
        .map_err(|_| FetchError::Network)?;
    if !response.ok() {
        return Err(FetchError::Status(response.status()));
    }
    let text = response.text().await.map_err(|_| FetchError::Network)?;
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
    serde_json::from_str(&text).map_err(|e| FetchError::Unreadable(e.to_string()))
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
