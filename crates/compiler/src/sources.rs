//! Sources: a URL becomes its host, an outlet name people can read, and the date in its path.
//!
//! Outlet names come from a table of well-known news outlets; any other host falls back to its registrable
//! domain (from the public suffix list, `psl`) turned into words: `www.example-news.co.uk` shows as
//! "Example News". An Internet Archive capture is named after the site it captured.

use tidings_bundle::Source;
use url::Url;

/// Well-known outlets by registrable domain.
const OUTLETS: &[(&str, &str)] = &[
    ("abc.net.au", "ABC News (Australia)"),
    ("abcnews.go.com", "ABC News"),
    ("aljazeera.com", "Al Jazeera"),
    ("apnews.com", "AP News"),
    ("axios.com", "Axios"),
    ("bbc.co.uk", "BBC"),
    ("bbc.com", "BBC"),
    ("bloomberg.com", "Bloomberg"),
    ("cbc.ca", "CBC"),
    ("cbsnews.com", "CBS News"),
    ("cnbc.com", "CNBC"),
    ("cnn.com", "CNN"),
    ("dw.com", "DW"),
    ("economist.com", "The Economist"),
    ("elpais.com", "El País"),
    ("foxnews.com", "Fox News"),
    ("france24.com", "France 24"),
    ("ft.com", "Financial Times"),
    ("github.com", "GitHub"),
    ("haaretz.com", "Haaretz"),
    ("latimes.com", "Los Angeles Times"),
    ("lemonde.fr", "Le Monde"),
    ("msnbc.com", "MSNBC"),
    ("nbcnews.com", "NBC News"),
    ("newsweek.com", "Newsweek"),
    ("npr.org", "NPR"),
    ("nytimes.com", "The New York Times"),
    ("pbs.org", "PBS"),
    ("politico.com", "Politico"),
    ("reuters.com", "Reuters"),
    ("spiegel.de", "Der Spiegel"),
    ("theatlantic.com", "The Atlantic"),
    ("theguardian.com", "The Guardian"),
    ("thehill.com", "The Hill"),
    ("time.com", "TIME"),
    ("timesofisrael.com", "The Times of Israel"),
    ("usatoday.com", "USA Today"),
    ("washingtonpost.com", "The Washington Post"),
    ("whitehouse.gov", "The White House"),
    ("wikipedia.org", "Wikipedia"),
    ("wsj.com", "The Wall Street Journal"),
    ("youtube.com", "YouTube"),
];

/// Why a source was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum SourceError {
    /// Not a URL at all.
    Invalid(String),
    /// A URL, but not `http` or `https`.
    Scheme(String),
}

/// Parses and describes one source URL.
pub fn describe(raw: &str) -> Result<Source, SourceError> {
    let url = Url::parse(raw.trim()).map_err(|e| SourceError::Invalid(e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(SourceError::Scheme(url.scheme().to_string()));
    }
    let host = url
        .host_str()
        .ok_or_else(|| SourceError::Invalid("the URL has no host".into()))?
        .to_string();
    let outlet = match archived(&url) {
        Some(inner) => format!(
            "{} (archived)",
            outlet_name(inner.host_str().unwrap_or(&host))
        ),
        None => outlet_name(&host),
    };
    let date = date_in_path(url.path());
    Ok(Source {
        url: url.to_string(),
        host,
        outlet,
        date,
    })
}

/// The captured URL of an Internet Archive link (`/web/<timestamp>/<url>`).
fn archived(url: &Url) -> Option<Url> {
    if url.host_str()? != "web.archive.org" {
        return None;
    }
    let rest = url.path().strip_prefix("/web/")?;
    let inner = &rest[rest.find('/')? + 1..];
    let inner = if inner.starts_with("http://") || inner.starts_with("https://") {
        inner.to_string()
    } else {
        format!("http://{inner}")
    };
    Url::parse(&inner).ok().filter(|u| u.host_str().is_some())
}

/// The name people know a host by.
pub fn outlet_name(host: &str) -> String {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let domain = psl::domain_str(&host).unwrap_or(&host);
    for candidate in [host.as_str(), domain] {
        if let Some((_, name)) = OUTLETS.iter().find(|(d, _)| *d == candidate) {
            return (*name).to_string();
        }
    }
    let suffix_len = psl::suffix_str(domain).map_or(0, |s| s.len() + 1);
    let label = &domain[..domain.len().saturating_sub(suffix_len)];
    let label = if label.is_empty() { domain } else { label };
    // A short name is an initialism, digits and all: `gsa.gov` is GSA, `18f.gov` is 18F (not "18f").
    if label.len() <= 3 && label.chars().all(|c| c.is_ascii_alphanumeric()) {
        return label.to_ascii_uppercase();
    }
    label
        .split(['-', '_'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The first `/YYYY/MM/DD/` (or `/YYYY-MM-DD...`) of a URL path, as `YYYY-MM-DD`.
pub fn date_in_path(path: &str) -> Option<String> {
    let segments: Vec<&str> = path.split('/').collect();
    for (i, seg) in segments.iter().enumerate() {
        if let Some(date) = seg.get(..10).and_then(crate::dates::parse_ymd) {
            return Some(date);
        }
        if let [year, month, day] = segments.get(i..i + 3).unwrap_or_default() {
            let number = |s: &str, max_len| {
                s.len() <= max_len && !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
            };
            if year.len() == 4 && number(year, 4) && number(month, 2) && number(day, 2) {
                if let Some(date) =
                    crate::dates::parse_ymd(&format!("{year}-{month:0>2}-{day:0>2}"))
                {
                    return Some(date);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_well_known_outlets() {
        assert_eq!(outlet_name("www.cnn.com"), "CNN");
        assert_eq!(outlet_name("www.npr.org"), "NPR");
        assert_eq!(outlet_name("edition.cnn.com"), "CNN");
        assert_eq!(outlet_name("www.bbc.co.uk"), "BBC");
    }

    #[test]
    fn falls_back_to_the_domain_in_words() {
        assert_eq!(outlet_name("www.example-news.co.uk"), "Example News");
        assert_eq!(outlet_name("blog.digitalgov.gov"), "Digitalgov");
        assert_eq!(outlet_name("gsa.gov"), "GSA");
        assert_eq!(outlet_name("pages.18f.gov"), "18F");
        assert_eq!(outlet_name("midas.18f.us"), "18F");
    }

    #[test]
    fn describes_a_source_with_its_path_date() {
        let s = describe("https://www.cnn.com/2023/11/01/politics/inside/index.html").unwrap();
        assert_eq!(
            (s.host.as_str(), s.outlet.as_str(), s.date.as_deref()),
            ("www.cnn.com", "CNN", Some("2023-11-01"))
        );
    }

    #[test]
    fn finds_dates_in_paths() {
        assert_eq!(
            date_in_path("/2023/11/02/1210094192/more"),
            Some("2023-11-02".into())
        );
        assert_eq!(date_in_path("/news/2021-3-4"), None);
        assert_eq!(date_in_path("/news/2021/3/4/x"), Some("2021-03-04".into()));
        assert_eq!(date_in_path("/2023/13/02/x"), None);
        assert_eq!(
            date_in_path("/blog/2019-07-15-launch"),
            Some("2019-07-15".into())
        );
        assert_eq!(date_in_path("/about"), None);
    }

    #[test]
    fn names_an_archived_page_after_its_site() {
        let s =
            describe("https://web.archive.org/web/20120625125908/http://www.npr.org/x").unwrap();
        assert_eq!(s.outlet, "NPR (archived)");
        assert_eq!(s.host, "web.archive.org");
    }

    #[test]
    fn refuses_other_schemes_and_non_urls() {
        assert_eq!(
            describe("javascript:alert(1)"),
            Err(SourceError::Scheme("javascript".into()))
        );
        assert!(matches!(
            describe("www.cnn.com/x"),
            Err(SourceError::Invalid(_))
        ));
    }
}
