//! Presenting a [`Drift`]: a unified diff for people, a summary line, JSON
//! for tools and GitHub Actions annotations.

use super::drift::{Drift, FileDrift, Status};
use similar::TextDiff;

impl Drift {
    /// One line: what differs, or that DIR is up to date.
    pub fn summary(&self) -> String {
        let dir = self.dir.display();
        if self.is_clean() {
            return format!("{dir}: up to date ({} file{})", self.checked, plural(self.checked));
        }
        let n = self.files.len();
        format!(
            "{dir}: {n} file{} differ{} from what `sovc generate` would write: {} changed, {} added, {} removed",
            plural(n),
            if n == 1 { "s" } else { "" },
            self.changed().count(),
            self.added().count(),
            self.removed().count()
        )
    }

    /// The unified diff (git style, 3 lines of context) of every differing
    /// file, in path order; `a/` is DIR, `b/` what would be generated.
    pub fn render_diff(&self) -> String {
        self.files.iter().map(file_diff).collect()
    }

    /// `{"dir", "clean", "checked", "counts", "files": [{"path", "status", "diff", "note"?}]}`.
    pub fn to_json(&self) -> serde_json::Value {
        let files: Vec<_> = self
            .files
            .iter()
            .map(|f| {
                let mut o = serde_json::json!({ "path": f.path, "status": f.status.as_str(), "diff": file_diff(f) });
                if let Some(n) = &f.note {
                    o["note"] = n.clone().into();
                }
                o
            })
            .collect();
        serde_json::json!({
            "dir": self.dir.display().to_string(),
            "clean": self.is_clean(),
            "checked": self.checked,
            "counts": {
                "changed": self.changed().count(),
                "added": self.added().count(),
                "removed": self.removed().count(),
            },
            "files": files,
        })
    }

    /// One `::error` annotation per differing file, then the whole diff in
    /// a collapsed log group.
    pub fn render_github(&self) -> String {
        let mut out = String::new();
        for f in &self.files {
            let what = match f.status {
                Status::Changed => "differs from what `sovc generate` would write",
                Status::Added => "is missing: `sovc generate` would create it",
                Status::Removed => "is no longer generated: `sovc generate` would delete it",
            };
            let mut msg = format!("{} {what}", f.path);
            if let Some(n) = &f.note {
                msg.push_str(&format!(" ({n})"));
            }
            msg.push_str("; run `sovc generate` and commit the result");
            let file = format!("{}/{}", self.dir.display().to_string().trim_end_matches('/'), f.path);
            out.push_str(&format!(
                "::error file={},title={}::{}\n",
                escape_property(&file),
                escape_property("sovc: generated tree is stale"),
                escape_data(&msg)
            ));
        }
        if !self.is_clean() {
            out.push_str("::group::sovc --check diff\n");
            out.push_str(&self.render_diff());
            out.push_str("::endgroup::\n");
        }
        out
    }
}

fn file_diff(f: &FileDrift) -> String {
    let (a, b) = match f.status {
        Status::Changed => (format!("a/{}", f.path), format!("b/{}", f.path)),
        Status::Added => ("/dev/null".to_string(), format!("b/{}", f.path)),
        Status::Removed => (format!("a/{}", f.path), "/dev/null".to_string()),
    };
    let mut out = format!("diff -u a/{p} b/{p}\n", p = f.path);
    if let Some(n) = &f.note {
        out.push_str(&format!("# {n}\n"));
    }
    let diff = TextDiff::from_lines(&f.old, &f.new);
    out.push_str(&diff.unified_diff().context_radius(3).header(&a, &b).to_string());
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}
