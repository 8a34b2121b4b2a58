//! The ground program as text for people (`--text`): one statement per line, atoms by
//! name (helper atoms as `#aux(N)`), sorted so that the output is canonical.

use crate::instantiate::Grounder;
use aspif::{Body, HeadKind, Statement, TheoryStatement};
use rustc_hash::FxHashMap;

/// Theory atoms as gringo writes them (`&sum{(2*x): q(1); 3}<=7`), by program atom, and
/// theory directives.
#[derive(Default)]
struct TheoryText {
    atoms: FxHashMap<u32, String>,
    directives: Vec<String>,
}

impl TheoryText {
    fn new(g: &Grounder) -> Self {
        let mut terms: FxHashMap<u32, String> = FxHashMap::default();
        let mut elems: FxHashMap<u32, String> = FxHashMap::default();
        let mut out = TheoryText::default();
        let list = |ids: &[u32], terms: &FxHashMap<u32, String>| -> Vec<String> {
            ids.iter().map(|i| terms[i].clone()).collect()
        };
        for st in &g.out {
            let Statement::Theory(t) = st else { continue };
            match t {
                TheoryStatement::Number { id, value } => {
                    terms.insert(*id, value.to_string());
                }
                TheoryStatement::Symbol { id, name } => {
                    terms.insert(*id, name.clone());
                }
                TheoryStatement::Compound { id, kind, args } => {
                    let args = list(args, &terms);
                    let text = match *kind {
                        -1 if args.len() == 1 => format!("({},)", args[0]),
                        -1 => format!("({})", args.join(",")),
                        -2 => format!("{{{}}}", args.join(",")),
                        -3 => format!("[{}]", args.join(",")),
                        f => {
                            let f = &terms[&(f as u32)];
                            let operator =
                                f.starts_with(|c: char| "/!<=>+-*\\?&@|:;~^.".contains(c));
                            match args.len() {
                                1 if operator => format!("({f}{})", args[0]),
                                2 if operator => format!("({}{f}{})", args[0], args[1]),
                                _ => format!("{f}({})", args.join(",")),
                            }
                        }
                    };
                    terms.insert(*id, text);
                }
                TheoryStatement::Element {
                    id,
                    terms: ts,
                    cond,
                } => {
                    let mut text = list(ts, &terms).join(",");
                    if !cond.is_empty() {
                        text.push_str(": ");
                        let c: Vec<String> = cond.iter().map(|&l| plain_lit(g, l)).collect();
                        text.push_str(&c.join(","));
                    }
                    elems.insert(*id, text);
                }
                TheoryStatement::Atom {
                    atom,
                    name,
                    elements,
                    guard,
                } => {
                    let mut text =
                        format!("&{}{{{}}}", terms[name], list(elements, &elems).join("; "));
                    if let Some((op, rhs)) = guard {
                        text.push_str(&terms[op]);
                        text.push_str(&terms[rhs]);
                    }
                    if *atom == 0 {
                        out.directives.push(format!("{text}."));
                    } else {
                        out.atoms.insert(*atom, text);
                    }
                }
            }
        }
        out
    }
}

fn plain_atom(g: &Grounder, a: u32) -> String {
    match g.aspif_names.get(&a) {
        Some(s) => g.syms.show(*s),
        None => format!("#aux({a})"),
    }
}

fn plain_lit(g: &Grounder, l: i32) -> String {
    if l < 0 {
        format!("not {}", plain_atom(g, l.unsigned_abs()))
    } else {
        plain_atom(g, l as u32)
    }
}

/// The program as sorted text lines.
pub fn text(g: &Grounder) -> String {
    let theory = TheoryText::new(g);
    let atom_name = |_: &Grounder, a: u32| -> String {
        match theory.atoms.get(&a) {
            Some(t) => t.clone(),
            None => plain_atom(g, a),
        }
    };
    let lit_name = |g: &Grounder, l: i32| -> String {
        if l < 0 {
            format!("not {}", atom_name(g, l.unsigned_abs()))
        } else {
            atom_name(g, l as u32)
        }
    };
    let mut lines = theory.directives.clone();
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
            Statement::Theory(_) => continue,
            other => format!("% {other:?}"),
        };
        lines.push(line);
    }
    lines.sort();
    let mut s = lines.join("\n");
    s.push('\n');
    s
}
