//! Theory atoms to aspif theory statements (type 9).
//!
//! Ground theory terms, elements and atoms are each emitted once, the first time they
//! occur, so every statement only refers to ids defined before it. Two occurrences of
//! the same ground theory atom (same name, elements and guard) share one program atom,
//! as in gringo: a head occurrence then derives what a body occurrence tests. Elements
//! whose condition is false are dropped; true literals leave the condition.

use super::Grounder;
use crate::program::{TheoryAtom, TheoryTerm};
use crate::symbol::{Sym, SymData};
use crate::term::Env;
use aspif::{Statement, TheoryStatement};
use rustc_hash::FxHashMap;

/// A ground theory term as aspif numbers it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum TermKey {
    Number(i64),
    Symbol(String),
    /// Function term id (or -1 tuple, -2 set, -3 list) and arguments.
    Compound(i32, Vec<u32>),
}

/// A ground theory atom: name term, elements (sorted), guard (operator and term),
/// directive.
type AtomKey = (u32, Vec<u32>, Option<(u32, u32)>, bool);

/// What the grounder has emitted of theory data so far.
#[derive(Default)]
pub struct TheoryOut {
    terms: FxHashMap<TermKey, u32>,
    elems: FxHashMap<(Vec<u32>, Vec<i32>), u32>,
    /// The program atom of each theory atom (0 for directives).
    atoms: FxHashMap<AtomKey, u32>,
}

const TUPLE: i32 = -1;
const SET: i32 = -2;
const LIST: i32 = -3;

impl Grounder {
    fn theory_term_id(&mut self, key: TermKey) -> u32 {
        if let Some(&id) = self.theory.terms.get(&key) {
            return id;
        }
        let id = self.theory.terms.len() as u32;
        let st = match &key {
            TermKey::Number(value) => TheoryStatement::Number { id, value: *value },
            TermKey::Symbol(name) => TheoryStatement::Symbol {
                id,
                name: name.clone(),
            },
            TermKey::Compound(kind, args) => TheoryStatement::Compound {
                id,
                kind: *kind,
                args: args.clone(),
            },
        };
        self.out.push(Statement::Theory(st));
        self.theory.terms.insert(key, id);
        id
    }

    fn theory_symbol(&mut self, name: &str) -> u32 {
        self.theory_term_id(TermKey::Symbol(name.to_string()))
    }

    fn theory_compound(&mut self, kind: i32, args: Vec<u32>) -> u32 {
        self.theory_term_id(TermKey::Compound(kind, args))
    }

    /// A ground ordinary term as a theory term: functions become compounds, negative
    /// numbers and classically negated terms the operator `-` applied (as gringo does).
    fn theory_sym(&mut self, s: Sym) -> u32 {
        match self.syms.get(s).clone() {
            SymData::Num(n) if n >= 0 => self.theory_term_id(TermKey::Number(n)),
            SymData::Num(n) => match n.checked_neg() {
                Some(m) => {
                    let minus = self.theory_symbol("-");
                    let arg = self.theory_term_id(TermKey::Number(m));
                    self.theory_compound(minus as i32, vec![arg])
                }
                None => self.theory_term_id(TermKey::Number(n)),
            },
            SymData::Inf => self.theory_symbol("#inf"),
            SymData::Sup => self.theory_symbol("#sup"),
            SymData::Str(_) => {
                let text = self.syms.show(s);
                self.theory_symbol(&text)
            }
            SymData::Fun { name, args, neg } => {
                let fname = self.syms.name_str(name).to_string();
                let base = if args.is_empty() && !fname.is_empty() {
                    self.theory_symbol(&fname)
                } else {
                    let ids: Vec<u32> = args.iter().map(|&a| self.theory_sym(a)).collect();
                    let kind = if fname.is_empty() {
                        TUPLE
                    } else {
                        self.theory_symbol(&fname) as i32
                    };
                    self.theory_compound(kind, ids)
                };
                if neg {
                    let minus = self.theory_symbol("-");
                    self.theory_compound(minus as i32, vec![base])
                } else {
                    base
                }
            }
        }
    }

    /// The id of a theory term under `env` (`None`: an ordinary leaf is undefined).
    fn theory_term(&mut self, t: &TheoryTerm, env: &Env) -> Option<u32> {
        let args = |g: &mut Grounder, ts: &[TheoryTerm]| -> Option<Vec<u32>> {
            ts.iter().map(|t| g.theory_term(t, env)).collect()
        };
        Some(match t {
            TheoryTerm::Term(g) => {
                let s = self.eval().eval(g, env)?;
                self.theory_sym(s)
            }
            TheoryTerm::Fun(name, ts) => {
                let ids = args(self, ts)?;
                let f = self.theory_symbol(name);
                self.theory_compound(f as i32, ids)
            }
            TheoryTerm::Tuple(ts) => {
                let ids = args(self, ts)?;
                self.theory_compound(TUPLE, ids)
            }
            TheoryTerm::Set(ts) => {
                let ids = args(self, ts)?;
                self.theory_compound(SET, ids)
            }
            TheoryTerm::List(ts) => {
                let ids = args(self, ts)?;
                self.theory_compound(LIST, ids)
            }
        })
    }

    /// Grounds a theory atom under `env` and returns its program atom (0 for a
    /// directive); `None` when its name or guard is undefined.
    pub(super) fn theory_atom(
        &mut self,
        atom: &TheoryAtom,
        env: &mut Env,
        directive: bool,
    ) -> Option<u32> {
        let name = self.eval().eval(&atom.name, env)?;
        let name = self.theory_sym(name);
        let guard = match &atom.guard {
            Some((op, t)) => {
                let op = self.theory_symbol(op);
                Some((op, self.theory_term(t, env)?))
            }
            None => None,
        };
        let mut found: Vec<(Vec<u32>, Vec<i32>)> = Vec::new();
        for e in &atom.elems {
            self.solve_cond(&e.cond, env, &mut |g, env, cond| {
                let terms: Option<Vec<u32>> =
                    e.terms.iter().map(|t| g.theory_term(t, env)).collect();
                if let Some(terms) = terms {
                    let mut cond = cond.to_vec();
                    cond.sort_unstable();
                    cond.dedup();
                    found.push((terms, cond));
                }
            });
        }
        let mut elems = Vec::with_capacity(found.len());
        for key in found {
            let id = match self.theory.elems.get(&key) {
                Some(&id) => id,
                None => {
                    let id = self.theory.elems.len() as u32;
                    self.out.push(Statement::Theory(TheoryStatement::Element {
                        id,
                        terms: key.0.clone(),
                        cond: key.1.clone(),
                    }));
                    self.theory.elems.insert(key, id);
                    id
                }
            };
            elems.push(id);
        }
        elems.sort_unstable();
        elems.dedup();
        let key = (name, elems, guard, directive);
        if let Some(&a) = self.theory.atoms.get(&key) {
            return Some(a);
        }
        let a = if directive { 0 } else { self.helper() };
        self.out.push(Statement::Theory(TheoryStatement::Atom {
            atom: a,
            name,
            elements: key.1.clone(),
            guard,
        }));
        self.theory.atoms.insert(key, a);
        Some(a)
    }
}
