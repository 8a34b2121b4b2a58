//! The join: solutions of a literal list in its join order, with hash indexes on the
//! bound arguments of positive atoms, and the ground literals each solution keeps.

use super::{Grounder, Window};
use crate::ast::CmpOp;
use crate::program::{Conj, Lit};
use crate::symbol::{Sym, SymData};
use crate::term::{Env, GTerm};
use std::hash::{Hash, Hasher};

type Sink<'s> = dyn FnMut(&mut Grounder, &mut Env, &[i32]) + 's;

fn hash_key(vals: &[Sym]) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    vals.hash(&mut h);
    h.finish()
}

impl Grounder {
    fn atom_args(&self, a: u32) -> std::rc::Rc<[Sym]> {
        match self.syms.get(self.atoms[a as usize].sym) {
            SymData::Fun { args, .. } => args.clone(),
            _ => std::rc::Rc::from(Vec::new()),
        }
    }

    /// Positions (in the predicate's atom list) whose arguments at `mask` hash to `key`.
    fn lookup(&mut self, pred: u32, mask: u64, key: u64) -> Vec<u32> {
        let len = self.pred_atoms[pred as usize].len();
        let mut index = self.indexes.remove(&(pred, mask)).unwrap_or_default();
        while index.upto < len {
            let a = self.pred_atoms[pred as usize][index.upto];
            let args = self.atom_args(a);
            let vals: Vec<Sym> = args
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1u64 << i) != 0)
                .map(|(_, s)| *s)
                .collect();
            index
                .map
                .entry(hash_key(&vals))
                .or_default()
                .push(index.upto as u32);
            index.upto += 1;
        }
        let out = index.map.get(&key).cloned().unwrap_or_default();
        self.indexes.insert((pred, mask), index);
        out
    }

    /// Joins `conj` from step `k` of `order`.
    #[allow(clippy::too_many_arguments)]
    pub fn join(
        &mut self,
        conj: &Conj,
        order: &[usize],
        k: usize,
        env: &mut Env,
        win: Option<&Window>,
        lits: &mut Vec<i32>,
        sink: &mut Sink<'_>,
    ) {
        if k == order.len() {
            sink(self, env, lits);
            return;
        }
        let idx = order[k];
        let mark = env.trail.len();
        match &conj.lits[idx] {
            Lit::Bool(true) => self.join(conj, order, k + 1, env, win, lits, sink),
            Lit::Bool(false) => {}
            Lit::Cmp(op, l, r) => {
                let lv = self.eval().eval(l, env);
                let rv = self.eval().eval(r, env);
                match (lv, rv) {
                    (Some(a), Some(b)) => {
                        let ord = self.syms.compare(a, b);
                        let ok = match op {
                            CmpOp::Eq => ord.is_eq(),
                            CmpOp::Ne => ord.is_ne(),
                            CmpOp::Lt => ord.is_lt(),
                            CmpOp::Le => ord.is_le(),
                            CmpOp::Gt => ord.is_gt(),
                            CmpOp::Ge => ord.is_ge(),
                        };
                        if ok {
                            self.join(conj, order, k + 1, env, win, lits, sink);
                        }
                    }
                    (None, Some(b)) if *op == CmpOp::Eq => {
                        let ok = self.eval().matches(l, b, env);
                        self.join_if(ok, conj, order, k, env, win, lits, sink);
                        env.undo(mark);
                    }
                    (Some(a), None) if *op == CmpOp::Eq => {
                        let ok = self.eval().matches(r, a, env);
                        self.join_if(ok, conj, order, k, env, win, lits, sink);
                        env.undo(mark);
                    }
                    _ => {}
                }
            }
            Lit::Range(v, lo, hi) => {
                let lo = self.eval().eval(lo, env).and_then(|s| self.syms.as_num(s));
                let hi = self.eval().eval(hi, env).and_then(|s| self.syms.as_num(s));
                let (Some(lo), Some(hi)) = (lo, hi) else {
                    return;
                };
                if let Some(cur) = env.vals[*v as usize] {
                    if self.syms.as_num(cur).is_some_and(|n| lo <= n && n <= hi) {
                        self.join(conj, order, k + 1, env, win, lits, sink);
                    }
                    return;
                }
                for n in lo..=hi {
                    let s = self.syms.num(n);
                    env.bind(*v, s);
                    self.join(conj, order, k + 1, env, win, lits, sink);
                    env.undo(mark);
                }
            }
            Lit::Atom {
                sign: 0,
                pred,
                args,
            } => {
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
                    if vs.iter().all(|&v| env.vals[v as usize].is_some()) {
                        match self.eval().eval(a, env) {
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
                                let pos = Some(self.atoms[a as usize].pos as usize);
                                // Position only matters inside a window.
                                match (win, pos) {
                                    (Some(w), Some(pos)) if w.in_scc[p] => {
                                        if pos >= lo && pos < hi {
                                            self.emit_atom(a, conj, order, k, env, win, lits, sink);
                                        }
                                    }
                                    _ => self.emit_atom(a, conj, order, k, env, win, lits, sink),
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
                    let mut ok = true;
                    for (i, t) in args.iter().enumerate() {
                        let s = self.syms.arg(asym, i);
                        let good = match t {
                            GTerm::Sym(x) => *x == s,
                            GTerm::Var(v) => match env.vals[*v as usize] {
                                Some(x) => x == s,
                                None => {
                                    env.bind(*v, s);
                                    true
                                }
                            },
                            _ => self.eval().matches(t, s, env),
                        };
                        if !good {
                            ok = false;
                            break;
                        }
                    }
                    if ok {
                        self.emit_atom(a, conj, order, k, env, win, lits, sink);
                    }
                    env.undo(mark);
                }
            }
            Lit::Atom { sign, pred, args } => {
                let p = *pred as usize;
                let pd = self.preds.list[p].clone();
                let mut vals = Vec::with_capacity(args.len());
                for a in args {
                    match self.eval().eval(a, env) {
                        Some(s) => vals.push(s),
                        None => {
                            // An undefined atom is false: `not` holds.
                            if *sign == 1 {
                                self.join(conj, order, k + 1, env, win, lits, sink);
                            }
                            return;
                        }
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
                    lits.extend(negs);
                    self.join(conj, order, k + 1, env, win, lits, sink);
                    lits.truncate(lits.len() - n);
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
                        self.join(conj, order, k + 1, env, win, lits, sink);
                    }
                    return;
                }
                let sym = self.syms.fun(pd.name, &vals, pd.neg);
                if *sign == 1 {
                    if fact {
                        return;
                    }
                    if !defined && self.complete[p] {
                        self.join(conj, order, k + 1, env, win, lits, sink);
                        return;
                    }
                    let a = self.atom(sym, *pred);
                    let l = self.lit(a);
                    lits.push(-l);
                    self.join(conj, order, k + 1, env, win, lits, sink);
                    lits.pop();
                } else {
                    if fact {
                        self.join(conj, order, k + 1, env, win, lits, sink);
                        return;
                    }
                    if !defined && self.complete[p] {
                        return;
                    }
                    let a = self.atom(sym, *pred);
                    let l = self.lit(a);
                    let nn = self.negate(-l);
                    lits.push(nn);
                    self.join(conj, order, k + 1, env, win, lits, sink);
                    lits.pop();
                }
            }
            Lit::Agg(agg) => {
                for (value, lit) in self.body_aggregate(agg, env) {
                    if let (Some(v), Some(val)) = (agg.assign, value) {
                        match env.vals[v as usize] {
                            Some(cur) if cur != val => continue,
                            Some(_) => {}
                            None => env.bind(v, val),
                        }
                    }
                    if let Some(l) = lit {
                        lits.push(l);
                    }
                    self.join(conj, order, k + 1, env, win, lits, sink);
                    if lit.is_some() {
                        lits.pop();
                    }
                    env.undo(mark);
                }
            }
            Lit::Theory(sign, atom) => {
                // Never known at grounding time; while closing a domain it is assumed
                // possible.
                if self.domain_only {
                    self.join(conj, order, k + 1, env, win, lits, sink);
                    return;
                }
                let Some(a) = self.theory_atom(atom, env, false) else {
                    return;
                };
                let l = match sign {
                    0 => a as i32,
                    1 => -(a as i32),
                    _ => self.negate(-(a as i32)),
                };
                lits.push(l);
                self.join(conj, order, k + 1, env, win, lits, sink);
                lits.pop();
            }
            Lit::Cond(c) => {
                if let Some(l) = self.cond_literal(c, env) {
                    if let Some(l) = l {
                        lits.push(l);
                    }
                    self.join(conj, order, k + 1, env, win, lits, sink);
                    if l.is_some() {
                        lits.pop();
                    }
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn join_if(
        &mut self,
        ok: bool,
        conj: &Conj,
        order: &[usize],
        k: usize,
        env: &mut Env,
        win: Option<&Window>,
        lits: &mut Vec<i32>,
        sink: &mut Sink<'_>,
    ) {
        if ok {
            self.join(conj, order, k + 1, env, win, lits, sink);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn emit_atom(
        &mut self,
        a: u32,
        conj: &Conj,
        order: &[usize],
        k: usize,
        env: &mut Env,
        win: Option<&Window>,
        lits: &mut Vec<i32>,
        sink: &mut Sink<'_>,
    ) {
        if self.atoms[a as usize].fact {
            self.join(conj, order, k + 1, env, win, lits, sink);
        } else {
            let l = self.lit(a);
            lits.push(l);
            self.join(conj, order, k + 1, env, win, lits, sink);
            lits.pop();
        }
    }
}
