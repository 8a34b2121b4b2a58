//! Normalised non-ground rules (the grounder's intermediate form) and predicates.
//!
//! Every statement becomes a [`Rule`]: a head kind and a body of [`Lit`]s. Pools are gone
//! (expanded), intervals are [`Lit::Range`] literals binding fresh variables, constants are
//! substituted. Each literal list carries its join order, computed by [`crate::safety`];
//! a rule only exists here once it is safe.
//!
//! [`Rule::display`] (in `program/display.rs`) prints a rule in gringo-like syntax, each
//! literal list in its join order, for tests and debugging.

use crate::ast::{AggFun, CmpOp, Span};
use crate::symbol::Name;
use crate::term::{GTerm, Var};
use rustc_hash::FxHashMap;

mod display;

/// A predicate: name, arity, classical negation.
pub type PredId = u32;

/// A literal of a body or condition.
#[derive(Clone, Debug)]
pub enum Lit {
    /// An atom with its sign (0, 1 = `not`, 2 = `not not`).
    Atom {
        /// Sign.
        sign: u8,
        /// Predicate.
        pred: PredId,
        /// Arguments.
        args: Vec<GTerm>,
    },
    /// A comparison.
    Cmp(CmpOp, GTerm, GTerm),
    /// `var = lo..hi`.
    Range(Var, GTerm, GTerm),
    /// `#true`/`#false`.
    Bool(bool),
    /// A body aggregate.
    Agg(Box<Agg>),
    /// A conditional literal.
    Cond(Box<Cond>),
    /// A theory atom with its sign.
    Theory(u8, Box<TheoryAtom>),
}

/// A theory term of a rule: ordinary terms at the leaves, operators resolved into
/// functions (`x + y` is `+(x,y)`); ground theory terms go to aspif as they are, never
/// evaluated.
#[derive(Clone, Debug)]
pub enum TheoryTerm {
    /// An ordinary term (a number, string, constant or variable).
    Term(GTerm),
    /// A function or an operator application.
    Fun(String, Vec<TheoryTerm>),
    /// `(t1,...)`.
    Tuple(Vec<TheoryTerm>),
    /// `{t1,...}`.
    Set(Vec<TheoryTerm>),
    /// `[t1,...]`.
    List(Vec<TheoryTerm>),
}

impl TheoryTerm {
    /// Adds the variables of the term to `out`.
    pub fn vars(&self, out: &mut Vec<Var>) {
        match self {
            TheoryTerm::Term(t) => t.vars(out),
            TheoryTerm::Fun(_, args)
            | TheoryTerm::Tuple(args)
            | TheoryTerm::Set(args)
            | TheoryTerm::List(args) => args.iter().for_each(|a| a.vars(out)),
        }
    }
}

/// A theory atom element `t1,...,tn : condition`.
#[derive(Clone, Debug)]
pub struct TheoryElem {
    /// The tuple.
    pub terms: Vec<TheoryTerm>,
    /// The condition.
    pub cond: Conj,
}

/// A theory atom `&name{elements} op term`.
#[derive(Clone, Debug)]
pub struct TheoryAtom {
    /// The name with its arguments (an ordinary term).
    pub name: GTerm,
    /// The elements.
    pub elems: Vec<TheoryElem>,
    /// The guard: operator and term.
    pub guard: Option<(String, TheoryTerm)>,
    /// Variables of the elements that also occur outside the atom.
    pub globals: Vec<Var>,
}

impl TheoryAtom {
    /// Variables that must be bound before the atom is grounded (name, guard, globals).
    pub fn outer_vars(&self, out: &mut Vec<Var>) {
        self.name.vars(out);
        if let Some((_, t)) = &self.guard {
            t.vars(out);
        }
        out.extend(&self.globals);
    }

    /// Calls `f` on every predicate of the element conditions.
    pub fn preds(&self, f: &mut dyn FnMut(PredId)) {
        for e in &self.elems {
            e.cond.lits.iter().for_each(|l| l.preds(f));
        }
    }
}

/// A list of literals with the order to join them in.
#[derive(Clone, Debug, Default)]
pub struct Conj {
    /// The literals.
    pub lits: Vec<Lit>,
    /// Indices into `lits`, in join order.
    pub order: Vec<usize>,
}

/// A conditional literal `l1 | ... | ln : cond` (a pooled literal is the disjunction of
/// its alternatives, as in gringo: `p(1;2) : q` is `p(1) | p(2) : q`).
#[derive(Clone, Debug)]
pub struct Cond {
    /// The literals of the disjunction (each an atom, comparison or boolean).
    pub disjuncts: Vec<Lit>,
    /// The condition.
    pub cond: Conj,
    /// Variables that also occur outside the conditional literal.
    pub globals: Vec<Var>,
}

/// A body aggregate.
#[derive(Clone, Debug)]
pub struct Agg {
    /// Sign.
    pub sign: u8,
    /// Function.
    pub fun: AggFun,
    /// Guards as `agg op term`.
    pub guards: Vec<(CmpOp, GTerm)>,
    /// `X = #agg{...}`: the variable it assigns (its guard is not in `guards`).
    pub assign: Option<Var>,
    /// Elements.
    pub elems: Vec<AggElem>,
    /// Variables of the elements that also occur outside the aggregate.
    pub globals: Vec<Var>,
}

/// A body aggregate element.
#[derive(Clone, Debug)]
pub struct AggElem {
    /// Tuple.
    pub tuple: Vec<GTerm>,
    /// Condition.
    pub cond: Conj,
}

/// A head atom with its condition.
#[derive(Clone, Debug)]
pub struct HeadAtom {
    /// Predicate.
    pub pred: PredId,
    /// Arguments.
    pub args: Vec<GTerm>,
    /// Condition (local variables).
    pub cond: Conj,
    /// Tuple (head aggregates; the atom for choices).
    pub tuple: Vec<GTerm>,
    /// Disjuncts with the same group form a conjunction (`a(1;2) ; b` is
    /// `(a(1) & a(2)) ; b`, as in gringo); they are consecutive and share one condition,
    /// each instance of which stands for the conjunction of the atoms defined there.
    pub group: u32,
}

/// What a rule derives or states.
#[derive(Clone, Debug)]
pub enum Head {
    /// A disjunction (empty: integrity constraint).
    Disj(Vec<HeadAtom>),
    /// A choice or head aggregate.
    Agg {
        /// Function.
        fun: AggFun,
        /// Guards as `agg op term`.
        guards: Vec<(CmpOp, GTerm)>,
        /// Elements.
        elems: Vec<HeadAtom>,
    },
    /// A minimize element.
    Minimize {
        /// Weight.
        weight: GTerm,
        /// Priority.
        priority: GTerm,
        /// Terms.
        terms: Vec<GTerm>,
    },
    /// `#show t : body.`
    Show(GTerm),
    /// `#external`.
    External(PredId, Vec<GTerm>, Option<GTerm>),
    /// `#project`.
    Project(PredId, Vec<GTerm>),
    /// `#heuristic`.
    Heuristic {
        /// Atom.
        pred: PredId,
        /// Arguments.
        args: Vec<GTerm>,
        /// Value.
        value: GTerm,
        /// Priority.
        priority: GTerm,
        /// Modifier.
        modifier: GTerm,
    },
    /// `#edge (u,v)`.
    Edge(GTerm, GTerm),
    /// A theory atom in the head (`directive`: a theory directive, without program atom).
    Theory {
        /// The atom.
        atom: Box<TheoryAtom>,
        /// A directive (aspif atom 0).
        directive: bool,
    },
}

/// A normalised rule.
#[derive(Clone, Debug)]
pub struct Rule {
    /// Head.
    pub head: Head,
    /// Body.
    pub body: Conj,
    /// Number of variables.
    pub nvars: usize,
    /// The variables' names as written (`_` for anonymous ones and those of intervals),
    /// for printing.
    pub var_names: Vec<String>,
    /// The source (input index) and span.
    pub file: usize,
    /// Span.
    pub span: Span,
}

/// A predicate's signature.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Pred {
    /// Name.
    pub name: Name,
    /// Arity.
    pub arity: usize,
    /// Classically negated.
    pub neg: bool,
}

/// The predicates seen so far, numbered.
#[derive(Default, Debug)]
pub struct PredTable {
    /// Signatures by id.
    pub list: Vec<Pred>,
    map: FxHashMap<Pred, PredId>,
}

impl PredTable {
    /// The id of a predicate (added if new).
    pub fn id(&mut self, pred: Pred) -> PredId {
        if let Some(&id) = self.map.get(&pred) {
            return id;
        }
        let id = self.list.len() as PredId;
        self.list.push(pred.clone());
        self.map.insert(pred, id);
        id
    }

    /// The id of a predicate if it was seen.
    pub fn find(&self, pred: &Pred) -> Option<PredId> {
        self.map.get(pred).copied()
    }
}

impl Lit {
    /// Calls `f` on every predicate the literal (and nested conditions) mentions.
    pub fn preds(&self, f: &mut dyn FnMut(PredId)) {
        match self {
            Lit::Atom { pred, .. } => f(*pred),
            Lit::Agg(agg) => {
                for e in &agg.elems {
                    e.cond.lits.iter().for_each(|l| l.preds(f));
                }
            }
            Lit::Cond(c) => {
                c.disjuncts.iter().for_each(|l| l.preds(f));
                c.cond.lits.iter().for_each(|l| l.preds(f));
            }
            Lit::Theory(_, atom) => atom.preds(f),
            _ => {}
        }
    }

    /// The literal needs its nested elements evaluated as a whole (aggregates, conditions).
    pub fn is_complex(&self) -> bool {
        matches!(self, Lit::Agg(_) | Lit::Cond(_) | Lit::Theory(..))
    }
}

impl Rule {
    /// Calls `f` on every predicate in the head.
    pub fn head_preds(&self, f: &mut dyn FnMut(PredId)) {
        match &self.head {
            Head::Disj(atoms) => atoms.iter().for_each(|a| f(a.pred)),
            Head::Agg { elems, .. } => elems.iter().for_each(|a| f(a.pred)),
            Head::External(p, _, _) => f(*p),
            _ => {}
        }
    }

    /// Calls `f` on every predicate in the body and in head conditions.
    pub fn body_preds(&self, f: &mut dyn FnMut(PredId)) {
        self.body.lits.iter().for_each(|l| l.preds(f));
        match &self.head {
            Head::Disj(atoms) | Head::Agg { elems: atoms, .. } => {
                for a in atoms {
                    a.cond.lits.iter().for_each(|l| l.preds(f));
                }
            }
            Head::Theory { atom, .. } => atom.preds(f),
            _ => {}
        }
    }
}
