//! Which link and image URLs may reach the bundle.
//!
//! Only `http`, `https` and (for links) `mailto` pass. The `url` crate parses the way browsers do: it strips
//! leading and trailing control characters and spaces, removes tabs and newlines inside, and lower-cases the
//! scheme, so `" JaVa\tScRiPt:..."` is seen as the `javascript` scheme it would be in a browser and refused.
//! pulldown-cmark has already decoded entities and backslash escapes. A relative URL is resolved against the
//! post's own address, the site's (`base_url`) or the seed's first source, or dropped when there is none; a
//! protocol-relative one (`//host/path`) becomes https.

use url::Url;

/// What a link or image may point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A link: `http`, `https`, `mailto`.
    Link,
    /// An image: `http`, `https`.
    Image,
}

/// Why a URL was dropped.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    /// A scheme that is not allowed (`javascript`, `data`, `file`, ...).
    Scheme(String),
    /// A relative URL with no source to resolve it against.
    Relative,
    /// Not parseable even as a relative URL.
    Invalid,
}

/// The URL to keep, absolute and normalised, or why it is refused.
pub fn check(raw: &str, target: Target, base: Option<&Url>) -> Result<String, Refused> {
    // A protocol-relative URL (`//host/path`) names its host: it needs no base, and is fetched over https.
    let trimmed = raw.trim_start();
    let protocol_relative;
    let raw = match trimmed
        .strip_prefix("//")
        .filter(|rest| !rest.starts_with('/'))
    {
        Some(_) => {
            protocol_relative = ["https:", trimmed].concat();
            protocol_relative.as_str()
        }
        None => raw,
    };
    let url = match Url::parse(raw) {
        Ok(url) => url,
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            let base = base.ok_or(Refused::Relative)?;
            base.join(raw).map_err(|_| Refused::Invalid)?
        }
        Err(_) => return Err(Refused::Invalid),
    };
    match (url.scheme(), target) {
        ("http" | "https", _) if url.host_str().is_some_and(|h| !h.is_empty()) => Ok(url.into()),
        ("mailto", Target::Link) => Ok(url.into()),
        ("http" | "https", _) => Err(Refused::Invalid),
        (scheme, _) => Err(Refused::Scheme(scheme.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(raw: &str) -> Result<String, Refused> {
        check(
            raw,
            Target::Link,
            Some(&Url::parse("https://news.example/2023/11/01/story.html").unwrap()),
        )
    }

    #[test]
    fn keeps_web_and_mail_links() {
        assert_eq!(link("https://a.example/x").unwrap(), "https://a.example/x");
        assert_eq!(
            link("mailto:desk@news.example").unwrap(),
            "mailto:desk@news.example"
        );
    }

    #[test]
    fn resolves_relative_links_against_the_first_source() {
        assert_eq!(
            link("../photo.jpg").unwrap(),
            "https://news.example/2023/11/photo.jpg"
        );
        assert_eq!(link("/about").unwrap(), "https://news.example/about");
        assert_eq!(check("/about", Target::Link, None), Err(Refused::Relative));
        assert_eq!(
            check("//cdn.example/a.png", Target::Image, None).unwrap(),
            "https://cdn.example/a.png"
        );
        assert_eq!(
            link("//cdn.example/a.png").unwrap(),
            "https://cdn.example/a.png"
        );
    }

    #[test]
    fn refuses_script_urls_whatever_their_spelling() {
        for raw in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "\u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html;base64,PHNjcmlwdD4=",
            "file:///etc/passwd",
        ] {
            assert!(
                matches!(link(raw), Err(Refused::Scheme(_))),
                "{raw:?} gave {:?}",
                link(raw)
            );
        }
    }

    #[test]
    fn an_encoded_colon_is_only_a_path() {
        assert_eq!(
            link("javascript%3Aalert(1)").unwrap(),
            "https://news.example/2023/11/01/javascript%3Aalert(1)"
        );
    }

    #[test]
    fn images_may_not_be_mail_links() {
        assert_eq!(
            check("mailto:a@b.c", Target::Image, None),
            Err(Refused::Scheme("mailto".into()))
        );
    }
}
