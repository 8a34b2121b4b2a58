//! Core-guided optimisation (`--opt-strategy=usc`): the OLL algorithm of Andres,
//! Kaufmann, Matheis and Schaub, "Unsatisfiability-based optimization in clasp"
//! (ICLP 2012), as Morgado, Dodaro and Marques-Silva describe it for weighted
//! objectives (CP 2014).
//!
//! Every objective literal starts as a *soft* literal: the solver assumes it false
//! ([`Solver::solve_assuming`]). When no model agrees with the assumptions, the core
//! (soft literals of which every model makes one true) raises the lower bound by the
//! core's least weight `w`, takes `w` off each of its literals, and a cardinality
//! constraint over the core gets outputs `o_k <-> at least k of the core are true`.
//! `o_1` holds in every model, so `o_2` becomes soft with weight `w`, and `o_{k+1}`
//! once `o_k` has no weight left (until then `o_k` false implies `o_{k+1}` false). The
//! objective is always `lower bound + weights of the true soft literals`, so a model
//! under all assumptions is optimal. Every core is shrunk first ([`core_shrink`]): a
//! smaller core is a smaller and stronger cardinality constraint.
//!
//! Stratification: only soft literals at least as heavy as a threshold are assumed,
//! lowering it whenever a model is found, so weighted objectives get models (printed
//! when they improve) before the optimum is proven. Lexicographic levels are optimised
//! highest first; an optimal level's soft literals become false unit clauses.
//!
//! The outputs are new variables: the solver's formula is a copy of the program's with
//! spare variables, and when they run out the solver is rebuilt with more (learnt
//! clauses are lost then, the cores and constraints are kept).

use crate::core_shrink;
use crate::formula::Formula;
use crate::lit::{Lit, Value, Var};
use crate::model_loop::{drive, Driver, Found, ModelTask, Next};
use crate::optimize::{
    all_optimal_phase, Bound, CostedModel, Objective, OptimizeOptions, OptimizeSummary,
};
use crate::program::Translation;
use crate::search::{ModelCheck, Solver};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

/// A soft literal: true costs `weight`.
#[derive(Clone, Copy, Debug)]
struct Soft {
    lit: Lit,
    weight: u64,
    /// When this is output `k` (0-based: `at least k + 2`) of cardinality constraint
    /// `c`: `(c, k)`, so that output `k + 1` can follow it.
    output_of: Option<(usize, usize)>,
}

/// `outputs[k] <-> at least k + 2 of lits are true`, and the weight each output
/// carries once it is soft.
#[derive(Clone, Debug)]
struct Cardinality {
    lits: Vec<Lit>,
    outputs: Vec<Lit>,
    weight: u64,
}

/// The state of the algorithm, which outlives a rebuilt solver.
struct Oll {
    /// The soft literals of the level being optimised.
    soft: Vec<Soft>,
    /// Every cardinality constraint so far (also those of optimal levels: their
    /// outputs may be among the fixed literals).
    cards: Vec<Cardinality>,
    /// Unit clauses: optimal levels' soft literals, false.
    fixed: Vec<Lit>,
    /// Variables `next_var..` of the solver's formula are unused.
    next_var: u32,
    /// The level being optimised.
    level: usize,
    /// Only soft literals at least this heavy are assumed.
    threshold: u64,
    /// Spare variables of the next solver's formula.
    spare: usize,
    /// The number of variables of the current solver's formula.
    num_vars: u32,
    /// The best cost vector so far.
    best: Option<Vec<i64>>,
}

/// OLL as a task of the model loop (sequential: it solves under assumptions).
struct CoreGuided<'a> {
    translation: &'a Translation,
    objective: &'a Objective,
    oll: Mutex<Oll>,
}

/// The heaviest weight among `soft`.
fn heaviest(soft: &[Soft]) -> u64 {
    soft.iter().map(|s| s.weight).max().unwrap_or(0)
}

/// Finds an optimal model with OLL, calling `on_model` with every model that improves
/// on the ones before (and, with `all_optimal`, every optimal model), like
/// [`crate::optimize::optimize`].
pub fn optimize(
    translation: &Translation,
    objective: &Objective,
    opts: &OptimizeOptions,
    on_model: impl FnMut(&[Value], &[i64], bool),
) -> OptimizeSummary {
    let objective_lits: usize = (0..objective.num_levels())
        .map(|k| objective.level_lits(k).0.len())
        .sum();
    optimize_with_spare(
        translation,
        objective,
        opts,
        2 * objective_lits + 64,
        on_model,
    )
}

/// [`optimize`], starting with `spare` unused variables for the outputs of
/// cardinality constraints (doubled whenever they run out; tests start low to
/// exercise the rebuilding).
pub fn optimize_with_spare(
    translation: &Translation,
    objective: &Objective,
    opts: &OptimizeOptions,
    spare: usize,
    mut on_model: impl FnMut(&[Value], &[i64], bool),
) -> OptimizeSummary {
    let start = Instant::now();
    let mut result = OptimizeSummary::default();
    debug_assert!(opts.bounds.is_empty(), "no initial bounds with core-guided");
    let soft = level_soft(objective, 0);
    let task = CoreGuided {
        translation,
        objective,
        oll: Mutex::new(Oll {
            threshold: heaviest(&soft),
            soft,
            cards: Vec::new(),
            fixed: Vec::new(),
            next_var: translation.formula.num_vars,
            level: 0,
            spare,
            num_vars: 0,
            best: None,
        }),
    };
    let ending = drive(
        Driver::Sequential,
        translation,
        &task,
        opts.deadline,
        |model| {
            result.improved(start, model, &mut on_model);
            true
        },
    );
    result.search_ended(&ending);
    // The optimal models: each level at the optimum found.
    let optimum = |result: &OptimizeSummary| {
        let best = result.best.as_ref().expect("an optimum has a model");
        Bound::Levels(
            (0..best.len())
                .map(|k| objective.shifted(k, best))
                .collect(),
        )
    };
    let driver = Driver::Sequential;
    all_optimal_phase(
        translation,
        objective,
        opts,
        driver,
        optimum,
        &mut result,
        &mut on_model,
    );
    result
}

impl CoreGuided<'_> {
    /// Reports the model `values` when it improves on the best one so far.
    fn report(&self, oll: &mut Oll, values: &[Value], found: &mut Found<CostedModel>) {
        let costs = self.objective.costs(values);
        if oll.best.as_ref().is_none_or(|b| costs < *b) {
            oll.best = Some(costs.clone());
            found.report((values.to_vec(), costs));
        }
    }
}

impl ModelTask for CoreGuided<'_> {
    type Report = CostedModel;

    fn decide_auxiliary(&self) -> bool {
        true
    }

    /// A copy of the program's formula with spare variables for the outputs.
    fn own_formula(&self) -> Option<Formula> {
        let mut oll = self.oll.lock().expect("no thread panics holding the lock");
        let mut formula: Formula = self.translation.formula.clone();
        for _ in 0..oll.spare {
            formula.new_var();
        }
        oll.num_vars = formula.num_vars;
        Some(formula)
    }

    /// The constraints of an earlier solver.
    fn setup(&self, solver: &mut Solver) -> bool {
        let mut oll = self.oll.lock().expect("no thread panics holding the lock");
        // Each solver starts with the heaviest soft literals.
        oll.threshold = heaviest(&oll.soft);
        for &lit in &oll.fixed {
            if !solver.add_clause_in_search(vec![lit], false) {
                return false;
            }
        }
        for card in &oll.cards {
            add_cardinality(solver, card);
        }
        true
    }

    fn assumptions(&self) -> Option<Vec<Lit>> {
        let oll = self.oll.lock().expect("no thread panics holding the lock");
        let threshold = oll.threshold;
        Some(
            oll.soft
                .iter()
                .filter(|s| s.weight > 0 && s.weight >= threshold)
                .map(|s| !s.lit)
                .collect(),
        )
    }

    fn found(&self, solver: &mut Solver, found: &mut Found<Self::Report>) -> Next {
        let mut guard = self.oll.lock().expect("no thread panics holding the lock");
        let oll = &mut *guard;
        self.report(oll, solver.values(), found);
        // Lower the threshold to the next weight; with every soft literal assumed,
        // the level is optimal.
        let threshold = oll.threshold;
        let lower = oll
            .soft
            .iter()
            .map(|s| s.weight)
            .filter(|&w| w > 0 && w < threshold)
            .max();
        if let Some(w) = lower {
            oll.threshold = w;
            return Next::Search;
        }
        // Level optimal: its soft literals stay false from now on.
        solver.cancel_until(0);
        for s in std::mem::take(&mut oll.soft) {
            if s.weight > 0 {
                oll.fixed.push(!s.lit);
                if !solver.add_clause_in_search(vec![!s.lit], false) {
                    // Cannot happen: the model just found satisfies it.
                    debug_assert!(false, "an optimal level's soft literal is true");
                }
            }
        }
        oll.level += 1;
        if oll.level >= self.objective.num_levels() {
            return Next::PartDone;
        }
        oll.soft = level_soft(self.objective, oll.level);
        oll.threshold = heaviest(&oll.soft);
        Next::Search
    }

    fn core(
        &self,
        solver: &mut Solver,
        core: Vec<Lit>,
        check: &mut dyn ModelCheck,
        deadline: Option<Instant>,
        found: &mut Found<Self::Report>,
    ) -> Next {
        if core.is_empty() {
            // No model at all (below the levels fixed so far: cannot happen after a
            // first model).
            return Next::PartDone;
        }
        let mut guard = self.oll.lock().expect("no thread panics holding the lock");
        let oll = &mut *guard;
        let core = core_shrink::shrink(solver, core, check, deadline, &mut |values| {
            self.report(oll, values, found)
        });
        solver.cancel_until(0);
        if relax(oll, solver, &core) {
            Next::Search
        } else {
            oll.spare = 2 * oll.spare + 1;
            Next::NewSolver
        }
    }
}

/// The soft literals of objective level `k` (cost literals, merged), and the part of
/// the level's cost that every model has (constant-true literals).
fn level_soft(objective: &Objective, k: usize) -> Vec<Soft> {
    let mut weights: HashMap<Lit, u64> = HashMap::new();
    let mut order = Vec::new();
    for (lit, w) in objective.level_lits(k).0 {
        if lit.is_constant() || w == 0 {
            continue;
        }
        let e = weights.entry(lit).or_insert_with(|| {
            order.push(lit);
            0
        });
        *e += w;
    }
    order
        .into_iter()
        .map(|lit| Soft {
            lit,
            weight: weights[&lit],
            output_of: None,
        })
        .collect()
}

/// Adds `card`'s outputs to `solver` as one weight constraint with several bounds.
fn add_cardinality(solver: &mut Solver, card: &Cardinality) {
    let bounds = card
        .outputs
        .iter()
        .enumerate()
        .map(|(k, &o)| (o, k as u64 + 2))
        .collect();
    solver.add_weight_bounds_in_search(bounds, card.lits.iter().map(|&l| (l, 1)).collect());
}

/// Relaxes the soft literals of `core` (negated assumptions): see the module
/// comment. False when the formula has no spare variables left for the outputs.
fn relax(oll: &mut Oll, solver: &mut Solver, core: &[Lit]) -> bool {
    let in_core: Vec<usize> = core
        .iter()
        .filter_map(|&a| oll.soft.iter().position(|s| s.lit == !a && s.weight > 0))
        .collect();
    debug_assert_eq!(in_core.len(), core.len(), "a core holds soft literals only");
    let outputs_needed = in_core.len().saturating_sub(1);
    if oll.next_var as usize + outputs_needed > oll.num_vars as usize {
        return false;
    }
    let w = in_core
        .iter()
        .map(|&i| oll.soft[i].weight)
        .min()
        .unwrap_or(0);
    let mut lits = Vec::with_capacity(in_core.len());
    for &i in &in_core {
        let s = &mut oll.soft[i];
        s.weight -= w;
        lits.push(s.lit);
        // An output that has given all its weight passes it on to the next one.
        if s.weight == 0 {
            if let Some((c, k)) = s.output_of {
                if let Some(&next) = oll.cards[c].outputs.get(k + 1) {
                    let weight = oll.cards[c].weight;
                    oll.soft.push(Soft {
                        lit: next,
                        weight,
                        output_of: Some((c, k + 1)),
                    });
                }
            }
        }
    }
    oll.soft.retain(|s| s.weight > 0);
    if lits.len() > 1 {
        let outputs: Vec<Lit> = (0..outputs_needed)
            .map(|_| {
                let v = Var(oll.next_var);
                oll.next_var += 1;
                v.positive()
            })
            .collect();
        let card = Cardinality {
            lits,
            outputs,
            weight: w,
        };
        add_cardinality(solver, &card);
        oll.soft.push(Soft {
            lit: card.outputs[0],
            weight: w,
            output_of: Some((oll.cards.len(), 0)),
        });
        oll.cards.push(card);
    }
    true
}
