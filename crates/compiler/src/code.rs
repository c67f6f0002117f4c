//! Every kind of diagnostic, with its stable code: what `--format json` prints, what the default output groups
//! warnings by, and what `docs/diagnostics.md` documents with an example (a test holds the two together).

/// The kind of a diagnostic. The code (`Code::name`) never changes once released: editors and CI match on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    // Errors: nothing is written.
    /// The seeds folder does not exist.
    SeedsFolderMissing,
    /// A file or folder could not be read (permissions, a symbolic-link loop).
    FileUnreadable,
    /// A seed over the size limit.
    FileTooLarge,
    /// A seed that is not UTF-8.
    NotUtf8,
    /// A `---` or `+++` block that never closes.
    FrontMatterUnclosed,
    /// Front matter that is not valid YAML or TOML, or not `key: value` pairs.
    FrontMatterInvalid,
    /// A key whose value has the wrong type (a list where one value belongs, a mapping where a list belongs).
    WrongType,
    /// A source that is not an http or https URL.
    SourceInvalid,
    /// Neither a `title` nor a `# Heading`.
    TitleMissing,
    /// A `date` (or `publishDate`, `expiryDate`) that is not a date.
    DateInvalid,
    /// Two seeds whose file names give the same id.
    IdDuplicate,
    /// A `tidings.toml` that cannot be read.
    ProjectInvalid,
    // Warnings: the seed still compiles.
    /// A seed without front matter.
    NoFrontMatter,
    /// A seed without sources.
    NoSources,
    /// A key Tidings does not know.
    KeyUnknown,
    /// A key given twice.
    KeyRepeated,
    /// A byte-order mark inside the front matter, removed.
    StrayBom,
    /// An empty tag.
    TagEmpty,
    /// An `image` that is not an http or https URL.
    ImageInvalid,
    /// A `permalink`, `link` or `canonical_url` that cannot be made an absolute http or https URL.
    CanonicalInvalid,
    /// A `lang` that is not a language tag.
    LangInvalid,
    /// A link or image URL with a scheme other than http, https (and mailto for links).
    UrlSchemeDropped,
    /// A relative link or image URL with nothing to resolve it against.
    RelativeUrlDropped,
    /// A link or image URL that does not parse.
    UrlInvalid,
    /// Raw HTML in the Markdown, not shown.
    RawHtml,
    /// Nesting deeper than the widget renders, flattened.
    NestingFlattened,
    /// Two articles whose titles give the same slug.
    SlugDuplicate,
    /// A key of `tidings.toml` that Tidings does not know.
    ProjectKeyUnknown,
}

impl Code {
    /// Every code, in the order `docs/diagnostics.md` lists them.
    pub const ALL: &[Code] = &[
        Code::SeedsFolderMissing,
        Code::FileUnreadable,
        Code::FileTooLarge,
        Code::NotUtf8,
        Code::FrontMatterUnclosed,
        Code::FrontMatterInvalid,
        Code::WrongType,
        Code::SourceInvalid,
        Code::TitleMissing,
        Code::DateInvalid,
        Code::IdDuplicate,
        Code::ProjectInvalid,
        Code::NoFrontMatter,
        Code::NoSources,
        Code::KeyUnknown,
        Code::KeyRepeated,
        Code::StrayBom,
        Code::TagEmpty,
        Code::ImageInvalid,
        Code::CanonicalInvalid,
        Code::LangInvalid,
        Code::UrlSchemeDropped,
        Code::RelativeUrlDropped,
        Code::UrlInvalid,
        Code::RawHtml,
        Code::NestingFlattened,
        Code::SlugDuplicate,
        Code::ProjectKeyUnknown,
    ];

    /// The stable code: `E` and a number for errors, `W` and a number for warnings.
    pub fn name(self) -> &'static str {
        self.info().0
    }

    /// What the kind is, in a few words: the heading of a group of warnings.
    pub fn title(self) -> &'static str {
        self.info().1
    }

    fn info(self) -> (&'static str, &'static str) {
        match self {
            Code::SeedsFolderMissing => ("E001", "seeds folder missing"),
            Code::FileUnreadable => ("E002", "file unreadable"),
            Code::FileTooLarge => ("E003", "file too large"),
            Code::NotUtf8 => ("E004", "file not UTF-8"),
            Code::FrontMatterUnclosed => ("E005", "front matter not closed"),
            Code::FrontMatterInvalid => ("E006", "front matter invalid"),
            Code::WrongType => ("E007", "value of the wrong type"),
            Code::SourceInvalid => ("E008", "source invalid"),
            Code::TitleMissing => ("E009", "title missing"),
            Code::DateInvalid => ("E010", "date invalid"),
            Code::IdDuplicate => ("E011", "id used twice"),
            Code::ProjectInvalid => ("E012", "tidings.toml invalid"),
            Code::NoFrontMatter => ("W001", "no front matter"),
            Code::NoSources => ("W002", "no sources"),
            Code::KeyUnknown => ("W003", "unknown key ignored"),
            Code::KeyRepeated => ("W004", "key repeated"),
            Code::StrayBom => ("W005", "byte-order mark removed"),
            Code::TagEmpty => ("W006", "empty tag ignored"),
            Code::ImageInvalid => ("W007", "lead image ignored"),
            Code::CanonicalInvalid => ("W008", "link to the original ignored"),
            Code::LangInvalid => ("W009", "language tag ignored"),
            Code::UrlSchemeDropped => ("W010", "URL with a refused scheme dropped"),
            Code::RelativeUrlDropped => ("W011", "relative URL dropped"),
            Code::UrlInvalid => ("W012", "invalid URL dropped"),
            Code::RawHtml => ("W013", "raw HTML not shown"),
            Code::NestingFlattened => ("W014", "deep nesting flattened"),
            Code::SlugDuplicate => ("W015", "slug used twice"),
            Code::ProjectKeyUnknown => ("W016", "unknown tidings.toml key ignored"),
        }
    }
}
