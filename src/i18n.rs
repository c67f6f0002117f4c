//! The widget's own words in English, French and Arabic (written right to left). Dates are formatted by the
//! browser's `Intl` for the same locale.

use crate::format::digits;

/// Every phrase the widget shows or announces.
#[derive(Debug, PartialEq, Eq)]
pub struct Words {
    /// BCP 47 tag.
    pub lang: &'static str,
    /// Writing direction: `ltr` or `rtl`.
    pub dir: &'static str,
    pub latest: &'static str,
    pub all: &'static str,
    pub any_tag: &'static str,
    pub all_tags: &'static str,
    pub must_match: &'static str,
    pub filter_by_tag: &'static str,
    pub show_more: &'static str,
    pub loading_stories: &'static str,
    pub loading_story: &'static str,
    pub back: &'static str,
    pub sources: &'static str,
    pub tags: &'static str,
    pub notes: &'static str,
    pub retry: &'static str,
    pub news: &'static str,
    /// Before a byline's names: "By Ana Ruiz, Li Wei".
    pub by: &'static str,
    /// The link to the original of a story.
    pub original: &'static str,
    /// "{n} min read"
    min_read: &'static str,
    /// "Showing {shown} of {total} stories"
    showing: &'static str,
    /// "{n} stories", "1 story"
    stories: &'static str,
    one_story: &'static str,
    /// Fetch failures: "{status}", "{why}", "{found} {current}", "{seconds}", "{mb} {limit}".
    pub status: &'static str,
    pub network: &'static str,
    pub unreadable: &'static str,
    pub version: &'static str,
    pub timeout: &'static str,
    pub too_large: &'static str,
}

pub static EN: Words = Words {
    lang: "en",
    dir: "ltr",
    latest: "Latest stories",
    all: "All",
    any_tag: "Any tag",
    all_tags: "All tags",
    must_match: "Stories must match",
    filter_by_tag: "Filter stories by tag",
    show_more: "Show more",
    loading_stories: "Loading stories…",
    loading_story: "Loading the story…",
    back: "← Back to stories",
    sources: "Sources",
    tags: "Tags",
    notes: "Notes",
    retry: "Retry",
    news: "News",
    by: "By ",
    original: "Read the original",
    min_read: "{n} min read",
    showing: "Showing {shown} of {total} stories",
    stories: "{n} stories",
    one_story: "1 story",
    status: "The news server answered with HTTP {status}.",
    network: "The news could not be reached. Check your connection.",
    unreadable: "The news bundle could not be read ({why}).",
    version: "This news bundle was built for format version {found}, but this widget reads version {current}: rebuild the bundle with the matching `tidings build`.",
    timeout: "The news server did not answer within {seconds} seconds.",
    too_large: "The news bundle is too large to read ({mb} MB; the limit is {limit} MB).",
};

pub static FR: Words = Words {
    lang: "fr",
    dir: "ltr",
    latest: "Dernières actualités",
    all: "Tout",
    any_tag: "Un des sujets",
    all_tags: "Tous les sujets",
    must_match: "Les articles doivent correspondre à",
    filter_by_tag: "Filtrer les articles par sujet",
    show_more: "Afficher plus",
    loading_stories: "Chargement des articles…",
    loading_story: "Chargement de l’article…",
    back: "← Retour aux articles",
    sources: "Sources",
    tags: "Sujets",
    notes: "Notes",
    retry: "Réessayer",
    news: "Actualités",
    by: "Par ",
    original: "Lire l’original",
    min_read: "{n} min de lecture",
    showing: "{shown} articles sur {total}",
    stories: "{n} articles",
    one_story: "1 article",
    status: "Le serveur d’actualités a répondu HTTP {status}.",
    network: "Les actualités sont injoignables. Vérifiez votre connexion.",
    unreadable: "Le paquet d’actualités est illisible ({why}).",
    version: "Ce paquet d’actualités a le format {found}, ce widget lit le format {current} : reconstruisez le paquet avec le `tidings build` correspondant.",
    timeout: "Le serveur d’actualités n’a pas répondu en {seconds} secondes.",
    too_large: "Le paquet d’actualités est trop volumineux ({mb} Mo ; la limite est {limit} Mo).",
};

pub static AR: Words = Words {
    lang: "ar",
    dir: "rtl",
    latest: "آخر الأخبار",
    all: "الكل",
    any_tag: "أي وسم",
    all_tags: "كل الوسوم",
    must_match: "يجب أن تطابق القصص",
    filter_by_tag: "تصفية القصص حسب الوسم",
    show_more: "عرض المزيد",
    loading_stories: "جارٍ تحميل القصص…",
    loading_story: "جارٍ تحميل القصة…",
    back: "→ العودة إلى القصص",
    sources: "المصادر",
    tags: "الوسوم",
    notes: "ملاحظات",
    retry: "إعادة المحاولة",
    news: "أخبار",
    by: "بقلم ",
    original: "اقرأ الأصل",
    min_read: "{n} دقيقة قراءة",
    showing: "عرض {shown} من {total} قصة",
    stories: "{n} قصة",
    one_story: "قصة واحدة",
    status: "أجاب خادم الأخبار بالرمز HTTP {status}.",
    network: "تعذّر الوصول إلى الأخبار. تحقّق من اتصالك.",
    unreadable: "تعذّرت قراءة حزمة الأخبار ({why}).",
    version: "بُنيت حزمة الأخبار هذه بالإصدار {found} من التنسيق، وهذه الأداة تقرأ الإصدار {current}: أعد بناء الحزمة بأمر `tidings build` المطابق.",
    timeout: "لم يُجب خادم الأخبار خلال {seconds} ثانية.",
    too_large: "حزمة الأخبار أكبر من أن تُقرأ ({mb} ميغابايت؛ الحد {limit} ميغابايت).",
};

/// The locales shipped, for `data-locale`.
pub static LOCALES: &[&Words] = &[&EN, &FR, &AR];

/// The words for a locale tag (`fr`, `fr-CA`, `ar-EG`), or `None` when it is not shipped.
pub fn words(locale: &str) -> Option<&'static Words> {
    // The primary language: up to the first `-` or `_`.
    let end = locale.bytes().position(|b| b == b'-' || b == b'_');
    let primary = &locale[..end.unwrap_or(locale.len())];
    LOCALES
        .iter()
        .copied()
        .find(|w| w.lang.eq_ignore_ascii_case(primary))
}

impl Default for &'static Words {
    fn default() -> Self {
        &EN
    }
}

/// `template` with each `{name}` in it replaced by its value in `values`, in one pass (a value is never read as
/// a template); an unknown or unclosed `{…}` stays as it is.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.bytes().position(|b| b == b'{') {
        out.push_str(&rest[..open]);
        rest = &rest[open..];
        let value = rest.bytes().position(|b| b == b'}').and_then(|close| {
            let name = &rest[1..close];
            let (_, value) = values.iter().find(|(n, _)| *n == name)?;
            Some((value, close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(value);
                rest = &rest[close + 1..];
            }
            None => {
                out.push('{');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

impl Words {
    /// "3 min read"
    pub fn min_read(&self, n: u32) -> String {
        fill(self.min_read, &[("n", &digits(n.into()))])
    }

    /// The live region's count: "Showing 12 of 40 stories", or "40 stories" when all are shown.
    pub fn showing(&self, shown: usize, total: usize) -> String {
        if shown >= total {
            if total == 1 {
                self.one_story.to_string()
            } else {
                fill(self.stories, &[("n", &digits(total as u64))])
            }
        } else {
            fill(
                self.showing,
                &[
                    ("shown", &digits(shown as u64)),
                    ("total", &digits(total as u64)),
                ],
            )
        }
    }

    /// ", 5 stories" after a tag's count, for screen readers.
    pub fn tag_count(&self, n: u32) -> String {
        match n {
            1 => [", ", self.one_story].concat(),
            _ => [", ", &fill(self.stories, &[("n", &digits(n.into()))])].concat(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_shipped_locales_by_primary_tag() {
        assert_eq!(words("fr-CA").map(|w| w.lang), Some("fr"));
        assert_eq!(words("AR").map(|w| w.dir), Some("rtl"));
        assert_eq!(words("de"), None);
    }

    #[test]
    fn words_the_count_in_each_language() {
        assert_eq!(EN.showing(12, 40), "Showing 12 of 40 stories");
        assert_eq!(EN.showing(1, 1), "1 story");
        assert_eq!(FR.showing(12, 40), "12 articles sur 40");
        assert_eq!(AR.showing(40, 40), "40 قصة");
        assert_eq!(EN.min_read(3), "3 min read");
    }

    #[test]
    fn fills_each_placeholder_once_and_keeps_unknown_braces() {
        assert_eq!(
            fill("{a} and {b}", &[("a", "1"), ("b", "{a}")]),
            "1 and {a}"
        );
        assert_eq!(fill("{x} {a", &[("a", "1")]), "{x} {a");
        assert_eq!(fill("{}{a}}", &[("a", "1")]), "{}1}");
        assert_eq!(fill("no braces", &[]), "no braces");
    }

    #[test]
    fn every_locale_fills_every_phrase() {
        for w in LOCALES {
            for text in [
                w.latest,
                w.all,
                w.show_more,
                w.retry,
                w.status,
                w.version,
                w.too_large,
            ] {
                assert!(!text.is_empty(), "{}", w.lang);
            }
            assert!(
                w.status.contains("{status}")
                    && w.version.contains("{found}")
                    && w.too_large.contains("{limit}"),
                "{}",
                w.lang
            );
        }
    }
}
