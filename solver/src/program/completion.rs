//! Clark's completion: each rule gives the clause `body -> heads` and supports its
//! head atoms; each atom then needs a supporting body (`atom -> some body`).
//! Head-cycle-free disjunctions are shifted (each head atom is supported by the
//! body and the other heads false); the others stay disjunctive for the minimality
//! check ([`crate::minimality`]).

use super::bodies::{BodyRef, Builder};
use super::dependencies::Dependencies;
use super::rules::{check_body, CheckRule};
use crate::lit::Lit;
use aspif::{Atom, Body, HeadKind, Rule};
use std::borrow::Cow;

/// What the rules say about each atom.
pub(super) struct Supports {
    /// The bodies that can make each cyclic atom true without it (for the
    /// unfounded-set check).
    pub sources: Vec<Vec<u32>>,
    /// Some disjunction is not head-cycle-free.
    pub non_hcf: bool,
    /// The rules in solver literals (kept only when the minimality check may need
    /// them, and in debug builds).
    pub check_rules: Vec<CheckRule>,
}

/// Adds each rule's clause to the builder and collects the supports of the atoms.
pub(super) fn rules(b: &mut Builder, rules: &[Cow<Rule>], deps: &Dependencies) -> Supports {
    let num_atoms = b.atom_lit.len();
    let cyclic_atom = &deps.cyclic;
    let mut supports: Vec<Vec<u32>> = vec![Vec::new(); num_atoms];
    // Source bodies matter only for cyclic atoms (unfounded sets).
    let mut sources: Vec<Vec<u32>> = vec![Vec::new(); num_atoms];
    let mut check_rules: Vec<CheckRule> = Vec::new();
    // The rules in solver literals are only needed when some disjunction may not be
    // head-cycle-free (checked exactly below) and in debug builds.
    let keep_checks = cfg!(debug_assertions) || deps.maybe_non_hcf;
    let mut non_hcf = false;
    let mut always_true = vec![false; num_atoms];
    for rule in rules {
        if let (HeadKind::Disjunctive, true, Body::Normal(lits)) =
            (rule.head_kind, rule.head.is_empty(), &rule.body)
        {
            // An integrity constraint `:- l1, ..., ln` is the clause of the negated
            // literals: no body variable and no `body <-> conjunction` clauses. (On
            // color-500 these are 4 000 of 10 000 variables and 12 000 clauses.)
            if keep_checks {
                check_rules.push(CheckRule {
                    heads: Vec::new(),
                    choice: false,
                    body: check_body(b, &rule.body),
                });
            }
            let clause: Vec<Lit> = lits.iter().map(|&l| !b.lit(l)).collect();
            b.formula.add_clause(&clause);
            continue;
        }
        let body = match b.body(&rule.body) {
            BodyRef::Index(body) => body,
            BodyRef::Constant(false) => continue,
            BodyRef::Constant(true) => match b.conjunction(vec![]) {
                BodyRef::Index(body) => body,
                BodyRef::Constant(_) => unreachable!("the empty body has an index"),
            },
        };
        let body_lit = b.bodies[body as usize].lit;
        let heads: &[Atom] = &rule.head;
        if keep_checks {
            check_rules.push(CheckRule {
                heads: heads.iter().map(|&h| b.atom_lit[h as usize]).collect(),
                choice: rule.head_kind == HeadKind::Choice,
                body: check_body(b, &rule.body),
            });
        }
        match rule.head_kind {
            HeadKind::Choice => {
                for &h in heads {
                    if !b.atom_lit[h as usize].is_constant() {
                        b.formula.preferred.push(b.atom_lit[h as usize].var());
                        supports[h as usize].push(body);
                        if cyclic_atom[h as usize] {
                            sources[h as usize].push(body);
                        }
                        if body_lit == Lit::TRUE {
                            always_true[h as usize] = true;
                        }
                    }
                }
            }
            HeadKind::Disjunctive => {
                if heads.iter().any(|&h| b.atom_lit[h as usize] == Lit::TRUE) {
                    continue;
                }
                let live: Vec<Atom> = heads
                    .iter()
                    .copied()
                    .filter(|&h| b.atom_lit[h as usize] != Lit::FALSE)
                    .collect();
                let mut clause: Vec<Lit> = vec![!body_lit];
                clause.extend(live.iter().map(|&h| b.atom_lit[h as usize]));
                b.formula.add_clause(&clause);
                if live.len() == 1 {
                    supports[live[0] as usize].push(body);
                    if cyclic_atom[live[0] as usize] {
                        sources[live[0] as usize].push(body);
                    }
                    if body_lit == Lit::TRUE {
                        always_true[live[0] as usize] = true;
                    }
                    continue;
                }
                let hcf = !deps.share_a_cycle(&live);
                non_hcf |= !hcf;
                let body_lits: Vec<Lit> =
                    b.bodies[body as usize].lits.iter().map(|e| e.0).collect();
                for &h in &live {
                    let mut lits = body_lits.clone();
                    lits.extend(
                        live.iter()
                            .filter(|&&o| o != h)
                            .map(|&o| !b.atom_lit[o as usize]),
                    );
                    if let BodyRef::Index(shifted) = b.conjunction(lits) {
                        supports[h as usize].push(shifted);
                        if cyclic_atom[h as usize] {
                            sources[h as usize].push(if hcf { shifted } else { body });
                        }
                    } else if !hcf && cyclic_atom[h as usize] {
                        sources[h as usize].push(body);
                    }
                }
            }
        }
    }
    complete(b, &supports, &always_true);
    Supports {
        sources,
        non_hcf,
        check_rules,
    }
}

/// The completion's other direction: an atom needs a supporting body (unless some
/// body that is always true supports it).
fn complete(b: &mut Builder, supports: &[Vec<u32>], always_true: &[bool]) {
    for a in 1..b.atom_lit.len() {
        let lit = b.atom_lit[a];
        if lit.is_constant() || always_true[a] {
            continue;
        }
        let mut clause = vec![!lit];
        clause.extend(supports[a].iter().map(|&s| b.bodies[s as usize].lit));
        b.formula.add_clause(&clause);
    }
}
