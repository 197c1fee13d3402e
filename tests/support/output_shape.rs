//! Reading generated files back: every YAML document and HCL file parsed
//! into a JSON value, and the *shape* of such a value (keys, list lengths,
//! value types) to compare two renderings structurally.

use serde::Deserialize;
use serde_json::Value;
use sovc::output::OutputFile;

/// Parses a generated file by its kind: YAML (every document) or HCL.
/// `None` for kinds not parsed here (markdown, shell); `Err` when it does
/// not parse.
pub fn parse(file: &OutputFile) -> Option<Result<Vec<Value>, String>> {
    let p = file.path.as_str();
    if p.ends_with(".yaml") || p.ends_with(".yml") {
        let mut docs = Vec::new();
        for doc in serde_norway::Deserializer::from_str(&file.contents) {
            match Value::deserialize(doc) {
                Ok(v) => docs.push(v),
                Err(e) => return Some(Err(format!("{p}: {e}"))),
            }
        }
        Some(Ok(docs))
    } else if p.ends_with(".hcl") {
        Some(hcl::from_str::<Value>(&file.contents).map(|v| vec![v]).map_err(|e| format!("{p}: {e}")))
    } else {
        None
    }
}

/// The structure of a value: map keys, list lengths and scalar types, with
/// the scalars themselves left out.
pub fn shape(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(m.iter().map(|(k, v)| (k.clone(), shape(v))).collect()),
        Value::Array(a) => Value::Array(a.iter().map(shape).collect()),
        Value::String(_) => Value::String("str".into()),
        Value::Number(_) => Value::String("num".into()),
        Value::Bool(_) => Value::String("bool".into()),
        Value::Null => Value::Null,
    }
}

/// Every string scalar (and map key) in a value, with its path.
pub fn strings(v: &Value, path: &str, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                out.push((format!("{path}/{k}#key"), k.clone()));
                strings(v, &format!("{path}/{k}"), out);
            }
        }
        Value::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                strings(v, &format!("{path}/{i}"), out);
            }
        }
        Value::String(s) => out.push((path.to_string(), s.clone())),
        _ => {}
    }
}
