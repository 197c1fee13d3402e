//! Source positions: where a value sits in the topology file.
//!
//! Every scalar of the model carries a [`Span`] so that a diagnostic about it
//! can name `file:line:column` and underline the offending text, whichever
//! front end (YAML or KDL) read it.

use serde::Serialize;

/// A region of the topology source.
///
/// `offset` and `len` are in bytes (what the renderer slices with); `line`
/// and `column` are 1-based, the column counted in characters, as editors
/// and rustc count them. A span with `line == 0` is synthetic: the value was
/// not written in the file (a default) and has no location of its own.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Span {
    pub offset: usize,
    pub len: usize,
    pub line: u32,
    pub column: u32,
}

impl Span {
    pub fn new(offset: usize, len: usize, line: u32, column: u32) -> Self {
        Span { offset, len, line, column }
    }

    /// True when the span points at real text in the source.
    pub fn is_real(&self) -> bool {
        self.line > 0
    }
}

/// A value together with where it was written.
///
/// The model keeps `Sp<T>` for every scalar it reads so that validation can
/// point at the exact value. It derefs to `T`, serialises as `T`, and its
/// JSON Schema is `T`'s: the span is bookkeeping, never part of the format.
#[derive(Clone, Debug, Default)]
pub struct Sp<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Sp<T> {
    pub fn new(value: T, span: Span) -> Self {
        Sp { value, span }
    }

    /// A value sovc supplied (a default), located at `span` (usually the
    /// section it belongs to) or nowhere.
    pub fn synthetic(value: T, span: Span) -> Self {
        Sp { value, span }
    }
}

impl<T> std::ops::Deref for Sp<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: PartialEq> PartialEq for Sp<T> {
    /// Two values are equal when their contents are: positions differ between
    /// a YAML and a KDL spelling of the same topology.
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<T: Eq> Eq for Sp<T> {}

impl<T: std::hash::Hash> std::hash::Hash for Sp<T> {
    /// Hashes the contents only, like [`PartialEq`]: `Sp<String>` can key a
    /// map whose keys keep their source positions.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.value.hash(state)
    }
}

impl<T: Serialize> Serialize for Sp<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(s)
    }
}

impl<T: schemars::JsonSchema> schemars::JsonSchema for Sp<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> std::borrow::Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}

impl std::fmt::Display for Sp<String> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.value)
    }
}

impl Sp<String> {
    pub fn as_str(&self) -> &str {
        &self.value
    }
}
