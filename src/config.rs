//! An embedded widget's configuration, read from its host element's attributes. Pure, so native tests cover
//! every attribute; a bad value becomes a warning naming the attribute and the accepted values, and a default.

use crate::state::PAGE_SIZE;

/// How cards are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// A grid when the widget is wide, one column when narrow.
    Grid,
    /// One column always.
    List,
    /// One column of titles and meta, no excerpts: for sidebars.
    Compact,
}

/// Colour scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    /// Follows `prefers-color-scheme`.
    Auto,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

/// What opening a card does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Open {
    /// The story opens inside the widget.
    Inside,
    /// The card links to the story's first source, in a new tab.
    Link,
}

/// Everything a host can set.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// `data-bundle`: URL of `bundle.json`.
    pub bundle: String,
    /// `data-tags`: tags selected at start, comma-separated.
    pub tags: Vec<String>,
    /// `data-page-size`: cards per page, 1 to 100.
    pub page_size: usize,
    /// `data-layout`.
    pub layout: Layout,
    /// `data-theme`.
    pub theme: Theme,
    /// `data-heading-level`: the level of the widget's heading (cards are one below), 2 to 5.
    pub heading_level: u8,
    /// `data-open`.
    pub open: Open,
    /// `data-label`: the accessible name of the widget's region; give each widget on a page its own.
    pub label: String,
    /// The widget's name in the page URL's query (`<key>.tags`, `<key>.story`): `data-url-key`, else the
    /// element's `id`. `None` (no key, or `data-url-state="off"`) keeps the URL untouched.
    pub url_key: Option<String>,
    /// `data-locale`: the widget's language (en, fr, ar) and the locale its dates are written in. Without it
    /// the bundle's language (its project file's `lang`), else English words and the reader's dates.
    pub locale: Option<String>,
    /// `data-title`: the widget's heading. Without it the bundle's title (its project file's `title`), else
    /// "Latest stories" in the widget's language.
    pub title: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            bundle: "bundle.json".into(),
            tags: Vec::new(),
            page_size: PAGE_SIZE,
            layout: Layout::Grid,
            theme: Theme::Auto,
            heading_level: 2,
            open: Open::Inside,
            label: "News".into(),
            url_key: None,
            locale: None,
            title: None,
        }
    }
}

impl Config {
    /// Reads the configuration; `attr` gives an attribute's value by name. Returns the warnings too.
    pub fn read(attr: impl Fn(&str) -> Option<String>) -> (Self, Vec<String>) {
        let mut config = Config::default();
        let mut warnings = Vec::new();
        let mut warn = |name: &str, value: &str, accepted: &str| {
            warnings.push(
                [
                    "Tidings: ",
                    name,
                    "=\"",
                    value,
                    "\" is not valid; accepted values: ",
                    accepted,
                    ". Using the default.",
                ]
                .concat(),
            )
        };
        if let Some(bundle) = attr("data-bundle").filter(|b| !b.trim_ascii().is_empty()) {
            config.bundle = bundle.trim_ascii().to_string();
        }
        if let Some(tags) = attr("data-tags") {
            config.tags = crate::format::tag_list(&tags);
        }
        if let Some(v) = attr("data-page-size") {
            match crate::format::whole(v.trim_ascii()) {
                Some(n @ 1..=100) => config.page_size = n as usize,
                _ => warn("data-page-size", &v, "a whole number from 1 to 100"),
            }
        }
        if let Some(v) = attr("data-layout") {
            match v.trim_ascii() {
                "grid" => config.layout = Layout::Grid,
                "list" => config.layout = Layout::List,
                "compact" => config.layout = Layout::Compact,
                _ => warn("data-layout", &v, "grid, list, compact"),
            }
        }
        if let Some(v) = attr("data-theme") {
            match v.trim_ascii() {
                "auto" => config.theme = Theme::Auto,
                "light" => config.theme = Theme::Light,
                "dark" => config.theme = Theme::Dark,
                _ => warn("data-theme", &v, "auto, light, dark"),
            }
        }
        if let Some(v) = attr("data-heading-level") {
            match crate::format::whole(v.trim_ascii()) {
                Some(n @ 2..=5) => config.heading_level = n as u8,
                _ => warn("data-heading-level", &v, "2, 3, 4, 5"),
            }
        }
        if let Some(title) = attr("data-title").filter(|t| !t.trim_ascii().is_empty()) {
            config.title = Some(title.trim_ascii().to_string());
        }
        if let Some(label) = attr("data-label").filter(|l| !l.trim_ascii().is_empty()) {
            config.label = label.trim_ascii().to_string();
        }
        config.url_key = attr("data-url-key")
            .or_else(|| attr("id"))
            .map(|k| k.trim_ascii().to_string())
            .filter(|k| !k.is_empty());
        if let Some(v) = attr("data-url-state") {
            match v.trim_ascii() {
                "on" => {}
                "off" => config.url_key = None,
                _ => warn("data-url-state", &v, "on, off"),
            }
        }
        if let Some(v) = attr("data-locale") {
            match crate::i18n::words(v.trim_ascii()) {
                Some(_) => config.locale = Some(v.trim_ascii().to_string()),
                None => warn(
                    "data-locale",
                    &v,
                    "en, fr, ar (with or without a region, such as fr-CA)",
                ),
            }
        }
        if let Some(v) = attr("data-open") {
            match v.trim_ascii() {
                "inside" => config.open = Open::Inside,
                "link" => config.open = Open::Link,
                _ => warn("data-open", &v, "inside, link"),
            }
        }
        (config, warnings)
    }

    /// The accessible name of the tag filter's navigation landmark (unique per widget when labels are).
    pub fn filter_label(&self) -> String {
        if self.label == "News" {
            self.words().filter_by_tag.into()
        } else {
            [&self.label, ": ", self.words().filter_by_tag].concat()
        }
    }

    /// This configuration with the bundle's title and language where the page set none of its own; `None` when
    /// it changes nothing.
    pub fn with_site(&self, title: Option<&str>, lang: Option<&str>) -> Option<Self> {
        let title = title.filter(|_| self.title.is_none());
        let lang = lang.filter(|l| self.locale.is_none() && crate::i18n::words(l).is_some());
        if title.is_none() && lang.is_none() {
            return None;
        }
        let mut site = self.clone();
        site.title = site.title.or(title.map(Into::into));
        site.locale = site.locale.or(lang.map(Into::into));
        Some(site)
    }

    /// The widget's heading: `data-title`, the bundle's title, or the words' own.
    pub fn heading(&self) -> String {
        match &self.title {
            Some(title) => title.clone(),
            None => self.words().latest.into(),
        }
    }

    /// The widget's words.
    pub fn words(&self) -> &'static crate::i18n::Words {
        self.locale
            .as_deref()
            .and_then(crate::i18n::words)
            .unwrap_or(&crate::i18n::EN)
    }

    /// The region's accessible name: `data-label`, else "News" in the widget's language.
    pub fn region_label(&self) -> String {
        if self.label == "News" {
            self.words().news.to_string()
        } else {
            self.label.clone()
        }
    }

    /// The layout, as the root element's `data-layout` (the stylesheet's hook). Attributes rather than
    /// classes: `html!` reads a class that is not a literal into a set of classes, and that code cost the wasm
    /// 1.5 KB of brotli.
    pub fn layout_name(&self) -> &'static str {
        match self.layout {
            Layout::Grid => "grid",
            Layout::List => "list",
            Layout::Compact => "compact",
        }
    }

    /// The theme, as the root element's `data-theme`.
    pub fn theme_name(&self) -> &'static str {
        match self.theme {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(pairs: &[(&str, &str)]) -> (Config, Vec<String>) {
        Config::read(|name| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn no_attributes_give_the_defaults() {
        assert_eq!(read(&[]), (Config::default(), vec![]));
    }

    #[test]
    fn reads_every_attribute() {
        let (c, w) = read(&[
            ("data-bundle", "https://cdn.example/news/bundle.json"),
            ("data-tags", " USA, Middle East ,"),
            ("data-page-size", "5"),
            ("data-layout", " compact\n"),
            ("data-theme", "dark"),
            ("data-heading-level", "3"),
            ("data-open", "link"),
        ]);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(c.bundle, "https://cdn.example/news/bundle.json");
        assert_eq!(c.tags, ["usa", "middle-east"]);
        assert_eq!(
            (c.page_size, c.layout, c.theme, c.heading_level, c.open),
            (5, Layout::Compact, Theme::Dark, 3, Open::Link)
        );
        assert_eq!((c.layout_name(), c.theme_name()), ("compact", "dark"));
        let (c, _) = read(&[("data-locale", "ar-EG")]);
        assert!(
            c.with_site(Some("Site"), Some("fr"))
                .unwrap()
                .locale
                .as_deref()
                == Some("ar-EG")
        );
        assert_eq!((c.words().dir, c.region_label().as_str()), ("rtl", "أخبار"));
    }

    #[test]
    fn the_url_key_is_the_id_unless_named_or_turned_off() {
        assert_eq!(read(&[("id", "grid")]).0.url_key.as_deref(), Some("grid"));
        assert_eq!(
            read(&[("id", "grid"), ("data-url-key", "news")])
                .0
                .url_key
                .as_deref(),
            Some("news")
        );
        assert_eq!(
            read(&[("id", "grid"), ("data-url-state", "off")]).0.url_key,
            None
        );
        assert_eq!(read(&[]).0.url_key, None);
    }

    #[test]
    fn a_bad_value_warns_with_the_accepted_values_and_keeps_the_default() {
        let (c, w) = read(&[
            ("data-layout", "masonry"),
            ("data-page-size", "0"),
            ("data-heading-level", "1"),
        ]);
        assert_eq!(c, Config::default());
        assert_eq!(w[0], "Tidings: data-page-size=\"0\" is not valid; accepted values: a whole number from 1 to 100. Using the default.");
        assert_eq!(w[1], "Tidings: data-layout=\"masonry\" is not valid; accepted values: grid, list, compact. Using the default.");
        assert!(w[2].contains("data-heading-level=\"1\"") && w[2].contains("2, 3, 4, 5"));
    }
}
