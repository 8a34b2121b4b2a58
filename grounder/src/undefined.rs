//! The info `atom does not occur in any rule head`: body atoms (also in conditions and
//! aggregate elements) whose predicate has no rule head, `#external` or `#defined`.

use crate::ast::{BodyElem, Head, Lit, Span, Stmt, Term, TheoryAtom, UnOp};
use crate::diag::Source;
use std::collections::HashSet;

type Sig = (String, usize, bool);

fn signature(t: &Term) -> Option<Sig> {
    match t {
        Term::Fun(name, args) if !name.is_empty() => Some((name.clone(), args.len(), false)),
        Term::Unary(UnOp::Neg, inner, _) => match &**inner {
            Term::Fun(name, args) if !name.is_empty() => Some((name.clone(), args.len(), true)),
            _ => None,
        },
        Term::Pool(alts) => alts.first().and_then(signature),
        _ => None,
    }
}

fn lits<'a>(ls: &'a [Lit], out: &mut Vec<(&'a Term, Span)>) {
    for l in ls {
        if let Lit::Atom(_, t, span) = l {
            out.push((t, *span));
        }
    }
}

fn theory<'a>(atom: &'a TheoryAtom, out: &mut Vec<(&'a Term, Span)>) {
    for e in &atom.elems {
        lits(&e.cond, out);
    }
}

fn body<'a>(b: &'a [BodyElem], out: &mut Vec<(&'a Term, Span)>) {
    for e in b {
        match e {
            BodyElem::Lit(l) => lits(std::slice::from_ref(l), out),
            BodyElem::Cond(l, c, _) => {
                lits(std::slice::from_ref(l), out);
                lits(c, out);
            }
            BodyElem::Agg(_, _, _, elems, _) => {
                for e in elems {
                    lits(&e.cond, out);
                }
            }
            BodyElem::Theory(_, atom) => theory(atom, out),
        }
    }
}

/// The infos for `stmts` (each statement with its source index).
pub fn infos<'a>(
    stmts: impl Iterator<Item = (usize, &'a Stmt)>,
    sources: &[Source],
) -> Vec<String> {
    let mut heads: HashSet<Sig> = HashSet::new();
    let mut uses: Vec<(usize, &Term, Span)> = Vec::new();
    for (file, st) in stmts {
        let mut occ = Vec::new();
        match st {
            Stmt::Rule(head, b, _) => {
                match head {
                    Head::Disj(elems) => {
                        for (t, c, _) in elems {
                            heads.extend(signature(t));
                            lits(c, &mut occ);
                        }
                    }
                    Head::Agg { elems, .. } => {
                        for e in elems {
                            heads.extend(signature(&e.atom));
                            lits(&e.cond, &mut occ);
                        }
                    }
                    Head::Theory(atom) => theory(atom, &mut occ),
                }
                body(b, &mut occ);
            }
            Stmt::External(t, b, _, _) => {
                heads.extend(signature(t));
                body(b, &mut occ);
            }
            Stmt::Defined(name, arity, neg, _) => {
                heads.insert((name.clone(), *arity, *neg));
            }
            Stmt::Optimize(elems, _, _) => {
                for e in elems {
                    body(&e.cond, &mut occ);
                }
            }
            Stmt::ShowTerm(_, b, _)
            | Stmt::Project(_, b, _)
            | Stmt::Heuristic(_, b, _, _, _, _)
            | Stmt::Edge(_, b, _) => body(b, &mut occ),
            _ => {}
        }
        uses.extend(occ.into_iter().map(|(t, s)| (file, t, s)));
    }
    let mut out = Vec::new();
    for (file, t, span) in uses {
        let Some(sig) = signature(t) else { continue };
        if !heads.contains(&sig) {
            let src = &sources[file];
            out.push(format!(
                "{}\n  {}\n",
                src.message(span, "info", "atom does not occur in any rule head:"),
                src.excerpt(span)
            ));
        }
    }
    out
}
