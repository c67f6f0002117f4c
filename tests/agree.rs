//! The widget checks again what the compiler already decided, because a bundle may come from anywhere: a tag
//! from the page's `data-tags` or URL must be spelled as the compiler spells the bundle's tags, and a URL the
//! compiler keeps must pass the widget's own check (and one it refuses for its scheme must not). Natively, on
//! the same cases for both halves.
#![cfg(not(target_arch = "wasm32"))]

use tidings_compiler::links::{self, Refused, Target};
use tidings_compiler::text;
use tidings_widget::format;

/// Tags as authors and hosts write them: spacing, case, scripts with their own case rules, whitespace other
/// than the space.
const TAGS: &[&str] = &[
    "gaza",
    "  Gaza  Strip ",
    "USA",
    "Émigrés",
    "ÉCOLE\tPUBLIQUE",
    "ΟΔΟΣ ΣΟΦΟΣ",
    "İstanbul",
    "straße",
    "new\nline",
    "no\u{a0}break",
    "ideographic\u{3000}space",
    "日本 ニュース",
    "أخبار عاجلة",
    "",
    "   ",
    "a-b c",
    "emoji 🎉 tag",
];

#[test]
fn the_widget_spells_a_tag_as_the_compiler_does() {
    for tag in TAGS {
        assert_eq!(
            format::normalize_tag(tag),
            text::normalize_tag(tag),
            "tag {tag:?}"
        );
    }
}

/// Link and image URLs as seeds write them, hostile ones among them.
const URLS: &[&str] = &[
    "https://a.example/x",
    "http://a.example/x?y=1#z",
    "HTTPS://A.EXAMPLE/",
    "  https://a.example/padded  ",
    "mailto:desk@news.example",
    "MAILTO:desk@news.example",
    "javascript:alert(1)",
    " JaVa\tScRiPt:alert(1)",
    "java\nscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://a.example/",
    "blob:https://a.example/uuid",
    "//a.example/protocol-relative",
    "/site/relative",
    "relative/path.png",
    "https://",
    "http:a.example",
];

#[test]
fn a_url_the_compiler_keeps_passes_the_widget_and_a_refused_scheme_does_not() {
    let base = url::Url::parse("https://news.example/2023/11/01/story.html").unwrap();
    for raw in URLS {
        for (target, mailto) in [(Target::Link, true), (Target::Image, false)] {
            match links::check(raw, target, Some(&base)) {
                Ok(kept) => assert!(
                    format::safe_url(&kept, mailto),
                    "{raw:?} kept by the compiler as {kept:?} ({target:?}), refused by the widget"
                ),
                Err(Refused::Scheme(scheme)) => assert!(
                    !format::safe_url(raw, mailto),
                    "{raw:?} refused by the compiler ({scheme}, {target:?}), passed by the widget"
                ),
                Err(Refused::Relative | Refused::Invalid) => {}
            }
        }
    }
}
