//! The project file, `tidings.toml` in the seeds folder: what a whole archive shares. Every key is optional; an
//! unknown key is a warning naming it.
//!
//! ```toml
//! base_url = "https://digital.gov"   # the site the posts came from: site-relative links and images resolve against it
//! title = "DigitalGov news"          # the widget's heading, unless the page sets data-title
//! lang = "en"                        # the widget's language, unless the page sets data-locale
//! future = false                     # include posts whose publishDate is still to come
//! expired = false                    # include posts whose expiryDate has passed
//! ```

use std::path::Path;

use serde_json::Value;
use url::Url;

use crate::code::Code;
use crate::diag::Sink;
use crate::yaml::Entry;

/// The project file's name, looked for at the top of the seeds folder.
pub const FILE_NAME: &str = "tidings.toml";

/// What `tidings.toml` sets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Project {
    /// The site the posts came from.
    pub base_url: Option<Url>,
    /// The widget's default heading.
    pub title: Option<String>,
    /// The widget's default language (a BCP 47 tag).
    pub lang: Option<String>,
    /// Include posts dated in the future (`publishDate`).
    pub future: bool,
    /// Include posts past their `expiryDate`.
    pub expired: bool,
}

const KEYS: &str = "base_url, title, lang, future and expired";

/// Reads the project file's `text` (named `file` in diagnostics through `sink`).
pub fn read(text: &str, sink: &mut Sink) -> Project {
    let mut project = Project::default();
    // Read as TOML front matter is: the same parser, the same located entries.
    let entries = match crate::toml_front::parse(text) {
        Ok(entries) => entries,
        Err(err) => {
            sink.error(
                Code::ProjectInvalid,
                err.span,
                format!("{} is not valid TOML: {}", FILE_NAME, err.message),
                "here",
                "write one `key = value` per line, with text in quotes: `base_url = \"https://example.org\"`",
            );
            return project;
        }
    };
    for Entry {
        key,
        key_span,
        value,
        ..
    } in &entries
    {
        let span = Some(key_span.clone());
        let text_value = |sink: &mut Sink| match value {
            Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            _ => {
                sink.error(
                    Code::ProjectInvalid,
                    span.clone(),
                    format!("`{key}` in {FILE_NAME} must be text"),
                    "this key",
                    format!("write `{key} = \"...\"`"),
                );
                None
            }
        };
        let flag = |sink: &mut Sink| match value {
            Value::Bool(b) => *b,
            _ => {
                sink.error(
                    Code::ProjectInvalid,
                    span.clone(),
                    format!("`{key}` in {FILE_NAME} must be true or false"),
                    "this key",
                    format!("write `{key} = true` or `{key} = false`"),
                );
                false
            }
        };
        match key.as_str() {
            "base_url" => {
                project.base_url = text_value(sink).and_then(|raw| match base_url(&raw) {
                    Ok(url) => Some(url),
                    Err(why) => {
                        sink.error(
                            Code::ProjectInvalid,
                            span.clone(),
                            format!("`base_url` `{raw}` {why}"),
                            "this key",
                            "write the site's address, like `base_url = \"https://news.example\"`",
                        );
                        None
                    }
                })
            }
            "title" => project.title = text_value(sink),
            "lang" => project.lang = text_value(sink),
            "future" => project.future = flag(sink),
            "expired" => project.expired = flag(sink),
            _ => sink.warning(
                Code::ProjectKeyUnknown,
                span,
                format!("unknown key `{key}` in {FILE_NAME} is ignored"),
                "not used by Tidings",
                format!("{FILE_NAME} reads {KEYS}"),
            ),
        }
    }
    project
}

/// Reads `tidings.toml` in `dir`, if there is one.
pub fn text_in(dir: &Path) -> Option<std::io::Result<String>> {
    let path = dir.join(FILE_NAME);
    path.is_file().then(|| std::fs::read_to_string(path))
}

/// A site's address as a base for its relative URLs: http or https, with a host, ending in `/` so that
/// `images/x.png` resolves below it.
pub fn base_url(raw: &str) -> Result<Url, &'static str> {
    let mut url = Url::parse(raw.trim()).map_err(|_| "is not a URL")?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return Err("is not an http or https address with a host");
    }
    if !url.path().ends_with('/') {
        let path = [url.path(), "/"].concat();
        url.set_path(&path);
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Diagnostic, Severity};

    fn project(text: &str) -> (Project, Vec<Diagnostic>) {
        let mut out = Vec::new();
        let p = read(
            text,
            &mut Sink {
                file: 0,
                out: &mut out,
            },
        );
        (p, out)
    }

    #[test]
    fn reads_every_key() {
        let (p, diags) = project(
            "base_url = \"https://digital.gov\"\ntitle = \"DigitalGov\"\nlang = \"en\"\nfuture = true\nexpired = true\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(p.base_url.unwrap().as_str(), "https://digital.gov/");
        assert_eq!(p.title.as_deref(), Some("DigitalGov"));
        assert_eq!(p.lang.as_deref(), Some("en"));
        assert!(p.future && p.expired);
    }

    #[test]
    fn every_key_is_optional_and_an_unknown_one_is_a_warning_at_its_line() {
        let (p, diags) = project("\ntheme = \"dark\"\n");
        assert_eq!(p, Project::default());
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].severity, Severity::Warning);
        assert_eq!(diags[0].code, Code::ProjectKeyUnknown);
        assert_eq!(diags[0].span, Some(1..6));
    }

    #[test]
    fn a_bad_file_or_value_is_an_error() {
        let (_, diags) = project("base_url = \"ftp://x\"\n");
        assert_eq!(diags[0].code, Code::ProjectInvalid);
        assert!(
            diags[0].message.contains("not an http or https"),
            "{diags:?}"
        );
        let (_, diags) = project("base_url = \n");
        assert!(diags[0].message.contains("not valid TOML"), "{diags:?}");
        let (_, diags) = project("future = \"yes\"\n");
        assert!(diags[0].message.contains("true or false"), "{diags:?}");
    }

    #[test]
    fn a_base_url_ends_in_a_slash_so_relative_paths_resolve_below_it() {
        let base = base_url("https://news.example/archive").unwrap();
        assert_eq!(
            base.join("images/x.png").unwrap().as_str(),
            "https://news.example/archive/images/x.png"
        );
        assert_eq!(
            base.join("/2011/07/14/x/").unwrap().as_str(),
            "https://news.example/2011/07/14/x/"
        );
    }
}
