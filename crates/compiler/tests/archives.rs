//! Archives written for Jekyll, Hugo and WordPress compile faithfully: the fixtures of
//! `tests/fixtures/archives/` (one post for each way those tools write front matter, with the project file
//! `tidings.toml`), and the real DigitalGov posts as Hugo published them (`corpus/digitalgov-raw/`).

use std::path::{Path, PathBuf};

use tidings_bundle::{Block, Card, Inline};
use tidings_compiler::code::Code;
use tidings_compiler::{compile, Compilation, Options};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/archives")
}

fn run(dir: &Path, options: Options) -> Compilation {
    compile(dir, &options, &|_, _| {})
}

/// The day the fixtures are compiled on: publish and expiry dates are compared with it.
fn on_a_fixed_day() -> Options {
    Options {
        today: Some("2026-12-03".into()),
        ..Options::default()
    }
}

fn card<'a>(c: &'a Compilation, title: &str) -> &'a Card {
    let output = c.output.as_ref().expect("a bundle");
    output
        .bundle
        .articles
        .iter()
        .find(|a| a.title == title)
        .unwrap_or_else(|| panic!("no article `{title}`"))
}

fn codes(c: &Compilation, code: Code) -> Vec<String> {
    c.report
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| format!("{}: {}", c.report.place(d), d.message))
        .collect()
}

#[test]
fn jekyll_hugo_and_wordpress_posts_compile_as_their_tools_would_show_them() {
    let c = run(&fixtures(), on_a_fixed_day());
    let errors: Vec<_> = c
        .report
        .diagnostics
        .iter()
        .filter(|d| d.code.name().starts_with('E'))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let bundle = &c.output.as_ref().unwrap().bundle;
    let titles: Vec<&str> = bundle.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Hello from WordPress",
            "Hello from Hugo",
            "Hello from Jekyll",
            "A stray mark before the title",
        ],
        "newest first; the draft, the unpublished, the scheduled and the expired posts left out"
    );
    assert_eq!(
        (c.stats.drafts, c.stats.scheduled, c.stats.expired),
        (2, 1, 1)
    );
    // The project file: the widget's title and language.
    assert_eq!(bundle.title.as_deref(), Some("The Example Blog"));
    assert_eq!(bundle.lang.as_deref(), Some("en"));

    // Jekyll: date and slug from the file name, `categories` and `tags` as tags, the byline, the permalink
    // resolved against the site, the lead image too; known keys (`layout`, `comments`) ignored without a word.
    let jekyll = card(&c, "Hello from Jekyll");
    assert_eq!(jekyll.date.as_deref(), Some("2020-10-12"));
    assert_eq!(jekyll.slug, "hello-jekyll");
    assert_eq!(jekyll.tags, ["elections", "news", "local"]);
    assert_eq!(jekyll.authors, ["Ana Ruiz"]);
    assert_eq!(
        jekyll.canonical.as_deref(),
        Some("https://blog.example/2020/10/12/hello/")
    );
    assert_eq!(
        jekyll.image.as_deref(),
        Some("https://blog.example/images/lead.png")
    );

    // Hugo in TOML: its slug, its authors (a slug-like name as words), the cover image.
    let hugo = card(&c, "Hello from Hugo");
    assert_eq!(hugo.date.as_deref(), Some("2020-10-13"));
    assert_eq!(hugo.slug, "hugo-hello");
    assert_eq!(hugo.tags, ["elections", "data"]);
    assert_eq!(hugo.authors, ["Zach Goldfine", "Li Wei"]);
    assert_eq!(
        hugo.image.as_deref(),
        Some("https://blog.example/covers/hugo.png")
    );

    // A WordPress export: the date with a colon in its offset, the author's display name, `link` as the
    // original, `excerpt` as the summary, a protocol-relative cover image made https.
    let wordpress = card(&c, "Hello from WordPress");
    assert_eq!(wordpress.date.as_deref(), Some("2020-10-14"));
    assert_eq!(wordpress.authors, ["Li Wei"]);
    assert_eq!(
        wordpress.canonical.as_deref(),
        Some("https://blog.example/2020/10/14/hello-wordpress/")
    );
    assert_eq!(wordpress.excerpt, "An excerpt written by hand.");
    assert_eq!(
        wordpress.image.as_deref(),
        Some("https://cdn.example/wp/cover.jpg")
    );

    // A stray byte-order mark: removed from the title, and reported at its line.
    assert_eq!(
        codes(&c, Code::StrayBom),
        ["stray-bom.md:2:8: a byte-order mark (U+FEFF) inside the front matter, on line 2, is removed"]
    );
    assert_eq!(
        codes(&c, Code::KeyUnknown),
        Vec::<String>::new(),
        "every key of these tools is known"
    );
}

/// Every link and image URL of a body, in order.
fn urls(blocks: &[Block], out: &mut Vec<String>) {
    fn inlines(content: &[Inline], out: &mut Vec<String>) {
        for inline in content {
            match inline {
                Inline::Link { href, content, .. } => {
                    out.push(href.clone());
                    inlines(content, out);
                }
                Inline::Image { src, .. } => out.push(src.clone()),
                Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => {
                    inlines(c, out)
                }
                _ => {}
            }
        }
    }
    for block in blocks {
        match block {
            Block::Paragraph(c) | Block::Heading { content: c, .. } => inlines(c, out),
            Block::Quote(inner) => urls(inner, out),
            Block::List { items, .. } => items.iter().for_each(|i| urls(i, out)),
            Block::Table { head, rows, .. } => head
                .iter()
                .chain(rows.iter().flatten())
                .for_each(|c| inlines(c, out)),
            _ => {}
        }
    }
}

fn kept_urls(c: &Compilation) -> Vec<String> {
    let mut out = Vec::new();
    for body in &c.output.as_ref().unwrap().bodies {
        let body: tidings_bundle::ArticleBody = serde_json::from_str(body).unwrap();
        urls(&body.blocks, &mut out);
        body.footnotes
            .iter()
            .for_each(|f| urls(&f.blocks, &mut out));
    }
    out
}

#[test]
fn site_relative_links_resolve_against_the_project_base_url() {
    let c = run(&fixtures(), on_a_fixed_day());
    let jekyll = card(&c, "Hello from Jekyll");
    let output = c.output.as_ref().unwrap();
    let at = output
        .bundle
        .articles
        .iter()
        .position(|a| a.id == jekyll.id)
        .unwrap();
    let body: tidings_bundle::ArticleBody = serde_json::from_str(&output.bodies[at]).unwrap();
    let mut found = Vec::new();
    urls(&body.blocks, &mut found);
    assert_eq!(
        found,
        [
            "https://blog.example/images/chart.png",
            "https://blog.example/archive/",
            // Relative to the post's own page (its permalink), as a browser would resolve it there.
            "https://blog.example/2020/10/12/hello/neighbour/",
            "https://cdn.example/file.pdf",
            "https://other.example/page",
        ]
    );
}

/// A copy of `digitalgov-raw` without its one post that has no title (an error, which would leave no bundle
/// to count in).
fn digitalgov_raw_copy() -> tempfile::TempDir {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/digitalgov-raw");
    let to = tempfile::tempdir().unwrap();
    for entry in walkdir(&from) {
        let rel = entry.strip_prefix(&from).unwrap();
        if rel.ends_with("2018-09-24-example.md") {
            continue;
        }
        let target = to.path().join(rel);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&entry, target).unwrap();
    }
    to
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walkdir(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn digitalgov_raw_with_its_base_url_keeps_every_link_that_has_a_page_to_point_at() {
    let seeds = digitalgov_raw_copy();
    let options = Options {
        expired: true,
        today: Some("2026-12-03".into()),
        ..Options::default()
    };
    let before = run(seeds.path(), options.clone());
    std::fs::write(
        seeds.path().join("tidings.toml"),
        "base_url = \"https://digital.gov\"\n",
    )
    .unwrap();
    let after = run(seeds.path(), options);
    let dropped = |c: &Compilation| codes(c, Code::RelativeUrlDropped);
    let (dropped_before, dropped_after) = (dropped(&before), dropped(&after));
    let (kept_before, kept_after) = (kept_urls(&before), kept_urls(&after));
    println!(
        "links and images kept: {} without base_url, {} with it; relative URLs dropped: {} then {}",
        kept_before.len(),
        kept_after.len(),
        dropped_before.len(),
        dropped_after.len()
    );
    // Site-relative links and images now resolve against the site; what is still dropped is in-page links
    // (`#part`), whose page the Hugo posts do not name.
    let site_relative = dropped_before
        .iter()
        .filter(|d| !d.contains("in-page"))
        .count();
    assert!(site_relative > 0, "{dropped_before:?}");
    assert!(
        dropped_after.iter().all(|d| d.contains("in-page")),
        "{:?}",
        dropped_after
            .iter()
            .filter(|d| !d.contains("in-page"))
            .collect::<Vec<_>>()
    );
    assert_eq!(kept_after.len(), kept_before.len() + site_relative);
    assert!(kept_after.iter().all(|u| u.starts_with("http://")
        || u.starts_with("https://")
        || u.starts_with("mailto:")));
}
