//! Diagnostics: source positions, findings with stable codes, and their
//! rendering for people and tools.

pub mod codes;
mod diagnostic;
pub mod redact;
mod render;
mod source;
mod span;

pub use diagnostic::{Diagnostic, Diagnostics, Label, Severity};
pub use render::{Format, location, render_github, render_human, render_json};
pub use source::SourceFile;
pub use span::{Sp, Span};
