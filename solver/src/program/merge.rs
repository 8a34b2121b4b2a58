//! Atoms equivalent to a body: an atom outside positive loops defined by a single
//! normal rule takes its body's literal instead of a variable of its own.

use super::bodies::Builder;
use aspif::{Atom, Body, HeadKind, Rule};
use std::borrow::Cow;

/// `single_rule_atoms`' mark of an atom that keeps a variable of its own.
pub(super) const NO_RULE: u32 = u32::MAX;

/// For every atom that `mergeable` admits, defined by exactly one rule, that rule is
/// normal with this atom as its only head, and no `#heuristic` names the atom: the
/// index of that rule in `rules` (others: [`NO_RULE`]). By completion such an atom is
/// equivalent to its body, so it needs no variable of its own.
pub(super) fn single_rule_atoms(
    rules: &[Cow<Rule>],
    num_atoms: usize,
    mergeable: impl Fn(usize) -> bool,
    heuristic_atoms: &[Atom],
) -> Vec<u32> {
    // Rules per head atom: 0, 1 (single_rule holds its index), or more (MANY).
    const MANY: u32 = u32::MAX - 1;
    let mut single_rule = vec![NO_RULE; num_atoms];
    for (i, rule) in rules.iter().enumerate() {
        let sole_head = rule.head_kind == HeadKind::Disjunctive && rule.head.len() == 1;
        for &h in &rule.head {
            let slot = &mut single_rule[h as usize];
            *slot = if *slot == NO_RULE && sole_head {
                i as u32
            } else {
                MANY
            };
        }
    }
    for &a in heuristic_atoms {
        single_rule[a as usize] = MANY;
    }
    for (a, slot) in single_rule.iter_mut().enumerate() {
        if *slot == MANY || !mergeable(a) {
            *slot = NO_RULE;
        }
    }
    single_rule
}

/// Gives every atom with a single rule (`single_rule`, see [`single_rule_atoms`]) the
/// literal of its body: the body's variable, a constant, or the literal of an atom
/// when the body is one positive literal. Clasp's equivalence preprocessing does this
/// and more (`--eq`); this part alone removes a third of the variables of a typical
/// `{ p(X,C) : c(C) } = 1` encoding (the atoms of the cardinality's bounds).
///
/// Bodies mention other such atoms, so they are resolved depth first (an explicit
/// stack: definitions can chain far). Atoms on a cycle through negation, and those
/// whose body is one negative literal, get a variable of their own: a literal shared
/// by an atom and the complement of another would break the per-literal estimates of
/// brave and cautious reasoning.
pub(super) fn merge_single_rule_atoms(b: &mut Builder, rules: &[Cow<Rule>], single_rule: &[u32]) {
    const TODO: u8 = 0;
    const ACTIVE: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![TODO; single_rule.len()];
    let body_atoms = |rule: &Rule| -> Vec<usize> {
        match &rule.body {
            Body::Normal(lits) => lits.iter().map(|&l| aspif::lit_atom(l) as usize).collect(),
            Body::Sum { lits, .. } => lits
                .iter()
                .map(|w| aspif::lit_atom(w.lit) as usize)
                .collect(),
        }
    };
    // (atom, its body's atoms, next one to look at, met an active atom)
    let mut stack: Vec<(usize, Vec<usize>, usize, bool)> = Vec::new();
    for start in 0..single_rule.len() {
        if single_rule[start] == NO_RULE || state[start] != TODO {
            continue;
        }
        state[start] = ACTIVE;
        stack.push((
            start,
            body_atoms(&rules[single_rule[start] as usize]),
            0,
            false,
        ));
        while let Some(frame) = stack.last_mut() {
            let (atom, deps, next, on_cycle) = frame;
            if let Some(&dep) = deps.get(*next) {
                *next += 1;
                if single_rule[dep] == NO_RULE {
                    continue;
                }
                match state[dep] {
                    TODO => {
                        state[dep] = ACTIVE;
                        let deps = body_atoms(&rules[single_rule[dep] as usize]);
                        stack.push((dep, deps, 0, false));
                    }
                    ACTIVE => *on_cycle = true,
                    _ => {}
                }
                continue;
            }
            let (atom, on_cycle) = (*atom, *on_cycle);
            stack.pop();
            let lit = if on_cycle {
                None
            } else {
                let body = b.body(&rules[single_rule[atom] as usize].body);
                Some(b.body_lit(body)).filter(|l| l.is_constant() || !l.is_negated())
            };
            b.atom_lit[atom] = lit.unwrap_or_else(|| b.formula.new_var().positive());
            state[atom] = DONE;
        }
    }
}
