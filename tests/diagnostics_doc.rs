//! `docs/diagnostics.md` documents every diagnostic code, and nothing else.

use std::collections::BTreeSet;

#[test]
fn every_code_is_documented_and_every_documented_code_exists() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/diagnostics.md")).unwrap();
    let documented: BTreeSet<&str> =
        doc.lines().filter_map(|l| l.strip_prefix("## ")).filter_map(|h| h.split(':').next()).collect();
    let codes: BTreeSet<&str> = sovc::diag::codes::ALL.iter().map(|(c, _)| *c).collect();
    let missing: Vec<_> = codes.difference(&documented).collect();
    let stale: Vec<_> = documented.difference(&codes).collect();
    assert!(missing.is_empty(), "codes without a section in docs/diagnostics.md: {missing:?}");
    assert!(stale.is_empty(), "sections for codes that do not exist: {stale:?}");
    for (code, summary) in sovc::diag::codes::ALL {
        assert!(doc.contains(&format!("## {code}: {summary}")), "{code}: heading must be `## {code}: {summary}`");
    }
}

#[test]
fn codes_are_unique_and_well_formed() {
    let mut seen = BTreeSet::new();
    for (code, summary) in sovc::diag::codes::ALL {
        assert!(seen.insert(*code), "{code} is used twice");
        assert!(code.len() == 5 && (code.starts_with('E') || code.starts_with('W')), "{code}");
        assert!(code[1..].bytes().all(|b| b.is_ascii_digit()), "{code}");
        assert!(!summary.is_empty());
    }
}
