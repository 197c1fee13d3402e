//! Secret catalogue rules: unique secrets, clean KV keys and property
//! names, `origin`/`pushFrom` agreement, and one writer per KV path.

use crate::diag::{Diagnostic, Diagnostics, Sp, codes};
use crate::model::{Origin, Secret, Topology};
use std::collections::HashMap;

pub fn check(t: &Topology, diags: &mut Diagnostics) {
    // Names are unique across the whole catalogue, not per namespace: a
    // secret's name is also its file name in every region's folder and its
    // staging Secret's name in the one replication namespace.
    let mut seen: HashMap<&str, &Secret> = HashMap::new();
    for s in &t.secrets {
        if let Some(first) = seen.get(s.name.as_str()) {
            let hint = if first.namespace.value == s.namespace.value {
                "a Kubernetes Secret is one entry; list every region it needs under one entry's `regions`".to_string()
            } else {
                format!(
                    "secret names are unique across the catalogue (they name the generated files and the replication \
                     staging Secrets): rename one, e.g. `{}-{}`",
                    s.namespace, s.name
                )
            };
            diags.push(
                Diagnostic::error(
                    codes::DUPLICATE_SECRET,
                    s.name.span,
                    format!("secret name `{}` is catalogued twice", s.name),
                )
                .label("defined again here")
                .with_secondary(first.name.span, format!("first defined here, in namespace `{}`", first.namespace))
                .hint(hint),
            );
        } else {
            seen.insert(s.name.as_str(), s);
        }
        kv_path(s, &t.openbao.kv_mount, diags);
        if let Some(keys) = &s.keys {
            for k in keys {
                property(k, diags);
            }
            duplicates(keys, "key", diags);
        }
        if let Some(regions) = &s.regions {
            duplicates(regions, "region", diags);
        }
        push_from(s, diags);
    }
    writers(t, diags);
}

/// Reports the second and later occurrences of a value in a list.
pub fn duplicates(items: &[Sp<String>], what: &str, diags: &mut Diagnostics) {
    let mut seen: HashMap<&str, &Sp<String>> = HashMap::new();
    for item in items {
        if let Some(first) = seen.get(item.as_str()) {
            diags.push(
                Diagnostic::error(codes::DUPLICATE_ITEM, item.span, format!("{what} `{item}` is listed twice"))
                    .label("listed again here")
                    .with_secondary(first.span, "first listed here")
                    .hint(format!("remove the second `{item}`")),
            );
        } else {
            seen.insert(item.as_str(), item);
        }
    }
}

/// A KV key relative to the mount: segments of letters, digits, `-`, `_`,
/// `.`, no empty/`.`/`..` segments, and no mount or `data/` prefix.
fn kv_path(s: &Secret, mount: &Sp<String>, diags: &mut Diagnostics) {
    let p = &s.path;
    let segments: Vec<&str> = p.split('/').collect();
    let clean =
        |segs: &[&str]| segs.iter().filter(|x| !x.is_empty() && **x != ".").copied().collect::<Vec<_>>().join("/");
    let (problem, hint) = if p.is_empty() {
        ("it is empty".to_string(), "give the KV key, e.g. databases/db-credentials".to_string())
    } else if segments.iter().any(|x| x.is_empty() || *x == "." || *x == "..") {
        let fixed: Vec<&str> =
            segments.iter().filter(|x| !x.is_empty() && **x != "." && **x != "..").copied().collect();
        (
            "it has an empty, `.` or `..` segment (or a leading or trailing `/`)".to_string(),
            if fixed.is_empty() {
                "give the KV key, e.g. databases/db-credentials".to_string()
            } else {
                format!("did you mean `{}`?", fixed.join("/"))
            },
        )
    } else if let Some(bad) = p.chars().find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))) {
        (
            format!("it holds `{}`", bad.escape_default()),
            "KV keys here use letters, digits, `-`, `_`, `.` and `/` only".to_string(),
        )
    } else if segments[0] == mount.as_str() && segments.len() > 1 {
        let rest = if matches!(segments[1], "data" | "metadata") { &segments[2..] } else { &segments[1..] };
        (
            format!("it starts with the KV mount `{mount}`, but paths are relative to it"),
            format!("did you mean `{}`?", clean(rest)),
        )
    } else if matches!(segments[0], "data" | "metadata") && segments.len() > 1 {
        (
            format!("it starts with `{}/`, which sovc adds itself for the KV v2 mount", segments[0]),
            format!("did you mean `{}`?", clean(&segments[1..])),
        )
    } else {
        return;
    };
    diags.push(
        Diagnostic::error(
            codes::INVALID_KV_PATH,
            p.span,
            format!("secret path `{p}` is not a clean KV key: {problem}"),
        )
        .label("not a KV key relative to openbao.kvMount")
        .hint(hint),
    );
}

/// A Kubernetes Secret data key: `[-._a-zA-Z0-9]+`, at most 253 characters.
fn property(k: &Sp<String>, diags: &mut Diagnostics) {
    let ok = !k.is_empty()
        && k.len() <= 253
        && k.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        && k.as_str() != "."
        && k.as_str() != "..";
    if !ok {
        let fixed: String = k
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '-' })
            .collect();
        let hint = if !fixed.is_empty() && fixed != k.as_str() && fixed.trim_matches('-') == fixed {
            format!("did you mean `{fixed}`?")
        } else {
            "Secret keys use letters, digits, `-`, `_` and `.` only".to_string()
        };
        diags.push(
            Diagnostic::error(codes::INVALID_PROPERTY, k.span, format!("`{}` is not a valid Secret key", k.as_str()))
                .label("Kubernetes rejects this key")
                .hint(hint),
        );
    }
}

fn push_from(s: &Secret, diags: &mut Diagnostics) {
    if let (Origin::External, Some(from)) = (s.origin.value, &s.push_from) {
        diags.push(
            Diagnostic::error(
                codes::PUSH_FROM_WITHOUT_PUSH,
                from.span,
                format!("secret `{}` has `pushFrom` but its origin is `external`", s.name),
            )
            .label("only pushed secrets have a source region")
            .hint(if s.origin.span.is_real() {
                "set `origin: push`, or remove `pushFrom`".to_string()
            } else {
                "add `origin: push` (the default origin is `external`), or remove `pushFrom`".to_string()
            }),
        );
    }
}

/// A KV path has at most one writer: two pushed secrets, or a pushed and an
/// externally written one, on one path would overwrite each other.
fn writers(t: &Topology, diags: &mut Diagnostics) {
    let mut by_path: HashMap<&str, Vec<&Secret>> = HashMap::new();
    for s in &t.secrets {
        by_path.entry(s.path.as_str()).or_default().push(s);
    }
    for s in &t.secrets {
        let same = &by_path[s.path.as_str()];
        let first = same[0];
        if std::ptr::eq(first, s) || (first.origin.value != Origin::Push && s.origin.value != Origin::Push) {
            continue;
        }
        diags.push(
            Diagnostic::error(
                codes::CONFLICTING_PATH,
                s.path.span,
                format!(
                    "secrets `{}` and `{}` both use KV path `{}`, and one of them is pushed",
                    first.name, s.name, s.path
                ),
            )
            .label("second secret on this path")
            .with_secondary(first.path.span, "first secret on this path")
            .hint("a pushed secret must own its path: give one of them another `path`"),
        );
    }
}
