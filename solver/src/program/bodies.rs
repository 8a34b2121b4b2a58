//! Rule bodies in solver literals: each distinct body of two or more literals gets
//! a variable with `body <-> conjunction` clauses, weight bodies a native weight
//! constraint ([`Formula::add_weight`]); equal bodies share one.

use crate::formula::{weight_sum, Formula, WeightSum};
use crate::lit::Lit;
use aspif::Body;
use rustc_hash::FxHashMap as HashMap;

/// A body that some rule has.
pub(super) struct BodyInfo {
    /// Its literal (a variable, a constant, or the one literal of a conjunction).
    pub lit: Lit,
    /// Conjunction literals (weight 1) or weighted literals.
    pub lits: Vec<(Lit, u64)>,
    /// The weight the literals must reach.
    pub bound: u64,
    /// A conjunction (else a weight body).
    pub conjunction: bool,
}

/// A body the rule has, or a constant one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum BodyRef {
    /// The body at this index of [`Builder::bodies`].
    Index(u32),
    /// Always true or always false.
    Constant(bool),
}

/// The formula being built, the atoms' literals and the bodies so far.
pub(super) struct Builder {
    pub formula: Formula,
    /// The solver literal of every aspif atom (index = atom).
    pub atom_lit: Vec<Lit>,
    pub bodies: Vec<BodyInfo>,
    /// Bodies by the hash of their normalised literals (and bound): the literals are
    /// compared with the body's own copy, so that each list is stored once. On a
    /// collision of different bodies the later one is simply not shared.
    normal_index: HashMap<u64, u32>,
    weight_index: HashMap<u64, u32>,
}

fn hash_of<T: std::hash::Hash + ?Sized>(value: &T) -> u64 {
    use std::hash::Hasher;
    let mut hasher = rustc_hash::FxHasher::default();
    value.hash(&mut hasher);
    hasher.finish()
}

impl Builder {
    /// A builder of `formula` for `num_atoms` atoms, all false so far.
    pub fn new(formula: Formula, num_atoms: usize) -> Builder {
        Builder {
            formula,
            atom_lit: vec![Lit::FALSE; num_atoms],
            bodies: Vec::new(),
            normal_index: HashMap::default(),
            weight_index: HashMap::default(),
        }
    }

    /// The solver literal of an aspif literal.
    pub fn lit(&self, l: aspif::Lit) -> Lit {
        let a = self.atom_lit[aspif::lit_atom(l) as usize];
        if l < 0 {
            !a
        } else {
            a
        }
    }

    /// The literal of a body.
    pub fn body_lit(&self, body: BodyRef) -> Lit {
        match body {
            BodyRef::Index(b) => self.bodies[b as usize].lit,
            BodyRef::Constant(true) => Lit::TRUE,
            BodyRef::Constant(false) => Lit::FALSE,
        }
    }

    /// The body of a conjunction.
    pub fn conjunction(&mut self, mut lits: Vec<Lit>) -> BodyRef {
        if lits.contains(&Lit::FALSE) {
            return BodyRef::Constant(false);
        }
        lits.retain(|&l| l != Lit::TRUE);
        lits.sort_unstable();
        lits.dedup();
        if lits.windows(2).any(|w| w[0] == !w[1]) {
            return BodyRef::Constant(false);
        }
        let key = hash_of(&lits[..]);
        if let Some(&b) = self.normal_index.get(&key) {
            let info = &self.bodies[b as usize];
            if info.conjunction
                && info.lits.len() == lits.len()
                && info.lits.iter().zip(&lits).all(|(e, &l)| e.0 == l)
            {
                return BodyRef::Index(b);
            }
        }
        let lit = match lits.len() {
            0 => Lit::TRUE,
            1 => lits[0],
            _ => {
                let b = self.formula.new_var().positive();
                for &l in &lits {
                    self.formula.add_clause(&[!b, l]);
                }
                let mut clause: Vec<Lit> = lits.iter().map(|&l| !l).collect();
                clause.push(b);
                self.formula.add_clause(&clause);
                b
            }
        };
        let idx = self.bodies.len() as u32;
        self.bodies.push(BodyInfo {
            lit,
            bound: lits.len() as u64,
            lits: lits.iter().map(|&l| (l, 1)).collect(),
            conjunction: true,
        });
        self.normal_index.entry(key).or_insert(idx);
        BodyRef::Index(idx)
    }

    /// The body `sum of the true lits' weights >= lower`.
    fn weight(&mut self, lower: i64, lits: &[(Lit, i64)]) -> BodyRef {
        let (bound, mut norm) = match weight_sum(lower, lits) {
            WeightSum::Constant(truth) => return BodyRef::Constant(truth),
            WeightSum::Sum { bound, lits } => (bound, lits),
        };
        for e in norm.iter_mut() {
            e.1 = e.1.min(bound);
        }
        let total: u64 = norm.iter().map(|e| e.1).sum();
        if total == bound || norm.iter().all(|e| e.1 == bound) && norm.len() == 1 {
            return self.conjunction(norm.iter().map(|e| e.0).collect());
        }
        let key = hash_of(&(bound, &norm[..]));
        if let Some(&b) = self.weight_index.get(&key) {
            let info = &self.bodies[b as usize];
            if !info.conjunction && info.bound == bound && info.lits == norm {
                return BodyRef::Index(b);
            }
        }
        let b = self.formula.new_var().positive();
        let wl: Vec<(Lit, i64)> = norm.iter().map(|&(l, w)| (l, w as i64)).collect();
        self.formula.add_weight(b, bound as i64, &wl);
        let idx = self.bodies.len() as u32;
        self.bodies.push(BodyInfo {
            lit: b,
            lits: norm,
            bound,
            conjunction: false,
        });
        self.weight_index.entry(key).or_insert(idx);
        BodyRef::Index(idx)
    }

    /// The body of a rule.
    pub fn body(&mut self, body: &Body) -> BodyRef {
        match body {
            Body::Normal(lits) => {
                let lits = lits.iter().map(|&l| self.lit(l)).collect();
                self.conjunction(lits)
            }
            Body::Sum { lower, lits } => {
                let lits: Vec<(Lit, i64)> =
                    lits.iter().map(|w| (self.lit(w.lit), w.weight)).collect();
                self.weight(*lower, &lits)
            }
        }
    }
}
