//! Aggregates and conditional literals to ground rules: weight bodies for `#count` and
//! `#sum` (negative weights moved to the complementary literal), one rule per possible
//! value for `#min`/`#max`, helper atoms for element conditions.

use super::Grounder;
use crate::ast::{AggFun, CmpOp};
use crate::program::{Agg, Cond, Lit};
use crate::symbol::{Sym, SymData};
use crate::term::Env;
use aspif::{HeadKind, WeightedLit};
use std::cmp::Ordering;

fn holds(op: CmpOp, ord: Ordering) -> bool {
    match op {
        CmpOp::Eq => ord.is_eq(),
        CmpOp::Ne => ord.is_ne(),
        CmpOp::Lt => ord.is_lt(),
        CmpOp::Le => ord.is_le(),
        CmpOp::Gt => ord.is_gt(),
        CmpOp::Ge => ord.is_ge(),
    }
}

const NEG_INF: i128 = i128::MIN / 4;
const POS_INF: i128 = i128::MAX / 4;

impl Grounder {
    /// The ground instances of a body aggregate: per value of the assigned variable (or
    /// one `None`), the literal standing for it (`None`: true). False instances are absent.
    pub fn body_aggregate(&mut self, agg: &Agg, env: &mut Env) -> Vec<(Option<Sym>, Option<i32>)> {
        if self.domain_only && agg.assign.is_none() {
            // Closing a component: the elements are not complete yet. The aggregate may
            // hold if some choice of its elements (facts or not) satisfies the guards,
            // which only gets more likely as elements are added (the final pass decides).
            return if self.possible(agg, env) {
                vec![(None, None)]
            } else {
                vec![]
            };
        }
        let mut guards = Vec::new();
        for (op, t) in &agg.guards {
            match self.eval().eval(t, env) {
                Some(v) => guards.push((*op, v)),
                None => return vec![],
            }
        }
        // Elements are grouped as they come (no list of every instance is kept: large
        // aggregates over facts would hold each tuple twice).
        let mut grouped = Groups::default();
        let mut tuple = Vec::new();
        for e in &agg.elems {
            self.solve_cond(&e.cond, env, &mut |g, env, c| {
                tuple.clear();
                for t in &e.tuple {
                    match g.eval().eval(t, env) {
                        Some(v) => tuple.push(v),
                        None => return,
                    }
                }
                grouped.add(&tuple, c.to_vec());
            });
        }
        let assigned = agg.assign.and_then(|v| env.vals[v as usize]);
        let mut out = Vec::new();
        if agg.assign.is_some() && assigned.is_none() {
            for value in self.possible_values(agg.fun, &grouped) {
                let mut gs = guards.clone();
                gs.push((CmpOp::Eq, value));
                if let Some(l) = self.translate_signed(agg.sign, agg.fun, &gs, &grouped) {
                    out.push((Some(value), l));
                }
            }
        } else {
            let mut gs = guards;
            if let Some(v) = assigned {
                gs.push((CmpOp::Eq, v));
            }
            if let Some(l) = self.translate_signed(agg.sign, agg.fun, &gs, &grouped) {
                out.push((assigned, l));
            }
        }
        out
    }

    fn possible(&mut self, agg: &Agg, env: &mut Env) -> bool {
        if agg.sign != 0 {
            return true;
        }
        let mut guards = Vec::new();
        for (op, t) in &agg.guards {
            match self.eval().eval(t, env) {
                Some(v) => guards.push((*op, v)),
                None => return false,
            }
        }
        // Tuples, each with whether it is certain (an element without condition left:
        // true in every model, so it bounds the value however the closure goes on).
        let mut tuples: Vec<(Vec<Sym>, bool)> = Vec::new();
        for e in &agg.elems {
            self.solve_cond(&e.cond, env, &mut |g, env, c| {
                let mut tuple = Vec::new();
                for t in &e.tuple {
                    match g.eval().eval(t, env) {
                        Some(v) => tuple.push(v),
                        None => return,
                    }
                }
                tuples.push((tuple, c.is_empty()));
            });
        }
        // Certain first, so that deduplication keeps a tuple's certainty.
        tuples.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        tuples.dedup_by(|a, b| a.0 == b.0);
        let holds_all = |g: &Grounder, v: Sym| {
            guards
                .iter()
                .all(|&(op, b)| holds(op, g.syms.compare(v, b)))
        };
        match agg.fun {
            AggFun::Min | AggFun::Max => {
                let is_min = agg.fun == AggFun::Min;
                // A certain element bounds the extremum: #min is at most its value.
                let mut bound: Option<Sym> = None;
                for (t, certain) in &tuples {
                    if let (true, Some(&v)) = (*certain, t.first()) {
                        bound = Some(match bound {
                            None => v,
                            Some(b) => {
                                let ord = self.syms.compare(v, b);
                                if (is_min && ord.is_lt()) || (!is_min && ord.is_gt()) {
                                    v
                                } else {
                                    b
                                }
                            }
                        });
                    }
                }
                let within = |g: &Grounder, v: Sym| match bound {
                    None => true,
                    Some(b) => {
                        let ord = g.syms.compare(v, b);
                        if is_min {
                            ord.is_le()
                        } else {
                            ord.is_ge()
                        }
                    }
                };
                let empty = self
                    .syms
                    .intern(if is_min { SymData::Sup } else { SymData::Inf });
                (bound.is_none() && holds_all(self, empty))
                    || tuples
                        .iter()
                        .filter_map(|(t, _)| t.first())
                        .any(|&v| within(self, v) && holds_all(self, v))
            }
            fun => {
                let (mut lo, mut hi) = (0i64, 0i64);
                for (t, certain) in &tuples {
                    if let Some(w) = weight(self, fun, t) {
                        if *certain {
                            lo = lo.saturating_add(w);
                            hi = hi.saturating_add(w);
                        } else if w < 0 {
                            lo = lo.saturating_add(w);
                        } else {
                            hi = hi.saturating_add(w);
                        }
                    }
                }
                // Some value in [lo, hi] meets every guard.
                let (mut l, mut h) = (i128::from(lo), i128::from(hi));
                let mut ne = Vec::new();
                for &(op, b) in &guards {
                    let Some(b) = self.syms.as_num(b) else {
                        let zero = self.syms.num(0);
                        if !holds(op, self.syms.compare(zero, b)) {
                            return false;
                        }
                        continue;
                    };
                    let b = i128::from(b);
                    match op {
                        CmpOp::Eq => {
                            l = l.max(b);
                            h = h.min(b);
                        }
                        CmpOp::Ne => ne.push(b),
                        CmpOp::Lt => h = h.min(b - 1),
                        CmpOp::Le => h = h.min(b),
                        CmpOp::Gt => l = l.max(b + 1),
                        CmpOp::Ge => l = l.max(b),
                    }
                }
                l <= h && (h - l >= ne.len() as i128 || (l..=h).any(|v| !ne.contains(&v)))
            }
        }
    }

    fn translate_signed(
        &mut self,
        sign: u8,
        fun: AggFun,
        guards: &[(CmpOp, Sym)],
        grouped: &Groups,
    ) -> Option<Option<i32>> {
        let r = translate_grouped(self, fun, guards, grouped);
        match (sign, r) {
            (0, r) => r,
            (1, None) => Some(None),
            (1, Some(None)) => None,
            (1, Some(Some(l))) => Some(Some(self.negate(l))),
            (_, r) => match r {
                None => None,
                Some(None) => Some(None),
                Some(Some(l)) => {
                    let n = self.negate(l);
                    Some(Some(self.negate(n)))
                }
            },
        }
    }

    fn possible_values(&mut self, fun: AggFun, grouped: &Groups) -> Vec<Sym> {
        match fun {
            AggFun::Count | AggFun::Sum | AggFun::SumPlus => {
                let mut certain: i64 = 0;
                let mut sums: Vec<i64> = vec![0];
                for (tuple, conds) in grouped {
                    let Some(w) = weight(self, fun, tuple) else {
                        continue;
                    };
                    if conds.iter().any(Vec::is_empty) {
                        certain = certain.saturating_add(w);
                        continue;
                    }
                    let mut next = sums.clone();
                    next.extend(sums.iter().map(|s| s.saturating_add(w)));
                    next.sort_unstable();
                    next.dedup();
                    if next.len() > 100_000 {
                        // Dense enough: every value in between (a superset; values that
                        // cannot be reached get rules that never fire).
                        let lo = *next.first().expect("non-empty");
                        let hi = *next.last().expect("non-empty");
                        if hi.saturating_sub(lo) <= 1_000_000 {
                            next = (lo..=hi).collect();
                        }
                    }
                    sums = next;
                }
                sums.iter()
                    .map(|s| self.syms.num(certain.saturating_add(*s)))
                    .collect()
            }
            AggFun::Min | AggFun::Max => {
                let mut vals: Vec<Sym> = grouped
                    .iter()
                    .filter_map(|(t, _)| t.first().copied())
                    .collect();
                vals.push(if fun == AggFun::Min {
                    self.syms.intern(SymData::Sup)
                } else {
                    self.syms.intern(SymData::Inf)
                });
                vals.sort_unstable();
                vals.dedup();
                vals
            }
        }
    }

    /// A conditional literal: `None` false, `Some(None)` true, else its literal.
    pub fn cond_literal(&mut self, c: &Cond, env: &mut Env) -> Option<Option<i32>> {
        if self.domain_only {
            return Some(None);
        }
        let mut parts: Vec<(Option<Option<i32>>, Vec<i32>)> = Vec::new();
        let lit = &c.lit;
        self.solve_cond(&c.cond, env, &mut |g, env, cond| {
            let head = g.ground_lit(lit, env);
            parts.push((head, cond.to_vec()));
        });
        let mut conj = Vec::new();
        for (head, cond) in parts {
            match head {
                Some(None) => {}
                h if cond.is_empty() => match h {
                    None => return None,
                    Some(Some(l)) => conj.push(l),
                    Some(None) => {}
                },
                h => {
                    // (cond -> head) as a helper atom.
                    // `e` must hold in every smaller model where the implication holds:
                    // `e :- h`, `e :- not c` for each condition literal, and for a
                    // positive condition atom also `e | c :- not not h` (the reduct keeps
                    // `c` on the left of the implication).
                    let e = self.helper();
                    let nnh = if let Some(Some(l)) = h {
                        self.rule(HeadKind::Disjunctive, vec![e], vec![l]);
                        let n = self.negate(l);
                        Some(self.negate(n))
                    } else {
                        None
                    };
                    for c in cond {
                        let n = self.negate(c);
                        self.rule(HeadKind::Disjunctive, vec![e], vec![n]);
                        if let (Some(nnh), true) = (nnh, c > 0) {
                            self.rule(HeadKind::Disjunctive, vec![e, c as u32], vec![nnh]);
                        }
                    }
                    conj.push(e as i32);
                }
            }
        }
        match conj.len() {
            0 => Some(None),
            1 => Some(Some(conj[0])),
            _ => {
                let h = self.helper();
                self.rule(HeadKind::Disjunctive, vec![h], conj);
                Some(Some(h as i32))
            }
        }
    }

    /// A simple literal under `env`: `None` false, `Some(None)` true, else its literal.
    fn ground_lit(&mut self, lit: &Lit, env: &mut Env) -> Option<Option<i32>> {
        match lit {
            Lit::Bool(b) => b.then_some(None),
            Lit::Cmp(op, l, r) => {
                let a = self.eval().eval(l, env)?;
                let b = self.eval().eval(r, env)?;
                holds(*op, self.syms.compare(a, b)).then_some(None)
            }
            Lit::Atom { sign, pred, args } => {
                let pd = self.preds.list[*pred as usize].clone();
                let mut vals = Vec::new();
                for a in args {
                    match self.eval().eval(a, env) {
                        Some(v) => vals.push(v),
                        None => return if *sign == 1 { Some(None) } else { None },
                    }
                }
                let sym = self.syms.fun(pd.name, &vals, pd.neg);
                let found = self.find(sym);
                let defined = found.is_some_and(|a| self.atoms[a as usize].defined);
                let fact = found.is_some_and(|a| self.atoms[a as usize].fact);
                let complete = self.complete[*pred as usize];
                match sign {
                    0 => {
                        if fact {
                            Some(None)
                        } else if !defined && complete {
                            None
                        } else {
                            let a = self.atom(sym, *pred);
                            Some(Some(self.lit(a)))
                        }
                    }
                    1 => {
                        if fact {
                            None
                        } else if !defined && complete {
                            Some(None)
                        } else {
                            let a = self.atom(sym, *pred);
                            Some(Some(-self.lit(a)))
                        }
                    }
                    _ => {
                        if fact {
                            Some(None)
                        } else if !defined && complete {
                            None
                        } else {
                            let a = self.atom(sym, *pred);
                            let l = self.lit(a);
                            Some(Some(self.negate(-l)))
                        }
                    }
                }
            }
            _ => None,
        }
    }
}

/// Elements by tuple, in first-seen order (a tuple counts once; its conditions form a
/// disjunction; a certain tuple has a single empty condition).
///
/// Stored compactly because aggregates over many facts (`#count{X,Y : tc(X,Y)}`) have
/// one group per fact: all tuples back to back in one vector, a group's conditions only
/// allocated when it is not certain, and a hash table of group indices. (Vectors per
/// group cost about four times as much, which was the grounder's peak memory.)
#[derive(Default)]
struct Groups {
    /// The tuples' symbols, back to back.
    syms: Vec<Sym>,
    /// Per group: start of its tuple in `syms`, its length, and its conditions
    /// ([`CERTAIN`] or an index into `uncertain`).
    groups: Vec<(u32, u32, u32)>,
    uncertain: Vec<Vec<Vec<i32>>>,
    /// Group indices by the hash of their tuple.
    table: hashbrown::HashTable<u32>,
}

const CERTAIN: u32 = u32::MAX;
/// The conditions of a certain group as the iteration shows them.
const CERTAIN_CONDS: &[Vec<i32>] = &[Vec::new()];

fn tuple_hash(tuple: &[Sym]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    tuple.hash(&mut h);
    h.finish()
}

impl Groups {
    fn tuple(&self, g: u32) -> &[Sym] {
        let (start, len, _) = self.groups[g as usize];
        &self.syms[start as usize..(start + len) as usize]
    }

    fn add(&mut self, tuple: &[Sym], cond: Vec<i32>) {
        let h = tuple_hash(tuple);
        let found = self.table.find(h, |&g| self.tuple(g) == tuple).copied();
        let g = match found {
            Some(g) => g,
            None => {
                let g = self.groups.len() as u32;
                let start = self.syms.len() as u32;
                self.syms.extend_from_slice(tuple);
                self.groups.push((start, tuple.len() as u32, CERTAIN));
                let (syms, groups) = (&self.syms, &self.groups);
                self.table.insert_unique(h, g, |&x| {
                    let (start, len, _) = groups[x as usize];
                    tuple_hash(&syms[start as usize..(start + len) as usize])
                });
                // A new group starts without conditions: give it this one.
                if !cond.is_empty() {
                    self.groups[g as usize].2 = self.uncertain.len() as u32;
                    self.uncertain.push(vec![cond]);
                }
                return;
            }
        };
        let slot = self.groups[g as usize].2;
        if slot == CERTAIN {
            return;
        }
        if cond.is_empty() {
            self.uncertain[slot as usize] = Vec::new();
            self.groups[g as usize].2 = CERTAIN;
        } else {
            self.uncertain[slot as usize].push(cond);
        }
    }

    /// `(tuple, conditions)` per group, in first-seen order.
    fn iter(&self) -> impl Iterator<Item = (&[Sym], &[Vec<i32>])> + '_ {
        (0..self.groups.len() as u32).map(move |g| {
            let conds = match self.groups[g as usize].2 {
                CERTAIN => CERTAIN_CONDS,
                slot => &self.uncertain[slot as usize][..],
            };
            (self.tuple(g), conds)
        })
    }
}

impl<'a> IntoIterator for &'a Groups {
    type Item = (&'a [Sym], &'a [Vec<i32>]);
    type IntoIter = Box<dyn Iterator<Item = Self::Item> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

fn group(elems: Vec<(Vec<Sym>, Vec<i32>)>) -> Groups {
    let mut map = Groups::default();
    for (t, c) in elems {
        map.add(&t, c);
    }
    map
}

fn weight(g: &Grounder, fun: AggFun, tuple: &[Sym]) -> Option<i64> {
    match fun {
        AggFun::Count => Some(1),
        AggFun::Sum => g.syms.as_num(*tuple.first()?),
        AggFun::SumPlus => g.syms.as_num(*tuple.first()?).filter(|w| *w > 0),
        _ => None,
    }
}

/// Translates an aggregate instance: `None` false, `Some(None)` true, else a literal.
pub fn translate(
    g: &mut Grounder,
    fun: AggFun,
    guards: &[(CmpOp, Sym)],
    elems: Vec<(Vec<Sym>, Vec<i32>)>,
) -> Option<Option<i32>> {
    translate_grouped(g, fun, guards, &group(elems))
}

/// [`translate`] over elements grouped by tuple.
fn translate_grouped(
    g: &mut Grounder,
    fun: AggFun,
    guards: &[(CmpOp, Sym)],
    grouped: &Groups,
) -> Option<Option<i32>> {
    match fun {
        AggFun::Min | AggFun::Max => translate_extremum(g, fun == AggFun::Min, guards, grouped),
        _ => {
            let mut certain: i128 = 0;
            let mut lits: Vec<(i32, i64)> = Vec::new();
            let mut pending: Vec<(&[Vec<i32>], i64)> = Vec::new();
            for (tuple, conds) in grouped {
                let Some(w) = weight(g, fun, tuple) else {
                    continue;
                };
                if w == 0 {
                    continue;
                }
                if conds.iter().any(Vec::is_empty) {
                    certain += i128::from(w);
                } else {
                    pending.push((conds, w));
                }
            }
            // Allowed values: a union of intervals.
            let mut allowed: Vec<(i128, i128)> = vec![(NEG_INF, POS_INF)];
            for &(op, b) in guards {
                let iv: Vec<(i128, i128)> = match g.syms.as_num(b) {
                    Some(b) => {
                        let b = i128::from(b);
                        match op {
                            CmpOp::Eq => vec![(b, b)],
                            CmpOp::Ne => vec![(NEG_INF, b - 1), (b + 1, POS_INF)],
                            CmpOp::Lt => vec![(NEG_INF, b - 1)],
                            CmpOp::Le => vec![(NEG_INF, b)],
                            CmpOp::Gt => vec![(b + 1, POS_INF)],
                            CmpOp::Ge => vec![(b, POS_INF)],
                        }
                    }
                    None => {
                        // Every integer compares the same way with a non-integer.
                        let zero = g.syms.num(0);
                        if holds(op, g.syms.compare(zero, b)) {
                            vec![(NEG_INF, POS_INF)]
                        } else {
                            vec![]
                        }
                    }
                };
                let mut next = Vec::new();
                for &(l1, h1) in &allowed {
                    for &(l2, h2) in &iv {
                        let (l, h) = (l1.max(l2), h1.min(h2));
                        if l <= h {
                            next.push((l, h));
                        }
                    }
                }
                allowed = next;
            }
            let neg: i128 = pending
                .iter()
                .filter(|p| p.1 < 0)
                .map(|p| i128::from(p.1))
                .sum();
            let pos: i128 = pending
                .iter()
                .filter(|p| p.1 > 0)
                .map(|p| i128::from(p.1))
                .sum();
            let (min, max) = (certain + neg, certain + pos);
            let mut needed: Vec<(Option<i128>, Option<i128>)> = Vec::new();
            for (l, h) in allowed {
                let (l, h) = (l.max(min), h.min(max));
                if l > h {
                    continue;
                }
                if l == min && h == max {
                    return Some(None);
                }
                needed.push(((l > min).then_some(l), (h < max).then_some(h)));
            }
            if needed.is_empty() {
                return None;
            }
            for (conds, w) in pending {
                let l = g.disjunction(conds).expect("no empty condition");
                // Tuples with the same literal add up (`3:a` and `-3:a` cancel out).
                match lits.iter_mut().find(|(x, _)| *x == l) {
                    Some((_, acc)) => *acc += w,
                    None => lits.push((l, w)),
                }
            }
            lits.retain(|&(_, w)| w != 0);
            let neg: i128 = lits
                .iter()
                .filter(|p| p.1 < 0)
                .map(|p| i128::from(p.1))
                .sum();
            let pos: i128 = lits
                .iter()
                .filter(|p| p.1 > 0)
                .map(|p| i128::from(p.1))
                .sum();
            let (min, max) = (certain + neg, certain + pos);
            needed.retain(|&(lo, hi)| {
                !matches!(lo, Some(l) if l > max) && !matches!(hi, Some(h) if h < min)
            });
            if needed.is_empty() {
                return None;
            }
            for (lo, hi) in needed.iter_mut() {
                if lo.is_some_and(|l| l <= min) {
                    *lo = None;
                }
                if hi.is_some_and(|h| h >= max) {
                    *hi = None;
                }
                if lo.is_none() && hi.is_none() {
                    return Some(None);
                }
            }
            if needed.len() > 1 && g.agg_recursive && lits.iter().all(|&(_, w)| w > 0) {
                return Some(Some(non_convex(g, &lits, certain, &needed)));
            }
            let mut alts = Vec::new();
            for (lo, hi) in needed {
                let mut conj = Vec::new();
                if let Some(lo) = lo {
                    conj.push(weight_atom(g, &lits, lo - certain, 1));
                }
                if let Some(hi) = hi {
                    if lits.iter().all(|&(_, w)| w > 0) {
                        // Only positive weights: `S <= hi` is antimonotone, `not S >= hi+1`
                        // (gringo's form). The helper is used negatively, so it never
                        // supports atoms, and propagates like the lower bound does.
                        conj.push(-weight_atom(g, &lits, hi + 1 - certain, 1));
                    } else {
                        // `S <= hi` as `-S >= -hi`: literals with positive weights then
                        // count negatively (complemented), negative ones positively, so
                        // the monotone part keeps supporting atoms of the component.
                        conj.push(weight_atom(g, &lits, -(hi - certain), -1));
                    }
                }
                alts.push(conj);
            }
            Some(g.disjunction(&alts))
        }
    }
}

/// A non-convex aggregate (allowed sums a union of intervals, as with `!=`), positive
/// weights, in a rule whose component it depends on: gringo's translation, faithful to
/// its (Ferraris) semantics when the aggregate depends on itself (elsewhere the
/// disjunction of the intervals is equivalent, and smaller). The aggregate is an atom `a` with, per interval, the rule
/// `a :- lo <= sum(l), total - hi <= sum(l -> a)`: an upper bound counts the elements
/// that are false or imply `a`, each implication encoded as a conditional literal is.
fn non_convex(
    g: &mut Grounder,
    lits: &[(i32, i64)],
    certain: i128,
    needed: &[(Option<i128>, Option<i128>)],
) -> i32 {
    let a = g.helper();
    let total: i128 = lits.iter().map(|&(_, w)| i128::from(w)).sum();
    let mut implications: Option<Vec<(i32, i64)>> = None;
    for &(lo, hi) in needed {
        let mut body = Vec::new();
        if let Some(lo) = lo {
            body.push(weight_atom(g, lits, lo - certain, 1));
        }
        if let Some(hi) = hi {
            if implications.is_none() {
                let imps = lits
                    .iter()
                    .map(|&(l, w)| (implication(g, l, a), w))
                    .collect();
                implications = Some(imps);
            }
            let imps = implications.as_deref().expect("built above");
            body.push(weight_atom(g, imps, total - (hi - certain), 1));
        }
        g.rule(HeadKind::Disjunctive, vec![a], body);
    }
    a as i32
}

/// A helper atom for `l -> a`: `e :- a`, `e :- not l`, and for a positive `l` also
/// `e | l :- not not a` (the reduct keeps `l` on the left of the implication).
fn implication(g: &mut Grounder, l: i32, a: u32) -> i32 {
    let e = g.helper();
    g.rule(HeadKind::Disjunctive, vec![e], vec![a as i32]);
    let n = g.negate(l);
    g.rule(HeadKind::Disjunctive, vec![e], vec![n]);
    if l > 0 {
        let na = g.negate(a as i32);
        let nna = g.negate(na);
        g.rule(HeadKind::Disjunctive, vec![e, l as u32], vec![nna]);
    }
    e as i32
}

/// A helper atom true when `sign * sum(w * l) >= bound`.
fn weight_atom(g: &mut Grounder, lits: &[(i32, i64)], bound: i128, sign: i64) -> i32 {
    let mut wl = Vec::new();
    let mut lower = bound;
    for &(l, w) in lits {
        let w = w * sign;
        if w > 0 {
            wl.push(WeightedLit { lit: l, weight: w });
        } else if w < 0 {
            // The complement of `not a` is `not not a`, never `a`: a negative literal
            // must not turn into a positive dependency.
            let c = g.negate(l);
            wl.push(WeightedLit { lit: c, weight: -w });
            lower -= i128::from(w);
        }
    }
    let h = g.helper();
    let lower = i64::try_from(lower).unwrap_or(i64::MAX);
    g.weight_rule(h, lower, wl);
    h as i32
}

fn translate_extremum(
    g: &mut Grounder,
    is_min: bool,
    guards: &[(CmpOp, Sym)],
    grouped: &Groups,
) -> Option<Option<i32>> {
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
        // h: None = false, Some(None) = true, Some(Some(l)).
        let h: Option<Option<i32>> = if beyond.is_empty() {
            None
        } else {
            Some(g.disjunction(&beyond))
        };
        if h == Some(None) {
            continue;
        }
        let has_empty = if is_min { hi == empty } else { lo == empty };
        if has_empty || inside.iter().any(Option::is_none) {
            match h {
                None => return None,
                Some(Some(l)) => conj.push(l),
                Some(None) => {}
            }
            continue;
        }
        for l in inside.into_iter().flatten() {
            match h {
                None => {
                    let n = g.negate(l);
                    conj.push(n);
                }
                Some(Some(hl)) => {
                    let e = g.helper();
                    g.rule(HeadKind::Disjunctive, vec![e], vec![hl]);
                    let n = g.negate(l);
                    g.rule(HeadKind::Disjunctive, vec![e], vec![n]);
                    if l > 0 {
                        let nh = g.negate(hl);
                        let nnh = g.negate(nh);
                        g.rule(HeadKind::Disjunctive, vec![e, l as u32], vec![nnh]);
                    }
                    conj.push(e as i32);
                }
                Some(None) => {}
            }
        }
    }
    match conj.len() {
        0 => Some(None),
        1 => Some(Some(conj[0])),
        _ => {
            let h = g.helper();
            g.rule(HeadKind::Disjunctive, vec![h], conj);
            Some(Some(h as i32))
        }
    }
}
