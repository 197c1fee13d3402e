//! The stable diagnostic codes: one per rule or failure mode.
//!
//! Codes never change meaning once released; `docs/diagnostics.md` lists
//! them (a test keeps it complete). Families: E01 reading, E02 shape,
//! E03 names and formats, E04 references, E05 OpenBao semantics,
//! E06 secret hygiene, W07 warnings, E08 access proofs, W09 least-privilege
//! lints.

macro_rules! codes {
    ($($name:ident = $code:literal : $summary:literal;)*) => {
        $(#[doc = $summary] pub const $name: &str = $code;)*
        /// Every code with its one-line summary, in code order.
        pub const ALL: &[(&str, &str)] = &[$(($code, $summary)),*];
    };
}

codes! {
    SYNTAX = "E0101": "the file is not well-formed YAML (KDL: E0109)";
    DUPLICATE_KEY = "E0102": "a key appears twice in one map";
    MULTIPLE_DOCUMENTS = "E0103": "a topology file holds exactly one YAML document";
    EMPTY_FILE = "E0104": "the file holds no topology";
    LIMIT_EXCEEDED = "E0105": "the file exceeds a reading limit (size, nesting, alias expansion)";
    KEY_NOT_STRING = "E0106": "a map key is not a plain string";
    UNDEFINED_ALIAS = "E0107": "a YAML alias names no anchor";
    NOT_UTF8 = "E0108": "the file is not valid UTF-8";
    KDL_SYNTAX = "E0109": "the file is not well-formed KDL v2";
    UNKNOWN_FIELD = "E0201": "a field that the format does not have";
    WRONG_TYPE = "E0202": "a value of the wrong type";
    MISSING_FIELD = "E0203": "a required field is missing";
    INVALID_ENUM = "E0204": "a value outside a closed set";
    OUT_OF_RANGE = "E0205": "a number outside its allowed range";
    EMPTY_LIST = "E0206": "a list that must not be empty is empty";
    DUPLICATE_ITEM = "E0207": "a list names the same item twice";
    INVALID_SLUG = "E0301": "the sovereign slug is not ^[a-z][a-z0-9-]{2,31}$";
    INVALID_DNS_LABEL = "E0302": "not a DNS-1123 label (location codes, Kubernetes names)";
    INVALID_DNS_SUBDOMAIN = "E0303": "not a DNS-1123 subdomain (Kubernetes object names)";
    INVALID_FQDN = "E0304": "the domain is not a fully qualified domain name";
    UNSAFE_POLICY_PATH = "E0305": "a policy path holds characters that would break HCL or templates";
    GLOB_NOT_LAST = "E0306": "`*` anywhere but at the end of a policy path";
    PLUS_NOT_SEGMENT = "E0307": "`+` that is not a whole path segment";
    SED_REWRITTEN = "E0308": "text the chart's sed would rewrite (HOSTNAME, POD_IP, ...)";
    INVALID_DURATION = "E0309": "not a duration such as 30s, 10m, 1h30m";
    INVALID_URL = "E0310": "not an https URL";
    INVALID_CIDR = "E0311": "not an IPv4/IPv6 CIDR block";
    INVALID_KV_PATH = "E0312": "a secret path that is not a clean relative KV key";
    INVALID_PROPERTY = "E0313": "a secret key name Kubernetes does not accept";
    INVALID_VERSION = "E0314": "a chart version that is not semantic";
    INVALID_NAME = "E0315": "a policy or role name OpenBao does not accept";
    INVALID_SIZE = "E0316": "a storage size that is not a Kubernetes quantity";
    UNSAFE_TEXT = "E0317": "free text with characters that could change the output's structure";
    INVALID_REPO_PATH = "E0318": "flux.path is not a clean repository-relative folder";
    INVALID_ANNOTATION_KEY = "E0319": "an ingress annotation key Kubernetes does not accept";
    NO_PRIMARY = "E0401": "no region is the primary";
    MULTIPLE_PRIMARIES = "E0402": "more than one region is the primary";
    DUPLICATE_LOCATION = "E0403": "two regions share a location code";
    DUPLICATE_POLICY = "E0404": "two policies share a name";
    DUPLICATE_ROLE = "E0405": "two auth roles share a name";
    DUPLICATE_SECRET = "E0406": "two secrets share a name (names are unique across the catalogue)";
    UNKNOWN_POLICY = "E0407": "a role names a policy that does not exist";
    UNKNOWN_REGION = "E0408": "a location code that names no region";
    MISSING_ISSUER = "E0409": "a region needs kubernetes.issuer for cross-region trust";
    UNKNOWN_ROLE = "E0410": "externalSecrets names an auth role that does not exist";
    CONFLICTING_PATH = "E0411": "two secrets write the same KV path";
    // E0412 is retired unreleased: a pushed secret may be materialised only
    // outside its source region (the source holds the Kubernetes Secret).
    RESERVED_NAME = "E0413": "a name sovc or OpenBao reserves";
    ROLE_METHOD = "E0414": "externalSecrets.readerRole or pusherRole names a role of another auth method";
    PUSH_FROM_WITHOUT_PUSH = "E0415": "pushFrom on a secret whose origin is not push";
    INVALID_CAPABILITY = "E0501": "a capability OpenBao does not have";
    DENY_MIXED = "E0502": "`deny` together with other capabilities";
    TTL_EXCEEDS_MAX = "E0503": "tokenTtl is longer than tokenMaxTtl";
    APPROLE_UNCONSTRAINED = "E0504": "an approle role with no constraint";
    JWT_UNBOUND = "E0505": "a jwt role with no bound constraint";
    KV_V2_PATH = "E0506": "a path under the KV v2 mount without data/ or metadata/";
    METHOD_BLOCK = "E0507": "a role's method block is missing or belongs to another method";
    REPLICAS = "E0508": "OpenBao replicas must be odd and at least 1";
    WILDCARD_MIXED = "E0509": "`*` mixed with names in a kubernetes role binding";
    CA_FILE = "E0510": "a cert role's caFile cannot be read or holds no certificate";
    SEAL_SETTINGS = "E0511": "seal settings do not fit the seal type";
    EMPTY_CAPABILITIES = "E0512": "a rule that grants nothing";
    PLAINTEXT_SECRET = "E0601": "a value that looks like a credential; the topology holds references only";
    EVEN_REPLICAS_SMALL = "W0701": "a single-node OpenBao has no high availability";
    UNUSED_POLICY = "W0702": "a policy attached to no role";
    UNUSED_REGION_FILTER = "W0703": "a secret materialised in no region";
    ROLE_IN_NO_REGION = "W0704": "an auth role created in no region";
    ROLE_WITHOUT_POLICY = "W0705": "an auth role that grants no policy";
    CERT_UNCONSTRAINED = "W0706": "a cert role that accepts any certificate of its CA";
    REPLICA_WRITE = "W0707": "an auth role that may write to the KV mount of a replica region";
    IMPLICIT_PUSH_FROM = "W0708": "a pushed secret whose source cluster follows `primary:` (no `pushFrom`)";
    NO_COMPLETE_STANDBY = "W0709": "no replica holds every catalogued secret, so every promotion loses some";
    ACCESS_NOT_GRANTED = "E0801": "no rule of a declared ESO role's policies matches a path a consumer needs";
    ACCESS_INSUFFICIENT = "E0802": "the rule deciding a needed path lacks a capability the consumer needs";
    ACCESS_DENIED = "E0803": "a deny rule decides a path a consumer needs";
    ROLE_NOT_IN_REGION = "E0804": "a declared ESO role is not written to a region whose consumers log in with it";
    UNKNOWN_LINT = "E0805": "`lints.allow` or `allowLints` names a code that is not a warning code";
    SUDO_OUTSIDE_SYS = "W0901": "`sudo` granted on a path outside `sys/`";
    GLOB_AT_MOUNT_ROOT = "W0902": "a `*` glob covering a whole mount";
    UNUSED_GRANT = "W0903": "a rule of an ESO role's policy that no consumer's request is decided by";
    UNUSED_CAPABILITY = "W0904": "a capability of an ESO role's rule that no consumer needs";
    WILDCARD_BINDING = "W0905": "a kubernetes role bound to any service account or any namespace";
}
