//! A topology file as a JSON Schema instance: the spanned YAML tree sovc
//! reads, converted to JSON, with the way back from an instance path
//! (`/authRoles/0/method`) to the line and column it was written at.

use serde_json::{Map, Value as Json, json};
use sovc::diag::{Diagnostics, SourceFile, Span};
use sovc::read::tree::{Node, Value};

pub struct Instance {
    pub root: Node,
    pub json: Json,
}

impl Instance {
    /// Parses YAML text with sovc's own reader; `None` when it does not parse.
    pub fn parse(text: &str) -> Option<Instance> {
        let src = SourceFile::new("topology.yaml", text);
        let mut diags = Diagnostics::new();
        let root = sovc::read::yaml::parse(&src, &mut diags)?;
        let json = to_json(&root);
        Some(Instance { root, json })
    }

    /// Where the value at JSON pointer `pointer` was written. For a pointer
    /// naming a missing key, the span of the deepest node that exists.
    pub fn span_of(&self, pointer: &str) -> Span {
        let mut node = &self.root;
        for token in pointer.split('/').skip(1) {
            let token = token.replace("~1", "/").replace("~0", "~");
            let next = match &node.value {
                Value::Map(entries) => entries.iter().find(|e| e.key == token).map(|e| &e.value),
                Value::Seq(items) => token.parse::<usize>().ok().and_then(|i| items.get(i)),
                _ => None,
            };
            match next {
                Some(n) => node = n,
                None => break,
            }
        }
        node.span
    }

    /// Where the key `key` of the map at `pointer` was written.
    pub fn key_span(&self, pointer: &str, key: &str) -> Option<Span> {
        let mut node = &self.root;
        for token in pointer.split('/').skip(1) {
            node = match &node.value {
                Value::Map(entries) => &entries.iter().find(|e| e.key == token)?.value,
                Value::Seq(items) => items.get(token.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        match &node.value {
            Value::Map(entries) => entries.iter().find(|e| e.key == key).map(|e| e.key_span),
            _ => None,
        }
    }
}

pub fn to_json(node: &Node) -> Json {
    match &node.value {
        Value::Null => Json::Null,
        Value::Bool(b) => json!(b),
        Value::Int(i) => json!(i),
        Value::Float(f) => json!(f),
        Value::Str(s) => json!(s),
        Value::Seq(items) => Json::Array(items.iter().map(to_json).collect()),
        Value::Map(entries) => {
            let mut map = Map::new();
            for e in entries {
                map.insert(e.key.clone(), to_json(&e.value));
            }
            Json::Object(map)
        }
    }
}

impl Instance {
    /// The lines (1-based) a schema error at `pointer` can be said to be on:
    /// the value's own line and, when the value belongs to a map key, the
    /// key's line (a block map's value starts on the line after its key).
    pub fn lines_of(&self, pointer: &str) -> Vec<u32> {
        let mut lines = vec![self.span_of(pointer).line];
        if let Some((parent, last)) = pointer.rsplit_once('/') {
            let key = last.replace("~1", "/").replace("~0", "~");
            if let Some(s) = self.key_span(parent, &key) {
                lines.push(s.line);
            }
        } else {
            // The root: sovc puts "missing field" at the top of the file.
            lines.push(1);
        }
        lines
    }
}
