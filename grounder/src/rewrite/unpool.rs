//! The first pass: pools (`;` in terms) expanded and negated comparison chains split, on
//! the AST, before anything is converted.
//!
//! A pool in a plain body literal or in a head atom multiplies the rule; a pool inside a
//! condition or an aggregate element multiplies the elements; the pooled literal of a
//! body's conditional literal stays (a disjunction, split in `literals.rs`). Every directive kind goes
//! through [`for_each_alternative`], so the product of body and head alternatives is formed in
//! one place. Pools stay only in the atoms of a disjunctive head (see
//! [`head_alternatives`]) and in theory atoms.

use crate::ast::{self, BodyElem, Term};

/// The cartesian product of `lists`, in order (the last list varies fastest).
fn cartesian<T: Clone>(lists: Vec<Vec<T>>) -> Vec<Vec<T>> {
    let mut out: Vec<Vec<T>> = vec![vec![]];
    for list in lists {
        let mut next = Vec::with_capacity(out.len() * list.len());
        for prefix in &out {
            for item in &list {
                let mut v = prefix.clone();
                v.push(item.clone());
                next.push(v);
            }
        }
        out = next;
    }
    out
}

/// Calls `rule` on each pool-free alternative of a statement: each alternative of the
/// body with each of the head's `heads` (body alternatives outer, heads inner: the order
/// rules are made in).
pub fn for_each_alternative<H>(
    body: &[BodyElem],
    heads: &[H],
    mut rule: impl FnMut(&[BodyElem], &H),
) {
    for body in body_alternatives(body) {
        for head in heads {
            rule(&body, head);
        }
    }
}

/// All pool-free alternatives of a term.
pub fn unpool_term(t: &Term) -> Vec<Term> {
    match t {
        Term::Pool(alts) => alts.iter().flat_map(unpool_term).collect(),
        Term::Fun(name, args) => unpool_terms(args)
            .into_iter()
            .map(|a| Term::Fun(name.clone(), a))
            .collect(),
        Term::Unary(op, x, sp) => unpool_term(x)
            .into_iter()
            .map(|x| Term::Unary(*op, Box::new(x), *sp))
            .collect(),
        Term::Binary(op, l, r, sp) => pairs(l, r)
            .map(|(l, r)| Term::Binary(*op, Box::new(l), Box::new(r), *sp))
            .collect(),
        Term::Interval(l, r) => pairs(l, r)
            .map(|(l, r)| Term::Interval(Box::new(l), Box::new(r)))
            .collect(),
        other => vec![other.clone()],
    }
}

/// The alternatives of two operands, left outer.
fn pairs(l: &Term, r: &Term) -> impl Iterator<Item = (Term, Term)> {
    let rights = unpool_term(r);
    unpool_term(l)
        .into_iter()
        .flat_map(move |l| rights.clone().into_iter().map(move |r| (l.clone(), r)))
}

/// The alternatives of a tuple of terms.
pub fn unpool_terms(ts: &[Term]) -> Vec<Vec<Term>> {
    cartesian(ts.iter().map(unpool_term).collect())
}

/// The alternatives of an optional term (`None` has one: itself).
fn unpool_option<T: Clone>(t: &Option<T>, term: impl Fn(&T) -> &Term) -> Vec<Option<Term>> {
    match t {
        Some(x) => unpool_term(term(x)).into_iter().map(Some).collect(),
        None => vec![None],
    }
}

/// All pool-free alternatives of a literal.
pub(super) fn unpool_lit(l: &ast::Lit) -> Vec<ast::Lit> {
    match l {
        ast::Lit::Atom(s, t, sp) => unpool_term(t)
            .into_iter()
            .map(|t| ast::Lit::Atom(*s, t, *sp))
            .collect(),
        ast::Lit::Cmp(s, first, rest, sp) => {
            let mut lists = vec![unpool_term(first)];
            lists.extend(rest.iter().map(|(_, t)| unpool_term(t)));
            cartesian(lists)
                .into_iter()
                .map(|ts| {
                    let mut it = ts.into_iter();
                    let first = it.next().expect("first term");
                    let rest = rest.iter().map(|(op, _)| *op).zip(it).collect();
                    ast::Lit::Cmp(*s, first, rest, *sp)
                })
                .collect()
        }
        other => vec![other.clone()],
    }
}

/// The alternatives of a condition.
pub fn unpool_lits(ls: &[ast::Lit]) -> Vec<Vec<ast::Lit>> {
    cartesian(ls.iter().map(unpool_lit).collect())
}

/// Unpools a body: alternatives of the whole body (pools in plain literals multiply the
/// rule; pools inside conditions and aggregate elements multiply the elements).
pub fn body_alternatives(body: &[BodyElem]) -> Vec<Vec<BodyElem>> {
    let mut lists: Vec<Vec<Vec<BodyElem>>> = Vec::new();
    for e in body {
        match e {
            BodyElem::Lit(l) => {
                let mut alts = Vec::new();
                for l in unpool_lit(l) {
                    alts.extend(negated_chain(l));
                }
                lists.push(alts);
            }
            BodyElem::Cond(l, cond, sp) => {
                // The expansions of the condition hold together; a pooled literal
                // stays, to be the disjunction of its alternatives.
                for c in unpool_lits(cond) {
                    lists.push(vec![vec![BodyElem::Cond(l.clone(), c, *sp)]]);
                }
            }
            BodyElem::Agg(s, f, g, elems, sp) => {
                let mut out = Vec::new();
                for e in elems {
                    for ts in unpool_terms(&e.terms) {
                        for c in unpool_lits(&e.cond) {
                            out.push(ast::BodyAggElem {
                                terms: ts.clone(),
                                cond: c,
                            });
                        }
                    }
                }
                let lefts = unpool_option(&g.left, |(t, _)| t);
                let rights = unpool_option(&g.right, |(_, t)| t);
                let mut alts = Vec::new();
                for l in &lefts {
                    for r in &rights {
                        let guards = ast::Guards {
                            left: l.clone().zip(g.left.as_ref().map(|(_, op)| *op)),
                            right: g.right.as_ref().map(|(op, _)| *op).zip(r.clone()),
                        };
                        alts.push(vec![BodyElem::Agg(*s, *f, guards, out.clone(), *sp)]);
                    }
                }
                lists.push(alts);
            }
            BodyElem::Theory(..) => lists.push(vec![vec![e.clone()]]),
        }
    }
    cartesian(lists)
        .into_iter()
        .map(|alt| alt.into_iter().flatten().collect())
        .collect()
}

/// `not t0 < t1 < t2` holds when some comparison fails: one alternative per first
/// failing comparison (the ones before it hold). Other literals stay as they are.
fn negated_chain(l: ast::Lit) -> Vec<Vec<BodyElem>> {
    match l {
        ast::Lit::Cmp(1, first, rest, sp) if rest.len() > 1 => {
            let mut terms = vec![first];
            terms.extend(rest.iter().map(|(_, t)| t.clone()));
            let cmp = |sign, i: usize| {
                BodyElem::Lit(ast::Lit::Cmp(
                    sign,
                    terms[i].clone(),
                    vec![(rest[i].0, terms[i + 1].clone())],
                    sp,
                ))
            };
            (0..rest.len())
                .map(|k| {
                    let mut alt: Vec<BodyElem> = (0..k).map(|i| cmp(0, i)).collect();
                    alt.push(cmp(1, k));
                    alt
                })
                .collect()
        }
        other => vec![vec![BodyElem::Lit(other)]],
    }
}

/// The alternatives of a head. A single unconditional atom is multiplied by its pools;
/// in a disjunction pooled atoms stay (a pooled disjunct is a conjunction, see
/// [`crate::program::HeadAtom::group`]) and pools in conditions make more disjuncts; in
/// an aggregate head they make more elements, and in its bounds more rules.
pub fn head_alternatives(head: &ast::Head) -> Vec<ast::Head> {
    match head {
        ast::Head::Disj(elems) => {
            if elems.len() == 1 && elems[0].1.is_empty() {
                unpool_term(&elems[0].0)
                    .into_iter()
                    .map(|t| ast::Head::Disj(vec![(t, vec![], elems[0].2)]))
                    .collect()
            } else {
                let mut out = Vec::new();
                for (t, cond, sp) in elems {
                    for c in unpool_lits(cond) {
                        out.push((t.clone(), c, *sp));
                    }
                }
                vec![ast::Head::Disj(out)]
            }
        }
        ast::Head::Agg {
            fun,
            guards,
            elems,
            choice,
        } => {
            let mut out = Vec::new();
            for e in elems {
                for a in unpool_term(&e.atom) {
                    for c in unpool_lits(&e.cond) {
                        if *choice {
                            out.push(ast::HeadAggElem {
                                terms: vec![a.clone()],
                                atom: a.clone(),
                                cond: c,
                            });
                        } else {
                            for ts in unpool_terms(&e.terms) {
                                out.push(ast::HeadAggElem {
                                    terms: ts,
                                    atom: a.clone(),
                                    cond: c.clone(),
                                });
                            }
                        }
                    }
                }
            }
            // A pool in a bound multiplies the rule.
            let lefts = unpool_option(&guards.left, |(t, _)| t);
            let rights = unpool_option(&guards.right, |(_, t)| t);
            let mut heads = Vec::new();
            for l in &lefts {
                for r in &rights {
                    heads.push(ast::Head::Agg {
                        fun: *fun,
                        guards: ast::Guards {
                            left: l.clone().zip(guards.left.as_ref().map(|(_, op)| *op)),
                            right: guards.right.as_ref().map(|(op, _)| *op).zip(r.clone()),
                        },
                        elems: out.clone(),
                        choice: *choice,
                    });
                }
            }
            heads
        }
        ast::Head::Theory(_) => vec![head.clone()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ast::Stmt;
    use crate::diag::Source;

    fn term(text: &str) -> Term {
        crate::parse::parse_term(&Source::new("<test>".into(), text.into())).expect("a term")
    }

    fn show(terms: &[Term]) -> String {
        terms
            .iter()
            .map(Term::to_string)
            .collect::<Vec<_>>()
            .join(" | ")
    }

    #[test]
    fn nested_pools_multiply_left_to_right() {
        assert_eq!(
            show(&unpool_term(&term("f((1;2),(a;b))"))),
            "f(1,a) | f(1,b) | f(2,a) | f(2,b)"
        );
    }

    #[test]
    fn argument_pools_separate_tuples() {
        assert_eq!(show(&unpool_term(&term("f(1,a;2)"))), "f(1,a) | f(2)");
    }

    #[test]
    fn pools_inside_operations_and_intervals() {
        assert_eq!(
            show(&unpool_term(&term("-(1;2)+(3;4)"))),
            "(-1+3) | (-1+4) | (-2+3) | (-2+4)"
        );
        assert_eq!(show(&unpool_term(&term("(1;2)..3"))), "(1..3) | (2..3)");
    }

    #[test]
    fn a_term_without_pools_is_its_only_alternative() {
        assert_eq!(show(&unpool_term(&term("f(X,g(1))"))), "f(X,g(1))");
    }

    #[test]
    fn alternatives_pair_each_body_with_each_head() {
        let source = Source::new("<test>".into(), "h :- a(1;2), b.".into());
        let stmts = crate::parse::parse(&source).expect("a rule");
        let Stmt::Rule(_, body, _) = &stmts[0] else {
            panic!("a rule");
        };
        let mut pairs = Vec::new();
        for_each_alternative(body, &["x", "y"], |body, head| {
            let BodyElem::Lit(ast::Lit::Atom(_, atom, _)) = &body[0] else {
                panic!("a body atom");
            };
            pairs.push(format!("{head}:{atom}:{}", body.len()));
        });
        assert_eq!(pairs, ["x:a(1):2", "y:a(1):2", "x:a(2):2", "y:a(2):2"]);
    }
}
