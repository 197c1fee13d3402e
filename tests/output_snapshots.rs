//! Insta snapshots of every file sovc generates for every bundled example
//! (`snapshots/<example>__<path>.snap`), plus each example's file list, so
//! every change to the output is reviewed as a diff.

mod emit_common;
use emit_common as common;

#[test]
fn every_output_file_of_every_example() {
    for example in common::examples() {
        let stem = common::stem(&example);
        let files = common::generate_example(&example);
        let again = common::generate_example(&example);
        assert_eq!(files, again, "{stem}: output is not deterministic");
        let mut paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        let listed = paths.join("\n");
        paths.sort();
        assert_eq!(paths.join("\n"), listed, "{stem}: files not sorted by path");
        insta::with_settings!({
            snapshot_path => concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"),
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!(format!("{stem}__files"), listed);
            for f in &files {
                insta::assert_snapshot!(format!("{stem}__{}", f.path.replace('/', "__")), f.contents);
            }
        });
    }
}

#[test]
fn kdl_twins_generate_the_same_tree() {
    // The header names the file it was generated from; everything else is
    // byte-identical between a YAML topology and its KDL twin.
    for example in common::examples() {
        let twin = example.with_extension("kdl");
        assert!(twin.is_file(), "{} has no KDL twin", example.display());
        let name = example.display().to_string();
        let from_yaml = common::generate(&common::load(&example), &name);
        let from_kdl = common::generate(&common::load(&twin), &name);
        assert_eq!(from_yaml, from_kdl, "{}: the KDL twin generates a different tree", example.display());
    }
}
