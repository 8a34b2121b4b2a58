//! Core shrinking (`core_shrink::shrink`) on small random programs and random
//! unsatisfiable sets of assumptions: the result is a subset of the core, still a core, and (the budget
//! never runs out on programs this small) subset-minimal.

mod common;

use common::build::program_of;
use common::generate::{lit_strategy, rule_strategy, HeadKindDraw, RuleShape};
use proptest::prelude::*;
use solver::core_shrink::shrink;
use solver::lit::Lit;
use solver::program::translate;
use solver::search::{AcceptAll, Assumed, Solver};
use std::collections::HashSet;

/// Normal rules, constraints and choice rules over atoms `1..=n`.
const RULES: RuleShape = RuleShape {
    kind: HeadKindDraw::Coin,
    max_head: 1,
    sum: None,
};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(common::cases(500)))]

    #[test]
    fn shrunk_cores_are_minimal_subcores(
        (rules, assumed) in (2..=10u32).prop_flat_map(|n| (
            prop::collection::vec(rule_strategy(n, RULES), 1..=14),
            prop::collection::vec(lit_strategy(n), 1..=10),
        ))
    ) {
        let t = translate(&program_of(&rules));
        let lit_of = |a: i32| {
            let lit = t.atom_lit.get(a.unsigned_abs() as usize).copied().unwrap_or(Lit::FALSE);
            if a < 0 { !lit } else { lit }
        };
        let assumptions: Vec<Lit> = assumed
            .iter()
            .map(|&a| lit_of(a))
            .filter(|l| !l.is_constant())
            .collect();
        let mut solver = Solver::new(&t.formula);
        let mut check = AcceptAll;
        // (Minimal means: without any one literal, a model; so a program with one.)
        if solver.solve_assuming(&[], &mut check, None) != Assumed::Model
            || solver.solve_assuming(&assumptions, &mut check, None) == Assumed::Model
        {
            return Ok(());
        }
        // All the assumptions are a core too, usually a larger one than the solver's.
        let core = assumptions;
        let shrunk = shrink(&mut solver, core.clone(), &mut check, None, &mut |_| {});
        let in_core: HashSet<Lit> = core.iter().copied().collect();
        prop_assert!(shrunk.iter().all(|l| in_core.contains(l)));
        prop_assert!(!shrunk.is_empty());
        prop_assert!(matches!(
            solver.solve_assuming(&shrunk, &mut check, None),
            Assumed::Core(c) if !c.is_empty()
        ));
        for i in 0..shrunk.len() {
            let mut fewer = shrunk.clone();
            fewer.remove(i);
            prop_assert_eq!(solver.solve_assuming(&fewer, &mut check, None), Assumed::Model);
        }
    }
}
