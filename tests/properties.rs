//! Property tests over generated topologies (issue 10): reading and
//! validation never panic, locate every finding, accept what the contract
//! calls valid, and a valid model written back out as YAML (by a standard
//! emitter, block or flow) reads back to the same model.

mod support;

use proptest::prelude::*;
use sovc::diag::{Diagnostic, codes, render_github, render_human, render_json};
use sovc::model::Topology;
use sovc::pipeline::{Loaded, load_bytes};
use sovc::read::InputFormat;
use std::path::Path;
use support::topology_strategy::{GenTopology, topology};

fn load(text: &str) -> Loaded {
    load_bytes("prop.yaml", text.as_bytes(), InputFormat::Yaml, Path::new("."))
}

fn errors(loaded: &Loaded) -> Vec<String> {
    loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{}:{} {} {}", d.primary.span.line, d.primary.span.column, d.code, d.message))
        .collect()
}

/// Every diagnostic has a known code and points into the file (or is
/// explicitly synthetic), and every output format renders it.
fn check_diagnostics(loaded: &Loaded) -> Result<(), TestCaseError> {
    let lines = loaded.source.text.lines().count() as u32 + 1;
    let diags: Vec<Diagnostic> = loaded.diagnostics.iter().cloned().collect();
    for d in &diags {
        prop_assert!(codes::ALL.iter().any(|(c, _)| *c == d.code), "unknown code {}", d.code);
        let s = d.primary.span;
        prop_assert!(s.line <= lines, "{} points past the end: line {} of {}", d.code, s.line, lines);
        prop_assert!(s.offset + s.len <= loaded.source.text.len(), "{} span out of bounds", d.code);
        prop_assert!(!d.message.is_empty());
    }
    let human = render_human(&loaded.source, &diags, false);
    let json: serde_json::Value =
        serde_json::from_str(&render_json(&loaded.source, &diags)).expect("json output parses");
    prop_assert_eq!(json["diagnostics"].as_array().map(Vec::len), Some(diags.len()));
    let github = render_github(&loaded.source, &diags);
    for d in &diags {
        prop_assert!(human.contains(d.code), "human output lacks {}", d.code);
        prop_assert!(github.contains(d.code), "github output lacks {}", d.code);
    }
    Ok(())
}

/// The model written back as YAML by serde (block style, the emitter's own
/// quoting) and as JSON (flow style, which is YAML too) reads back equal.
fn check_round_trip(t: &Topology) -> Result<(), TestCaseError> {
    let block = serde_norway::to_string(t).expect("serialise to YAML");
    let again = load(&block);
    prop_assert!(again.valid().is_some(), "re-read failed: {:#?}\n{block}", errors(&again));
    prop_assert_eq!(again.topology.as_ref().unwrap(), t, "block YAML round trip changed the model:\n{}", block);
    let flow = serde_json::to_string_pretty(t).expect("serialise to JSON");
    let again = load(&flow);
    prop_assert!(again.valid().is_some(), "re-read failed: {:#?}\n{flow}", errors(&again));
    prop_assert_eq!(again.topology.as_ref().unwrap(), t, "JSON round trip changed the model:\n{}", flow);
    Ok(())
}

/// The free texts reach the model unchanged, as the values of their fields.
fn check_free_text(g: &GenTopology, t: &Topology) -> Result<(), TestCaseError> {
    for (gr, r) in g.regions.iter().zip(&t.regions) {
        prop_assert_eq!(gr.provider.as_deref(), r.provider.as_ref().map(|p| p.as_str()));
        prop_assert_eq!(gr.cloud_region.as_deref(), r.cloud_region.as_ref().map(|p| p.as_str()));
    }
    for (gp, p) in g.policies.iter().zip(&t.policies) {
        prop_assert_eq!(gp.description.as_deref(), p.description.as_ref().map(|d| d.as_str()));
    }
    prop_assert_eq!(
        (g.regions.len(), g.policies.len(), g.secrets.len()),
        (t.regions.len(), t.policies.len(), t.secrets.len())
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// What the contract calls valid, sovc accepts: a generated topology
    /// with plain free text validates without errors, in every quoting style.
    #[test]
    fn contract_valid_topologies_validate(g in topology().prop_filter("plain free text", GenTopology::is_plain)) {
        let text = g.to_yaml();
        let loaded = load(&text);
        prop_assert!(loaded.valid().is_some(), "{:#?}\n{}", errors(&loaded), text);
        check_free_text(&g, loaded.topology.as_ref().unwrap())?;
        check_diagnostics(&loaded)?;
    }

    /// Free text full of metacharacters is either rejected with located
    /// diagnostics or read verbatim as the field's value (never as structure).
    #[test]
    fn metacharacters_stay_values(g in topology()) {
        let text = g.to_yaml();
        let loaded = load(&text);
        check_diagnostics(&loaded)?;
        if let Some(t) = loaded.valid() {
            check_free_text(&g, t)?;
        } else {
            // Only free-text rules may object: the names are all valid.
            for d in loaded.diagnostics.iter().filter(|d| d.is_error()) {
                let line = loaded.source.text.lines().nth(d.primary.span.line.saturating_sub(1) as usize).unwrap_or("");
                prop_assert!(
                    ["description:", "provider:", "cloudRegion:"].iter().any(|k| line.trim_start().starts_with(k)),
                    "{} {} on a line without free text: {}", d.code, d.message, line
                );
            }
        }
    }

    /// A valid model, serialised back to YAML, reads back to the same model.
    #[test]
    fn valid_models_round_trip_through_yaml(g in topology()) {
        let loaded = load(&g.to_yaml());
        if let Some(t) = loaded.valid() {
            check_round_trip(t)?;
        }
    }

    /// Damaged topologies (a line dropped, duplicated, cut or re-indented, a
    /// scalar swapped for metacharacters) never panic, and every finding is
    /// located in the file and renders in every format.
    #[test]
    fn damaged_topologies_are_reported_not_panicked(
        g in topology(),
        edits in proptest::collection::vec((0usize..4, any::<prop::sample::Index>(), any::<prop::sample::Index>()), 1..4),
    ) {
        let mut lines: Vec<String> = g.to_yaml().lines().map(str::to_string).collect();
        for (kind, at, arg) in edits {
            if lines.is_empty() {
                break;
            }
            let i = at.index(lines.len());
            match kind {
                0 => { lines.remove(i); }
                1 => { let l = lines[i].clone(); lines.insert(i, l); }
                2 => { let l = &lines[i]; let cut = l.char_indices().map(|(b, _)| b).nth(arg.index(l.chars().count().max(1))).unwrap_or(0); lines[i].truncate(cut); }
                _ => { let m = support::topology_strategy::METACHARACTERS; let meta = m[arg.index(m.len())]; lines[i] = format!("{}{meta}", &lines[i]); }
            }
        }
        let loaded = load(&lines.join("\n"));
        check_diagnostics(&loaded)?;
    }
}
