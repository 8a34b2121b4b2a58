//! The atom base: every ground atom the grounder knows of, each predicate's domain (its
//! derivable atoms, in the order derived) and the hash indexes of a domain on some
//! argument positions, which the join looks bound arguments up in.
//!
//! An atom enters the base when a rule mentions it, its domain when a rule may derive it
//! (`define`); it gets an aspif number only when a statement uses it (`lit`).

use super::{Grounder, LitValue};
use crate::program::PredId;
use crate::symbol::{Sym, SymData};
use rustc_hash::FxHashMap;
use std::hash::{Hash, Hasher};

/// One ground atom the grounder knows of.
#[derive(Clone, Debug)]
pub(super) struct AtomRec {
    /// Its symbol.
    pub sym: Sym,
    /// Its predicate.
    pub pred: PredId,
    /// Certainly true.
    pub fact: bool,
    /// Derivable (in its predicate's domain).
    pub defined: bool,
    /// Its aspif atom (0: none yet).
    pub aspif: u32,
    /// Its position in its predicate's atom list (when defined).
    pub pos: u32,
    /// A rule for it was emitted (or it is a fact).
    pub derived: bool,
}

/// A hash index of a predicate's atoms on some argument positions.
#[derive(Default)]
pub(super) struct Index {
    /// The atoms of the domain before this position are indexed.
    upto: usize,
    /// Positions in the domain by the hash of their arguments at the index's positions.
    map: FxHashMap<u64, Vec<u32>>,
}

/// The hash of some arguments, as an index keys them.
pub(super) fn hash_key(vals: &[Sym]) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    vals.hash(&mut h);
    h.finish()
}

impl Grounder {
    /// The atom record of `sym` (created, not derivable, if new).
    pub(super) fn atom(&mut self, sym: Sym, pred: PredId) -> u32 {
        if let Some(a) = self.find(sym) {
            return a;
        }
        let a = self.atoms.len() as u32;
        self.atoms.push(AtomRec {
            sym,
            pred,
            fact: false,
            defined: false,
            aspif: 0,
            pos: 0,
            derived: false,
        });
        let i = sym.0 as usize;
        if self.atom_map.len() <= i {
            self.atom_map.resize(i + 1, 0);
        }
        self.atom_map[i] = a + 1;
        a
    }

    /// Looks an atom up.
    pub(super) fn find(&self, sym: Sym) -> Option<u32> {
        match self.atom_map.get(sym.0 as usize) {
            Some(&a) if a != 0 => Some(a - 1),
            _ => None,
        }
    }

    /// Makes `a` derivable.
    pub(super) fn define(&mut self, a: u32) {
        let rec = &mut self.atoms[a as usize];
        if !self.domain_only {
            rec.derived = true;
        }
        if !rec.defined {
            rec.defined = true;
            let list = &mut self.pred_atoms[rec.pred as usize];
            rec.pos = list.len() as u32;
            list.push(a);
        }
    }

    /// Whether atom `a` is a fact.
    pub(super) fn is_fact(&self, a: u32) -> bool {
        self.atoms[a as usize].fact
    }

    /// The aspif literal of atom `a`.
    pub(super) fn lit(&mut self, a: u32) -> i32 {
        let rec = &mut self.atoms[a as usize];
        if rec.aspif == 0 {
            self.next_aspif += 1;
            rec.aspif = self.next_aspif;
            self.aspif_names.insert(rec.aspif, rec.sym);
        }
        rec.aspif as i32
    }

    /// Atom `a` as a body literal: true if a fact, else its aspif literal.
    pub(super) fn atom_value(&mut self, a: u32) -> LitValue {
        if self.is_fact(a) {
            LitValue::True
        } else {
            LitValue::Lit(self.lit(a))
        }
    }

    /// A fresh helper atom.
    pub(super) fn helper(&mut self) -> u32 {
        self.next_aspif += 1;
        self.next_aspif
    }

    /// The arguments of atom `a`.
    pub(super) fn atom_args(&self, a: u32) -> std::rc::Rc<[Sym]> {
        match self.syms.get(self.atoms[a as usize].sym) {
            SymData::Fun { args, .. } => args.clone(),
            _ => std::rc::Rc::from(Vec::new()),
        }
    }

    /// Positions (in the predicate's atom list) whose arguments at `mask` hash to `key`.
    pub(super) fn lookup(&mut self, pred: u32, mask: u64, key: u64) -> Vec<u32> {
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

    /// After closing a component by over-approximation: atoms that entered a domain
    /// during the closure (beyond `before`, per predicate) but got no rule can never be
    /// true, so they leave the domain (later components evaluate them away).
    pub(super) fn prune(&mut self, before: &[usize]) {
        for (p, &start) in before.iter().enumerate() {
            if self.pred_atoms[p].len() == start {
                continue;
            }
            let list = std::mem::take(&mut self.pred_atoms[p]);
            let mut kept = Vec::with_capacity(list.len());
            for (i, a) in list.into_iter().enumerate() {
                let rec = &mut self.atoms[a as usize];
                if i < start || rec.derived || rec.fact {
                    rec.pos = kept.len() as u32;
                    kept.push(a);
                } else {
                    rec.defined = false;
                }
            }
            self.pred_atoms[p] = kept;
            self.indexes.retain(|(q, _), _| *q as usize != p);
        }
    }
}
