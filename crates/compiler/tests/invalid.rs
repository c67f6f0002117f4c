//! Each kind of bad seed gets an error that names the file, the line, what is wrong and how to fix it; all of
//! them are reported in one run.

use std::path::Path;

use tidings_compiler::diag::Severity;
use tidings_compiler::{compile, Options};

/// (file, line, message, words of the help)
const EXPECTED: &[(&str, usize, &str, &str)] = &[
    (
        "billion-laughs.md",
        6,
        "front matter is not valid YAML: it is too large or too deeply nested",
        "remove anchors and aliases",
    ),
    (
        "deep-yaml.md",
        3,
        "front matter is not valid YAML: it is too large or too deeply nested",
        "remove anchors and aliases",
    ),
    (
        "bad-date.md",
        3,
        "`date` value `yesterday` is not a date",
        "YYYY-MM-DD",
    ),
    (
        "draft-not-boolean.md",
        3,
        "`draft` must be true or false, not text",
        "draft: true",
    ),
    (
        "latin1.md",
        5,
        "file is not valid UTF-8 (byte offset 49)",
        "save the file as UTF-8",
    ),
    (
        "list-front-matter.md",
        1,
        "front matter must be `key: value` pairs",
        "one `key: value` per line",
    ),
    ("no-title.md", 6, "seed has no title", "`# Heading`"),
    (
        "script-source.md",
        2,
        "source must be an http or https URL, not `javascript:`",
        "https://",
    ),
    (
        "source-without-scheme.md",
        2,
        "source `www.cnn.com/2023/11/01/story` is not a valid URL: relative URL without a base",
        "starting with https://",
    ),
    (
        "tags-as-mapping.md",
        3,
        "`tags` must be a list, not a mapping",
        "tags: [a, b]",
    ),
    (
        "title-as-list.md",
        3,
        "`title` must be a single value, not a list",
        "one value",
    ),
    (
        "unclosed-front-matter.md",
        1,
        "front matter is never closed",
        "add a line `---`",
    ),
    (
        "unclosed-list.md",
        3,
        "front matter is not valid YAML",
        "quote a value",
    ),
];

#[test]
fn every_bad_seed_is_reported_in_one_run() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid");
    let c = compile(&dir, &Options::default(), &|_, _| {});
    assert!(
        c.output.is_none(),
        "nothing to write when a seed has an error"
    );
    let errors: Vec<_> = c
        .report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    let mut seen = Vec::new();
    for d in &errors {
        let file = &c.report.files[d.file];
        let line = d
            .span
            .as_ref()
            .map(|s| file.text[..s.start].matches('\n').count() + 1);
        seen.push((file.name.as_str(), line, d.message.as_str()));
        let expected = EXPECTED
            .iter()
            .find(|(f, ..)| *f == file.name)
            .unwrap_or_else(|| panic!("unexpected error in {}: {}", file.name, d.message));
        assert!(
            d.message.starts_with(expected.2),
            "{}: {:?}",
            file.name,
            d.message
        );
        assert_eq!(
            line,
            Some(expected.1),
            "{}: line of {:?}",
            file.name,
            d.message
        );
        let help = d.help.as_deref().unwrap_or_default();
        assert!(help.contains(expected.3), "{}: help {help:?}", file.name);
        let rendered = c.report.render(d, false);
        assert!(
            rendered.contains(&format!("{}:{}:", file.name, expected.1)),
            "{rendered}"
        );
        assert!(
            rendered.contains('^'),
            "a caret under the offending text: {rendered}"
        );
    }
    assert_eq!(
        errors.len(),
        EXPECTED.len(),
        "one error per fixture: {seen:#?}"
    );
}
