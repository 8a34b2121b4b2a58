//! Instantiation: normalised rules to ground statements.
//!
//! Predicates are grounded component by component of the dependency graph, in
//! topological order; a recursive component is evaluated semi-naively (each rule once per
//! positive literal of the component restricted to the atoms new in the last round).
//! Atoms known at grounding time are evaluated away: facts vanish from bodies, a negative
//! literal over a fact removes the instance, a literal over an atom of a finished
//! predicate that was never derived is dropped (or removes the instance). Components whose
//! aggregates or conditions depend on themselves are first closed naively without output,
//! then instantiated once.
//!
//! The files, in the order a rule goes through them:
//! - `schedule.rs`: the components (Tarjan's SCCs of the predicate dependency graph) and
//!   the order and windows in which their rules are grounded;
//! - `join.rs`: a rule body's solutions, over the atom base of `base.rs` (atoms, domains,
//!   hash indexes on bound arguments);
//! - `condition.rs` and `aggregate/`: conditional literals and aggregates in bodies;
//! - `head.rs`: what one body solution makes of each kind of head;
//! - `theory.rs`: ground theory atoms;
//! - `emit.rs`: the aspif statements (rules, helpers, the statements collected over the
//!   whole program) and the finished [`GroundProgram`], the one view the output reads;
//!   `simplify.rs` the last pass over it.

mod aggregate;
mod base;
mod condition;
mod emit;
mod head;
mod join;
mod schedule;
mod simplify;
mod theory;

pub use emit::{GroundProgram, Show};

use crate::ast::CmpOp;
use crate::rewrite::PredTable;
use crate::symbol::{Sym, Symbols};
use crate::term::Eval;
use aspif::Statement;
use base::{AtomRec, Index};
use indexmap::IndexMap;
use rustc_hash::FxHashMap;
use std::cmp::Ordering;

/// What a literal, a condition or an aggregate instance is once ground: decided at
/// grounding time, or an aspif literal the solver decides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LitValue {
    /// False in every answer set: the instance vanishes.
    False,
    /// True in every answer set: it leaves the body.
    True,
    /// An aspif literal.
    Lit(i32),
}

impl LitValue {
    /// The decided value `true` or `false`.
    fn holds(value: bool) -> Self {
        if value {
            LitValue::True
        } else {
            LitValue::False
        }
    }
}

/// Whether `op` holds between two values ordered `ord`.
fn holds(op: CmpOp, ord: Ordering) -> bool {
    match op {
        CmpOp::Eq => ord.is_eq(),
        CmpOp::Ne => ord.is_ne(),
        CmpOp::Lt => ord.is_lt(),
        CmpOp::Le => ord.is_le(),
        CmpOp::Gt => ord.is_gt(),
        CmpOp::Ge => ord.is_ge(),
    }
}

/// The grounder's state: the atom base, the statements emitted so far and what is
/// collected for the statements emitted at the end.
pub struct Grounder {
    syms: Symbols,
    preds: PredTable,
    /// Atoms by id.
    atoms: Vec<AtomRec>,
    /// Atom id + 1 per symbol id (0: no atom); symbols are dense, so no hashing.
    atom_map: Vec<u32>,
    /// Per predicate: its derivable atoms in order.
    pred_atoms: Vec<Vec<u32>>,
    /// Per predicate: finished.
    complete: Vec<bool>,
    indexes: FxHashMap<(crate::program::PredId, u64), Index>,
    next_aspif: u32,
    /// The ground statements.
    out: Vec<Statement>,
    /// An integer operation overflowed.
    overflow: bool,
    /// The sites of the operations found undefined, in the order found.
    undefined: Vec<crate::term::Site>,
    /// Emission is off (closing a component naively).
    domain_only: bool,
    /// `#minimize` elements by (priority, weight, terms): the bodies of their instances.
    minimize: IndexMap<(i64, i64, Vec<Sym>), Vec<Vec<i32>>>,
    projects: Vec<u32>,
    /// `#edge` vertices and their numbers.
    edges: FxHashMap<Sym, i64>,
    /// The helper atom that is a fact (0: none yet).
    true_atom: u32,
    /// Helper atoms standing for conjunctions in the head being emitted.
    helper_heads: Vec<u32>,
    /// Names of helper-free aspif atoms for the text output.
    aspif_names: FxHashMap<u32, Sym>,
    /// Theory terms, elements and atoms emitted so far.
    theory: theory::TheoryOut,
    /// The rule being grounded has an aggregate or condition over its own component.
    agg_recursive: bool,
    /// Grounding a component whose aggregates or conditions depend on it.
    closing_recursive: bool,
}

impl Grounder {
    /// A grounder over the symbols and predicates of the rewritten program.
    pub fn new(syms: Symbols, preds: PredTable) -> Self {
        let n = preds.list.len();
        Grounder {
            syms,
            preds,
            atoms: Vec::new(),
            atom_map: Vec::new(),
            pred_atoms: vec![Vec::new(); n],
            complete: vec![false; n],
            indexes: FxHashMap::default(),
            next_aspif: 0,
            out: Vec::new(),
            overflow: false,
            undefined: Vec::new(),
            domain_only: false,
            minimize: IndexMap::new(),
            projects: Vec::new(),
            edges: FxHashMap::default(),
            true_atom: 0,
            helper_heads: Vec::new(),
            aspif_names: FxHashMap::default(),
            theory: Default::default(),
            agg_recursive: false,
            closing_recursive: false,
        }
    }

    /// Whether an integer operation overflowed while grounding.
    pub fn overflowed(&self) -> bool {
        self.overflow
    }

    /// The sites of the operations found undefined, in the order found.
    pub fn undefined_sites(&self) -> &[crate::term::Site] {
        &self.undefined
    }

    fn eval(&mut self) -> Eval<'_> {
        Eval {
            syms: &mut self.syms,
            overflow: &mut self.overflow,
            undefined: &mut self.undefined,
        }
    }
}
