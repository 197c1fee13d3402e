//! The configure templates (`templates/configure/*.j2`), embedded in the
//! binary, and the quoting filters they use. Templates receive only plain
//! strings; every value is quoted by a filter for the syntax it lands in:
//! `sh` (POSIX shell, single quotes), `q` (YAML double-quoted scalar), `hcl`
//! (HCL v1 string) and `c` (one comment line). No filter lets `{{` or `}}`
//! through.

use super::error::Problem;
use super::policy_hcl;
use minijinja::{AutoEscape, Environment, UndefinedBehavior};
use serde::Serialize;
use std::sync::OnceLock;

const TEMPLATES: &[(&str, &str)] = &[
    ("configure.sh", include_str!("../../templates/configure/configure.sh.j2")),
    ("bootstrap.sh", include_str!("../../templates/configure/bootstrap.sh.j2")),
    ("job.yaml", include_str!("../../templates/configure/job.yaml.j2")),
    ("serviceaccount.yaml", include_str!("../../templates/configure/serviceaccount.yaml.j2")),
    ("kustomization.yaml", include_str!("../../templates/configure/kustomization.yaml.j2")),
    ("self-init.hcl", include_str!("../../templates/configure/self-init.hcl.j2")),
    ("self-init-select.sh", include_str!("../../templates/configure/self-init-select.sh.j2")),
    ("self-init-configmap.yaml", include_str!("../../templates/configure/self-init-configmap.yaml.j2")),
];

/// `s` in single quotes for POSIX sh (a `'` becomes `'\''`). A doubled
/// brace is split by an empty `''` (`{''{`), so no output holds `{{`/`}}`
/// while the shell still reads `s` unchanged.
pub fn sh_quote(s: &str) -> String {
    let mut q = s.replace('\'', r"'\''");
    for pair in ["{{", "}}"] {
        while q.contains(pair) {
            let c = &pair[..1];
            q = q.replace(pair, &format!("{c}''{c}"));
        }
    }
    format!("'{q}'")
}

/// `s` as a double-quoted YAML scalar that reads back as `s` in YAML 1.1
/// and 1.2 (the emitters' escaping), with braces as `\u007B`/`\u007D`.
pub fn yaml_quote(s: &str) -> String {
    crate::render::escape::yaml_quote(s).replace('{', "\\u007B").replace('}', "\\u007D")
}

/// Text for a `#` comment of one line: line breaks and control characters
/// become spaces and doubled braces are split, so it cannot end the comment.
pub fn comment_text(s: &str) -> String {
    let line = crate::render::escape::comment_lines(s)
        .lines()
        .map(|l| l.trim_start_matches('#').trim())
        .collect::<Vec<_>>()
        .join(" ");
    unbrace(&line)
}

/// Splits doubled braces with a space (`{ {`), for comments.
pub fn unbrace(s: &str) -> String {
    let mut out = s.to_string();
    for (pair, split) in [("{{", "{ {"), ("}}", "} }")] {
        while out.contains(pair) {
            out = out.replace(pair, split);
        }
    }
    out
}

fn env() -> &'static Environment<'static> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut env = Environment::new();
        env.set_auto_escape_callback(|_| AutoEscape::None);
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()
        {
            env.set_syntax(syntax);
        }
        env.add_filter("sh", |s: String| sh_quote(&s));
        env.add_filter("q", |s: String| yaml_quote(&s));
        env.add_filter("c", |s: String| comment_text(&s));
        env.add_filter("hcl", |s: String| policy_hcl::quote(&s));
        for (name, source) in TEMPLATES {
            // A template that does not parse fails every render of it below,
            // with the parse error as the reason.
            let _ = env.add_template(name, source);
        }
        env
    })
}

/// The source text of template `name` (empty for an unknown name).
pub fn source(name: &str) -> &'static str {
    TEMPLATES.iter().find(|(n, _)| *n == name).map_or("", |(_, s)| s)
}

/// Renders template `name` with `ctx`.
pub fn render(name: &str, ctx: impl Serialize) -> Result<String, Problem> {
    let problem = |e: minijinja::Error| Problem::Template { template: name.to_string(), reason: format!("{e:#}") };
    env()
        .get_template(name)
        .map_err(problem)?
        .render(minijinja::Value::from(minijinja::value::Serde(ctx)))
        .map_err(problem)
}
