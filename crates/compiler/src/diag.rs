//! Diagnostics: what is wrong with a seed, where, and how to fix it.
//!
//! The core never prints. It collects [`Diagnostic`]s into a [`Report`] that also keeps the text of every file
//! it read, so the edge (the CLI, a test) can render them rustc-style with `codespan-reporting`: file, line,
//! column, the offending line with a caret, the message and a `help:` line.

use std::borrow::Cow;
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as Rendered, Label, Severity as RenderedSeverity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, Config};

pub use crate::code::Code;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The seed still compiles; `--strict` turns it into an error.
    Warning,
    /// Nothing is written.
    Error,
}

/// One finding about one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Its kind, with a stable code (`docs/diagnostics.md`).
    pub code: Code,
    /// Index of the file in [`Report::files`].
    pub file: usize,
    /// Byte range in the file's text that the finding points at, when there is one.
    pub span: Option<Range<usize>>,
    /// What is wrong, in one line.
    pub message: String,
    /// Short text under the caret.
    pub label: String,
    /// How to fix it.
    pub help: Option<String>,
}

/// A file the compiler looked at: its path as shown to people and its text (empty when unreadable).
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the seeds folder, with `/` separators.
    pub name: String,
    /// The file's text, which diagnostics' spans index into. Empty for a seed none of whose diagnostics points into
    /// it (most seeds): the compiler does not keep every seed's text to the end of a run.
    pub text: String,
}

/// Every file read and every diagnostic found in one run.
#[derive(Debug, Default)]
pub struct Report {
    /// Files in the order they were read.
    pub files: Vec<SourceFile>,
    /// Diagnostics in the order they were found (file by file).
    pub diagnostics: Vec<Diagnostic>,
}

/// Where the diagnostics of one file go.
pub struct Sink<'a> {
    /// Index of the file in [`Report::files`].
    pub file: usize,
    /// The run's diagnostics, appended to.
    pub out: &'a mut Vec<Diagnostic>,
}

impl Sink<'_> {
    /// Records an error about the file as a whole: there is no text to point at.
    pub fn file_error(&mut self, code: Code, message: impl Into<String>, help: impl Into<String>) {
        self.error(code, None, message, "", help);
    }

    /// Records a warning about the file as a whole.
    pub fn file_warning(
        &mut self,
        code: Code,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.warning(code, None, message, "", help);
    }

    /// Errors recorded so far for this file.
    pub fn error_count(&self) -> usize {
        self.out
            .iter()
            .filter(|d| d.file == self.file && d.severity == Severity::Error)
            .count()
    }

    /// Whether an error of this file starts with `prefix`.
    pub fn has_error_starting(&self, prefix: &str) -> bool {
        self.out.iter().any(|d| {
            d.file == self.file && d.severity == Severity::Error && d.message.starts_with(prefix)
        })
    }

    /// Records an error at `span`.
    pub fn error(
        &mut self,
        code: Code,
        span: Option<Range<usize>>,
        message: impl Into<String>,
        label: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.push(
            Severity::Error,
            code,
            span,
            message.into(),
            label.into(),
            help.into(),
        );
    }

    /// Records a warning at `span`.
    pub fn warning(
        &mut self,
        code: Code,
        span: Option<Range<usize>>,
        message: impl Into<String>,
        label: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.push(
            Severity::Warning,
            code,
            span,
            message.into(),
            label.into(),
            help.into(),
        );
    }

    fn push(
        &mut self,
        severity: Severity,
        code: Code,
        span: Option<Range<usize>>,
        message: String,
        label: String,
        help: String,
    ) {
        self.out.push(Diagnostic {
            severity,
            code,
            file: self.file,
            span,
            message,
            label,
            help: (!help.is_empty()).then_some(help),
        });
    }
}

impl Report {
    /// Where the diagnostics of file `file` (an index in [`Report::files`]) go.
    pub fn sink(&mut self, file: usize) -> Sink<'_> {
        Sink {
            file,
            out: &mut self.diagnostics,
        }
    }

    /// Number of diagnostics of `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// Whether the run must fail: any error, or any warning when `strict`.
    pub fn fails(&self, strict: bool) -> bool {
        self.count(Severity::Error) > 0 || (strict && self.count(Severity::Warning) > 0)
    }

    /// Renders one diagnostic as plain text, rustc-style. With `strict`, warnings render as errors.
    pub fn render(&self, diagnostic: &Diagnostic, strict: bool) -> String {
        let mut out = String::new();
        let (files, rendered) = self.prepare(diagnostic, strict);
        // Writing into a String cannot fail; a span outside the file would be a compiler bug, shown as text.
        if term::emit_to_string(&mut out, &Config::default(), &files, &rendered).is_err() {
            out = format!(
                "{}: {}\n",
                self.files[diagnostic.file].name, diagnostic.message
            );
        }
        out
    }

    /// Renders the diagnostics that `shown` keeps to `writer`, with colours when `writer` supports them.
    pub fn emit(
        &self,
        writer: &mut dyn term::WriteStyle,
        strict: bool,
        shown: &dyn Fn(&Diagnostic) -> bool,
    ) -> std::io::Result<()> {
        for diagnostic in self.diagnostics.iter().filter(|d| shown(d)) {
            let (files, rendered) = self.prepare(diagnostic, strict);
            term::emit_to_write_style(writer, &Config::default(), &files, &rendered)
                .map_err(std::io::Error::other)?;
        }
        Ok(())
    }

    /// Renders errors in full and warnings one line per kind, with how many there are, in how many files, and
    /// where the first is: a build of a large archive fits on a screen. With `strict`, warnings are errors and
    /// shown in full.
    pub fn emit_grouped(
        &self,
        writer: &mut dyn term::WriteStyle,
        strict: bool,
        shown: &dyn Fn(&Diagnostic) -> bool,
    ) -> std::io::Result<()> {
        let full = |d: &Diagnostic| shown(d) && (strict || d.severity == Severity::Error);
        self.emit(writer, strict, &full)?;
        let mut groups: Vec<(Code, Vec<&Diagnostic>)> = Vec::new();
        for d in self.diagnostics.iter().filter(|d| shown(d) && !full(d)) {
            match groups.iter_mut().find(|(code, _)| *code == d.code) {
                Some((_, all)) => all.push(d),
                None => groups.push((d.code, vec![d])),
            }
        }
        for (code, all) in &groups {
            // Not always in file order: slug warnings come after every file's own.
            let mut files: Vec<usize> = all.iter().map(|d| d.file).collect();
            files.sort_unstable();
            files.dedup();
            let seeds = match files.len() {
                1 => "1 file".to_string(),
                n => format!("{} files", thousands(n)),
            };
            writer.set_header(RenderedSeverity::Warning)?;
            write!(writer, "warning[{}]", code.name())?;
            writer.reset()?;
            writeln!(
                writer,
                ": {}: {} in {seeds}, first at {}",
                code.title(),
                thousands(all.len()),
                self.place(all[0])
            )?;
            writeln!(writer, "  = first: {}", all[0].message)?;
        }
        if !groups.is_empty() {
            writeln!(
                writer,
                "  = every warning in full: --verbose; for editors and CI: --format json"
            )?;
        }
        Ok(())
    }

    /// Line and column (both from 1, the column in characters) where `d` points, when it points into its file.
    pub fn location(&self, d: &Diagnostic) -> Option<(usize, usize)> {
        let text = &self.files[d.file].text;
        let start = d.span.as_ref()?.start.min(text.len());
        let start = (0..=start).rev().find(|&i| text.is_char_boundary(i))?;
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line = text[..line_start].matches('\n').count() + 1;
        Some((line, text[line_start..start].chars().count() + 1))
    }

    /// `file:line:column`, or the file alone when `d` points at no text.
    pub fn place(&self, d: &Diagnostic) -> String {
        let name = &self.files[d.file].name;
        match self.location(d) {
            Some((line, column)) => format!("{name}:{line}:{column}"),
            None => name.clone(),
        }
    }

    /// One diagnostic as a JSON object, for editors and CI: `file`, `line`, `column` (null when it points at no
    /// text), `severity`, `code`, `message`, `help`.
    pub fn json(&self, d: &Diagnostic) -> serde_json::Value {
        let (line, column) = self.location(d).unzip();
        serde_json::json!({
            "file": self.files[d.file].name,
            "line": line,
            "column": column,
            "severity": match d.severity { Severity::Error => "error", Severity::Warning => "warning" },
            "code": d.code.name(),
            "message": d.message,
            "help": d.help,
        })
    }

    /// The file as codespan sees it and the diagnostic to render. A line longer than [`MAX_SHOWN_LINE`] is shown
    /// as a window around the span, so a 100,000-character line does not flood the terminal.
    fn prepare(
        &self,
        d: &Diagnostic,
        strict: bool,
    ) -> (SimpleFiles<&str, Cow<'_, str>>, Rendered<usize>) {
        let file = &self.files[d.file];
        let severity = match d.severity {
            Severity::Error => RenderedSeverity::Error,
            Severity::Warning if strict => RenderedSeverity::Error,
            Severity::Warning => RenderedSeverity::Warning,
        };
        let mut rendered = Rendered::new(severity)
            .with_code(d.code.name())
            .with_message(&d.message);
        let mut text = Cow::Borrowed(file.text.as_str());
        match &d.span {
            Some(span) => {
                let (shown, span, note) = window(&file.text, span.clone());
                if let Some(note) = note {
                    text = Cow::Owned(shown);
                    rendered = rendered.with_notes(vec![note]);
                }
                rendered =
                    rendered.with_labels(vec![Label::primary(0, span).with_message(&d.label)]);
            }
            None => rendered = rendered.with_notes(vec![format!("in {}", file.name)]),
        }
        if let Some(help) = &d.help {
            rendered = rendered.with_notes(vec![format!("help: {help}")]);
        }
        let mut files = SimpleFiles::new();
        files.add(file.name.as_str(), text);
        (files, rendered)
    }
}

/// `1,204`: a count as people read it.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Longest source line shown whole in a diagnostic, in bytes.
pub const MAX_SHOWN_LINE: usize = 240;

/// `text` cut to the lines up to the span's, with that line narrowed around the span when it is too long; the
/// span moved to match; and a note saying where the window starts. Unchanged (and no note) for normal lines.
fn window(
    text: &str,
    span: std::ops::Range<usize>,
) -> (String, std::ops::Range<usize>, Option<String>) {
    let start = span.start.min(text.len());
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    if line_end - line_start <= MAX_SHOWN_LINE {
        return (String::new(), span, None);
    }
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let from = floor(start.saturating_sub(60).max(line_start));
    let to = floor((start + 120).min(line_end));
    let shown = format!("{}…{}…", &text[..line_start], &text[from..to]);
    let offset = line_start + '…'.len_utf8() + (start - from);
    let len = span.end.min(to).saturating_sub(start);
    let line = text[..line_start].matches('\n').count() + 1;
    let column = text[line_start..start].chars().count() + 1;
    let note = format!(
        "line {line} is {} characters long; shown from column {}, the span is at column {column}",
        text[line_start..line_end].chars().count(),
        text[line_start..from].chars().count() + 1
    );
    (shown, offset..offset + len, Some(note))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_file_line_column_caret_and_help() {
        let mut report = Report {
            files: vec![SourceFile {
                name: "a.md".into(),
                text: "---\ntags: [x\n---\n".into(),
            }],
            diagnostics: vec![],
        };
        report.sink(0).error(
            Code::WrongType,
            Some(10..12),
            "bad tags",
            "here",
            "close the list with `]`",
        );
        let text = report.render(&report.diagnostics[0], false);
        assert!(text.starts_with("error[E007]: bad tags"), "{text}");
        assert!(text.contains("a.md:2:7"), "{text}");
        assert!(text.contains("tags: [x"), "{text}");
        assert!(text.contains("^^ here"), "{text}");
        assert!(text.contains("help: close the list with `]`"), "{text}");
    }

    #[test]
    fn strict_renders_warnings_as_errors() {
        let mut report = Report {
            files: vec![SourceFile {
                name: "a.md".into(),
                text: String::new(),
            }],
            diagnostics: vec![],
        };
        report.sink(0).file_warning(Code::KeyUnknown, "odd", "");
        assert!(report
            .render(&report.diagnostics[0], true)
            .starts_with("error[W003]: odd"));
        assert!(report.fails(true) && !report.fails(false));
    }

    #[test]
    fn a_very_long_line_is_shown_as_a_window_around_the_span() {
        let text = format!("---\ntags: [{}x]\n", "a, ".repeat(50_000));
        let at = text.rfind('x').unwrap();
        let mut report = Report {
            files: vec![SourceFile {
                name: "long.md".into(),
                text,
            }],
            diagnostics: vec![],
        };
        report
            .sink(0)
            .error(Code::WrongType, Some(at..at + 1), "bad", "this x", "");
        let shown = report.render(&report.diagnostics[0], false);
        assert!(shown.len() < 2_000, "{} bytes", shown.len());
        assert!(shown.contains("long.md:2:"), "{shown}");
        assert!(shown.contains("^ this x"), "{shown}");
        assert!(shown.contains("line 2 is 150009 characters long; shown from column 149948, the span is at column 150008"), "{shown}");
    }
}
