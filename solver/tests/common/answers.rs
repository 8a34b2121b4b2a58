//! Reading answer sets back from the solver, as bit sets over the atoms `1..=n`
//! (atom `a` is bit `a - 1`).

use solver::enumerate::{enumerate, enumerate_with, EnumerateOptions};
use solver::lit::{Lit, Value};
use solver::model_loop::Driver;
use solver::parallel::Division;
use solver::program::Translation;

/// The atoms `1..=n` true in the assignment `value`; an atom in no rule has no
/// literal and is false.
pub fn atom_set(t: &Translation, n: u32, value: &[Value]) -> u32 {
    (1..=n).fold(0, |acc, a| {
        let lit = t.atom_lit.get(a as usize).copied().unwrap_or(Lit::FALSE);
        let truth = lit == Lit::TRUE || (!lit.is_constant() && value[lit.index()] == Value::True);
        if truth {
            acc | 1 << (a - 1)
        } else {
            acc
        }
    })
}

/// Options to enumerate every answer set, projected onto the program's `#project`
/// atoms if `project`.
pub fn all_answer_sets(t: &Translation, project: bool) -> EnumerateOptions {
    EnumerateOptions {
        models: 0,
        project: project.then(|| t.projection.clone().expect("a #project statement")),
        deadline: None,
        count_only: false,
    }
}

/// The answer sets enumerated with `opts`, sorted: sequentially with one thread,
/// else in parallel with `threads` solvers splitting the search space.
pub fn answer_sets(t: &Translation, n: u32, opts: &EnumerateOptions, threads: usize) -> Vec<u32> {
    let mut found = Vec::new();
    let on_model = |value: &[Value]| {
        found.push(atom_set(t, n, value));
        true
    };
    if threads == 1 {
        enumerate(t, opts, on_model);
    } else {
        enumerate_with(
            t,
            opts,
            Driver::Parallel {
                threads,
                division: Division::Split,
            },
            on_model,
        );
    }
    found.sort_unstable();
    found
}
