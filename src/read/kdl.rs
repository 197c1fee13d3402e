//! The KDL v2 front end: text → the same spanned [`Node`] tree the YAML
//! front end builds, so one decoder and one set of rules serve both.
//!
//! Parsing is the `kdl` crate's (KDL v2); [`mapper`] applies the mapping
//! documented in `docs/kdl.md` (node names for fields and list items,
//! properties for scalars, arguments for lists), [`shape`] holds the little
//! schema knowledge that mapping needs, [`recover`] finds the syntax errors
//! past a bad property value (where the parser stops), and [`syntax`] turns
//! parse errors into diagnostics at KDL `line:column`.

mod mapper;
mod nesting;
mod recover;
pub mod respell;
pub mod shape;
mod syntax;

use super::tree::Node;
use crate::diag::{Diagnostic, Diagnostics, SourceFile, codes};

/// Parses one KDL v2 topology. `None` (with diagnostics) when the text is
/// not well-formed KDL within the reading limits.
pub fn parse(src: &SourceFile, diags: &mut Diagnostics) -> Option<Node> {
    if let Some(span) = nesting::too_deep(src) {
        diags.push(
            Diagnostic::error(
                codes::LIMIT_EXCEEDED,
                span,
                format!("the topology is too large to read: nesting deeper than {} levels", super::limits::MAX_DEPTH),
            )
            .hint("a topology is a few thousand lines at most; check for generated or corrupted input"),
        );
        return None;
    }
    let doc = match recover::parse(&src.text) {
        Ok(doc) => doc,
        Err(err) => {
            syntax::report(src, &err, diags);
            return None;
        }
    };
    if doc.nodes().is_empty() {
        diags.push(
            Diagnostic::error(codes::EMPTY_FILE, src.start(), "the file holds no topology")
                .hint("see docs/kdl.md or examples/*.kdl for a complete topology"),
        );
        return None;
    }
    Some(mapper::Mapper::new(src, diags).document(&doc))
}
