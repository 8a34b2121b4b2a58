//! Property tests of `#edge` acyclicity constraints and of the domain heuristic: on
//! random small programs with random edges (conditions over the program's atoms), the
//! solver enumerates exactly the answer sets of the program without the edges whose
//! true edges form no cycle (the latter filtered by brute force), each once, with
//! native and translated weight constraints and with projection; random `#heuristic`
//! modifiers under the domain heuristic change none of that.

mod common;

use aspif::{HeuristicModifier, Program, Rule, Statement};
use common::answers::{all_answer_sets, answer_sets};
use common::build::{choose_all, push_rules};
use common::generate::{lit_strategy, rule_strategy, HeadKindDraw, RuleShape, SumShape};
use common::reference::holds;
use proptest::prelude::*;
use solver::program::{domain_modifiers, translate_with};

const MAX_ATOMS: u32 = 7;

/// Rules of every kind, a third of them choice rules, a quarter with `#sum` bodies
/// (positive bounds and weights).
const RULES: RuleShape = RuleShape {
    kind: HeadKindDraw::ChoiceOneIn(3),
    max_head: 2,
    sum: Some(SumShape {
        normal_odds: 3,
        lower: 1..=4,
        weight: 1..=3,
    }),
};

type Edges = Vec<(i64, i64, Vec<i32>)>;
type Heuristics = Vec<(u8, u32, i64, u32, Vec<i32>)>;

fn heuristics_strategy(n: u32) -> impl Strategy<Value = Heuristics> {
    prop::collection::vec(
        (
            0u8..6,
            1..=n,
            -3i64..=3,
            0u32..3,
            prop::collection::vec(lit_strategy(n), 0..=2),
        ),
        0..=6,
    )
}

/// Atoms, rules (a choice over every atom first, so that there are many models),
/// edges over up to 5 nodes (conditions of 0 to 2 literals) and heuristic modifiers.
fn program_strategy() -> impl Strategy<Value = (u32, Vec<Rule>, Edges, Heuristics)> {
    (1..=MAX_ATOMS).prop_flat_map(|n| {
        (
            Just(n),
            prop::collection::vec(rule_strategy(n, RULES), 0..=5),
            prop::collection::vec(
                (
                    0i64..5,
                    0i64..5,
                    prop::collection::vec(lit_strategy(n), 0..=2),
                ),
                1..=9,
            ),
            heuristics_strategy(n),
        )
    })
}

fn program(n: u32, rules: &[Rule], edges: &Edges) -> Program {
    with_heuristics(n, rules, edges, &vec![])
}

fn with_heuristics(n: u32, rules: &[Rule], edges: &Edges, heuristics: &Heuristics) -> Program {
    let mut program = Program::new();
    program.steps[0].push(Statement::Rule(choose_all(n)));
    push_rules(&mut program, rules);
    for (from, to, cond) in edges {
        program.steps[0].push(Statement::Edge {
            from: *from,
            to: *to,
            cond: cond.clone(),
        });
    }
    for (kind, atom, value, priority, cond) in heuristics {
        let modifier = [
            HeuristicModifier::Level,
            HeuristicModifier::Sign,
            HeuristicModifier::Factor,
            HeuristicModifier::Init,
            HeuristicModifier::True,
            HeuristicModifier::False,
        ][*kind as usize];
        program.steps[0].push(Statement::Heuristic {
            modifier,
            atom: *atom,
            value: *value,
            priority: *priority,
            cond: cond.clone(),
        });
    }
    program.steps[0].push(Statement::Project((1..=n).collect()));
    program
}

fn acyclic(set: u32, edges: &Edges) -> bool {
    let present: Vec<(i64, i64)> = edges
        .iter()
        .filter(|(_, _, cond)| cond.iter().all(|&l| holds(set, l)))
        .map(|&(u, v, _)| (u, v))
        .collect();
    // Repeatedly remove nodes without incoming edges.
    let mut nodes: Vec<i64> = present.iter().flat_map(|&(u, v)| [u, v]).collect();
    nodes.sort_unstable();
    nodes.dedup();
    let mut left = present;
    loop {
        let before = nodes.len();
        nodes.retain(|&x| left.iter().any(|&(_, v)| v == x));
        left.retain(|&(u, _)| nodes.contains(&u));
        if nodes.len() == before {
            return nodes.is_empty();
        }
    }
}

fn solve(n: u32, program: &Program, factor: usize, project: bool) -> Vec<u32> {
    solve_with(n, program, factor, project, false)
}

/// The sorted answer sets (atoms as bits), with the domain heuristic if `domain`.
fn solve_with(n: u32, program: &Program, factor: usize, project: bool, domain: bool) -> Vec<u32> {
    let mut t = translate_with(program, factor);
    if domain {
        t.formula.domain = domain_modifiers(program, &t.atom_lit, t.formula.num_vars);
    }
    answer_sets(&t, n, &all_answer_sets(&t, project), 1)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(common::cases(2000)))]

    #[test]
    fn acyclic_answer_sets_are_the_filtered_ones((n, rules, edges, heuristics) in program_strategy()) {
        let without = solve(n, &program(n, &rules, &vec![]), 0, false);
        let expected: Vec<u32> = without.iter().copied().filter(|&s| acyclic(s, &edges)).collect();
        let with = program(n, &rules, &edges);
        for factor in [0, 20] {
            prop_assert_eq!(solve(n, &with, factor, false), expected.clone());
            prop_assert_eq!(solve(n, &with, factor, true), expected.clone());
        }
        // The domain heuristic changes the order of the search only.
        let guided = with_heuristics(n, &rules, &vec![], &heuristics);
        prop_assert_eq!(solve_with(n, &guided, 0, false, true), without.clone());
        prop_assert_eq!(solve_with(n, &guided, 20, true, true), without);
        let both = with_heuristics(n, &rules, &edges, &heuristics);
        prop_assert_eq!(solve_with(n, &both, 0, false, true), expected.clone());
        prop_assert_eq!(solve_with(n, &both, 20, false, true), expected);
    }
}

#[test]
fn acyclic_orientations_of_k4() {
    // Each of the 6 edges of K4 oriented one way (atom true) or the other (false):
    // 4! = 24 orientations are acyclic.
    let pairs = [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)];
    let edges: Edges = pairs
        .iter()
        .enumerate()
        .flat_map(|(i, &(u, v))| [(u, v, vec![i as i32 + 1]), (v, u, vec![-(i as i32 + 1)])])
        .collect();
    let found = solve(6, &program(6, &[], &edges), 0, false);
    assert_eq!(found.len(), 24);
    assert!(found.iter().all(|&s| acyclic(s, &edges)));
}
