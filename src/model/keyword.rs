//! Closed sets of words (`method: jwt`, `origin: push`, ...).
//!
//! [`keyword!`] declares such an enum once: its variants, the spelling each
//! has in the topology, and a doc line per variant. The decoder reads it,
//! the schema derives its `enum`, and "did you mean" draws on the same list.

/// A closed set of words spelled in the topology.
pub trait Keyword: Sized + Copy + 'static {
    /// Every spelling, in declaration order.
    const WORDS: &'static [&'static str];
    /// What the set is, for messages ("auth method").
    const WHAT: &'static str;
    fn from_word(word: &str) -> Option<Self>;
    fn word(self) -> &'static str;
}

#[macro_export]
macro_rules! keyword {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident ($what:literal) {
            $($(#[$vmeta:meta])* $variant:ident = $word:literal,)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, schemars::JsonSchema)]
        $vis enum $name {
            $($(#[$vmeta])* #[serde(rename = $word)] $variant,)*
        }

        impl $crate::model::Keyword for $name {
            const WORDS: &'static [&'static str] = &[$($word),*];
            const WHAT: &'static str = $what;
            fn from_word(word: &str) -> Option<Self> {
                match word {
                    $($word => Some(Self::$variant),)*
                    _ => None,
                }
            }
            fn word(self) -> &'static str {
                match self {
                    $(Self::$variant => $word,)*
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str($crate::model::Keyword::word(*self))
            }
        }
    };
}
