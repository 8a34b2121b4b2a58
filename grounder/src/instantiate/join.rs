//! The join: solutions of a literal list in its join order, with hash indexes on the
//! bound arguments of positive atoms, and the ground literals each solution keeps.

use super::base::hash_key;
use super::schedule::Window;
use super::{holds, Grounder, LitValue};
use crate::ast::CmpOp;
use crate::program::{Agg, Conj, Lit, PredId, TheoryAtom};
use crate::term::Env;
use crate::term::{GTerm, Var};

/// What to do with each solution of a join: called with the grounder, the variable
/// bindings and the solution's ground literals.
pub(super) type Sink<'s> = dyn FnMut(&mut Grounder, &mut Env, &[i32]) + 's;

/// A join to solve: a literal list in a join order, within a semi-naive window (`None`:
/// over every atom), and what to do with each solution.
pub(super) struct Query<'q, 's> {
    /// The literals.
    pub conj: &'q Conj,
    /// The order in which they are joined (indices into `conj.lits`).
    pub order: &'q [usize],
    /// The window of a semi-naive round.
    pub win: Option<&'q Window>,
    /// Receives the solutions.
    pub sink: &'q mut Sink<'s>,
    /// The variable bindings.
    pub env: &'q mut Env,
    /// The ground literals of the steps joined so far.
    pub lits: &'q mut Vec<i32>,
}

impl Grounder {
    /// Joins the query's literals from step `k` of its order (its `lits` hold the ground
    /// literals of the steps before).
    pub(super) fn join(&mut self, q: &mut Query, k: usize) {
        let (conj, order) = (q.conj, q.order);
        if k == order.len() {
            (q.sink)(self, q.env, q.lits);
            return;
        }
        let idx = order[k];
        match &conj.lits[idx] {
            Lit::Bool(true) => self.join(q, k + 1),
            Lit::Bool(false) => {}
            Lit::Cmp(op, l, r) => self.join_comparison(q, k, op, l, r),
            Lit::Range(v, lo, hi) => self.join_range(q, k, v, lo, hi),
            Lit::Atom {
                sign: 0,
                pred,
                args,
            } => self.join_positive(q, k, idx, pred, args),
            Lit::Atom { sign, pred, args } => self.join_negated(q, k, sign, pred, args),
            Lit::Agg(agg) => self.join_aggregate(q, k, agg),
            Lit::Theory(sign, atom) => self.join_theory(q, k, sign, atom),
            Lit::Cond(c) => {
                let lit = self.cond_literal(c, q.env);
                self.join_with(lit, q, k);
            }
        }
    }

    /// A comparison: holds or not, or (an equation with one side unbound) binds.
    fn join_comparison(&mut self, q: &mut Query, k: usize, op: &CmpOp, l: &GTerm, r: &GTerm) {
        let mark = q.env.trail.len();
        let lv = self.eval().eval(l, q.env);
        let rv = self.eval().eval(r, q.env);
        match (lv, rv) {
            (Some(a), Some(b)) => {
                let ok = holds(*op, self.syms.compare(a, b));
                self.join_with(LitValue::holds(ok), q, k);
            }
            (None, Some(b)) if *op == CmpOp::Eq => {
                let ok = self.eval().matches(l, b, q.env);
                self.join_with(LitValue::holds(ok), q, k);
                q.env.undo(mark);
            }
            (Some(a), None) if *op == CmpOp::Eq => {
                let ok = self.eval().matches(r, a, q.env);
                self.join_with(LitValue::holds(ok), q, k);
                q.env.undo(mark);
            }
            _ => {}
        }
    }

    /// `X = lo..hi`: each value in turn (or a check when `X` is bound).
    fn join_range(&mut self, q: &mut Query, k: usize, v: &Var, lo: &GTerm, hi: &GTerm) {
        let mark = q.env.trail.len();
        let lo = self
            .eval()
            .eval(lo, q.env)
            .and_then(|s| self.syms.as_num(s));
        let hi = self
            .eval()
            .eval(hi, q.env)
            .and_then(|s| self.syms.as_num(s));
        let (Some(lo), Some(hi)) = (lo, hi) else {
            return;
        };
        if let Some(cur) = q.env.vals[*v as usize] {
            if self.syms.as_num(cur).is_some_and(|n| lo <= n && n <= hi) {
                self.join(q, k + 1);
            }
            return;
        }
        for n in lo..=hi {
            let s = self.syms.num(n);
            q.env.bind(*v, s);
            self.join(q, k + 1);
            q.env.undo(mark);
        }
    }

    /// A positive atom: the matching atoms of its domain (within the window), through an
    /// index on the bound arguments.
    fn join_positive(
        &mut self,
        q: &mut Query,
        k: usize,
        idx: usize,
        pred: &PredId,
        args: &[GTerm],
    ) {
        let win = q.win;
        let mark = q.env.trail.len();
        let p = *pred as usize;
        let (lo, hi) = match win {
            Some(w) if w.in_scc[p] => {
                if w.delta == usize::MAX {
                    (0, w.new_end[p])
                } else if idx == w.delta {
                    (w.old_end[p], w.new_end[p])
                } else if idx < w.delta {
                    (0, w.new_end[p])
                } else {
                    (0, w.old_end[p])
                }
            }
            _ => (0, self.pred_atoms[p].len()),
        };
        if lo >= hi {
            return;
        }
        // Bound arguments select an index.
        let mut mask = 0u64;
        let mut vals = Vec::new();
        for (i, a) in args.iter().enumerate() {
            if i >= 64 {
                break;
            }
            let mut vs = Vec::new();
            a.vars(&mut vs);
            if vs.iter().all(|&v| q.env.vals[v as usize].is_some()) {
                match self.eval().eval(a, q.env) {
                    Some(s) => {
                        mask |= 1 << i;
                        vals.push(s);
                    }
                    None => return,
                }
            }
        }
        let positions: Option<Vec<u32>> = if mask != 0 {
            if mask.count_ones() as usize == args.len() {
                // Fully bound: one lookup.
                let pd = &self.preds.list[p];
                let found = self
                    .syms
                    .find_fun(pd.name, &vals, pd.neg)
                    .and_then(|sym| self.find(sym));
                match found {
                    Some(a) if self.atoms[a as usize].defined => {
                        let pos = self.atoms[a as usize].pos as usize;
                        // Position only matters inside a window.
                        let visible = match win {
                            Some(w) if w.in_scc[p] => pos >= lo && pos < hi,
                            _ => true,
                        };
                        if visible {
                            let lit = self.atom_value(a);
                            self.join_with(lit, q, k);
                        }
                    }
                    _ => {}
                }
                return;
            }
            Some(self.lookup(*pred, mask, hash_key(&vals)))
        } else {
            None
        };
        let count = positions.as_ref().map_or(hi - lo, Vec::len);
        for j in 0..count {
            let pos = match &positions {
                Some(ps) => {
                    let pos = ps[j] as usize;
                    if pos < lo || pos >= hi {
                        continue;
                    }
                    pos
                }
                None => lo + j,
            };
            let a = self.pred_atoms[p][pos];
            let asym = self.atoms[a as usize].sym;
            let ok = args.iter().enumerate().all(|(i, t)| {
                let s = self.syms.arg(asym, i);
                self.eval().matches(t, s, q.env)
            });
            if ok {
                let lit = self.atom_value(a);
                self.join_with(lit, q, k);
            }
            q.env.undo(mark);
        }
    }

    /// A negated (`not`, `not not`) atom: ground, evaluated away when decided; `not`
    /// over the projection wildcard `_` holds when no matching atom does.
    fn join_negated(&mut self, q: &mut Query, k: usize, sign: &u8, pred: &PredId, args: &[GTerm]) {
        let p = *pred as usize;
        let pd = self.preds.list[p].clone();
        let mut vals = Vec::with_capacity(args.len());
        for a in args {
            match self.eval().eval(a, q.env) {
                Some(s) => vals.push(s),
                // An undefined term drops the instance, under `not` too (as gringo).
                None => return,
            }
        }
        let wild = self.syms.name(crate::rewrite::WILDCARD);
        let wild = self.syms.fun(wild, &[], false);
        if *sign == 1 && vals.contains(&wild) {
            // Projection: `not p(X,_)` holds when no matching atom holds. The
            // candidates come from the index on the other arguments, if any.
            let mut mask = 0u64;
            let mut key = Vec::new();
            for (i, v) in vals.iter().enumerate().take(64) {
                if *v != wild {
                    mask |= 1 << i;
                    key.push(*v);
                }
            }
            let candidates: Vec<u32> = if mask != 0 {
                self.lookup(*pred, mask, hash_key(&key))
            } else {
                (0..self.pred_atoms[p].len() as u32).collect()
            };
            let mut negs = Vec::new();
            for i in candidates {
                let a = self.pred_atoms[p][i as usize];
                let aargs = self.atom_args(a);
                if vals
                    .iter()
                    .zip(aargs.iter())
                    .all(|(v, x)| *v == wild || v == x)
                {
                    if self.atoms[a as usize].fact {
                        return;
                    }
                    negs.push(-self.lit(a));
                }
            }
            let n = negs.len();
            q.lits.extend(negs);
            self.join(q, k + 1);
            q.lits.truncate(q.lits.len() - n);
            return;
        }
        let found = self
            .syms
            .find_fun(pd.name, &vals, pd.neg)
            .and_then(|sym| self.find(sym));
        let defined = found.is_some_and(|a| self.atoms[a as usize].defined);
        let fact = found.is_some_and(|a| self.atoms[a as usize].fact);
        if !defined && self.complete[p] {
            if *sign == 1 {
                self.join(q, k + 1);
            }
            return;
        }
        let sym = self.syms.fun(pd.name, &vals, pd.neg);
        if *sign == 1 {
            if fact {
                return;
            }
            if !defined && self.complete[p] {
                self.join(q, k + 1);
                return;
            }
            let a = self.atom(sym, *pred);
            let l = self.lit(a);
            self.join_with(LitValue::Lit(-l), q, k);
        } else {
            if fact {
                self.join(q, k + 1);
                return;
            }
            if !defined && self.complete[p] {
                return;
            }
            let a = self.atom(sym, *pred);
            let l = self.lit(a);
            let nn = self.negate(-l);
            self.join_with(LitValue::Lit(nn), q, k);
        }
    }

    /// A body aggregate: its instances, each binding the assigned variable if any.
    fn join_aggregate(&mut self, q: &mut Query, k: usize, agg: &Agg) {
        let mark = q.env.trail.len();
        for (value, lit) in self.body_aggregate(agg, q.env) {
            if let (Some(v), Some(val)) = (agg.assign, value) {
                match q.env.vals[v as usize] {
                    Some(cur) if cur != val => continue,
                    Some(_) => {}
                    None => q.env.bind(v, val),
                }
            }
            self.join_with(lit, q, k);
            q.env.undo(mark);
        }
    }

    /// A theory atom in a body.
    fn join_theory(&mut self, q: &mut Query, k: usize, sign: &u8, atom: &TheoryAtom) {
        // Never known at grounding time; while closing a domain it is assumed
        // possible.
        if self.domain_only {
            self.join(q, k + 1);
            return;
        }
        let Some(a) = self.theory_atom(atom, q.env, false) else {
            return;
        };
        let l = match sign {
            0 => a as i32,
            1 => -(a as i32),
            _ => self.negate(-(a as i32)),
        };
        self.join_with(LitValue::Lit(l), q, k);
    }

    /// Joins on from step `k + 1` with `lit` added to the body (`True`: nothing to add;
    /// `False`: no solution).
    fn join_with(&mut self, lit: LitValue, q: &mut Query, k: usize) {
        match lit {
            LitValue::False => {}
            LitValue::True => self.join(q, k + 1),
            LitValue::Lit(l) => {
                q.lits.push(l);
                self.join(q, k + 1);
                q.lits.pop();
            }
        }
    }
}
