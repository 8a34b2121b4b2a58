//! Assembling aspif programs from the parts the tests draw.

use super::generate::MinimizeStatement;
use aspif::{Body, HeadKind, Program, Rule, Statement, WeightedLit};

/// The choice rule `{1..n}.`
pub fn choose_all(n: u32) -> Rule {
    Rule {
        head_kind: HeadKind::Choice,
        head: (1..=n).collect(),
        body: Body::Normal(vec![]),
    }
}

/// Adds `rules` to the program's first step.
pub fn push_rules(program: &mut Program, rules: &[Rule]) {
    for rule in rules {
        program.steps[0].push(Statement::Rule(rule.clone()));
    }
}

/// Adds the minimize statements to the program's first step.
pub fn push_minimize(program: &mut Program, minimize: &[MinimizeStatement]) {
    for (priority, lits) in minimize {
        program.steps[0].push(Statement::Minimize {
            priority: *priority,
            lits: lits
                .iter()
                .map(|&(lit, weight)| WeightedLit { lit, weight })
                .collect(),
        });
    }
}

/// A program of `rules` alone.
pub fn program_of(rules: &[Rule]) -> Program {
    let mut program = Program::new();
    push_rules(&mut program, rules);
    program
}
