//! Safety analysis, which also yields the join order of each literal list.
//!
//! A variable is bound by a positive atom (outside arithmetic), by `X = t` when `t` is
//! bound, by `X = l..u` and by an assignment aggregate `X = #agg{...}`. Literals are
//! picked greedily: tests first (everything bound), then assignments, then the positive
//! atom with most bound arguments, then aggregates and conditional literals. When no
//! literal can be picked, the variables left unbound are unsafe.
//!
//! [`order`] orders one literal list; [`check_rule`] (in `rule.rs`) tells a rule's
//! global variables from the local ones of its aggregates, conditions and theory
//! elements and orders every list of the rule. Only rules it accepts reach
//! instantiation (clingo: `libgringo/gringo/safetycheck.hh`).

mod rule;

pub use rule::check_rule;

use crate::ast::CmpOp;
use crate::program::{Conj, Lit};
use crate::term::Var;

fn all_bound(vars: &[Var], bound: &[bool]) -> bool {
    vars.iter().all(|&v| bound[v as usize])
}

/// How a literal can be joined now: its priority (lower first) and what it binds.
fn candidate(lit: &Lit, bound: &[bool]) -> Option<(u32, Vec<Var>)> {
    let mut vars = Vec::new();
    match lit {
        Lit::Bool(_) => Some((0, vec![])),
        Lit::Atom { sign, args, .. } => {
            if *sign != 0 {
                args.iter().for_each(|a| a.vars(&mut vars));
                return all_bound(&vars, bound).then_some((0, vec![]));
            }
            let mut needed = Vec::new();
            args.iter()
                .for_each(|a| a.pattern_vars(&mut vars, &mut needed));
            if !all_bound(&needed, bound) {
                return None;
            }
            let free: Vec<Var> = vars.into_iter().filter(|&v| !bound[v as usize]).collect();
            if free.is_empty() {
                return Some((0, vec![]));
            }
            let bound_args = args
                .iter()
                .filter(|a| {
                    let mut vs = Vec::new();
                    a.vars(&mut vs);
                    all_bound(&vs, bound)
                })
                .count() as u32;
            Some((100 - bound_args.min(50), free))
        }
        Lit::Cmp(op, l, r) => {
            l.vars(&mut vars);
            r.vars(&mut vars);
            if all_bound(&vars, bound) {
                return Some((0, vec![]));
            }
            if *op != CmpOp::Eq {
                return None;
            }
            for (pat, val) in [(l, r), (r, l)] {
                let mut vv = Vec::new();
                val.vars(&mut vv);
                if !all_bound(&vv, bound) {
                    continue;
                }
                let mut bindable = Vec::new();
                let mut needed = Vec::new();
                pat.pattern_vars(&mut bindable, &mut needed);
                if all_bound(&needed, bound) {
                    let free = bindable
                        .into_iter()
                        .filter(|&v| !bound[v as usize])
                        .collect();
                    return Some((1, free));
                }
            }
            None
        }
        Lit::Range(v, lo, hi) => {
            lo.vars(&mut vars);
            hi.vars(&mut vars);
            if !all_bound(&vars, bound) {
                return None;
            }
            if bound[*v as usize] {
                Some((0, vec![]))
            } else {
                Some((1, vec![*v]))
            }
        }
        Lit::Agg(agg) => {
            for (_, t) in &agg.guards {
                t.vars(&mut vars);
            }
            vars.extend(&agg.globals);
            if !all_bound(&vars, bound) {
                return None;
            }
            match agg.assign {
                Some(v) if !bound[v as usize] => Some((300, vec![v])),
                _ => Some((200, vec![])),
            }
        }
        Lit::Cond(c) => all_bound(&c.globals, bound).then_some((200, vec![])),
        Lit::Theory(_, atom) => {
            atom.outer_vars(&mut vars);
            all_bound(&vars, bound).then_some((200, vec![]))
        }
    }
}

/// Orders `conj` given the variables already `bound` (updated to those bound after it).
/// `first`, if given, is joined first when possible (the delta literal of semi-naive
/// evaluation). On failure returns the literals' unbound variables.
pub fn order(
    conj: &Conj,
    bound: &mut [bool],
    first: Option<usize>,
) -> Result<Vec<usize>, Vec<Var>> {
    let n = conj.lits.len();
    let mut done = vec![false; n];
    let mut order = Vec::with_capacity(n);
    if let Some(f) = first {
        if let Some((_, binds)) = candidate(&conj.lits[f], bound) {
            binds.iter().for_each(|&v| bound[v as usize] = true);
            done[f] = true;
            order.push(f);
        }
    }
    while order.len() < n {
        let mut best: Option<(u32, usize, Vec<Var>)> = None;
        for (i, lit) in conj.lits.iter().enumerate() {
            if done[i] {
                continue;
            }
            if let Some((prio, binds)) = candidate(lit, bound) {
                if !matches!(best, Some(ref b) if prio >= b.0) {
                    best = Some((prio, i, binds));
                }
            }
        }
        match best {
            Some((_, i, binds)) => {
                binds.iter().for_each(|&v| bound[v as usize] = true);
                done[i] = true;
                order.push(i);
            }
            None => {
                let mut vars = Vec::new();
                for (i, lit) in conj.lits.iter().enumerate() {
                    if !done[i] {
                        lit_vars(lit, &mut vars);
                    }
                }
                vars.retain(|&v| !bound[v as usize]);
                vars.sort_unstable();
                vars.dedup();
                return Err(vars);
            }
        }
    }
    Ok(order)
}

/// The variables a literal needs or binds at the top level (for messages).
pub fn lit_vars(lit: &Lit, out: &mut Vec<Var>) {
    match lit {
        Lit::Atom { args, .. } => args.iter().for_each(|a| a.vars(out)),
        Lit::Cmp(_, l, r) => {
            l.vars(out);
            r.vars(out);
        }
        Lit::Range(v, l, r) => {
            out.push(*v);
            l.vars(out);
            r.vars(out);
        }
        Lit::Bool(_) => {}
        Lit::Agg(agg) => {
            agg.guards.iter().for_each(|(_, t)| t.vars(out));
            out.extend(&agg.globals);
        }
        Lit::Cond(c) => out.extend(&c.globals),
        Lit::Theory(_, atom) => atom.outer_vars(out),
    }
}

#[cfg(test)]
mod tests;
