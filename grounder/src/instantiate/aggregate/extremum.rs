//! The `#min` and `#max` encodings: for each run of forbidden values, every element
//! inside it implies an element beyond it (or the run is impossible).

use super::super::{holds, Grounder, LitValue};
use super::elements::Groups;
use crate::ast::CmpOp;
use crate::symbol::{Sym, SymData};

/// Translates a `#min` (`is_min`) or `#max` instance over elements grouped by tuple.
pub(super) fn translate_extremum(
    g: &mut Grounder,
    is_min: bool,
    guards: &[(CmpOp, Sym)],
    grouped: &Groups,
) -> LitValue {
    // Elements as (value, literal or None when certain).
    let mut elems: Vec<(Sym, Option<i32>)> = Vec::new();
    for (tuple, conds) in grouped {
        let Some(&w) = tuple.first() else { continue };
        let lit = g.disjunction(conds);
        elems.push((w, lit));
    }
    // Candidate values ascending, with the value of the empty set at its end.
    let empty = g
        .syms
        .intern(if is_min { SymData::Sup } else { SymData::Inf });
    let mut values: Vec<Sym> = elems.iter().map(|e| e.0).collect();
    values.push(empty);
    values.sort_by(|a, b| g.syms.compare(*a, *b));
    values.dedup();
    let allowed: Vec<bool> = values
        .iter()
        .map(|&v| {
            guards
                .iter()
                .all(|&(op, b)| holds(op, g.syms.compare(v, b)))
        })
        .collect();
    // For each run [lo, hi] of forbidden values (say for #max): the maximum is not in it
    // iff every element inside implies an element above `hi` ("beyond"). The
    // implications are encoded as for conditional literals, so that the aggregate
    // supports atoms as gringo's translation does.
    let mut conj = Vec::new();
    let mut i = 0;
    while i < values.len() {
        if allowed[i] {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < values.len() && !allowed[j + 1] {
            j += 1;
        }
        let (lo, hi) = (values[i], values[j]);
        i = j + 1;
        let mut beyond: Vec<Vec<i32>> = Vec::new();
        let mut inside: Vec<Option<i32>> = Vec::new();
        for &(w, l) in &elems {
            let (past, within) = if is_min {
                (
                    g.syms.compare(w, lo).is_lt(),
                    g.syms.compare(w, lo).is_ge() && g.syms.compare(w, hi).is_le(),
                )
            } else {
                (
                    g.syms.compare(w, hi).is_gt(),
                    g.syms.compare(w, lo).is_ge() && g.syms.compare(w, hi).is_le(),
                )
            };
            if past {
                beyond.push(l.map(|l| vec![l]).unwrap_or_default());
            } else if within {
                inside.push(l);
            }
        }
        // Some element beyond the run holds.
        let h = if beyond.is_empty() {
            LitValue::False
        } else {
            match g.disjunction(&beyond) {
                Some(l) => LitValue::Lit(l),
                None => continue,
            }
        };
        let has_empty = if is_min { hi == empty } else { lo == empty };
        if has_empty || inside.iter().any(Option::is_none) {
            match h {
                LitValue::Lit(l) => conj.push(l),
                _ => return LitValue::False,
            }
            continue;
        }
        for l in inside.into_iter().flatten() {
            let n = match h {
                LitValue::Lit(hl) => g.implication(l, hl),
                _ => g.negate(l),
            };
            conj.push(n);
        }
    }
    g.conjunction(conj)
}
