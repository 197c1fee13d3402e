//! Tests of the write stage on synthetic file lists: ownership, pruning,
//! conflicts, and DIR left byte-identical by failures and crashes injected
//! at every step.

use super::fault::{self, Fault};
use super::*;
use std::collections::BTreeMap;
use std::path::PathBuf;

fn files(list: &[(&str, &str)]) -> Vec<OutputFile> {
    list.iter().map(|(p, c)| OutputFile { path: p.to_string(), contents: c.to_string() }).collect()
}

fn opts(force: bool) -> WriteOptions {
    WriteOptions { force, source_name: "dir/topology.yaml".into() }
}

/// Everything under `dir`: files with their bytes, directories as `None`.
fn snapshot(dir: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
    let mut out = BTreeMap::new();
    fn walk(root: &Path, cur: &Path, out: &mut BTreeMap<String, Option<Vec<u8>>>) {
        let mut entries: Vec<_> = fs::read_dir(cur).unwrap().map(|e| e.unwrap().path()).collect();
        entries.sort();
        for p in entries {
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            if fs::symlink_metadata(&p).unwrap().is_dir() {
                out.insert(format!("{rel}/"), None);
                walk(root, &p, out);
            } else {
                out.insert(rel, Some(fs::read(&p).unwrap()));
            }
        }
    }
    if dir.exists() {
        walk(dir, dir, &mut out);
    }
    out
}

const V1: &[(&str, &str)] = &[
    ("kustomization.yaml", "resources: [r1, r2]\n"),
    ("r1/openbao/values.yaml", "server: 1\n"),
    ("r1/secrets/db.yaml", "db: 1\n"),
    ("r2/openbao/values.yaml", "server: 2\n"),
    ("r2/secrets/db.yaml", "db: 2\n"),
];

/// V1 with r2 removed, one file changed, one secret added, and a file that
/// turns into a directory.
const V2: &[(&str, &str)] = &[
    ("kustomization.yaml", "resources: [r1]\n"),
    ("r1/openbao/values.yaml", "server: 1\n"),
    ("r1/secrets/api.yaml", "api: 1\n"),
    ("r1/secrets/db.yaml", "db: 1 changed\n"),
    ("r3/new/deep/file.yaml", "r3\n"),
];

/// A DIR written from V1 plus files sovc does not own.
fn v1_tree() -> (tempfile::TempDir, PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("out");
    write_tree(&dir, &files(V1), &opts(false)).unwrap();
    fs::write(dir.join("README.md"), "mine\n").unwrap();
    fs::write(dir.join("r2/secrets/local-notes.txt"), "mine too\n").unwrap();
    (t, dir)
}

#[test]
fn writes_a_fresh_tree_with_its_manifest() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("a/b/out");
    let r = write_tree(&dir, &files(V1), &opts(false)).unwrap();
    assert_eq!(r.created.len(), V1.len());
    for (p, c) in V1 {
        assert_eq!(fs::read_to_string(dir.join(p)).unwrap(), *c);
    }
    let m = Manifest::parse(&fs::read_to_string(dir.join(MANIFEST)).unwrap()).unwrap();
    assert_eq!(m.source, "topology.yaml");
    assert_eq!(m.files.len(), V1.len());
    assert_eq!(m.dirs.iter().collect::<Vec<_>>(), ["r1", "r1/openbao", "r1/secrets", "r2", "r2/openbao", "r2/secrets"]);
    let leftovers: Vec<_> = fs::read_dir(dir.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers, ["out"], "no staging directory is left beside DIR");
}

#[test]
fn a_second_identical_write_changes_nothing() {
    let (_t, dir) = v1_tree();
    let before = snapshot(&dir);
    let mtime = fs::metadata(dir.join("r1/secrets/db.yaml")).unwrap().modified().unwrap();
    let r = write_tree(&dir, &files(V1), &opts(false)).unwrap();
    assert!(!r.changed());
    assert_eq!(r.unchanged, V1.len());
    assert_eq!(snapshot(&dir), before);
    assert_eq!(fs::metadata(dir.join("r1/secrets/db.yaml")).unwrap().modified().unwrap(), mtime);
}

#[test]
fn updates_prunes_owned_files_and_keeps_foreign_ones() {
    let (_t, dir) = v1_tree();
    let r = write_tree(&dir, &files(V2), &opts(false)).unwrap();
    assert_eq!(r.created, ["r1/secrets/api.yaml", "r3/new/deep/file.yaml"]);
    assert_eq!(r.updated, ["kustomization.yaml", "r1/secrets/db.yaml"]);
    assert_eq!(r.removed, ["r2/openbao/values.yaml", "r2/secrets/db.yaml"]);
    let snap = snapshot(&dir);
    let names: Vec<_> = snap.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            ".sovc/",
            ".sovc/manifest.json",
            "README.md",
            "kustomization.yaml",
            "r1/",
            "r1/openbao/",
            "r1/openbao/values.yaml",
            "r1/secrets/",
            "r1/secrets/api.yaml",
            "r1/secrets/db.yaml",
            "r2/",
            "r2/secrets/",
            "r2/secrets/local-notes.txt",
            "r3/",
            "r3/new/",
            "r3/new/deep/",
            "r3/new/deep/file.yaml",
        ],
        "r2/openbao/ (empty, sovc's) is gone; r2/secrets/ keeps the foreign file"
    );
    // Once the foreign file goes, the next run removes the directories sovc made.
    fs::remove_file(dir.join("r2/secrets/local-notes.txt")).unwrap();
    let r = write_tree(&dir, &files(V2), &opts(false)).unwrap();
    assert!(!r.changed());
    assert!(!dir.join("r2").exists());
}

#[test]
fn a_directory_sovc_did_not_create_is_kept_when_emptied() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("out");
    fs::create_dir_all(dir.join("r1")).unwrap();
    write_tree(&dir, &files(&[("r1/a", "a\n")]), &opts(false)).unwrap();
    write_tree(&dir, &files(&[("b", "b\n")]), &opts(false)).unwrap();
    assert!(dir.join("r1").is_dir());
    assert!(!dir.join("r1/a").exists());
}

#[test]
fn refuses_to_overwrite_hand_edits_unless_forced_and_foreign_files_always() {
    let (_t, dir) = v1_tree();
    fs::write(dir.join("r1/secrets/db.yaml"), "db: edited by hand\n").unwrap();
    fs::write(dir.join("r2/secrets/db.yaml"), "db: 2 edited\n").unwrap();
    fs::write(dir.join("r1/secrets/api.yaml"), "someone else's\n").unwrap();
    let before = snapshot(&dir);
    let Err(WriteError::Conflicts(c)) = write_tree(&dir, &files(V2), &opts(false)) else { panic!("no conflict") };
    let got: Vec<_> = c.iter().map(|c| (c.path.as_str(), c.kind.clone())).collect();
    assert_eq!(
        got,
        [
            ("r1/secrets/api.yaml", ConflictKind::NotOwned),
            ("r1/secrets/db.yaml", ConflictKind::EditedByHand),
            ("r2/secrets/db.yaml", ConflictKind::EditedByHandNoLongerGenerated),
        ]
    );
    assert_eq!(snapshot(&dir), before, "a refused write changes nothing");
    let msg = WriteError::Conflicts(c).to_string();
    assert!(msg.contains("r1/secrets/db.yaml: generated by sovc but edited by hand since"), "{msg}");
    assert!(msg.contains("--force"), "{msg}");

    assert!(msg.contains("r1/secrets/api.yaml: exists and was not written by sovc (--force does not overwrite it)"));

    // --force does not touch the foreign file, and so writes nothing at all.
    let Err(WriteError::Conflicts(c)) = write_tree(&dir, &files(V2), &opts(true)) else { panic!("forced") };
    assert_eq!(c, [Conflict { path: "r1/secrets/api.yaml".into(), kind: ConflictKind::NotOwned }]);
    assert_eq!(snapshot(&dir), before, "a refused forced write changes nothing either");
    let msg = WriteError::Conflicts(c).to_string();
    assert!(!msg.contains("pass --force"), "{msg}");
    assert!(msg.contains("never overwrites a file it did not write"), "{msg}");

    // Moved away, the rest is forced.
    fs::remove_file(dir.join("r1/secrets/api.yaml")).unwrap();
    let r = write_tree(&dir, &files(V2), &opts(true)).unwrap();
    assert_eq!(r.forced, ["r1/secrets/db.yaml", "r2/secrets/db.yaml"]);
    assert!(r.to_string().contains("overwrote 2 hand-edited file(s) (--force)"), "{r}");
    assert_eq!(fs::read_to_string(dir.join("r1/secrets/db.yaml")).unwrap(), "db: 1 changed\n");
}

#[test]
fn adopts_a_file_that_already_has_the_generated_bytes() {
    let t = tempfile::tempdir().unwrap();
    fs::write(t.path().join("a"), "same\n").unwrap();
    let r = write_tree(t.path(), &files(&[("a", "same\n")]), &opts(false)).unwrap();
    assert_eq!(r.adopted, ["a"]);
    let m = Manifest::parse(&fs::read_to_string(t.path().join(MANIFEST)).unwrap()).unwrap();
    assert!(m.files.contains_key("a"));
}

#[test]
fn refuses_bad_paths_and_bad_manifests() {
    let t = tempfile::tempdir().unwrap();
    let e = write_tree(t.path(), &files(&[("../x", "")]), &opts(false)).unwrap_err();
    assert!(matches!(e, WriteError::InvalidPath { .. }), "{e}");
    fs::create_dir(t.path().join(".sovc")).unwrap();
    fs::write(t.path().join(MANIFEST), r#"{"generator":"sovc","version":"0","source":"x","files":{"/etc/passwd":""}}"#)
        .unwrap();
    let e = write_tree(t.path(), &files(&[("x", "")]), &opts(false)).unwrap_err();
    assert!(matches!(e, WriteError::BadManifest { .. }), "{e}");
    assert!(!t.path().join("x").exists());
}

#[test]
fn an_unwritable_destination_fails_and_creates_nothing() {
    let t = tempfile::tempdir().unwrap();
    fs::write(t.path().join("file"), "x").unwrap();
    let e = write_tree(&t.path().join("file/out"), &files(V1), &opts(false)).unwrap_err();
    assert!(matches!(e, WriteError::Io(_)), "{e}");
    assert_eq!(snapshot(t.path()).len(), 1);
    let e = write_tree(&t.path().join("file"), &files(V1), &opts(false)).unwrap_err();
    assert!(e.to_string().contains("not a directory"), "{e}");
}

#[cfg(unix)]
#[test]
fn a_second_writer_is_refused_while_the_first_holds_the_lock() {
    let (_t, dir) = v1_tree();
    let held = lock::acquire(&dir).unwrap();
    assert!(matches!(write_tree(&dir, &files(V2), &opts(false)), Err(WriteError::Busy(_))));
    drop(held);
    write_tree(&dir, &files(V2), &opts(false)).unwrap();
}

/// DIR after V1 then V2 were written without faults.
fn v2_snapshot() -> BTreeMap<String, Option<Vec<u8>>> {
    let (_t, dir) = v1_tree();
    write_tree(&dir, &files(V2), &opts(false)).unwrap();
    snapshot(&dir)
}

/// Runs `write` with `fault` at step 0, 1, 2, … until a run completes;
/// `check(step, result)` sees each faulty run. Returns the number of steps.
fn at_every_step(
    fault: Fault,
    mut setup: impl FnMut() -> (tempfile::TempDir, PathBuf),
    mut check: impl FnMut(usize, &Path, Result<WriteReport, WriteError>),
) -> usize {
    for step in 0.. {
        let (_t, dir) = setup();
        fault::inject(fault, step);
        let r = write_tree(&dir, &files(V2), &opts(false));
        let ran = fault::clear();
        if r.is_ok() && ran <= step {
            return step;
        }
        check(step, &dir, r);
    }
    unreachable!()
}

#[test]
fn a_failure_at_any_step_leaves_an_existing_dir_byte_identical() {
    let before = snapshot(&v1_tree().1);
    let after = v2_snapshot();
    let steps = at_every_step(Fault::Fail, v1_tree, |step, dir, r| match r {
        Err(e) => {
            assert!(matches!(e, WriteError::Io(_)), "step {step}: {e}");
            assert_eq!(snapshot(dir), before, "step {step}: DIR changed");
        }
        // A failure after the commit point only skips the cleanup: the
        // write stands and the next run removes the staging area.
        Ok(_) => {
            assert_eq!(recover(dir).unwrap(), Recovery::RolledForward, "step {step}");
            assert_eq!(snapshot(dir), after, "step {step}");
        }
    });
    assert!(steps > 15, "only {steps} steps were exercised");
}

#[test]
fn a_crash_at_any_step_is_rolled_back_or_forward_by_the_next_run() {
    let before = snapshot(&v1_tree().1);
    let after = v2_snapshot();
    let mut seen = Vec::new();
    at_every_step(Fault::Crash, v1_tree, |step, dir, r| {
        assert!(r.is_err(), "step {step}");
        let rec = recover(dir).unwrap();
        seen.push(rec);
        let want = if rec == Recovery::RolledForward { &after } else { &before };
        assert_eq!(&snapshot(dir), want, "step {step}: {rec:?} did not restore DIR");
        assert_eq!(recover(dir).unwrap(), Recovery::Nothing);
    });
    for r in [Recovery::Cleaned, Recovery::RolledBack, Recovery::RolledForward] {
        assert!(seen.contains(&r), "no crash led to {r:?}: {seen:?}");
    }
}

#[test]
fn recovery_survives_being_interrupted_itself() {
    // A crash mid-apply (step 12 is among the directory creations), rolled
    // back; then the same journal replayed over the restored tree, as if
    // the recovery had died before removing it: undoing twice is harmless.
    let (_t, dir) = v1_tree();
    let before = snapshot(&dir);
    fault::inject(Fault::Crash, 12);
    assert!(write_tree(&dir, &files(V2), &opts(false)).is_err());
    fault::clear();
    let journal = fs::read_to_string(dir.join(".sovc/txn/journal.json")).unwrap();
    assert_eq!(recover(&dir).unwrap(), Recovery::RolledBack);
    // Put the journal and staged manifest back as if the cleanup had died,
    // and recover again: the undo of an undone transaction changes nothing.
    fs::create_dir_all(dir.join(".sovc/txn/new")).unwrap();
    fs::create_dir_all(dir.join(".sovc/txn/old")).unwrap();
    fs::write(dir.join(".sovc/txn/journal.json"), journal).unwrap();
    fs::write(dir.join(".sovc/txn/manifest.json"), "{}").unwrap();
    assert_eq!(recover(&dir).unwrap(), Recovery::RolledBack);
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn a_failure_or_crash_while_creating_dir_leaves_no_dir() {
    for fault in [Fault::Fail, Fault::Crash] {
        let steps = at_every_step(
            fault,
            || {
                let t = tempfile::tempdir().unwrap();
                let dir = t.path().join("parent/out");
                (t, dir)
            },
            |step, dir, r| {
                assert!(r.is_err(), "step {step}");
                assert!(!dir.exists(), "{fault:?} at step {step} left DIR behind");
                let parent = snapshot(dir.parent().unwrap().parent().unwrap());
                if fault == Fault::Fail {
                    assert!(parent.is_empty(), "step {step}: {:?}", parent.keys());
                }
            },
        );
        assert!(steps >= V2.len());
    }
}

#[test]
fn check_reports_every_kind_of_drift() {
    let (_t, dir) = v1_tree();
    assert!(check_tree(&dir, &files(V1)).unwrap().is_clean());
    let mut d = check_tree(&dir, &files(V2)).unwrap();
    let got: Vec<_> = d.files.iter().map(|f| (f.path.as_str(), f.status)).collect();
    assert_eq!(
        got,
        [
            ("kustomization.yaml", Status::Changed),
            ("r1/secrets/api.yaml", Status::Added),
            ("r1/secrets/db.yaml", Status::Changed),
            ("r2/openbao/values.yaml", Status::Removed),
            ("r2/secrets/db.yaml", Status::Removed),
            ("r3/new/deep/file.yaml", Status::Added),
        ],
        "foreign files are not drift"
    );
    d.dir = PathBuf::from("deploy/out");
    insta::with_settings!({ snapshot_path => "../../snapshots/write", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!("check_diff", d.render_diff());
        insta::assert_snapshot!("check_summary", d.summary());
        insta::assert_snapshot!("check_github", d.render_github());
        insta::assert_json_snapshot!("check_json", d.to_json());
    });
}

#[test]
fn check_of_a_missing_dir_lists_everything_as_added() {
    let t = tempfile::tempdir().unwrap();
    let d = check_tree(&t.path().join("nope"), &files(V1)).unwrap();
    assert_eq!(d.added().count(), V1.len());
    assert!(d.summary().contains("5 added"), "{}", d.summary());
    fs::write(t.path().join("file"), "x").unwrap();
    let e = check_tree(&t.path().join("file"), &files(V1)).unwrap_err();
    assert!(e.to_string().contains("not a directory"), "{e}");
}

#[test]
fn check_refuses_a_dir_with_an_interrupted_write() {
    let (_t, dir) = v1_tree();
    fault::inject(Fault::Crash, 10);
    assert!(write_tree(&dir, &files(V2), &opts(false)).is_err());
    fault::clear();
    let e = check_tree(&dir, &files(V1)).unwrap_err();
    assert!(e.to_string().contains("interrupted"), "{e}");
}

/// A staging directory as a killed fresh write of `out` by `pid` leaves it.
fn killed_staging(parent: &Path, pid: u32) -> PathBuf {
    let s = parent.join(leftovers::staging_name(std::ffi::OsStr::new("out"), pid));
    fs::create_dir_all(s.join("r1/secrets")).unwrap();
    fs::write(s.join("r1/secrets/db.yaml"), "db: 1\n").unwrap();
    s
}

/// The pid of a process that has exited and been reaped.
fn dead_pid() -> u32 {
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> =
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into()).collect();
    n.sort();
    n
}

#[test]
fn a_killed_fresh_writes_staging_is_removed_once_provably_abandoned() {
    let t = tempfile::tempdir().unwrap();
    let dead = killed_staging(t.path(), dead_pid());
    // Our own pid: a killed run whose pid we reuse (PID 1 in a container);
    // it used to make this run's own staging fail with "File exists".
    let reused = killed_staging(t.path(), std::process::id());
    let r = write_tree(&t.path().join("out"), &files(V1), &opts(false)).unwrap();
    assert_eq!(r.recovery, Recovery::Cleaned);
    assert!(r.to_string().ends_with("; first cleaned up after an interrupted run"), "{r}");
    assert!(!dead.exists() && !reused.exists());
    assert_eq!(names_in(t.path()), ["out"]);
}

#[test]
fn a_staging_directory_that_may_still_be_in_use_is_kept() {
    let t = tempfile::tempdir().unwrap();
    // Its pid runs (the test's parent process).
    let running = killed_staging(t.path(), std::os::unix::process::parent_id());
    // Its pid is gone here, but a writer (in another pid namespace, say)
    // holds its lock.
    let locked = killed_staging(t.path(), dead_pid());
    let held = lock::try_exclusive(&locked).unwrap().expect("flock works here");
    // Look-alikes sovc did not make: a symlink, a file, another suffix.
    let target = killed_staging(&t.path().join("elsewhere"), 1);
    std::os::unix::fs::symlink(&target, t.path().join(leftovers::staging_name("out".as_ref(), dead_pid()))).unwrap();
    fs::write(t.path().join(leftovers::staging_name("out".as_ref(), dead_pid())), "x").unwrap();
    fs::create_dir(t.path().join(".out.sovc-new-0042")).unwrap();
    fs::create_dir(t.path().join(".other.sovc-new-1")).unwrap();
    let before = names_in(t.path());

    let r = write_tree(&t.path().join("out"), &files(V1), &opts(false)).unwrap();
    assert_eq!(r.recovery, Recovery::Nothing);
    let mut expected = before.clone();
    expected.push("out".into());
    expected.sort();
    assert_eq!(names_in(t.path()), expected);
    assert!(running.join("r1/secrets/db.yaml").exists() && locked.join("r1/secrets/db.yaml").exists());
    assert!(target.join("r1/secrets/db.yaml").exists(), "a symlink's target is never touched");
    drop(held);
}
