//! The stability check for programs with disjunctive rules that are not
//! head-cycle-free: a total assignment M that passed propagation and the
//! unfounded-set check is an answer set only if no M' ⊊ M is a model of the
//! reduct P^M. A second solver instance searches for such an M'; when it finds
//! one, U = M \ M' is unfounded and the loop nogood of U (with witnesses taken
//! from M) excludes M.

use crate::formula::Formula;
use crate::lit::{Lit, Value};
use crate::program::CheckRule;
use crate::search::{AcceptAll, ModelCheck, Outcome, Solver};

/// Checks total assignments for minimality.
pub struct MinimalityCheck<'a> {
    /// The program's rules.
    pub rules: &'a [CheckRule],
    /// The literals of all atoms with a variable.
    pub atoms: &'a [Lit],
    /// Number of candidate models rejected.
    pub rejected: u64,
}

impl MinimalityCheck<'_> {
    /// An M' ⊊ M that is a model of the reduct, as its set of true atoms' literals.
    pub fn smaller_model(&self, value: &[Value]) -> Option<Vec<Lit>> {
        let is_true =
            |l: Lit| l == Lit::TRUE || (!l.is_constant() && value[l.index()] == Value::True);
        let model: Vec<Lit> = self.atoms.iter().copied().filter(|&a| is_true(a)).collect();
        if model.is_empty() {
            return None;
        }
        let mut f = Formula::new();
        let mut map = std::collections::HashMap::new();
        for &a in &model {
            map.insert(a, f.new_var().positive());
        }
        let sub = |l: Lit| -> Lit {
            if l == Lit::TRUE {
                Lit::TRUE
            } else {
                *map.get(&l).unwrap_or(&Lit::FALSE)
            }
        };
        for rule in self.rules {
            let body = &rule.body;
            let mut clause: Vec<Lit> = Vec::new();
            if body.normal {
                if body.neg.iter().any(|&(l, _)| !is_true(l)) {
                    continue;
                }
                if body.pos.iter().any(|&(l, _)| !is_true(l)) {
                    continue;
                }
                clause.extend(body.pos.iter().map(|&(l, _)| !sub(l)));
            } else {
                let neg: i64 = body
                    .neg
                    .iter()
                    .filter(|&&(l, _)| is_true(l))
                    .map(|e| e.1)
                    .sum();
                let lits: Vec<(Lit, i64)> = body
                    .pos
                    .iter()
                    .filter(|&&(l, _)| is_true(l))
                    .map(|&(l, w)| (sub(l), w))
                    .collect();
                let x = f.new_var().positive();
                f.add_weight(x, body.bound - neg, &lits);
                clause.push(!x);
            }
            if rule.choice {
                for &h in &rule.heads {
                    if is_true(h) && !h.is_constant() {
                        let mut c = clause.clone();
                        c.push(sub(h));
                        f.add_clause(&c);
                    }
                }
            } else {
                clause.extend(rule.heads.iter().map(|&h| sub(h)));
                f.add_clause(&clause);
            }
        }
        let smaller: Vec<Lit> = model.iter().map(|&a| !sub(a)).collect();
        f.add_clause(&smaller);
        let mut solver = Solver::new(&f);
        if solver.search(&mut AcceptAll, None) != Outcome::Model {
            return None;
        }
        Some(
            model
                .into_iter()
                .filter(|&a| solver.value(sub(a)) == Value::True)
                .collect(),
        )
    }
}

impl ModelCheck for MinimalityCheck<'_> {
    fn check(&mut self, value: &[Value]) -> Option<Vec<Lit>> {
        let smaller = self.smaller_model(value)?;
        self.rejected += 1;
        let is_true =
            |l: Lit| l == Lit::TRUE || (!l.is_constant() && value[l.index()] == Value::True);
        let is_false = |l: Lit| !is_true(l);
        let unfounded: Vec<Lit> = self
            .atoms
            .iter()
            .copied()
            .filter(|&a| is_true(a) && !smaller.contains(&a))
            .collect();
        debug_assert!(!unfounded.is_empty());
        let in_u = |l: Lit| unfounded.contains(&l);
        let mut clause = vec![!unfounded[0]];
        for rule in self.rules {
            if !rule.heads.iter().any(|&h| in_u(h)) {
                continue;
            }
            let body = &rule.body;
            if !rule.choice {
                if let Some(&h) = rule.heads.iter().find(|&&h| !in_u(h) && is_true(h)) {
                    clause.push(!h);
                    continue;
                }
            }
            if body.normal {
                if body.pos.iter().any(|&(l, _)| in_u(l)) {
                    continue;
                }
                let witness = body
                    .pos
                    .iter()
                    .chain(&body.neg)
                    .map(|e| e.0)
                    .find(|&l| is_false(l));
                debug_assert!(witness.is_some(), "U is unfounded");
                clause.extend(witness);
            } else {
                for &(l, _) in body.pos.iter().chain(&body.neg) {
                    if is_false(l) && !in_u(l) {
                        clause.push(l);
                    }
                }
            }
        }
        clause.retain(|&l| !l.is_constant());
        Some(clause)
    }
}
