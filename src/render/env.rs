//! The template environment: every template under `templates/`, embedded in
//! the binary, with auto-escaping by output language.
//!
//! `*.yaml.j2` templates print every value as a YAML scalar (strings always
//! double-quoted, see [`escape::yaml_quote`]); `*.hcl.j2` templates print
//! every value as an HCL v1 string or list. There is no unescaped output of
//! a topology value: only strings the filters below build themselves are
//! marked safe. Undefined variables are errors, so a template typo cannot
//! silently drop a field.

use super::escape;
use minijinja::value::{Value, ValueKind};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior};

/// Every template, by name.
const TEMPLATES: &[(&str, &str)] = &[
    ("namespace.yaml.j2", include_str!("../../templates/namespace.yaml.j2")),
    ("kustomization.yaml.j2", include_str!("../../templates/kustomization.yaml.j2")),
    ("policy.hcl.j2", include_str!("../../templates/policy.hcl.j2")),
    ("openbao/helm-repository.yaml.j2", include_str!("../../templates/openbao/helm-repository.yaml.j2")),
    ("openbao/oci-repository.yaml.j2", include_str!("../../templates/openbao/oci-repository.yaml.j2")),
    ("openbao/helm-release.yaml.j2", include_str!("../../templates/openbao/helm-release.yaml.j2")),
    ("openbao/values.yaml.j2", include_str!("../../templates/openbao/values.yaml.j2")),
    ("openbao/server.hcl.j2", include_str!("../../templates/openbao/server.hcl.j2")),
    ("eso/cluster-secret-store.yaml.j2", include_str!("../../templates/eso/cluster-secret-store.yaml.j2")),
    ("eso/external-secret.yaml.j2", include_str!("../../templates/eso/external-secret.yaml.j2")),
    ("eso/push-secret.yaml.j2", include_str!("../../templates/eso/push-secret.yaml.j2")),
    ("flux/kustomizations.yaml.j2", include_str!("../../templates/flux/kustomizations.yaml.j2")),
];

const YAML: &str = "yaml";
const HCL: &str = "hcl";

/// Builds the environment. Fails only if a bundled template does not parse
/// (a bug caught by every test that renders).
pub fn environment() -> Result<Environment<'static>, Error> {
    let mut env = Environment::new();
    env.set_syntax(minijinja::syntax::SyntaxConfig::builder().trim_blocks(true).lstrip_blocks(true).build()?);
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".yaml.j2") {
            AutoEscape::Custom(YAML.into())
        } else if name.ends_with(".hcl.j2") {
            AutoEscape::Custom(HCL.into())
        } else {
            AutoEscape::None
        }
    });
    env.set_formatter(|out, state, value| {
        let text = if value.is_safe() {
            value.to_string()
        } else {
            match state.auto_escape() {
                AutoEscape::Custom(lang) if lang == YAML => yaml_value(value)?,
                AutoEscape::Custom(lang) if lang == HCL => hcl_value(value)?,
                _ => return Err(Error::new(ErrorKind::InvalidOperation, "template without an output language")),
            }
        };
        out.write_str(&text).map_err(Error::from)
    });
    env.add_filter("yaml_block", yaml_block);
    env.add_filter("comment", comment);
    env.add_filter("key", key);
    for (name, source) in TEMPLATES {
        env.add_template(name, source)?;
    }
    Ok(env)
}

/// A value as a YAML flow scalar or flow sequence.
fn yaml_value(value: &Value) -> Result<String, Error> {
    Ok(match value.kind() {
        ValueKind::String => escape::yaml_quote(value.as_str().unwrap_or_default()),
        ValueKind::Bool => value.is_true().to_string(),
        ValueKind::Number => value.to_string(),
        ValueKind::None => "null".to_string(),
        ValueKind::Seq => {
            let items: Result<Vec<String>, Error> = value.try_iter()?.map(|v| yaml_value(&v)).collect();
            format!("[{}]", items?.join(", "))
        }
        kind => return Err(Error::new(ErrorKind::InvalidOperation, format!("cannot print a {kind} in YAML"))),
    })
}

/// A value as an HCL v1 string, number or list.
fn hcl_value(value: &Value) -> Result<String, Error> {
    Ok(match value.kind() {
        ValueKind::String => escape::hcl_quote(value.as_str().unwrap_or_default())
            .map_err(|e| Error::new(ErrorKind::InvalidOperation, e.0))?,
        ValueKind::Bool => value.is_true().to_string(),
        ValueKind::Number => value.to_string(),
        ValueKind::Seq => {
            let items: Result<Vec<String>, Error> = value.try_iter()?.map(|v| hcl_value(&v)).collect();
            format!("[{}]", items?.join(", "))
        }
        kind => return Err(Error::new(ErrorKind::InvalidOperation, format!("cannot print a {kind} in HCL"))),
    })
}

/// `{{ text | yaml_block(n) }}`: a literal block scalar indented `n`
/// spaces, or the quoted scalar when a block could not carry the text.
fn yaml_block(text: &str, indent: usize) -> Value {
    Value::from_safe_string(escape::yaml_block(text, indent).unwrap_or_else(|| escape::yaml_quote(text)))
}

/// `{{ text | comment }}`: free text as `#` comment lines (no final newline).
fn comment(text: &str) -> Value {
    Value::from_safe_string(escape::comment_lines(text.trim_end()).trim_end_matches('\n').to_string())
}

/// `{{ name | key(width) }}`: an HCL attribute name padded to `width` for
/// `=` alignment. Only plain identifiers are accepted.
fn key(name: &str, width: usize) -> Result<Value, Error> {
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
        return Err(Error::new(ErrorKind::InvalidOperation, format!("{name:?} is not an HCL attribute name")));
    }
    Ok(Value::from_safe_string(format!("{name:<width$}")))
}
