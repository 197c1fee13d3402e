//! Presenting diagnostics: rustc/miette-style reports for people, JSON for
//! tools. Both show `file:line:column`; neither ever shows a redacted value.

use super::{Diagnostic, Severity, SourceFile, Span};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource};
use serde::Serialize;
use std::fmt;

/// How diagnostics are printed (`--format`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Reports with the source line and a caret, for people.
    Human,
    /// One JSON document on stdout, for tools.
    Json,
    /// GitHub Actions workflow commands (`::error file=...,line=...`).
    Github,
}

/// Renders diagnostics for a terminal. `color` adds ANSI styling.
pub fn render_human(source: &SourceFile, diags: &[Diagnostic], color: bool) -> String {
    let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_context_lines(1).with_width(100);
    let mut out = String::new();
    for d in diags {
        let report = Report { diag: d, source: NamedSource::new(&source.name, masked_text(source, &d.redact)) };
        let mut one = String::new();
        if handler.render_report(&mut one, &report).is_err() {
            one = format!("{}: {}: {}\n", location(source, d.primary.span), d.code, d.message);
        }
        if !d.primary.span.is_real() {
            // No source frame to carry the location: name the file.
            out.push_str(&format!("{}: {}\n", severity_word(d.severity), location(source, d.primary.span)));
        }
        out.push_str(&one);
        out.push('\n');
    }
    out
}

/// `file:line:column`, or just `file` for a synthetic span.
pub fn location(source: &SourceFile, span: Span) -> String {
    if span.is_real() { format!("{}:{}:{}", source.name, span.line, span.column) } else { source.name.clone() }
}

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// The source with every redacted value masked: the span's characters
/// after the fourth, and the lines that continue the value (a block or
/// multi-line scalar reaches past the span, which covers its first line
/// only), replaced by `*`. Byte lengths and line breaks are kept, so every
/// other span stays valid.
fn masked_text(source: &SourceFile, redact: &[Span]) -> String {
    if redact.is_empty() {
        return source.text.clone();
    }
    let text = &source.text;
    let mut out = text.clone().into_bytes();
    let mut mask = |from: usize, to: usize, keep: usize| {
        let Some(slice) = text.get(from..to) else { return };
        for (i, (at, ch)) in slice.char_indices().enumerate() {
            if i >= keep && ch != '\n' && ch != '\r' {
                out[from + at..from + at + ch.len_utf8()].fill(b'*');
            }
        }
    };
    for span in redact {
        let end = (span.offset + span.len).min(text.len());
        mask(span.offset, end, 4);
        // Continuation lines: more indented than the value's line, or as
        // indented when the value starts its line (block scalar content).
        let line_start = text[..span.offset.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
        let first = &text[line_start..];
        let indent = first.len() - first.trim_start_matches(' ').len();
        let starts_line = line_start + indent == span.offset;
        let mut at = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
        while at < text.len() {
            let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
            let line = &text[at..line_end];
            let blank = line.trim().is_empty();
            let own = line.len() - line.trim_start_matches(' ').len();
            let continues = own > indent || (starts_line && own >= indent);
            if !blank && !continues {
                break;
            }
            mask(at, line_end, 0);
            at = line_end;
        }
    }
    String::from_utf8(out).unwrap_or_default()
}

/// What `--format json` prints.
#[derive(Serialize)]
pub struct JsonReport<'a> {
    pub file: &'a str,
    pub valid: bool,
    pub errors: usize,
    pub warnings: usize,
    pub diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    pub severity: Severity,
    pub code: &'a str,
    pub message: &'a str,
    pub file: &'a str,
    pub line: u32,
    pub column: u32,
    /// The source line, with any redacted value masked.
    pub source_line: String,
    pub label: &'a str,
    pub hint: Option<&'a str>,
    pub related: Vec<JsonLabel<'a>>,
}

#[derive(Serialize)]
pub struct JsonLabel<'a> {
    pub line: u32,
    pub column: u32,
    pub message: &'a str,
}

pub fn render_json(source: &SourceFile, diags: &[Diagnostic]) -> String {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let report = JsonReport {
        file: &source.name,
        valid: errors == 0,
        errors,
        warnings: diags.len() - errors,
        diagnostics: diags
            .iter()
            .map(|d| {
                let masked = SourceFile::new(&source.name, masked_text(source, &d.redact));
                JsonDiagnostic {
                    severity: d.severity,
                    code: d.code,
                    message: &d.message,
                    file: &source.name,
                    line: d.primary.span.line,
                    column: d.primary.span.column,
                    source_line: excerpt(masked.line_text(d.primary.span.line), d.primary.span.column),
                    label: &d.primary.message,
                    hint: d.hint.as_deref(),
                    related: d
                        .secondary
                        .iter()
                        .map(|l| JsonLabel { line: l.span.line, column: l.span.column, message: &l.message })
                        .collect(),
                }
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&report).unwrap_or_default();
    s.push('\n');
    s
}

/// A source line for JSON output: whole when short, else a window of
/// `EXCERPT_CHARS` characters around `column` marked with `…`.
fn excerpt(line: &str, column: u32) -> String {
    const EXCERPT_CHARS: usize = 160;
    let count = line.chars().count();
    if count <= EXCERPT_CHARS {
        return line.to_string();
    }
    let start = (column as usize).saturating_sub(EXCERPT_CHARS / 2).min(count - EXCERPT_CHARS);
    let mut out: String = line.chars().skip(start).take(EXCERPT_CHARS).collect();
    if start > 0 {
        out.insert(0, '…');
    }
    if start + EXCERPT_CHARS < count {
        out.push('…');
    }
    out
}

/// GitHub Actions annotations: one workflow command per diagnostic.
pub fn render_github(source: &SourceFile, diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut msg = format!("{}: {}", d.code, d.message);
        if let Some(h) = &d.hint {
            msg.push_str(&format!(" (hint: {h})"));
        }
        out.push_str(&format!(
            "::{level} file={},line={},col={},title={}::{}\n",
            gh_escape_prop(&source.name),
            d.primary.span.line.max(1),
            d.primary.span.column.max(1),
            d.code,
            gh_escape_data(&msg)
        ));
    }
    out
}

fn gh_escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn gh_escape_prop(s: &str) -> String {
    gh_escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Adapter presenting one of our diagnostics to miette's renderer.
struct Report<'a> {
    diag: &'a Diagnostic,
    source: NamedSource<String>,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diag.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diag.message)
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diag.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.diag.code))
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.diag.hint.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.diag.primary.span.is_real().then_some(&self.source as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if !self.diag.primary.span.is_real() {
            return None;
        }
        let primary = std::iter::once(&self.diag.primary).map(|l| {
            let text = (!l.message.is_empty()).then(|| l.message.clone());
            LabeledSpan::new_primary_with_span(text, (l.span.offset, l.span.len))
        });
        let secondary = self
            .diag
            .secondary
            .iter()
            .filter(|l| l.span.is_real())
            .map(|l| LabeledSpan::new_with_span(Some(l.message.clone()), (l.span.offset, l.span.len)));
        Some(Box::new(primary.chain(secondary)))
    }
}
