//! The grounder's options: `-W` warning names and `-c name=value` constants.

use super::{BadValue, GrounderArgs};

/// gringo's `-W` names (each also with `no-`), besides `none` and `all`.
const WARNINGS: &[&str] = &[
    "atom-undefined",
    "file-included",
    "operation-undefined",
    "variable-unbounded",
    "global-variable",
    "other",
];

/// Checks the grounder's options: `-W` names, `-c` names, `--keep-facts`.
pub fn check_grounder_args(args: &GrounderArgs) -> Result<(), BadValue> {
    for w in &args.warn {
        for name in w.split(',').map(str::trim) {
            let known = matches!(name, "none" | "all")
                || WARNINGS.contains(&name.strip_prefix("no-").unwrap_or(name));
            if !known {
                return Err(BadValue(format!(
                    "'{name}' invalid value for: 'warn' (none, all, or one of {}, each \
                     also with no-)",
                    WARNINGS.join(", ")
                )));
            }
        }
    }
    if args.keep_facts {
        return Err(BadValue(
            "--keep-facts is not supported: sable's grounder always removes facts from \
             rule bodies; for such a ground program use gringo --keep-facts (and pipe it \
             into sable solve)"
                .into(),
        ));
    }
    Ok(())
}

/// Parses `-c name=value`.
pub fn parse_consts(consts: &[String]) -> Result<Vec<(String, String)>, BadValue> {
    consts
        .iter()
        .map(|c| match c.split_once('=') {
            Some((name, value)) if !value.trim().is_empty() => {
                let name = name.trim();
                if !is_identifier(name) {
                    return Err(BadValue(format!(
                        "'{c}' invalid value for: 'const': '{name}' is not a constant name \
                         (a lowercase letter first, then letters, digits, _ or ')"
                    )));
                }
                Ok((name.to_string(), value.trim().to_string()))
            }
            _ => Err(BadValue(format!(
                "'{c}' invalid value for: 'const' (expected ID=TERM)"
            ))),
        })
        .collect()
}

/// gringo's identifiers: `_*[a-z][A-Za-z0-9_']*`.
fn is_identifier(name: &str) -> bool {
    let rest = name.trim_start_matches('_');
    let mut chars = rest.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '\'')
}
