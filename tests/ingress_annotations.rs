//! `openbao.ingressAnnotations`: a region's map merges over the shared one
//! key by key (YAML and KDL alike), and every key and value reaches the
//! chart's `server.ingress.annotations` verbatim, however hostile.

use sovc::pipeline::{generate_files, load_bytes};
use sovc::read::InputFormat;
use std::collections::BTreeMap;
use std::path::Path;

const YAML: &str = r##"sovereign: acme
domain: acme.example.com
openbao:
  ingressAnnotations:
    nginx.ingress.kubernetes.io/backend-protocol: HTTPS
    example.com/note: "shared"
regions:
  - locationCode: eu1
    primary: true
    openbao:
      ingressAnnotations:
        example.com/note: "say \"hi\" {{ .Values.x }} ${y}\nsecond line: - [a]"
        example.com/extra: "# not a comment"
  - locationCode: us1
    kubernetes: {issuer: https://oidc.us1.acme.example.com}
"##;

const KDL: &str = r##"sovereign acme
domain acme.example.com
openbao {
    ingressAnnotations "nginx.ingress.kubernetes.io/backend-protocol"=HTTPS "example.com/note"=shared
}
region eu1 primary=#true {
    openbao {
        ingressAnnotations "example.com/note"="say \"hi\" {{ .Values.x }} ${y}\nsecond line: - [a]" "example.com/extra"="# not a comment"
    }
}
region us1 {
    kubernetes issuer="https://oidc.us1.acme.example.com"
}
"##;

/// `server.ingress.annotations` of region `code`, parsed back from the
/// generated `values.yaml`.
fn annotations(text: &str, format: InputFormat, code: &str) -> BTreeMap<String, String> {
    let loaded = load_bytes("t", text.as_bytes(), format, Path::new("."));
    let diags: Vec<_> = loaded.diagnostics.iter().map(|d| format!("{} {}", d.code, d.message)).collect();
    let t = loaded.valid().unwrap_or_else(|| panic!("{format:?}: {diags:#?}"));
    let files = generate_files(t, "t", Path::new(".")).expect("generate");
    let values = files.iter().find(|f| f.path == format!("{code}/openbao/values.yaml")).expect("values.yaml");
    let doc: serde_norway::Value = serde_norway::from_str(&values.contents).expect("values.yaml parses");
    let map = &doc["server"]["ingress"]["annotations"];
    serde_norway::from_value(map.clone()).unwrap_or_else(|e| panic!("annotations of {code}: {e}: {map:?}"))
}

#[test]
fn a_region_merges_over_the_shared_annotations_and_values_arrive_verbatim() {
    for format in [InputFormat::Yaml, InputFormat::Kdl] {
        let text = if format == InputFormat::Yaml { YAML } else { KDL };
        let eu1 = annotations(text, format, "eu1");
        let expected: BTreeMap<String, String> = [
            ("example.com/extra", "# not a comment"),
            ("example.com/note", "say \"hi\" {{ .Values.x }} ${y}\nsecond line: - [a]"),
            ("nginx.ingress.kubernetes.io/backend-protocol", "HTTPS"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert_eq!(eu1, expected, "{format:?}");
        let us1 = annotations(text, format, "us1");
        assert_eq!(us1.get("example.com/note").map(String::as_str), Some("shared"), "{format:?}");
        assert_eq!(us1.len(), 2, "{format:?}");
    }
}

#[test]
fn no_annotations_no_key() {
    let text = "sovereign: acme\ndomain: acme.example.com\nregions:\n  - locationCode: eu1\n    primary: true\n";
    let loaded = load_bytes("t", text.as_bytes(), InputFormat::Yaml, Path::new("."));
    let files = generate_files(loaded.valid().unwrap(), "t", Path::new(".")).unwrap();
    let values = files.iter().find(|f| f.path == "eu1/openbao/values.yaml").unwrap();
    assert!(!values.contents.contains("annotations:"), "{}", values.contents);
}
