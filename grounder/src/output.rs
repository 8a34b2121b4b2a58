//! The ground program as text (`--text`), in gringo's readable form and valid gringo
//! input: grounding the text again gives the same answer sets.
//!
//! Facts are printed as facts, rules with their atoms by name; weight bodies as
//! `L<=#count{...}` or `L<=#sum{...}`; the grounder's helper atoms as `__aux(N)` and its
//! projection atoms `#p_...` as `__p_...` (names gringo input accepts). Elements of
//! aggregates and `#minimize` get an index in their tuple, since elements with equal
//! tuples would count once. What is shown is stated exactly: `#show.` hides everything
//! else, `#show p/n.` names each shown predicate and `#show t : body.` the other terms.
//! Theory atoms are printed as gringo prints them, with their terms fully parenthesised,
//! after the program's `#theory` definitions as written. Lines are sorted, so the output
//! is canonical.

use crate::instantiate::GroundProgram;
use aspif::{Body, ExternalValue, HeadKind, HeuristicModifier, Statement, TheoryStatement};
use rustc_hash::FxHashMap;

/// Theory atoms as gringo writes them (`&sum{(2*x): q(1); 3}<=7`), by program atom, and
/// theory directives.
#[derive(Default)]
struct TheoryText {
    atoms: FxHashMap<u32, String>,
    directives: Vec<String>,
}

impl TheoryText {
    fn new(g: &GroundProgram) -> Self {
        let mut terms: FxHashMap<u32, String> = FxHashMap::default();
        let mut elems: FxHashMap<u32, String> = FxHashMap::default();
        let mut out = TheoryText::default();
        let list = |ids: &[u32], terms: &FxHashMap<u32, String>| -> Vec<String> {
            ids.iter().map(|i| terms[i].clone()).collect()
        };
        for st in g.statements() {
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

/// A symbol as gringo input: the grounder's own `#name` predicates become `__name`.
fn symbol_text(g: &GroundProgram, s: crate::symbol::Sym) -> String {
    let text = g.symbols().show(s);
    match text.strip_prefix('#') {
        Some(rest) => format!("__{rest}"),
        None => text,
    }
}

/// A program atom without theory atoms (inside theory elements).
fn plain_atom(g: &GroundProgram, a: u32) -> String {
    match g.atom_symbol(a) {
        Some(s) => symbol_text(g, s),
        None => format!("__aux({a})"),
    }
}

fn plain_lit(g: &GroundProgram, l: i32) -> String {
    if l < 0 {
        format!("not {}", plain_atom(g, l.unsigned_abs()))
    } else {
        plain_atom(g, l as u32)
    }
}

struct Printer<'g> {
    g: &'g GroundProgram,
    theory: TheoryText,
    /// Element indices of `#minimize` (unique, so that no two elements share a tuple).
    next_index: usize,
}

impl Printer<'_> {
    fn atom(&self, a: u32) -> String {
        match self.theory.atoms.get(&a) {
            Some(t) => t.clone(),
            None => plain_atom(self.g, a),
        }
    }

    fn lit(&self, l: i32) -> String {
        if l < 0 {
            format!("not {}", self.atom(l.unsigned_abs()))
        } else {
            self.atom(l as u32)
        }
    }

    fn lits(&self, lits: &[i32]) -> String {
        lits.iter()
            .map(|&l| self.lit(l))
            .collect::<Vec<_>>()
            .join(",")
    }

    fn rule_body(&self, body: &Body) -> String {
        match body {
            Body::Normal(lits) => self.lits(lits),
            Body::Sum { lower, lits } => {
                let count = lits.iter().all(|w| w.weight == 1);
                let elems: Vec<String> = lits
                    .iter()
                    .enumerate()
                    .map(|(i, w)| {
                        if count {
                            format!("{i}:{}", self.lit(w.lit))
                        } else {
                            format!("{},{i}:{}", w.weight, self.lit(w.lit))
                        }
                    })
                    .collect();
                let fun = if count { "#count" } else { "#sum" };
                format!("{lower}<={fun}{{{}}}", elems.join(";"))
            }
        }
    }

    fn statement(&mut self, st: &Statement) -> Vec<String> {
        let with_cond = |head: String, cond: &str| {
            if cond.is_empty() {
                format!("{head}.")
            } else {
                format!("{head}:{cond}.")
            }
        };
        match st {
            Statement::Rule(r) => {
                let head: Vec<String> = r.head.iter().map(|&a| self.atom(a)).collect();
                let head = match r.head_kind {
                    HeadKind::Choice => format!("{{{}}}", head.join(";")),
                    HeadKind::Disjunctive => head.join(";"),
                };
                let body = self.rule_body(&r.body);
                vec![match (head.is_empty(), body.is_empty()) {
                    // An integrity constraint whose body is true.
                    (true, true) => ":-#true.".to_string(),
                    (false, true) => format!("{head}."),
                    _ => format!("{head}:-{body}."),
                }]
            }
            Statement::Minimize { priority, lits } => {
                let elems: Vec<String> = lits
                    .iter()
                    .map(|w| {
                        self.next_index += 1;
                        format!(
                            "{}@{priority},{}:{}",
                            w.weight,
                            self.next_index,
                            self.lit(w.lit)
                        )
                    })
                    .collect();
                vec![format!("#minimize{{{}}}.", elems.join(";"))]
            }
            Statement::Output { name, cond } => {
                vec![with_cond(format!("#show {name}"), &self.lits(cond))]
            }
            Statement::External { atom, value } => {
                let value = match value {
                    ExternalValue::Free => "free",
                    ExternalValue::True => "true",
                    ExternalValue::False => "false",
                    ExternalValue::Release => "release",
                };
                vec![format!("#external {}. [{value}]", self.atom(*atom))]
            }
            Statement::Project(atoms) => atoms
                .iter()
                .map(|&a| format!("#project {}.", self.atom(a)))
                .collect(),
            Statement::Heuristic {
                modifier,
                atom,
                value,
                priority,
                cond,
            } => {
                let modifier = match modifier {
                    HeuristicModifier::Level => "level",
                    HeuristicModifier::Sign => "sign",
                    HeuristicModifier::Factor => "factor",
                    HeuristicModifier::Init => "init",
                    HeuristicModifier::True => "true",
                    HeuristicModifier::False => "false",
                };
                let head = format!("#heuristic {}", self.atom(*atom));
                let line = with_cond(head, &self.lits(cond));
                vec![format!("{line} [{value}@{priority},{modifier}]")]
            }
            Statement::Edge { from, to, cond } => {
                vec![with_cond(format!("#edge ({from},{to})"), &self.lits(cond))]
            }
            Statement::Assume(lits) => lits
                .iter()
                .map(|&l| format!("% assumption: {}", self.lit(l)))
                .collect(),
            Statement::Theory(_) | Statement::Comment(_) => vec![],
        }
    }
}

/// The program as sorted text lines, after the `#theory` definitions `theory_defs`.
pub fn text(g: &GroundProgram, theory_defs: &[String]) -> String {
    let mut p = Printer {
        g,
        theory: TheoryText::new(g),
        next_index: 0,
    };
    let mut lines = vec!["#show.".to_string()];
    lines.append(&mut p.theory.directives.clone());
    for pd in g.shown_predicates() {
        let sign = if pd.neg { "-" } else { "" };
        lines.push(format!(
            "#show {sign}{}/{}.",
            g.symbols().name_str(pd.name),
            pd.arity
        ));
    }
    for sym in g.facts() {
        lines.push(format!("{}.", symbol_text(g, sym)));
    }
    for (i, st) in g.statements().iter().enumerate() {
        // Shown atoms are covered by `#show p/n.`.
        if g.is_atom_output(i) {
            continue;
        }
        lines.append(&mut p.statement(st));
    }
    lines.sort();
    lines.dedup();
    let mut s = String::new();
    for def in theory_defs {
        s.push_str(def);
        s.push('\n');
    }
    s.push_str(&lines.join("\n"));
    s.push('\n');
    s
}
