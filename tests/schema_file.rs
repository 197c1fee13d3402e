//! The committed JSON Schema is exactly what `sovc schema` prints.

#[test]
fn committed_schema_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/sovereign.schema.json");
    let committed = std::fs::read_to_string(path).expect("schemas/sovereign.schema.json exists");
    let current = sovc::schema::schema_json();
    if std::env::var_os("SOVC_BLESS").is_some() {
        std::fs::write(path, &current).unwrap();
        return;
    }
    assert!(
        committed == current,
        "schemas/sovereign.schema.json is stale: run `cargo run -- schema > schemas/sovereign.schema.json` \
         (or `SOVC_BLESS=1 cargo test --test schema_file`)"
    );
}

#[test]
fn schema_describes_every_top_level_field() {
    let schema = sovc::schema::schema();
    let props = schema["properties"].as_object().expect("root properties");
    for field in [
        "sovereign",
        "domain",
        "openbao",
        "externalSecrets",
        "replication",
        "flux",
        "regions",
        "policies",
        "authRoles",
        "secrets",
    ] {
        assert!(props.contains_key(field), "schema lacks `{field}`");
    }
    assert_eq!(schema["additionalProperties"], serde_json::json!(false));
    let required: Vec<&str> = schema["required"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(required, ["sovereign", "domain", "regions"]);
}
