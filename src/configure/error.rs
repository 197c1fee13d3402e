//! What can stop configuration delivery after validation passed: a file the
//! topology points at that cannot be used, names that would collide inside
//! one OpenBao, or generated text that the chart would rewrite.

use std::fmt;

/// One problem found while building a region's OpenBao configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// A cert role's `caFile` cannot be read.
    CaFileUnreadable { at: String, role: String, path: String, reason: String },
    /// A cert role's `caFile` holds no PEM certificate, or holds a private key.
    CaFileNotCertificate { at: String, role: String, path: String, reason: String },
    /// Two different auth methods would be enabled at one mount path.
    MountClash { region: String, mount: String, first: String, second: String },
    /// Roles sharing a JWT mount disagree about its key source.
    JwtMountDisagrees { region: String, mount: String, first: String, second: String },
    /// A user policy or role takes a name sovc reserves for what it derives.
    ReservedName { at: String, what: &'static str, name: String },
    /// Generated text contains something the chart's `tpl`/`sed` would rewrite.
    ForbiddenText { file: String, needle: &'static str },
    /// A template failed to render (a bug in sovc).
    Template { template: String, reason: String },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::CaFileUnreadable { at, role, path, reason } => {
                write!(f, "{at}: cert role `{role}`: cannot read caFile `{path}`: {reason}")
            }
            Problem::CaFileNotCertificate { at, role, path, reason } => {
                write!(f, "{at}: cert role `{role}`: caFile `{path}` {reason}")
            }
            Problem::MountClash { region, mount, first, second } => write!(
                f,
                "region {region}: auth mount `{mount}` would be both a `{first}` and a `{second}` mount; give the jwt role another `jwt.mount`"
            ),
            Problem::JwtMountDisagrees { region, mount, first, second } => write!(
                f,
                "region {region}: roles on jwt mount `{mount}` name different oidcDiscoveryUrl values (`{first}` and `{second}`); one mount has one key source"
            ),
            Problem::ReservedName { at, what, name } => {
                write!(f, "{at}: {what} `{name}` uses a name sovc derives itself (prefix `sovc-`); rename it")
            }
            Problem::ForbiddenText { file, needle } => write!(
                f,
                "{file}: generated text contains `{needle}`, which the OpenBao chart would rewrite; rename what produces it"
            ),
            Problem::Template { template, reason } => write!(f, "template {template}: {reason}"),
        }
    }
}

/// Every problem found, in the order found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigureError {
    pub problems: Vec<Problem>,
}

impl fmt::Display for ConfigureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigureError {}

impl From<Problem> for ConfigureError {
    fn from(p: Problem) -> Self {
        ConfigureError { problems: vec![p] }
    }
}

impl From<Vec<Problem>> for ConfigureError {
    fn from(problems: Vec<Problem>) -> Self {
        ConfigureError { problems }
    }
}
