//! The YAML front end: text → spanned [`Node`] tree.
//!
//! Built on `saphyr-parser`'s event stream (a YAML 1.2 parser that reports a
//! span for every event) rather than on serde: serde stops at the first
//! error and forgets positions, while sovc reports every problem with its
//! `line:column`. Plain scalars are typed by the YAML 1.2 core schema
//! (`true`, `3`, `null`), quoted and block scalars are always strings.
//! Anchors and aliases are expanded under [`limits::MAX_NODES`] so an alias
//! bomb is an error, not an out-of-memory.

use super::limits;
use super::tree::{Entry, Node, Value};
use crate::diag::{Diagnostic, Diagnostics, SourceFile, Span, codes};
use saphyr_parser::{Event, Parser, ScalarStyle};
use std::collections::HashMap;

/// Parses one YAML document. Returns `None` (with diagnostics) when the text
/// is not a well-formed, single-document YAML stream within the limits.
pub fn parse(src: &SourceFile, diags: &mut Diagnostics) -> Option<Node> {
    let mut builder =
        Builder { src, diags, stack: Vec::new(), anchors: HashMap::new(), nodes: 0, root: None, documents: 0 };
    for item in Parser::new_from_str(&src.text) {
        match item {
            Ok((event, span)) => {
                let sp = builder.span(span);
                if !builder.event(event, sp) {
                    return None;
                }
            }
            Err(err) => {
                let m = err.marker();
                let span = src.span_at(m.line(), m.col(), 1);
                if err.info().contains("recursion limit") {
                    builder.limit(span, "nesting too deep".to_string());
                    return None;
                }
                if err.info().contains("unknown anchor") {
                    builder.diags.push(
                        Diagnostic::error(codes::UNDEFINED_ALIAS, span, "this alias names no anchor")
                            .label("no `&anchor` of this name comes before it")
                            .hint("define the anchor (`&name value`) before using `*name`, or write the value out"),
                    );
                    return None;
                }
                let hint = if src.line_text(span.line).contains('\t') {
                    "this line holds a tab: indent and separate with spaces only"
                } else {
                    "check indentation, a missing `:` or an unclosed quote or bracket on this line or the one before"
                };
                builder.diags.push(
                    Diagnostic::error(codes::SYNTAX, span, format!("YAML syntax error: {}", err.info()))
                        .label("the parser stopped here")
                        .hint(hint),
                );
                return None;
            }
        }
    }
    match builder.root.take() {
        Some(root) => Some(root),
        None => {
            builder.diags.push(
                Diagnostic::error(codes::EMPTY_FILE, src.start(), "the file holds no topology")
                    .hint("start from `sovc init`, or see examples/ for a complete topology"),
            );
            None
        }
    }
}

enum Frame {
    Seq { items: Vec<Node>, span: Span, anchor: usize },
    Map { entries: Vec<Entry>, key: Option<(String, Span)>, bad_key: bool, span: Span, anchor: usize },
}

struct Builder<'a> {
    src: &'a SourceFile,
    diags: &'a mut Diagnostics,
    stack: Vec<Frame>,
    anchors: HashMap<usize, Node>,
    nodes: usize,
    root: Option<Node>,
    documents: usize,
}

impl Builder<'_> {
    fn span(&self, span: saphyr_parser::Span) -> Span {
        let (start, end) = (span.start, span.end);
        let chars = if end.line() == start.line() { end.index().saturating_sub(start.index()) } else { usize::MAX };
        let line_len = self.src.line_chars(start.line() as u32);
        let len = chars.min(line_len.saturating_sub(start.col()));
        self.src.span_at(start.line(), start.col(), len)
    }

    /// Handles one event; false stops parsing (an error was reported).
    fn event(&mut self, event: Event<'_>, span: Span) -> bool {
        match event {
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    self.diags.push(
                        Diagnostic::error(codes::MULTIPLE_DOCUMENTS, span, "a second YAML document in the topology file")
                            .label("the second document starts here")
                            .hint("a topology file holds one document: remove this `---` and what follows, or merge it into the first"),
                    );
                    return false;
                }
                true
            }
            Event::Scalar(text, style, anchor, tag) => {
                let is_str_tag = tag.as_ref().is_some_and(|t| t.suffix == "str");
                // A scalar in key position stays text whatever it looks like.
                if let Some(Frame::Map { key: None, .. }) = self.stack.last() {
                    return self.complete(Node::new(Value::Str(text.into_owned()), span), anchor, true);
                }
                let value = if style == ScalarStyle::Plain && !is_str_tag {
                    resolve_plain(&text)
                } else {
                    Value::Str(text.into_owned())
                };
                self.complete(Node::new(value, span), anchor, false)
            }
            Event::SequenceStart(anchor, _) => self.open(Frame::Seq { items: Vec::new(), span, anchor }),
            Event::MappingStart(anchor, _) => {
                self.open(Frame::Map { entries: Vec::new(), key: None, bad_key: false, span, anchor })
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = self.stack.pop() else { return true };
                let (node, anchor) = match frame {
                    Frame::Seq { items, span, anchor } => (Node::new(Value::Seq(items), span), anchor),
                    Frame::Map { entries, span, anchor, .. } => (Node::new(Value::Map(entries), span), anchor),
                };
                self.complete(node, anchor, false)
            }
            Event::Alias(id) => {
                let Some(node) = self.anchors.get(&id).cloned() else {
                    self.diags.push(Diagnostic::error(
                        codes::UNDEFINED_ALIAS,
                        span,
                        "this alias names no anchor defined before it",
                    ));
                    return false;
                };
                let size = node.size();
                self.nodes += size;
                if self.nodes > limits::MAX_NODES {
                    return self
                        .limit(span, format!("alias expansion exceeds {} nodes (an alias bomb?)", limits::MAX_NODES));
                }
                self.complete(node, 0, false)
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => true,
        }
    }

    fn open(&mut self, frame: Frame) -> bool {
        if self.stack.len() >= limits::MAX_DEPTH {
            let span = match &frame {
                Frame::Seq { span, .. } | Frame::Map { span, .. } => *span,
            };
            return self.limit(span, format!("nesting deeper than {} levels", limits::MAX_DEPTH));
        }
        self.stack.push(frame);
        true
    }

    fn limit(&mut self, span: Span, what: String) -> bool {
        self.diags.push(
            Diagnostic::error(codes::LIMIT_EXCEEDED, span, format!("the topology is too large to read: {what}"))
                .hint("a topology is a few thousand lines at most; check for generated or corrupted input"),
        );
        false
    }

    /// Places a finished node in its parent (or as the root).
    fn complete(&mut self, node: Node, anchor: usize, as_key: bool) -> bool {
        self.nodes += 1;
        if self.nodes > limits::MAX_NODES {
            return self.limit(node.span, format!("more than {} values", limits::MAX_NODES));
        }
        if anchor > 0 {
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, bad_key, .. }) => match key.take() {
                None => {
                    if let (true, Value::Str(k)) = (as_key, &node.value) {
                        *key = Some((k.clone(), node.span));
                    } else {
                        self.diags.push(
                            Diagnostic::error(
                                codes::KEY_NOT_STRING,
                                node.span,
                                format!("a map key must be a plain string, found {}", node.kind()),
                            )
                            .hint("write keys as plain words, e.g. `name:`"),
                        );
                        *key = Some((String::new(), node.span));
                        *bad_key = true;
                    }
                }
                Some((k, key_span)) => {
                    if std::mem::take(bad_key) {
                        return true;
                    }
                    if let Some(first) = entries.iter().find(|e| e.key == k) {
                        let first_span = first.key_span;
                        self.diags.push(
                            Diagnostic::error(
                                codes::DUPLICATE_KEY,
                                key_span,
                                format!("`{k}` appears twice in this map"),
                            )
                            .label("second occurrence")
                            .with_secondary(first_span, "first occurrence")
                            .hint("remove one of them; YAML would silently keep only one"),
                        );
                        return true;
                    }
                    entries.push(Entry { key: k, key_span, value: node });
                }
            },
        }
        true
    }
}

/// Types a plain scalar by the YAML 1.2 core schema.
fn resolve_plain(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => return Value::Float(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => return Value::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
        _ => {}
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(i) = text.parse::<i64>() {
            return Value::Int(i);
        }
    }
    if let Some(oct) = text.strip_prefix("0o") {
        if let Ok(i) = i64::from_str_radix(oct, 8) {
            return Value::Int(i);
        }
    }
    if let Some(hex) = text.strip_prefix("0x") {
        if let Ok(i) = i64::from_str_radix(hex, 16) {
            return Value::Int(i);
        }
    }
    if is_core_float(text) {
        if let Ok(f) = text.parse::<f64>() {
            return Value::Float(f);
        }
    }
    Value::Str(text.to_string())
}

/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
fn is_core_float(text: &str) -> bool {
    let s = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exp) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((a, b)) => (a, Some(b)),
        None => (mantissa, None),
    };
    let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match frac {
        None => !int.is_empty() && all_digits(int),
        Some(f) => all_digits(int) && all_digits(f) && !(int.is_empty() && f.is_empty()),
    };
    let exp_ok = exp.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && all_digits(e)
    });
    mantissa_ok && exp_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Option<Node>, Diagnostics) {
        let src = SourceFile::new("t.yaml", text);
        let mut d = Diagnostics::new();
        (parse(&src, &mut d), d)
    }

    #[test]
    fn plain_scalars_follow_the_core_schema() {
        assert_eq!(resolve_plain("3"), Value::Int(3));
        assert_eq!(resolve_plain("true"), Value::Bool(true));
        assert_eq!(resolve_plain("~"), Value::Null);
        assert_eq!(resolve_plain("0.29.2"), Value::Str("0.29.2".into()));
        assert_eq!(resolve_plain("1.5"), Value::Float(1.5));
        assert_eq!(resolve_plain("1h"), Value::Str("1h".into()));
        assert_eq!(resolve_plain("yes"), Value::Str("yes".into()));
    }

    #[test]
    fn spans_point_at_values() {
        let (node, d) = read("a: 1\nb:\n  - x\n  - \"y\"\n");
        assert!(d.is_empty());
        let Value::Map(entries) = node.unwrap().value else { panic!() };
        assert_eq!((entries[1].key_span.line, entries[1].key_span.column), (2, 1));
        let Value::Seq(items) = &entries[1].value.value else { panic!() };
        assert_eq!((items[1].span.line, items[1].span.column), (4, 5));
        assert_eq!(items[1].value, Value::Str("y".into()));
    }

    #[test]
    fn duplicate_keys_and_syntax_errors_are_reported() {
        let (_, d) = read("a: 1\na: 2\n");
        assert_eq!(d.iter().next().unwrap().code, codes::DUPLICATE_KEY);
        let (node, d) = read("a: [1, 2\n");
        assert!(node.is_none());
        assert_eq!(d.iter().next().unwrap().code, codes::SYNTAX);
    }

    #[test]
    fn alias_bombs_are_stopped() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        let mut prev = 'a';
        for c in 'b'..='k' {
            text.push_str(&format!(
                "{c}: &{c} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
            prev = c;
        }
        let (node, d) = read(&text);
        assert!(node.is_none());
        assert_eq!(d.iter().next().unwrap().code, codes::LIMIT_EXCEEDED);
    }

    #[test]
    fn deep_nesting_is_stopped() {
        let text = "[".repeat(200) + &"]".repeat(200);
        let (node, d) = read(&text);
        assert!(node.is_none());
        assert_eq!(d.iter().next().unwrap().code, codes::LIMIT_EXCEEDED);
    }
}
