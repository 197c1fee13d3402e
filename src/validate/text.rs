//! Free-text rules: descriptions and other loosely checked values hold no
//! control characters; values that reach OpenBao's server configuration
//! (which the chart passes through Helm `tpl` and `sed`) hold no template
//! markers, no `${` and none of the chart's `sed` words.

use super::plaintext::credential_kind;
use super::policy_paths::sed_words;
use super::walk::{Kind, Text};
use crate::diag::{Diagnostic, Diagnostics, codes};

pub fn check(texts: &[Text<'_>], diags: &mut Diagnostics) {
    // A value that looks like a credential is reported once, by `plaintext`.
    for t in texts.iter().filter(|t| t.kind == Kind::Free && credential_kind(t.value).is_none()) {
        let v = t.value;
        // Descriptions become comments, one per line: line breaks are fine there.
        let multiline = t.what == "a policy description" || t.what == super::walk::ANNOTATION_VALUE;
        let problem = if let Some(c) = v.chars().find(|c| (c.is_control() && !(multiline && *c == '\n')) || matches!(c, '\u{2028}' | '\u{2029}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')) {
            Some((format!("the control or invisible character `{}`", c.escape_unicode()), "write it on one line in plain characters (YAML `>-` folds several lines into one)"))
        } else if t.server_config && (v.contains("{{") || v.contains("}}")) {
            Some(("`{{`/`}}`, which Helm's `tpl` would evaluate in the OpenBao server configuration".to_string(), "remove the braces"))
        } else if t.server_config && v.contains("${") {
            Some(("`${`, which the server configuration's HCL strings cannot hold".to_string(), "remove `${`"))
        } else {
            None
        };
        match problem {
            Some((what, hint)) => diags.push(
                Diagnostic::error(codes::UNSAFE_TEXT, v.span, format!("{} holds {what}", t.what))
                    .label("unsafe in generated output")
                    .hint(hint),
            ),
            None if t.server_config => sed_words(v, t.what, diags),
            None => {}
        }
    }
}
