//! Every KDL syntax error in one run. The `kdl` parser (6.5.0, as 6.7.1)
//! recovers after a bad node name, argument or string, but a bad property
//! value that starts as a number or keyword (`size=10Gi`, `at=#yes`) ends
//! the parse: its grammar cuts there with no recovery point (`cut_err`
//! without `resume_after_cut` in `node_entry`), so nothing after it is
//! reported. sovc then overwrites that value with a quoted placeholder of
//! the same byte length (every offset and line stays put) and parses again,
//! until the text parses, the parser stops for another reason, or a pass
//! makes no progress. The document itself is only ever taken from a parse
//! of the text as written.

use super::syntax::locate;
use ::kdl::{KdlDocument, KdlError};

/// At most this many bad property values are looked past in one file.
const MAX_PASSES: usize = 100;

/// Bytes all passes together may parse (a huge file gets fewer passes).
const PARSE_BUDGET: usize = 16 * 1024 * 1024;

/// The document, or every syntax error found: the first parse's errors,
/// then those of each further pass (an error seen in several passes is
/// reported once, see `syntax::report`).
pub fn parse(text: &str) -> Result<KdlDocument, KdlError> {
    let mut err = match KdlDocument::parse_v2(text) {
        Ok(doc) => return Ok(doc),
        Err(err) => err,
    };
    let passes = MAX_PASSES.min(PARSE_BUDGET / text.len().max(1));
    let mut work = text.to_string();
    let mut done = 0;
    for _ in 0..passes {
        // The error that ended the parse comes last.
        let Some(stop) = err.diagnostics.last() else { break };
        let Some((from, to)) = bad_property_value(&work, stop.span.offset(), stop.span.offset() + stop.span.len())
        else {
            break;
        };
        if from < done {
            break;
        }
        work.replace_range(from..to, &placeholder(to - from));
        done = to;
        match KdlDocument::parse_v2(&work) {
            Ok(_) => break,
            Err(next) => err.diagnostics.extend(next.diagnostics),
        }
    }
    Err(err)
}

/// The byte range of the property value an error stopped at (`from..to`
/// right after `key=`), when it is one a placeholder can stand in for: on
/// one line, not the start of a raw or multi-line string (whose rest would
/// then be read as KDL).
fn bad_property_value(text: &str, from: usize, to: usize) -> Option<(usize, usize)> {
    let (from, to) = locate(text, from, to);
    let token = text.get(from..to)?;
    let after_key = text[..from].trim_end_matches([' ', '\t']).ends_with('=');
    let safe = !token.is_empty()
        && token.is_ascii()
        && !token.contains(['\n', '\r'])
        && !token.starts_with("#\"")
        && !token.starts_with("##")
        && !token.contains("\"\"\"");
    (after_key && safe).then_some((from, to))
}

/// A valid KDL value of exactly `len` bytes: `0`, or a quoted string.
fn placeholder(len: usize) -> String {
    if len < 2 { "0".to_string() } else { format!("\"{}\"", "_".repeat(len - 2)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(text: &str) -> Vec<(usize, String)> {
        let err = parse(text).unwrap_err();
        let mut v: Vec<(usize, String)> = err
            .diagnostics
            .iter()
            .map(|d| {
                let (from, to) = locate(text, d.span.offset(), d.span.offset() + d.span.len());
                (from, text[from..to].to_string())
            })
            .collect();
        v.sort();
        v.dedup();
        v
    }

    #[test]
    fn every_bad_property_value_is_found() {
        let text = "a\nb x=1h y=#yes\nc {\n    d size=10Gi v=0.29.2\n}\ne at=2024-01-01\n";
        let found: Vec<String> = messages(text).into_iter().map(|(_, t)| t).collect();
        assert_eq!(found, ["1h", "#yes", "10Gi", "0.29.2", "2024-01-01"]);
    }

    #[test]
    fn a_good_document_parses_once_and_unchanged() {
        let doc = parse("a x=\"1h\" y=#true\n").unwrap();
        assert_eq!(doc.nodes()[0].entries().len(), 2);
    }

    #[test]
    fn placeholders_keep_every_offset() {
        for len in 1..6 {
            let p = placeholder(len);
            assert_eq!(p.len(), len);
            assert!(KdlDocument::parse_v2(&format!("a x={p}")).is_ok(), "{p}");
        }
    }

    #[test]
    fn an_unterminated_raw_string_is_not_looked_past() {
        // Blanking `#"raw` would read the raw string's body as KDL.
        let err = parse("a x=#\"raw\nb y=1h\n").unwrap_err();
        assert_eq!(err.diagnostics.len(), 1);
    }
}
