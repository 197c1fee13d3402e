//! The decoding toolkit: typed reads from the [`Node`] tree that report
//! wrong types, unknown fields (with "did you mean"), missing fields and
//! out-of-set words, and keep going so every shape error surfaces in one run.

use crate::diag::{Diagnostic, Diagnostics, Sp, Span, codes};
use crate::model::Keyword;
use crate::read::tree::{Entry, Node, Value};

pub struct Decoder<'d> {
    pub diags: &'d mut Diagnostics,
    /// Names (`name`, `locationCode`) of list items that failed to decode:
    /// references to them are not reported again as "unknown".
    pub dropped: Vec<String>,
}

/// A map node checked against its allowed fields.
pub struct Fields<'n> {
    entries: &'n [Entry],
    /// Where "missing field" errors point: the map's key in its parent, or
    /// the start of the list item.
    at: Span,
    /// What the map is, for messages (`region`, `auth role "ci"`).
    what: String,
}

impl<'n> Fields<'n> {
    pub fn get(&self, key: &str) -> Option<&'n Node> {
        self.entries.iter().find(|e| e.key == key).map(|e| &e.value)
    }

    pub fn key_span(&self, key: &str) -> Option<Span> {
        self.entries.iter().find(|e| e.key == key).map(|e| e.key_span)
    }

    pub fn at(&self) -> Span {
        self.at
    }
}

impl Decoder<'_> {
    fn err(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Checks that `node` is a map whose keys are all in `allowed`.
    pub fn fields<'n>(&mut self, node: &'n Node, what: &str, allowed: &[&str], at: Span) -> Option<Fields<'n>> {
        let Value::Map(entries) = &node.value else {
            self.wrong_type(node, what, "a map");
            return None;
        };
        for e in entries {
            if !allowed.contains(&e.key.as_str()) {
                let hint = match suggest(&e.key, allowed) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("the fields of {what} are: {}", allowed.join(", ")),
                };
                self.err(
                    Diagnostic::error(codes::UNKNOWN_FIELD, e.key_span, format!("unknown field `{}` in {what}", e.key))
                        .label("not a field of this section")
                        .hint(hint),
                );
            }
        }
        let at = if at.is_real() { at } else { node.span };
        Some(Fields { entries, at, what: what.to_string() })
    }

    /// A required field: reports it missing when absent.
    pub fn required<'n>(&mut self, f: &Fields<'n>, key: &str) -> Option<&'n Node> {
        let node = f.get(key);
        if node.is_none() {
            self.err(
                Diagnostic::error(codes::MISSING_FIELD, f.at, format!("{} has no `{key}`", f.what))
                    .label(format!("`{key}` is required here"))
                    .hint(format!("add `{key}:` to {}", f.what)),
            );
        }
        node
    }

    pub fn wrong_type(&mut self, node: &Node, what: &str, expected: &str) {
        let hint = match (&node.value, expected) {
            (Value::Int(_) | Value::Float(_) | Value::Bool(_), "a string") => {
                Some("quote the value to make it a string, e.g. \"0.29\"".to_string())
            }
            (Value::Null, _) => Some("give it a value, or remove the key to use the default".to_string()),
            (Value::Str(_), "a list of strings" | "a list") => Some("write a list, e.g. `[a, b]`".to_string()),
            _ => None,
        };
        self.err(
            Diagnostic::error(
                codes::WRONG_TYPE,
                node.span,
                format!("{what} must be {expected}, found {}", node.kind()),
            )
            .label(format!("expected {expected}"))
            .hint_opt(hint),
        );
    }

    pub fn string(&mut self, node: &Node, what: &str) -> Option<Sp<String>> {
        match &node.value {
            Value::Str(s) => Some(Sp::new(s.clone(), node.span)),
            _ => {
                self.wrong_type(node, what, "a string");
                None
            }
        }
    }

    pub fn boolean(&mut self, node: &Node, what: &str) -> Option<Sp<bool>> {
        match &node.value {
            Value::Bool(b) => Some(Sp::new(*b, node.span)),
            _ => {
                self.wrong_type(node, what, "true or false");
                None
            }
        }
    }

    pub fn uint(&mut self, node: &Node, what: &str, min: u32, max: u32) -> Option<Sp<u32>> {
        match &node.value {
            Value::Int(i) if (i64::from(min)..=i64::from(max)).contains(i) => Some(Sp::new(*i as u32, node.span)),
            Value::Int(i) => {
                self.err(
                    Diagnostic::error(
                        codes::OUT_OF_RANGE,
                        node.span,
                        format!("{what} must be between {min} and {max}, found {i}"),
                    )
                    .label("out of range"),
                );
                None
            }
            _ => {
                self.wrong_type(node, what, "an integer");
                None
            }
        }
    }

    pub fn keyword<K: Keyword>(&mut self, node: &Node, what: &str) -> Option<Sp<K>> {
        self.keyword_coded(node, what, codes::INVALID_ENUM)
    }

    /// [`Self::keyword`] reporting an unknown word under a rule's own code
    /// (a capability OpenBao does not have is `E0501`, not a generic enum error).
    pub fn keyword_coded<K: Keyword>(&mut self, node: &Node, what: &str, code: &'static str) -> Option<Sp<K>> {
        let Value::Str(s) = &node.value else {
            self.wrong_type(node, what, &format!("one of {}", K::WORDS.join(", ")));
            return None;
        };
        match K::from_word(s) {
            Some(k) => Some(Sp::new(k, node.span)),
            None => {
                let hint = match suggest(s, K::WORDS) {
                    Some(m) => format!("did you mean `{m}`? ({} is one of: {})", K::WHAT, K::WORDS.join(", ")),
                    None => format!("{} is one of: {}", K::WHAT, K::WORDS.join(", ")),
                };
                self.err(
                    Diagnostic::error(code, node.span, format!("`{s}` is not a valid {}", K::WHAT))
                        .label(format!("unknown {}", K::WHAT))
                        .hint(hint),
                );
                None
            }
        }
    }

    /// A list; items that fail to decode are reported and left out.
    pub fn list<T>(
        &mut self,
        node: &Node,
        what: &str,
        mut item: impl FnMut(&mut Self, &Node) -> Option<T>,
    ) -> Option<Vec<T>> {
        let Value::Seq(items) = &node.value else {
            self.wrong_type(node, what, "a list");
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        for n in items {
            match item(self, n) {
                Some(v) => out.push(v),
                None => self.dropped.extend(item_name(n)),
            }
        }
        Some(out)
    }

    /// Reports `node` when it is an empty list (`[]`) although the format
    /// needs at least one item; `code` is the rule's (E0206 unless a more
    /// specific rule applies) and `hint` says what to write.
    pub fn non_empty(&mut self, node: &Node, what: &str, code: &'static str, hint: &str) {
        if matches!(&node.value, Value::Seq(items) if items.is_empty()) {
            self.err(
                Diagnostic::error(code, node.span, format!("{what} is empty"))
                    .label("needs at least one item")
                    .hint(hint.to_string()),
            );
        }
    }

    /// A list of strings that must hold at least one item.
    pub fn some_strings(&mut self, node: &Node, what: &str, hint: &str) -> Option<Vec<Sp<String>>> {
        self.non_empty(node, what, codes::EMPTY_LIST, hint);
        self.strings(node, what)
    }

    pub fn strings(&mut self, node: &Node, what: &str) -> Option<Vec<Sp<String>>> {
        let Value::Seq(_) = &node.value else {
            self.wrong_type(node, what, "a list of strings");
            return None;
        };
        self.list(node, what, |d, n| d.string(n, &format!("an item of {what}")))
    }

    /// Reads an optional field with `read`, `None` when absent.
    pub fn opt<T>(
        &mut self,
        f: &Fields<'_>,
        key: &str,
        read: impl FnOnce(&mut Self, &Node, &str) -> Option<T>,
    ) -> Option<T> {
        let node = f.get(key)?;
        read(self, node, &format!("`{key}`"))
    }

    /// Reads a required field; `None` when absent or invalid.
    pub fn req<T>(
        &mut self,
        f: &Fields<'_>,
        key: &str,
        read: impl FnOnce(&mut Self, &Node, &str) -> Option<T>,
    ) -> Option<T> {
        let node = self.required(f, key)?;
        read(self, node, &format!("`{key}`"))
    }

    /// Reads an optional field, or `default()` when absent. Returns `None`
    /// only when the field is present but invalid (already reported).
    pub fn or<T>(
        &mut self,
        f: &Fields<'_>,
        key: &str,
        default: impl FnOnce() -> T,
        read: impl FnOnce(&mut Self, &Node, &str) -> Option<T>,
    ) -> Option<T> {
        match f.get(key) {
            None => Some(default()),
            Some(node) => read(self, node, &format!("`{key}`")),
        }
    }
}

/// The name of a list item, if it has a readable one.
fn item_name(node: &Node) -> Option<String> {
    let Value::Map(entries) = &node.value else { return None };
    entries.iter().find(|e| e.key == "name" || e.key == "locationCode").and_then(|e| match &e.value.value {
        Value::Str(s) => Some(s.clone()),
        _ => None,
    })
}

/// The closest allowed word to `word`, if one is close enough to be a typo
/// (or the same word in another case convention: `bound_audiences`).
pub fn suggest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let norm = |s: &str| s.chars().filter(|c| *c != '_' && *c != '-').flat_map(char::to_lowercase).collect::<String>();
    let w = norm(word);
    if let Some(c) = candidates.iter().find(|c| norm(c) == w) {
        return Some(c);
    }
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(&w, &norm(c)), *c))
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::suggest;

    #[test]
    fn suggestions_catch_typos_and_case_styles() {
        let fields = ["boundAudiences", "boundSubject", "mount", "userClaim"];
        assert_eq!(suggest("bound_audiences", &fields), Some("boundAudiences"));
        assert_eq!(suggest("boundSubjet", &fields), Some("boundSubject"));
        assert_eq!(suggest("zzz", &fields), None);
    }
}
