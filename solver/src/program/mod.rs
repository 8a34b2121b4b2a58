//! Translation of an aspif program into a solver [`Formula`], in the steps of the
//! pipeline (one file each):
//!
//! 1. [`statements`]: the statements by kind (facts apart, externals and free theory
//!    atoms as choices);
//! 2. [`dependencies`]: the positive dependency graph, its SCCs ([`scc`], Tarjan)
//!    and head-cycle-freeness;
//! 3. atom literals: facts are true, underivable atoms false, the others get a
//!    variable, except one outside positive loops defined by a single normal rule,
//!    which takes its body's literal ([`merge`]);
//! 4. [`bodies`]: every distinct body of two or more literals gets a variable
//!    (`body <-> conjunction`), weight bodies become native weight constraints;
//! 5. [`completion`]: Clark's completion as clauses (`body -> head`, `atom -> some
//!    supporting body`); disjunctive rules are shifted when head-cycle-free,
//!    otherwise models are checked for minimality ([`crate::minimality`], over the
//!    rules of [`rules`]);
//! 6. [`loops`]: the positive loops checked for unfounded sets (a program without
//!    cyclic SCCs is tight);
//! 7. units (`#assume`, true externals), the `#edge` graph ([`edges`]), and what
//!    models are reported by: outputs, projection, minimize statements.

mod bodies;
mod completion;
mod dependencies;
mod edges;
mod heuristics;
mod loops;
mod merge;
pub mod rules;
pub mod scc;
mod statements;

pub use heuristics::domain_modifiers;
pub use rules::{CheckBody, CheckRule};

use crate::acyclic::EdgeGraph;
use crate::formula::Formula;
use crate::lit::Lit;
use bodies::Builder;
use dependencies::Dependencies;
use merge::NO_RULE;
use statements::Statements;

/// Counters for `--stats`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ProgramStats {
    /// Rules read.
    pub rules: u64,
    /// Choice rules read.
    pub choice_rules: u64,
    /// Atoms with a variable.
    pub atoms: u64,
    /// Distinct bodies.
    pub bodies: u64,
    /// No cyclic positive SCC.
    pub tight: bool,
}

/// A translated program: the formula and what is needed to report models.
#[derive(Clone, Debug, Default)]
pub struct Translation {
    /// What the solver searches.
    pub formula: Formula,
    /// The solver literal of every aspif atom (index = atom).
    pub atom_lit: Vec<Lit>,
    /// Shown texts with their conditions (constant-true literals removed).
    pub outputs: Vec<(String, Vec<Lit>)>,
    /// `#project` atoms (None: no project statement).
    pub projection: Option<Vec<Lit>>,
    /// `#minimize` statements: priority, weighted literals.
    pub minimize: Vec<(i64, Vec<(Lit, i64)>)>,
    /// The rules in solver literals: kept for the minimality check of programs that
    /// are not head-cycle-free, and in debug builds to re-check every model.
    pub rules: Vec<CheckRule>,
    /// Some disjunctive rule is not head-cycle-free: models need the minimality check.
    pub non_hcf: bool,
    /// The atoms' literals (for the minimality check).
    pub atom_lits: Vec<Lit>,
    /// Statistics.
    pub stats: ProgramStats,
    /// Statements this solver does not support yet.
    pub unsupported: Option<String>,
}

/// Translates `program` (all steps together), with the default translation of
/// weight constraints into clauses.
pub fn translate(program: &aspif::Program) -> Translation {
    translate_with(program, crate::formula::DEFAULT_TRANSLATION_FACTOR)
}

/// Translates `program`; weight constraints whose decision diagram has at most
/// `translation_factor` times as many states as literals become clauses.
pub fn translate_with(program: &aspif::Program, translation_factor: usize) -> Translation {
    let statements = statements::collect(program);
    let deps = dependencies::analyse(&statements);
    let mut formula = Formula::new();
    formula.translation_factor = translation_factor;
    let mut b = Builder::new(formula, statements.num_atoms);
    let atoms = atom_literals(&mut b, &statements, &deps);
    let supports = completion::rules(&mut b, &statements.rules, &deps);
    let tight = !deps.cyclic.iter().any(|&c| c);
    if !tight {
        b.formula.loops = Some(loops::loop_data(&b, &deps.cyclic, &supports.sources));
    }
    for &l in &statements.units {
        let lit = b.lit(l);
        b.formula.add_clause(&[lit]);
    }
    let edges = (!statements.edges.is_empty()).then(|| edges::edge_list(&mut b, &statements.edges));
    // Weight constraints become clauses over auxiliary variables only now: the edge
    // graph's index by literal must cover them.
    b.formula.finish();
    if let Some((num_nodes, list)) = edges {
        b.formula.acyclicity = Some(EdgeGraph::new(num_nodes, list, b.formula.num_vars));
    }
    let stats = ProgramStats {
        rules: statements.rules_read,
        choice_rules: statements.choice_rules_read,
        atoms,
        bodies: b.bodies.len() as u64,
        tight,
    };
    let mut translation = reported(&b, statements, stats);
    translation.non_hcf = supports.non_hcf;
    if supports.non_hcf || cfg!(debug_assertions) {
        translation.rules = supports.check_rules;
    }
    translation.atom_lit = b.atom_lit;
    translation.formula = b.formula;
    translation
}

/// Gives every atom its literal: facts true, atoms no rule derives false, the
/// others a variable or (see [`merge`]) their single rule's body literal. Returns
/// the number of atoms with a rule that are not facts.
fn atom_literals(b: &mut Builder, statements: &Statements, deps: &Dependencies) -> u64 {
    let num_atoms = statements.num_atoms;
    let single_rule = if deps.maybe_non_hcf {
        vec![NO_RULE; num_atoms]
    } else {
        merge::single_rule_atoms(
            &statements.rules,
            num_atoms,
            |a| deps.live(a) && !deps.cyclic[a],
            &statements.heuristic_atoms,
        )
    };
    let mut atoms = 0;
    for (a, &rule) in single_rule.iter().enumerate().skip(1) {
        b.atom_lit[a] = if deps.fact[a] {
            Lit::TRUE
        } else if deps.in_head[a] {
            atoms += 1;
            if rule == NO_RULE {
                b.formula.new_var().positive()
            } else {
                Lit::FALSE // decided by `merge_single_rule_atoms`
            }
        } else {
            Lit::FALSE
        };
    }
    merge::merge_single_rule_atoms(b, &statements.rules, &single_rule);
    atoms
}

/// What models are reported by: outputs, projection, minimize statements and the
/// atoms' literals (each once: merged atoms share one).
fn reported(b: &Builder, statements: Statements, stats: ProgramStats) -> Translation {
    let outputs = statements
        .outputs
        .into_iter()
        .filter_map(|(name, cond)| {
            let lits: Vec<Lit> = cond.iter().map(|&l| b.lit(l)).collect();
            if lits.contains(&Lit::FALSE) {
                return None;
            }
            Some((name, lits.into_iter().filter(|&l| l != Lit::TRUE).collect()))
        })
        .collect();
    let projection = statements
        .projection
        .map(|atoms| atoms.iter().map(|&a| b.atom_lit[a as usize]).collect());
    let minimize = statements
        .minimize
        .into_iter()
        .map(|(p, lits)| (p, lits.iter().map(|w| (b.lit(w.lit), w.weight)).collect()))
        .collect();
    let mut seen = std::collections::HashSet::new();
    let atom_lits = (1..statements.num_atoms)
        .map(|a| b.atom_lit[a])
        .filter(|&l| !l.is_constant() && seen.insert(l))
        .collect();
    Translation {
        outputs,
        projection,
        minimize,
        atom_lits,
        stats,
        ..Translation::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aspif::{Atom, Body, HeadKind, Rule, Statement};

    fn rule(head: Atom, body: Vec<aspif::Lit>) -> Statement {
        Statement::Rule(Rule {
            head_kind: HeadKind::Disjunctive,
            head: vec![head],
            body: Body::Normal(body),
        })
    }

    fn choice(head: Atom) -> Statement {
        Statement::Rule(Rule {
            head_kind: HeadKind::Choice,
            head: vec![head],
            body: Body::Normal(vec![]),
        })
    }

    fn program(statements: Vec<Statement>) -> aspif::Program {
        let mut p = aspif::Program::new();
        p.steps[0] = statements;
        p
    }

    #[test]
    fn a_long_chain_of_single_rule_atoms_shares_one_variable() {
        // 1 is a choice; i :- i-1 for i up to 200,000 (deep enough to overflow a
        // recursive resolution's stack).
        let n = 200_000;
        let mut statements = vec![choice(1)];
        statements.extend((2..=n).rev().map(|a| rule(a, vec![a as aspif::Lit - 1])));
        let translation = translate(&program(statements));
        assert_eq!(translation.formula.num_vars, 2, "the constant and atom 1");
        assert!(translation.atom_lit[2..]
            .iter()
            .all(|&l| l == translation.atom_lit[1]));
        assert_eq!(translation.atom_lits, vec![translation.atom_lit[1]]);
    }

    #[test]
    fn single_rule_atoms_take_their_body_literal() {
        // {1}. {2}. 3 :- 1, 2. 4 :- 3. 5 :- not 1.
        let translation = translate(&program(vec![
            choice(1),
            choice(2),
            rule(3, vec![1, 2]),
            rule(4, vec![3]),
            rule(5, vec![-1]),
        ]));
        let lit = &translation.atom_lit;
        assert_ne!(lit[3], lit[1]);
        assert_ne!(lit[3], lit[2]);
        assert_eq!(lit[4], lit[3], "4 is equivalent to 3");
        // A negative body literal: an own variable (see `merge_single_rule_atoms`).
        assert!(!lit[5].is_negated() && lit[5] != !lit[1]);
        // 1, 2, the body of 3 (also 3 and 4), and 5.
        assert_eq!(translation.formula.num_vars, 1 + 4);
    }

    #[test]
    fn atoms_on_a_negative_cycle_stay_distinct() {
        // 1 :- not 2. 2 :- not 1. 3 :- 1, not 3.
        let translation = translate(&program(vec![
            rule(1, vec![-2]),
            rule(2, vec![-1]),
            rule(3, vec![1, -3]),
        ]));
        let lit = &translation.atom_lit;
        assert!(!lit[1].is_constant() && !lit[2].is_constant() && !lit[3].is_constant());
        assert_ne!(lit[1].var(), lit[2].var());
        assert_ne!(lit[3].var(), lit[1].var());
    }
}
