//! KDL document → spanned [`Node`] tree, guided by [`shape`](super::shape).
//!
//! Node names become keys, properties become scalar fields, a child node's
//! arguments become a scalar (one) or a list (list fields, or more than
//! one), children become nested maps, and item nodes (`region`, `policy`,
//! ...) are gathered into their list field. Every node and entry keeps the
//! span of its KDL token, so the shared decoder reports shape errors (unknown
//! field, wrong type, missing field) at the KDL position with the same codes
//! as for YAML.

use super::shape::{Section, Shape};
use crate::diag::{Diagnostic, Diagnostics, SourceFile, Span, codes};
use crate::read::limits;
use crate::read::tree::{Entry, Node, Value};
use ::kdl::{KdlDocument, KdlEntry, KdlNode, KdlValue};

pub struct Mapper<'a> {
    pub src: &'a SourceFile,
    pub diags: &'a mut Diagnostics,
    depth: usize,
    /// Set once the nesting limit has been reported (reported once only).
    too_deep: bool,
}

impl<'a> Mapper<'a> {
    pub fn new(src: &'a SourceFile, diags: &'a mut Diagnostics) -> Self {
        Mapper { src, diags, depth: 0, too_deep: false }
    }

    /// The whole document: the topology's root map.
    pub fn document(&mut self, doc: &KdlDocument) -> Node {
        let mut entries = Vec::new();
        self.children(&mut entries, Some(&super::shape::ROOT), doc);
        Node::new(Value::Map(entries), self.src.start())
    }

    fn span(&self, s: ::miette::SourceSpan) -> Span {
        self.src.span_of_bytes(s.offset(), s.len())
    }

    fn name_span(&self, node: &KdlNode) -> Span {
        self.span(node.name().span())
    }

    /// The span of an entry's value (without `key=`, padding or comments).
    fn value_span(&self, e: &KdlEntry) -> Span {
        let (start, len) = (e.span().offset(), e.span().len());
        if let Some(f) = e.format() {
            let end = (start + len).saturating_sub(f.trailing.len());
            let from = end.saturating_sub(f.value_repr.len());
            if from >= start && self.src.text.get(from..end) == Some(f.value_repr.as_str()) {
                return self.src.span_of_bytes(from, end - from);
            }
        }
        self.src.span_of_bytes(start, len)
    }

    fn scalar(&mut self, e: &KdlEntry) -> Node {
        let span = self.value_span(e);
        if let Some(ty) = e.ty() {
            self.annotation(self.span(ty.span()));
        }
        let bare = e.format().is_some_and(|f| !f.value_repr.starts_with(['"', '#']));
        if bare && self.src.text.get(span.offset + span.len..).is_some_and(|t| t.starts_with("//")) {
            self.cut_by_comment(span);
        }
        let value = match e.value() {
            KdlValue::String(s) => Value::Str(s.clone()),
            KdlValue::Integer(i) => match i64::try_from(*i) {
                Ok(i) => Value::Int(i),
                Err(_) => Value::Float(*i as f64),
            },
            KdlValue::Float(f) => Value::Float(*f),
            KdlValue::Bool(b) => Value::Bool(*b),
            KdlValue::Null => Value::Null,
        };
        Node::new(value, span)
    }

    /// `issuer=https://x`: KDL reads `https:` and a `//` comment. Valid
    /// KDL, but never what was meant.
    fn cut_by_comment(&mut self, at: Span) {
        self.diags.push(
            Diagnostic::error(
                codes::KDL_SYNTAX,
                at,
                "`//` right after this value starts a comment: the value ends here",
            )
            .label("the rest of the line is a comment")
            .hint("quote values that contain `//`, such as URLs: \"https://oidc.example.com\""),
        );
    }

    /// A type annotation `(name)`: KDL allows it, the topology gives it no meaning.
    fn annotation(&mut self, at: Span) {
        self.diags.push(
            Diagnostic::error(codes::WRONG_TYPE, at, "a KDL type annotation has no meaning in a topology")
                .label("annotated here")
                .hint("remove the `(...)` annotation"),
        );
    }

    /// Reads the children of a node (or the document) into `entries`.
    fn children(&mut self, entries: &mut Vec<Entry>, section: Option<&'static Section>, doc: &KdlDocument) {
        for child in doc.nodes() {
            let name = child.name().value();
            let key_span = self.name_span(child);
            if let Some(items) = section.and_then(|s| s.items_named(name)) {
                let item = self.map(child, Some(items.section));
                match entries.iter_mut().find(|e| e.key == items.field) {
                    Some(Entry { value: Node { value: Value::Seq(list), .. }, .. }) => list.push(item),
                    Some(first) => {
                        let first_span = first.key_span;
                        self.duplicate(items.field, key_span, first_span);
                    }
                    None => entries.push(Entry {
                        key: items.field.to_string(),
                        key_span,
                        value: Node::new(Value::Seq(vec![item]), key_span),
                    }),
                }
                continue;
            }
            if let Some(items) = section.and_then(|s| s.items_field(name)) {
                self.diags.push(
                    Diagnostic::error(codes::UNKNOWN_FIELD, key_span, format!("`{name}` is not a KDL node"))
                        .label("write each item as its own node")
                        .hint(format!(
                            "in KDL, each of `{}` is its own `{}` node, e.g. `{} NAME {{ ... }}`",
                            items.field, items.node, items.node
                        )),
                );
                continue;
            }
            let shape = section.and_then(|s| s.shape(name));
            let value = self.value(child, shape);
            self.insert(entries, name, key_span, value);
        }
    }

    fn insert(&mut self, entries: &mut Vec<Entry>, key: &str, key_span: Span, value: Node) {
        if let Some(first) = entries.iter().find(|e| e.key == key) {
            let first_span = first.key_span;
            self.duplicate(key, key_span, first_span);
            return;
        }
        entries.push(Entry { key: key.to_string(), key_span, value });
    }

    fn duplicate(&mut self, key: &str, at: Span, first: Span) {
        self.diags.push(
            Diagnostic::error(codes::DUPLICATE_KEY, at, format!("`{key}` is given twice here"))
                .label("second occurrence")
                .with_secondary(first, "first occurrence")
                .hint("remove one of them"),
        );
    }

    /// The value a child node gives its field.
    fn value(&mut self, node: &KdlNode, shape: Option<&'static Shape>) -> Node {
        let (args, has_more) = parts(node);
        match shape {
            Some(Shape::Map(section)) => self.map(node, Some(section)),
            Some(Shape::ScalarOrMap(section)) if args.len() != 1 || has_more => self.map(node, Some(section)),
            Some(Shape::List) => {
                if let Some(extra) = first_non_arg(node) {
                    let name = node.name().value();
                    let at = self.extra_span(node, extra);
                    self.diags.push(
                        Diagnostic::error(
                            codes::WRONG_TYPE,
                            at,
                            format!("`{name}` is a list: only arguments belong on it"),
                        )
                        .label("not an argument")
                        .hint(format!("write the items as arguments, e.g. `{name} a b`")),
                    );
                }
                self.list(node, &args)
            }
            _ if has_more => self.map(node, None),
            _ => match args.as_slice() {
                [] => Node::new(Value::Null, self.name_span(node)),
                [one] => self.scalar(one),
                _ => self.list(node, &args),
            },
        }
    }

    fn list(&mut self, node: &KdlNode, args: &[&KdlEntry]) -> Node {
        let items: Vec<Node> = args.iter().map(|a| self.scalar(a)).collect();
        let span = items.first().map_or_else(|| self.name_span(node), |n| n.span);
        Node::new(Value::Seq(items), span)
    }

    /// A node read as a map: arguments (as the section allows), properties,
    /// children.
    fn map(&mut self, node: &KdlNode, section: Option<&'static Section>) -> Node {
        let span = self.name_span(node);
        if let Some(ty) = node.ty() {
            self.annotation(self.span(ty.span()));
        }
        let (args, has_more) = parts(node);
        // `openbao 3`: a value where a section belongs; the decoder says so.
        if !has_more && !args.is_empty() && section.is_none_or(|s| s.key_arg.is_none()) {
            return match args.as_slice() {
                [one] => self.scalar(one),
                _ => self.list(node, &args),
            };
        }
        if self.depth >= limits::MAX_DEPTH {
            if !std::mem::replace(&mut self.too_deep, true) {
                self.diags.push(
                    Diagnostic::error(
                        codes::LIMIT_EXCEEDED,
                        span,
                        format!("the topology is too large to read: nesting deeper than {} levels", limits::MAX_DEPTH),
                    )
                    .hint("a topology is a few thousand lines at most; check for generated or corrupted input"),
                );
            }
            return Node::new(Value::Null, span);
        }
        self.depth += 1;
        let mut entries = Vec::new();
        let mut rest = args.iter();
        if let Some(key) = section.and_then(|s| s.key_arg) {
            if let Some(first) = rest.next() {
                let value = self.scalar(first);
                entries.push(Entry { key: key.to_string(), key_span: value.span, value });
            }
        }
        match section.and_then(|s| s.rest_args) {
            Some(field) if rest.len() > 0 => {
                let items: Vec<Node> = rest.map(|a| self.scalar(a)).collect();
                let span = items[0].span;
                entries.push(Entry {
                    key: field.to_string(),
                    key_span: span,
                    value: Node::new(Value::Seq(items), span),
                });
            }
            _ => {
                for extra in rest {
                    let at = self.value_span(extra);
                    let name = node.name().value();
                    let hint = match section.and_then(|s| s.key_arg) {
                        Some(key) => format!(
                            "`{name}` takes one argument, its `{key}`; write other fields as properties (`field=value`) or child nodes"
                        ),
                        None => format!("write the fields of `{name}` as properties (`field=value`) or child nodes"),
                    };
                    self.diags.push(
                        Diagnostic::error(codes::WRONG_TYPE, at, format!("`{name}` does not take this argument"))
                            .label("unexpected argument")
                            .hint(hint),
                    );
                }
            }
        }
        for prop in node.entries().iter().filter(|e| e.name().is_some()) {
            let Some(key) = prop.name() else { continue };
            let key_span = self.span(key.span());
            let value = self.scalar(prop);
            self.insert(&mut entries, key.value(), key_span, value);
        }
        if let Some(doc) = node.children() {
            self.children(&mut entries, section, doc);
        }
        self.depth -= 1;
        Node::new(Value::Map(entries), span)
    }

    /// Where a non-argument part of a node starts (a property or the children).
    fn extra_span(&self, node: &KdlNode, extra: Extra<'_>) -> Span {
        match extra {
            Extra::Prop(e) => e.name().map_or_else(|| self.value_span(e), |n| self.span(n.span())),
            Extra::Children(doc) => match doc.nodes().first() {
                Some(first) => self.name_span(first),
                None => self.name_span(node),
            },
        }
    }
}

enum Extra<'n> {
    Prop(&'n KdlEntry),
    Children(&'n KdlDocument),
}

/// A node's arguments, and whether it also has properties or children.
fn parts(node: &KdlNode) -> (Vec<&KdlEntry>, bool) {
    let args = node.entries().iter().filter(|e| e.name().is_none()).collect();
    (args, first_non_arg(node).is_some())
}

fn first_non_arg(node: &KdlNode) -> Option<Extra<'_>> {
    if let Some(p) = node.entries().iter().find(|e| e.name().is_some()) {
        return Some(Extra::Prop(p));
    }
    node.children().map(Extra::Children)
}
