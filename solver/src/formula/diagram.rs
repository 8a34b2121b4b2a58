//! Weight constraints as clauses: small ones as decision diagrams over auxiliary
//! variables, at-most-one constraints by the product encoding, decided once the
//! root-level values are known ([`Formula::finish`]).

use super::Formula;
use crate::lit::{Lit, Value};
use std::collections::HashMap;

/// What a translation encodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Side {
    /// `lit <-> sum >= bound`.
    Both,
    /// `sum < bound` (`lit` is false at the root).
    Upper,
}

impl Formula {
    /// The values that unit propagation over the clauses gives at the root, per
    /// literal. A few passes over the clause list, no
    /// occurrence lists: only used to find the weight constraints whose literal is
    /// fixed (typically the body of an integrity constraint), so missing a long
    /// chain costs only a larger translation.
    pub(super) fn root_values(&self) -> Vec<Value> {
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
    pub(super) fn translate_small(
        &mut self,
        lit: Lit,
        bound: u64,
        lits: &[(Lit, u64)],
        side: Side,
    ) -> bool {
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
}

#[cfg(test)]
mod tests {
    use crate::formula::{Formula, DEFAULT_TRANSLATION_FACTOR};
    use crate::lit::{Lit, Value};
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
