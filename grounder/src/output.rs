//! The ground program as text for people (`--text`): one statement per line, atoms by
//! name (helper atoms as `#aux(N)`), sorted so that the output is canonical.

use crate::instantiate::Grounder;
use aspif::{Body, HeadKind, Statement};

fn atom_name(g: &Grounder, a: u32) -> String {
    match g.aspif_names.get(&a) {
        Some(s) => g.syms.show(*s),
        None => format!("#aux({a})"),
    }
}

fn lit_name(g: &Grounder, l: i32) -> String {
    if l < 0 {
        format!("not {}", atom_name(g, l.unsigned_abs()))
    } else {
        atom_name(g, l as u32)
    }
}

/// The program as sorted text lines.
pub fn text(g: &Grounder) -> String {
    let mut lines = Vec::new();
    for st in &g.out {
        let line = match st {
            Statement::Rule(r) => {
                let head: Vec<String> = r.head.iter().map(|&a| atom_name(g, a)).collect();
                let head = match r.head_kind {
                    HeadKind::Choice => format!("{{{}}}", head.join(";")),
                    HeadKind::Disjunctive => head.join(";"),
                };
                let body = match &r.body {
                    Body::Normal(lits) => lits
                        .iter()
                        .map(|&l| lit_name(g, l))
                        .collect::<Vec<_>>()
                        .join(","),
                    Body::Sum { lower, lits } => format!(
                        "{lower}<=#sum{{{}}}",
                        lits.iter()
                            .map(|w| format!("{}:{}", w.weight, lit_name(g, w.lit)))
                            .collect::<Vec<_>>()
                            .join(";")
                    ),
                };
                if body.is_empty() {
                    format!("{head}.")
                } else {
                    format!("{head}:-{body}.")
                }
            }
            Statement::Minimize { priority, lits } => format!(
                "#minimize{{{}}}.",
                lits.iter()
                    .map(|w| format!("{}@{}:{}", w.weight, priority, lit_name(g, w.lit)))
                    .collect::<Vec<_>>()
                    .join(";")
            ),
            Statement::Output { name, cond } => {
                if cond.is_empty() {
                    format!("#show {name}.")
                } else {
                    format!(
                        "#show {name}:{}.",
                        cond.iter()
                            .map(|&l| lit_name(g, l))
                            .collect::<Vec<_>>()
                            .join(",")
                    )
                }
            }
            Statement::External { atom, value } => {
                format!("#external {}. [{value:?}]", atom_name(g, *atom))
            }
            Statement::Project(atoms) => format!(
                "#project {}.",
                atoms
                    .iter()
                    .map(|&a| atom_name(g, a))
                    .collect::<Vec<_>>()
                    .join(",")
            ),
            other => format!("% {other:?}"),
        };
        lines.push(line);
    }
    lines.sort();
    let mut s = lines.join("\n");
    s.push('\n');
    s
}
