//! The safety of a whole rule. Its variables fall into the plain part of the rule (the
//! body's plain literals, aggregate guards and assignments, theory atom names and guards,
//! unconditional heads) and the local regions of aggregate elements, conditional literals
//! and theory elements. A region's variables that also occur in the plain part are its
//! globals; a variable shared only between elements is local to each of them, as in
//! gringo. The body is ordered first; then each nested condition, with the rule's
//! variables bound, and the terms it contributes must be bound after it.

use super::{lit_vars, order};
use crate::program::{Conj, Head, HeadAtom, Lit, TheoryAtom};
use crate::term::Var;

/// Sorts out global variables and fixes every join order of a rule with `nvars`
/// variables; `Err` holds the unsafe variables (sorted, each once).
pub fn check_rule(head: &mut Head, body: &mut Conj, nvars: usize) -> Result<(), Vec<Var>> {
    let mut plain = Vec::new();
    let regions = body_variables(body, &mut plain);
    head_variables(head, &mut plain);
    let mut in_plain = vec![false; nvars];
    for &v in &plain {
        in_plain[v as usize] = true;
    }
    set_globals(body, &regions, &in_plain);
    let mut bound = vec![false; nvars];
    body.order = order(body, &mut bound, None)?;
    // Everything of the plain part must now be bound.
    check_bound(&plain, &bound)?;
    order_nested(head, body, &bound)
}

/// Adds the variables of the body's plain part to `plain`; returns those of each local
/// region (one per aggregate, conditional literal and theory atom, in body order).
fn body_variables(body: &Conj, plain: &mut Vec<Var>) -> Vec<Vec<Var>> {
    let mut regions = Vec::new();
    for l in &body.lits {
        let mut region = Vec::new();
        match l {
            Lit::Agg(a) => {
                a.guards.iter().for_each(|(_, t)| t.vars(plain));
                plain.extend(a.assign);
                for e in &a.elems {
                    e.tuple.iter().for_each(|t| t.vars(&mut region));
                    e.cond.lits.iter().for_each(|l| all_vars(l, &mut region));
                }
            }
            Lit::Cond(_) => all_vars(l, &mut region),
            Lit::Theory(_, atom) => {
                theory_outer_vars(atom, plain);
                theory_element_vars(atom, &mut region);
            }
            other => {
                lit_vars(other, plain);
                continue;
            }
        }
        regions.push(region);
    }
    regions
}

/// Adds the variables of the head's plain part to `plain` (conditional disjuncts,
/// aggregate elements and theory elements are local).
fn head_variables(head: &Head, plain: &mut Vec<Var>) {
    match head {
        Head::Disj(atoms) => {
            for a in atoms.iter().filter(|a| a.cond.lits.is_empty()) {
                head_atom_vars(a, plain);
            }
        }
        Head::Agg { guards, .. } => guards.iter().for_each(|(_, t)| t.vars(plain)),
        Head::Minimize {
            weight,
            priority,
            terms,
        } => {
            weight.vars(plain);
            priority.vars(plain);
            terms.iter().for_each(|t| t.vars(plain));
        }
        Head::Show(t) => t.vars(plain),
        Head::External(_, args, v) => {
            args.iter().for_each(|t| t.vars(plain));
            if let Some(v) = v {
                v.vars(plain);
            }
        }
        Head::Project(_, args) => args.iter().for_each(|t| t.vars(plain)),
        Head::Heuristic {
            args,
            value,
            priority,
            modifier,
            ..
        } => {
            args.iter().for_each(|t| t.vars(plain));
            value.vars(plain);
            priority.vars(plain);
            modifier.vars(plain);
        }
        Head::Edge(u, v) => {
            u.vars(plain);
            v.vars(plain);
        }
        Head::Theory { atom, .. } => theory_outer_vars(atom, plain),
    }
}

/// Gives each aggregate, conditional literal and theory atom of the body the variables
/// of its region that occur in the plain part.
fn set_globals(body: &mut Conj, regions: &[Vec<Var>], in_plain: &[bool]) {
    let mut regions = regions.iter();
    for l in body.lits.iter_mut() {
        let globals = match l {
            Lit::Agg(a) => &mut a.globals,
            Lit::Cond(c) => &mut c.globals,
            Lit::Theory(_, atom) => &mut atom.globals,
            _ => continue,
        };
        let region = regions.next().expect("one region per complex literal");
        let mut g: Vec<Var> = region
            .iter()
            .copied()
            .filter(|&v| in_plain[v as usize])
            .collect();
        g.sort_unstable();
        g.dedup();
        *globals = g;
    }
    debug_assert!(regions.next().is_none(), "a region without its literal");
}

/// Orders the nested conditions of body and head given the rule's `bound` variables.
fn order_nested(head: &mut Head, body: &mut Conj, bound: &[bool]) -> Result<(), Vec<Var>> {
    for l in body.lits.iter_mut() {
        match l {
            Lit::Agg(a) => {
                for e in a.elems.iter_mut() {
                    let mut vs = Vec::new();
                    e.tuple.iter().for_each(|t| t.vars(&mut vs));
                    order_condition(&mut e.cond, bound, &vs)?;
                }
            }
            Lit::Cond(c) => {
                let mut vs = Vec::new();
                c.disjuncts.iter().for_each(|l| lit_vars(l, &mut vs));
                order_condition(&mut c.cond, bound, &vs)?;
            }
            Lit::Theory(_, atom) => order_theory_elements(atom, bound)?,
            _ => {}
        }
    }
    if let Head::Theory { atom, .. } = head {
        order_theory_elements(atom, bound)?;
    }
    if let Head::Disj(atoms) | Head::Agg { elems: atoms, .. } = head {
        for a in atoms.iter_mut() {
            let mut vs = Vec::new();
            a.args.iter().for_each(|t| t.vars(&mut vs));
            a.tuple.iter().for_each(|t| t.vars(&mut vs));
            order_condition(&mut a.cond, bound, &vs)?;
        }
    }
    Ok(())
}

/// Orders each element's condition given the rule's `bound` variables; the element's
/// terms must be bound after it.
fn order_theory_elements(atom: &mut TheoryAtom, bound: &[bool]) -> Result<(), Vec<Var>> {
    for e in atom.elems.iter_mut() {
        let mut vs = Vec::new();
        e.terms.iter().for_each(|t| t.vars(&mut vs));
        order_condition(&mut e.cond, bound, &vs)?;
    }
    Ok(())
}

/// Orders a nested condition given the rule's `bound` variables; `needed` must be bound
/// after it.
fn order_condition(cond: &mut Conj, bound: &[bool], needed: &[Var]) -> Result<(), Vec<Var>> {
    let mut b = bound.to_vec();
    cond.order = order(cond, &mut b, None)?;
    check_bound(needed, &b)
}

/// `Err` with the variables of `vs` not `bound` (sorted, each once), if any.
fn check_bound(vs: &[Var], bound: &[bool]) -> Result<(), Vec<Var>> {
    let mut bad: Vec<Var> = vs.iter().copied().filter(|&v| !bound[v as usize]).collect();
    if bad.is_empty() {
        Ok(())
    } else {
        bad.sort_unstable();
        bad.dedup();
        Err(bad)
    }
}

/// Every variable of a literal, nested regions included.
fn all_vars(l: &Lit, out: &mut Vec<Var>) {
    match l {
        Lit::Agg(a) => {
            a.guards.iter().for_each(|(_, t)| t.vars(out));
            out.extend(a.assign);
            for e in &a.elems {
                e.tuple.iter().for_each(|t| t.vars(out));
                e.cond.lits.iter().for_each(|l| all_vars(l, out));
            }
        }
        Lit::Cond(c) => {
            c.disjuncts.iter().for_each(|l| all_vars(l, out));
            c.cond.lits.iter().for_each(|l| all_vars(l, out));
        }
        Lit::Theory(_, atom) => {
            theory_outer_vars(atom, out);
            theory_element_vars(atom, out);
        }
        other => lit_vars(other, out),
    }
}

/// The variables of a theory atom's name and guard.
fn theory_outer_vars(atom: &TheoryAtom, out: &mut Vec<Var>) {
    atom.name.vars(out);
    if let Some((_, t)) = &atom.guard {
        t.vars(out);
    }
}

/// The variables of a theory atom's elements.
fn theory_element_vars(atom: &TheoryAtom, out: &mut Vec<Var>) {
    for e in &atom.elems {
        e.terms.iter().for_each(|t| t.vars(out));
        e.cond.lits.iter().for_each(|l| all_vars(l, out));
    }
}

/// Every variable of a head atom: arguments, tuple and condition.
fn head_atom_vars(a: &HeadAtom, out: &mut Vec<Var>) {
    a.args.iter().for_each(|t| t.vars(out));
    a.tuple.iter().for_each(|t| t.vars(out));
    a.cond.lits.iter().for_each(|l| all_vars(l, out));
}
