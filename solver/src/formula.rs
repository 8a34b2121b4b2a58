//! The frozen input of a search: variables, clauses, weight constraints and, for
//! non-tight programs, the positive loops to check for unfounded sets.
//!
//! A `Formula` is immutable once built and shared by every solver instance that
//! searches it (threads later hold it in an `Arc`); all search state lives in
//! [`crate::search::Solver`].

use crate::acyclic::EdgeGraph;
use crate::domain::DomainModifiers;
use crate::lit::{Lit, Value, Var};
use crate::unfounded::LoopData;
use std::collections::HashMap;

/// The states `(position, threshold)` of one decision diagram and their literals.
type DiagramStates = HashMap<(usize, u64), Lit>;

/// A weight constraint waiting for [`Formula::finish`]: literal, bound, normalised
/// weighted literals.
type Pending = (Lit, u64, Vec<(Lit, u64)>);

/// `lit <-> sum of weights of the true lits >= bound` for each `(lit, bound)` of
/// `bounds`: several bounds over the same weighted literals share one constraint
/// (and its counters), as in `N = #count{...}` for many `N`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WeightConstraint {
    /// The literals equivalent to `sum >= bound`, by increasing bound (at least 1).
    pub bounds: Vec<(Lit, u64)>,
    /// The weighted literals, heaviest first, each variable at most once per sign.
    pub lits: Vec<(Lit, u64)>,
}

/// The clauses of a formula, flat: every literal in one vector and each clause's end
/// offset in another (no `Vec` per clause: on queens-100 the translation makes
/// 280 000 short clauses, and a heap block each cost more than their literals).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClauseList {
    lits: Vec<Lit>,
    ends: Vec<u32>,
}

impl ClauseList {
    /// Number of clauses.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// No clause at all.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Appends a clause.
    pub fn push(&mut self, clause: &[Lit]) {
        self.lits.extend_from_slice(clause);
        self.ends.push(self.lits.len() as u32);
    }

    /// The clauses in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = &[Lit]> + '_ {
        let mut start = 0;
        self.ends.iter().map(move |&end| {
            let clause = &self.lits[start..end as usize];
            start = end as usize;
            clause
        })
    }

    /// Frees unused capacity once building is over.
    fn shrink_to_fit(&mut self) {
        self.lits.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

/// The default [`Formula::translation_factor`]: a weight constraint whose decision
/// diagram has at most 20 states per literal becomes clauses (when searching for one
/// model or optimising; enumeration keeps weight constraints native).
pub const DEFAULT_TRANSLATION_FACTOR: usize = 20;

/// Everything a solver instance searches.
#[derive(Clone, Debug, Default)]
pub struct Formula {
    /// Number of variables, including the constant variable 0.
    pub num_vars: u32,
    /// Clauses (disjunctions of literals); units and binaries included.
    pub clauses: ClauseList,
    /// Weight constraints.
    pub weights: Vec<WeightConstraint>,
    /// Positive loops of a non-tight program (`None` when tight).
    pub loops: Option<LoopData>,
    /// Variables that are never decided (auxiliaries of translated weight
    /// constraints: propagation assigns them once their constraint's literals are).
    pub auxiliary: Vec<Var>,
    /// Variables an enumerating search tries first while nothing has been learnt: atoms
    /// in choice heads, the "guess" of a typical program, from which the rest follows.
    /// Without this the first decisions follow the atom numbering, and a grounder that
    /// numbers aggregate auxiliaries first makes enumeration split on derived atoms
    /// (couples-14: 88,354 conflicts instead of 87).
    pub preferred: Vec<Var>,
    /// Acyclicity constraints (`#edge`): the edges whose literal is true must form
    /// an acyclic graph (`None`: no edges).
    pub acyclicity: Option<EdgeGraph>,
    /// `#heuristic` modifiers for the domain heuristic (`None`: not asked for, or none).
    pub domain: Option<DomainModifiers>,
    /// Weight constraints with at most this many literals times this factor of
    /// diagram states become clauses (0: none).
    pub translation_factor: usize,
    /// The decision-diagram states built so far, per literal list, so that
    /// constraints over the same literals with other bounds share them.
    diagrams: HashMap<Vec<(Lit, u64)>, DiagramStates>,
    /// Weight constraints to translate or keep native in `finish`.
    pending: Vec<Pending>,
    /// The native constraint of each literal list, by the list's hash (compared with
    /// the constraint's own literals), to add further bounds to it.
    native: HashMap<u64, usize>,
}

impl Formula {
    /// An empty formula with only the constant variable.
    pub fn new() -> Formula {
        Formula {
            num_vars: 1,
            ..Formula::default()
        }
    }

    /// A fresh variable.
    pub fn new_var(&mut self) -> Var {
        let var = Var(self.num_vars);
        self.num_vars += 1;
        var
    }

    /// Adds a clause; constant-true clauses are dropped and false literals removed.
    pub fn add_clause(&mut self, lits: &[Lit]) {
        let mut clause: Vec<Lit> = Vec::with_capacity(lits.len());
        for &lit in lits {
            if lit == Lit::TRUE {
                return;
            }
            if lit != Lit::FALSE {
                clause.push(lit);
            }
        }
        clause.sort_unstable();
        clause.dedup();
        if clause.windows(2).any(|w| w[0] == !w[1]) {
            return;
        }
        self.clauses.push(&clause);
    }

    /// Adds `lit <-> sum >= bound` (the literals need not be normalised).
    pub fn add_weight(&mut self, lit: Lit, bound: i64, lits: &[(Lit, i64)]) {
        let mut bound = bound;
        let mut merged: Vec<(Lit, i64)> = Vec::new();
        for &(l, w) in lits {
            if w <= 0 || l == Lit::FALSE {
                continue;
            }
            if l == Lit::TRUE {
                bound -= w;
                continue;
            }
            merged.push((l, w));
        }
        merged.sort_unstable();
        let mut norm: Vec<(Lit, u64)> = Vec::new();
        for (l, w) in merged {
            match norm.last_mut() {
                Some(last) if last.0 == l => last.1 += w as u64,
                _ => norm.push((l, w as u64)),
            }
        }
        if bound <= 0 {
            self.add_clause(&[lit]);
            return;
        }
        let bound = bound as u64;
        let total: u64 = norm.iter().map(|e| e.1).sum();
        if total < bound {
            self.add_clause(&[!lit]);
            return;
        }
        norm.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        // A weight above the bound counts as the bound.
        for e in norm.iter_mut() {
            e.1 = e.1.min(bound);
        }
        let total: u64 = norm.iter().map(|e| e.1).sum();
        if self.translation_factor > 0
            && norm.len() > SMALL
            && norm.last().is_some_and(|e| e.1 == bound)
        {
            // Any one literal suffices: a disjunction, no auxiliary variable. (Small
            // ones stay diagrams: sharing states with `sum >= 2` over the same
            // literals searched better on pigeonhole and colouring.)
            let mut clause: Vec<Lit> = norm.iter().map(|e| e.0).collect();
            for &(l, _) in &norm {
                self.add_clause(&[!l, lit]);
            }
            clause.push(!lit);
            self.add_clause(&clause);
            return;
        }
        if total == bound {
            // Every literal is needed: a conjunction.
            let mut clause: Vec<Lit> = norm.iter().map(|e| !e.0).collect();
            for &(l, _) in &norm {
                self.add_clause(&[!lit, l]);
            }
            clause.push(lit);
            self.add_clause(&clause);
            return;
        }
        if self.translation_factor > 0 {
            // Decided in `finish`, when the root-level values are known.
            self.pending.push((lit, bound, norm));
            return;
        }
        self.add_native(lit, bound, norm);
    }

    /// Keeps `lit <-> sum of norm >= bound` as a native constraint, sharing one with
    /// the same literals if there is one.
    fn add_native(&mut self, lit: Lit, bound: u64, norm: Vec<(Lit, u64)>) {
        let key = {
            use std::hash::{Hash, Hasher};
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            norm.hash(&mut hasher);
            hasher.finish()
        };
        if let Some(&c) = self.native.get(&key) {
            if self.weights[c].lits == norm {
                let bounds = &mut self.weights[c].bounds;
                let at = bounds.partition_point(|e| e.1 < bound);
                bounds.insert(at, (lit, bound));
                return;
            }
        }
        self.native.entry(key).or_insert(self.weights.len());
        self.weights.push(WeightConstraint {
            bounds: vec![(lit, bound)],
            lits: norm,
        });
    }

    /// The values that unit propagation over the clauses gives at the root, per
    /// literal. A few passes over the clause list, no
    /// occurrence lists: only used to find the weight constraints whose literal is
    /// fixed (typically the body of an integrity constraint), so missing a long
    /// chain costs only a larger translation.
    fn root_values(&self) -> Vec<Value> {
        let mut value = vec![Value::Unassigned; 2 * self.num_vars as usize];
        value[Lit::TRUE.index()] = Value::True;
        value[Lit::FALSE.index()] = Value::False;
        for _ in 0..8 {
            let mut changed = false;
            for clause in self.clauses.iter() {
                let mut open = None;
                let mut count = 0;
                for &l in clause {
                    match value[l.index()] {
                        Value::True => {
                            count = 2;
                            break;
                        }
                        Value::Unassigned => {
                            count += 1;
                            open = Some(l);
                        }
                        _ => {}
                    }
                }
                if count == 1 {
                    let l = open.expect("one open literal");
                    value[l.index()] = Value::True;
                    value[(!l).index()] = Value::False;
                    changed = true;
                } else if count == 0 {
                    // The formula is unsatisfiable; the search will find out.
                    return value;
                }
            }
            if !changed {
                break;
            }
        }
        value
    }

    /// Replaces a small weight constraint by clauses over auxiliary variables
    /// `R(i, t) <-> sum of lits[i..] >= t`, defined by
    /// `R(i, t) <-> (lits[i] and R(i+1, t - w_i)) or R(i+1, t)` (a decision diagram,
    /// shared between equal states). Learning over the auxiliaries makes conflicts
    /// much shorter than with the native constraint (clasp translates small extended
    /// rules too). Returns false, adding nothing, when the diagram would be large.
    ///
    /// `Side::Upper` (`lit` false at the root, typically the body of an integrity
    /// constraint) needs no state `R(i, bound)`: all of them are false. Only the
    /// exclusions `not (lits[i] and R(i+1, bound - w_i))` remain, which halves the
    /// variables of an at-most-one constraint (queens-100: 50,000 instead of 90,000).
    fn translate_small(&mut self, lit: Lit, bound: u64, lits: &[(Lit, u64)], side: Side) -> bool {
        let n = lits.len();
        if self.translation_factor == 0 {
            return false;
        }
        if side == Side::Upper && lits[0].1 < bound && lits[n - 1].1 + lits[n - 2].1 >= bound {
            // Any two elements reach the bound and none alone (one that does must
            // be false, which the diagram below says): at most one of them.
            let elements: Vec<Lit> = lits.iter().map(|e| e.0).collect();
            self.at_most_one(&elements);
            return true;
        }
        let budget = (self.translation_factor * n).max(64);
        let mut suffix = vec![0u64; n + 1];
        for i in (0..n).rev() {
            suffix[i] = suffix[i + 1] + lits[i].1;
        }
        let mut states = self.diagrams.remove(lits).unwrap_or_default();
        // The states of `sum >= bound` are false and virtual when `lit` is false.
        let virtual_false = |t: u64| side == Side::Upper && t >= bound;
        // Count the new states first.
        let mut new: HashMap<(usize, u64), ()> = HashMap::new();
        let mut stack = if side == Side::Upper {
            (0..n)
                .map(|i| (i + 1, bound.saturating_sub(lits[i].1)))
                .collect()
        } else {
            vec![(0usize, bound)]
        };
        while let Some((i, t)) = stack.pop() {
            if t == 0
                || t > suffix[i]
                || i + 1 == n
                || states.contains_key(&(i, t))
                || new.contains_key(&(i, t))
            {
                continue;
            }
            new.insert((i, t), ());
            if new.len() > budget {
                self.diagrams.insert(lits.to_vec(), states);
                return false;
            }
            stack.push((i + 1, t));
            stack.push((i + 1, t.saturating_sub(lits[i].1)));
        }
        let node = |states: &HashMap<(usize, u64), Lit>, i: usize, t: u64| -> Lit {
            if t == 0 {
                Lit::TRUE
            } else if t > suffix[i] || virtual_false(t) {
                Lit::FALSE
            } else if i + 1 == n {
                // Only the last literal is left, and its weight covers `t`.
                lits[i].0
            } else {
                states[&(i, t)]
            }
        };
        // Build bottom-up: deeper states first.
        let mut keys: Vec<(usize, u64)> = new.keys().copied().collect();
        keys.sort_unstable_by(|a, b| b.cmp(a));
        for (i, t) in keys {
            let var = self.new_var();
            self.auxiliary.push(var);
            let x = var.positive();
            let (l, w) = lits[i];
            let with = node(&states, i + 1, t.saturating_sub(w));
            let without = node(&states, i + 1, t);
            self.add_clause(&[!x, l, without]);
            self.add_clause(&[!x, with, without]);
            self.add_clause(&[!l, !with, x]);
            self.add_clause(&[!without, x]);
            states.insert((i, t), x);
        }
        match side {
            Side::Upper => {
                // No element may reach the bound together with what follows it.
                for (i, &(l, w)) in lits.iter().enumerate() {
                    let with = node(&states, i + 1, bound.saturating_sub(w));
                    self.add_clause(&[!l, !with]);
                }
            }
            Side::Both => {
                let root = node(&states, 0, bound);
                self.add_clause(&[!lit, root]);
                self.add_clause(&[lit, !root]);
            }
        }
        self.diagrams.insert(lits.to_vec(), states);
        true
    }

    /// At most one of `lits`, as clauses: pairwise for a few, else the product
    /// encoding. The literals are laid out in a grid of about sqrt(n) rows and
    /// columns; each element implies its row and column variable (each defined as
    /// the disjunction of its elements, so that models do not differ in them), and
    /// at most one row and one column may be true (recursively). Two true elements
    /// differ in their row or column, and one true element makes every other false
    /// by unit propagation.
    ///
    /// The diagram's at-most-one needs a state per element: on queens-100 (600
    /// at-most-one constraints over up to 100 queens) 51,000 variables and 23.7 MB,
    /// against 27,700 and 15.7 MB here, with as few conflicts (67 against 74;
    /// queens-40 to 80 alike). Up to 16 literals pairwise clauses (binary, no new
    /// variable) propagate the same and searched better (pigeon-9 0.07 -> 0.05 s, tsp).
    fn at_most_one(&mut self, lits: &[Lit]) {
        let n = lits.len();
        if n <= 16 {
            for (i, &a) in lits.iter().enumerate() {
                for &b in &lits[i + 1..] {
                    self.add_clause(&[!a, !b]);
                }
            }
            return;
        }
        let p = (n as f64).sqrt().ceil() as usize;
        let q = n.div_ceil(p);
        let mut fresh = |count: usize| -> Vec<Lit> {
            (0..count)
                .map(|_| {
                    let var = self.new_var();
                    self.auxiliary.push(var);
                    var.positive()
                })
                .collect()
        };
        let rows = fresh(n.div_ceil(q));
        let cols = fresh(q);
        let mut row_def: Vec<Vec<Lit>> = vec![Vec::new(); rows.len()];
        let mut col_def: Vec<Vec<Lit>> = vec![Vec::new(); cols.len()];
        for (k, &x) in lits.iter().enumerate() {
            self.add_clause(&[!x, rows[k / q]]);
            self.add_clause(&[!x, cols[k % q]]);
            row_def[k / q].push(x);
            col_def[k % q].push(x);
        }
        for (u, mut def) in rows.iter().zip(row_def).chain(cols.iter().zip(col_def)) {
            def.push(!*u);
            self.add_clause(&def);
        }
        self.at_most_one(&rows);
        self.at_most_one(&cols);
    }

    /// Translates or keeps native the pending weight constraints, then drops the
    /// caches only needed while building.
    pub fn finish(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        if !pending.is_empty() {
            let value = self.root_values();
            for (lit, bound, norm) in pending {
                // A constraint false at the root needs only its upper side, small ones
                // too: tsp's in-degree `#count != 1` then becomes an at-most-one
                // (10-20% faster on 10 tsp instances than the shared two-sided diagram).
                let side = if value[lit.index()] == Value::False {
                    Side::Upper
                } else {
                    Side::Both
                };
                if !self.translate_small(lit, bound, &norm, side) {
                    self.add_native(lit, bound, norm);
                }
            }
        }
        self.diagrams = HashMap::new();
        self.native = HashMap::new();
        self.clauses.shrink_to_fit();
    }
}

/// What a translation encodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Side {
    /// `lit <-> sum >= bound`.
    Both,
    /// `sum < bound` (`lit` is false at the root).
    Upper,
}

/// Weight constraints over at most this many literals are translated as they come
/// (the measured best for pigeonhole and colouring); larger ones get the leaner
/// forms (a clause for bound 1, no states for a bound known to fail).
const SMALL: usize = 16;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{AcceptAll, Outcome, Solver};

    /// Every model of `f`, as the values of `vars`.
    fn models(f: &Formula, vars: &[Lit]) -> Vec<Vec<bool>> {
        let mut solver = Solver::new(f);
        let mut found = Vec::new();
        while solver.search(&mut AcceptAll, None) == Outcome::Model {
            found.push(
                vars.iter()
                    .map(|&l| solver.value(l) == Value::True)
                    .collect(),
            );
            if !solver.backtrack_model() {
                break;
            }
        }
        found.sort();
        found.dedup();
        found
    }

    /// `lit <-> sum >= bound` over `weights.len()` fresh literals, with `lit` fixed
    /// to `fixed` if given and the literals `false_lits` fixed false; its models
    /// over (elements, lit), translated (the default factor) and native (factor 0).
    fn both_ways(
        weights: &[i64],
        bound: i64,
        fixed: Option<bool>,
        false_lits: usize,
    ) -> [Vec<Vec<bool>>; 2] {
        [DEFAULT_TRANSLATION_FACTOR, 0].map(|factor| {
            let mut f = Formula::new();
            f.translation_factor = factor;
            let lits: Vec<Lit> = weights.iter().map(|_| f.new_var().positive()).collect();
            let lit = f.new_var().positive();
            for &l in &lits[..false_lits] {
                f.add_clause(&[!l]);
            }
            if let Some(value) = fixed {
                f.add_clause(&[if value { lit } else { !lit }]);
            }
            let weighted: Vec<(Lit, i64)> =
                lits.iter().copied().zip(weights.iter().copied()).collect();
            f.add_weight(lit, bound, &weighted);
            f.finish();
            let mut all = lits.clone();
            all.push(lit);
            models(&f, &all)
        })
    }

    /// The models a brute force finds for the same constraint.
    fn brute(
        weights: &[i64],
        bound: i64,
        fixed: Option<bool>,
        false_lits: usize,
    ) -> Vec<Vec<bool>> {
        let n = weights.len();
        let mut found = Vec::new();
        for bits in 0u32..1 << (n - false_lits) {
            let values: Vec<bool> = (0..n)
                .map(|i| i >= false_lits && bits >> (i - false_lits) & 1 == 1)
                .collect();
            let sum: i64 = weights
                .iter()
                .zip(&values)
                .filter(|e| *e.1)
                .map(|e| e.0)
                .sum();
            let lit = sum >= bound;
            if fixed.is_some_and(|v| v != lit) {
                continue;
            }
            let mut model = values;
            model.push(lit);
            found.push(model);
        }
        found.sort();
        found
    }

    #[test]
    fn small_failing_bounds_translate_to_the_same_models() {
        // The body of an integrity constraint over a few literals gets only its upper
        // side: pairwise at-most-one, or a diagram when one element reaches the
        // bound alone (that element must be false, the others are free).
        let cases: Vec<(&[i64], i64)> = vec![
            (&[1, 1, 1, 1], 2),
            (&[3, 1, 1], 2),
            (&[2, 1, 1], 2),
            (&[4, 3, 2, 2, 1], 5),
            (&[1, 1], 1),
        ];
        for (weights, bound) in cases {
            let [translated, native] = both_ways(weights, bound, Some(false), 0);
            let expected = brute(weights, bound, Some(false), 0);
            assert_eq!(translated, expected, "translated: {weights:?} >= {bound}");
            assert_eq!(native, expected, "native: {weights:?} >= {bound}");
        }
    }

    #[test]
    fn large_constraints_translate_to_the_same_models() {
        // Above `SMALL` literals: at-most-k of an integrity constraint (the leaner
        // form without the states of the failing bound), weighted, a disjunction
        // (bound 1), and an at-least constraint; each against native and brute force.
        let unit = vec![1; 18];
        let weighted: Vec<i64> = (1..=18).collect();
        let pairs: Vec<i64> = (0..18).map(|i| 5 + i % 5).collect();
        let cases: Vec<(&[i64], i64, Option<bool>, usize)> = vec![
            (&unit, 2, Some(false), 0),
            (&pairs, 10, Some(false), 0),
            (&pairs, 10, None, 15),
            (&unit, 3, Some(false), 0),
            (&weighted, 12, Some(false), 0),
            (&weighted, 30, Some(false), 8),
            (&unit, 1, None, 14),
            (&unit, 1, Some(true), 14),
            (&unit, 3, None, 14),
            (&unit, 16, Some(true), 0),
        ];
        for (weights, bound, fixed, false_lits) in cases {
            let [translated, native] = both_ways(weights, bound, fixed, false_lits);
            let expected = brute(weights, bound, fixed, false_lits);
            assert_eq!(
                translated, expected,
                "translated: bound {bound}, fixed {fixed:?}"
            );
            assert_eq!(native, expected, "native: bound {bound}, fixed {fixed:?}");
        }
    }

    #[test]
    fn a_failing_bound_needs_fewer_variables() {
        // At most one of 40 (the body of an integrity constraint): 7 rows and 6
        // columns, whose own at-most-one constraints are pairwise (no variable).
        let mut f = Formula::new();
        f.translation_factor = DEFAULT_TRANSLATION_FACTOR;
        let lits: Vec<(Lit, i64)> = (0..40).map(|_| (f.new_var().positive(), 1)).collect();
        let lit = f.new_var().positive();
        f.add_clause(&[!lit]);
        f.add_weight(lit, 2, &lits);
        f.finish();
        assert!(f.weights.is_empty());
        assert_eq!(f.auxiliary.len(), 13);
        // At most two of 40: no state R(i, 3), one R(i, 1) and R(i, 2) per element.
        let mut f = Formula::new();
        f.translation_factor = DEFAULT_TRANSLATION_FACTOR;
        let lits: Vec<(Lit, i64)> = (0..40).map(|_| (f.new_var().positive(), 1)).collect();
        let lit = f.new_var().positive();
        f.add_clause(&[!lit]);
        f.add_weight(lit, 3, &lits);
        f.finish();
        assert!(f.weights.is_empty());
        assert_eq!(f.auxiliary.len(), 38 + 37);
    }
}
