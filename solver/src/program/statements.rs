//! The first step of the translation: the aspif statements sorted by kind. Facts
//! are kept apart (they only make their atom true), disjunctions over weight bodies
//! get an auxiliary atom, and theory atoms no rule defines and open externals become
//! choices.

use aspif::{Atom, Body, ExternalValue, HeadKind, Rule, Statement};
use std::borrow::Cow;

/// The statements of a program, by kind.
#[derive(Default)]
pub(super) struct Statements<'p> {
    /// Rules other than facts (borrowed unless rewritten here).
    pub rules: Vec<Cow<'p, Rule>>,
    /// Atoms stated as facts. Kept as atoms, not rules: ground-heavy programs are
    /// mostly facts, and each rule kept costs some hundred bytes later.
    pub facts: Vec<Atom>,
    /// Literals that must hold: `#assume` statements and externals set true.
    pub units: Vec<aspif::Lit>,
    /// Shown texts with their conditions.
    pub outputs: Vec<(String, Vec<aspif::Lit>)>,
    /// `#project` atoms (None: no project statement).
    pub projection: Option<Vec<Atom>>,
    /// `#minimize` statements: priority, weighted literals.
    pub minimize: Vec<(i64, Vec<aspif::WeightedLit>)>,
    /// `#edge` statements: from, to, condition.
    pub edges: Vec<(i64, i64, &'p Vec<aspif::Lit>)>,
    /// Atoms some `#heuristic` statement names.
    pub heuristic_atoms: Vec<Atom>,
    /// Atoms are numbered below this (auxiliary atoms included).
    pub num_atoms: usize,
    /// Rules read, and choice rules among them (for `--stats`).
    pub rules_read: u64,
    /// Choice rules read.
    pub choice_rules_read: u64,
}

/// Sorts the statements of `program`: see the module comment.
pub(super) fn collect(program: &aspif::Program) -> Statements<'_> {
    let mut s = Statements::default();
    let mut next_atom = program.max_atom() + 1;
    let mut externals: Vec<(Atom, ExternalValue)> = Vec::new();
    let mut assumptions = Vec::new();
    let mut theory_atoms: Vec<Atom> = Vec::new();
    for stmt in program.statements() {
        match stmt {
            Statement::Rule(rule) => {
                s.rules_read += 1;
                if rule.head_kind == HeadKind::Choice {
                    s.choice_rules_read += 1;
                }
                if rule.head_kind == HeadKind::Disjunctive
                    && rule.head.len() == 1
                    && matches!(&rule.body, Body::Normal(l) if l.is_empty())
                {
                    s.facts.push(rule.head[0]);
                } else if rule.head_kind == HeadKind::Disjunctive
                    && rule.head.len() > 1
                    && matches!(rule.body, Body::Sum { .. })
                {
                    // `a | b :- #sum{...}` becomes `x :- #sum{...}. a | b :- x.`
                    let aux = next_atom;
                    next_atom += 1;
                    s.rules.push(Cow::Owned(Rule {
                        head_kind: HeadKind::Disjunctive,
                        head: vec![aux],
                        body: rule.body.clone(),
                    }));
                    s.rules.push(Cow::Owned(Rule {
                        head_kind: HeadKind::Disjunctive,
                        head: rule.head.clone(),
                        body: Body::Normal(vec![aux as aspif::Lit]),
                    }));
                } else {
                    s.rules.push(Cow::Borrowed(rule));
                }
            }
            Statement::External { atom, value } => externals.push((*atom, *value)),
            Statement::Output { name, cond } => s.outputs.push((name.clone(), cond.clone())),
            Statement::Project(atoms) => s.projection.get_or_insert_with(Vec::new).extend(atoms),
            Statement::Minimize { priority, lits } => s.minimize.push((*priority, lits.clone())),
            Statement::Assume(lits) => assumptions.extend(lits.iter().copied()),
            Statement::Heuristic { atom, .. } => s.heuristic_atoms.push(*atom),
            Statement::Comment(_) => {}
            Statement::Edge { from, to, cond } => s.edges.push((*from, *to, cond)),
            Statement::Theory(aspif::TheoryStatement::Atom { atom, .. }) if *atom != 0 => {
                theory_atoms.push(*atom)
            }
            // Without a theory propagator the theory data has no meaning of its own.
            Statement::Theory(_) => {}
        }
    }
    free_theory_atoms(&mut s, theory_atoms);
    // Externals: open ones behave like choices; `True` ones are assumed true.
    let mut external_units = Vec::new();
    for &(atom, value) in &externals {
        match value {
            ExternalValue::Free | ExternalValue::True => {
                s.rules.push(choice(atom));
                if value == ExternalValue::True {
                    external_units.push(atom as aspif::Lit);
                }
            }
            ExternalValue::False | ExternalValue::Release => {}
        }
    }
    s.units = assumptions;
    s.units.extend(external_units);
    s.num_atoms = next_atom as usize;
    s
}

/// `{atom}.`
fn choice(atom: Atom) -> Cow<'static, Rule> {
    Cow::Owned(Rule {
        head_kind: HeadKind::Choice,
        head: vec![atom],
        body: Body::Normal(vec![]),
    })
}

/// A theory atom no rule defines is free, as clasp treats it without a propagator
/// (it is frozen there); one that some rule derives keeps its usual meaning.
fn free_theory_atoms(s: &mut Statements, theory_atoms: Vec<Atom>) {
    if theory_atoms.is_empty() {
        return;
    }
    let mut defined: std::collections::HashSet<Atom> = s.facts.iter().copied().collect();
    for rule in &s.rules {
        defined.extend(rule.head.iter().copied());
    }
    for atom in theory_atoms {
        if defined.insert(atom) {
            s.rules.push(choice(atom));
        }
    }
}
