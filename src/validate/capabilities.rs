//! Capability rules: `deny` stands alone, and no capability is listed twice.
//! (Unknown capabilities and empty lists are reported while reading, where
//! the list's own position is known: E0501, E0512.)

use crate::diag::{Diagnostic, Diagnostics, codes};
use crate::model::{Capability, Topology};

pub fn check(t: &Topology, diags: &mut Diagnostics) {
    for p in &t.policies {
        for rule in &p.rules {
            let caps = &rule.capabilities;
            if let Some(deny) = caps.iter().find(|c| c.value == Capability::Deny)
                && caps.len() > 1
            {
                let others: Vec<String> =
                    caps.iter().filter(|c| c.value != Capability::Deny).map(|c| format!("`{}`", c.value)).collect();
                diags.push(
                    Diagnostic::error(
                        codes::DENY_MIXED,
                        deny.span,
                        format!("`deny` on `{}` is listed with {}", rule.path, others.join(", ")),
                    )
                    .label("`deny` drops every other capability of the rule")
                    .hint(
                        "write `capabilities: [deny]` alone to forbid the path, or remove `deny` to grant the others",
                    ),
                );
            }
            for (i, c) in caps.iter().enumerate() {
                if let Some(first) = caps[..i].iter().find(|f| f.value == c.value) {
                    diags.push(
                        Diagnostic::error(
                            codes::DUPLICATE_ITEM,
                            c.span,
                            format!("capability `{}` is listed twice", c.value),
                        )
                        .label("listed again here")
                        .with_secondary(first.span, "first listed here")
                        .hint(format!("remove the second `{}`", c.value)),
                    );
                }
            }
        }
    }
}
