//! A failure or a kill in the middle of `sovc generate` leaves DIR
//! byte-identical (or, after the commit point, fully updated).
//!
//! Needs the binary's fault hook: `cargo test --features fault-injection
//! --test write_faults` (`.ci/run` does). Without the feature this file
//! compiles to nothing; the same guarantees are also tested in-process in
//! `src/write/tests.rs`.

#![cfg(feature = "fault-injection")]

mod tree_support;

use std::path::Path;
use tree_support::*;

fn generate_with_fault(topology: &Path, out: &Path, fault: &str) -> Run {
    let args = ["generate", topology.to_str().unwrap(), "-o", out.to_str().unwrap()];
    run_bin(Path::new(env!("CARGO_BIN_EXE_sovc")), out.parent().unwrap(), &args, &[("SOVC_FAULT", fault)])
}

/// The example tree with a foreign file, and the edited topology (a region
/// removed, a secret added) whose generate prunes, creates and updates.
fn setup() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("out");
    assert_eq!(generate(&example(), &out, &[]).code, Some(0));
    std::fs::write(out.join("hlrp/notes.txt"), "foreign\n").unwrap();
    let topo = topology(t.path(), "omantel.yaml", |s| with_secret(without_region(s)));
    (t, out, topo)
}

#[test]
fn an_injected_failure_at_any_step_leaves_dir_byte_identical() {
    let (_t, out, topo) = setup();
    let before = snapshot(&out);
    let mut step = 0;
    loop {
        let r = generate_with_fault(&topo, &out, &format!("fail:{step}"));
        if r.code == Some(0) {
            break;
        }
        assert_eq!(r.code, Some(2), "step {step}: {}", r.stderr);
        assert!(r.stderr.contains("injected failure"), "step {step}: {}", r.stderr);
        assert_eq!(snapshot(&out), before, "step {step}: DIR changed");
        step += 1;
    }
    assert!(step > 10, "only {step} steps");
}

#[test]
fn a_kill_at_any_step_is_undone_or_completed_by_recovery() {
    let after = {
        let (_t, out, topo) = setup();
        assert_eq!(generate(&topo, &out, &[]).code, Some(0));
        snapshot(&out)
    };
    let mut outcomes = std::collections::BTreeSet::new();
    for step in 0.. {
        let (_t, out, topo) = setup();
        let before = snapshot(&out);
        let r = generate_with_fault(&topo, &out, &format!("crash:{step}"));
        if r.code == Some(0) {
            assert!(step > 10, "only {step} steps");
            break;
        }
        assert_eq!(r.code, None, "step {step}: not killed: {}", r.stderr);
        let rec = sovc::write::recover(&out).unwrap();
        outcomes.insert(format!("{rec:?}"));
        let want = if rec == sovc::write::Recovery::RolledForward { &after } else { &before };
        assert_eq!(&snapshot(&out), want, "step {step}: {rec:?}");
    }
    assert_eq!(outcomes.into_iter().collect::<Vec<_>>(), ["Cleaned", "Nothing", "RolledBack", "RolledForward"]);
}

#[test]
fn a_kill_while_creating_dir_leaves_no_dir() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("out");
    for step in 0.. {
        let r = generate_with_fault(&example(), &out, &format!("crash:{step}"));
        if r.code == Some(0) {
            break;
        }
        assert!(!out.exists(), "step {step} left a partial DIR");
    }
}
