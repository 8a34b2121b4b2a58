//! The statement types of a ground program, one per aspif statement kind (1 to 10).
//!
//! Invariants: atoms are `>= 1`; literals are non-zero and their magnitude is an atom.
//! Weights are `i64` so that sums of 32-bit aspif weights never overflow in the model.

/// A ground atom, numbered from 1.
pub type Atom = u32;
/// A ground literal: `a` for atom `a`, `-a` for `not a`. Never 0.
pub type Lit = i32;
/// An integer weight or bound.
pub type Weight = i64;

/// The atom a literal speaks of.
#[inline]
pub fn lit_atom(lit: Lit) -> Atom {
    lit.unsigned_abs()
}

/// How the atoms of a rule head are combined.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HeadKind {
    /// `a | b :- body.` (an empty head is an integrity constraint).
    Disjunctive,
    /// `{a; b} :- body.`
    Choice,
}

/// A literal with a weight, as in weight bodies and minimize statements.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct WeightedLit {
    /// The literal.
    pub lit: Lit,
    /// Its weight (aspif writes it after the literal).
    pub weight: Weight,
}

/// A rule body.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Body {
    /// A conjunction of literals.
    Normal(Vec<Lit>),
    /// True when the weights of the true literals sum to at least `lower`.
    Sum {
        /// The lower bound.
        lower: Weight,
        /// The weighted literals (weights are non-negative in aspif).
        lits: Vec<WeightedLit>,
    },
}

/// A rule: `head_kind`, head atoms, body.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Rule {
    /// Disjunctive or choice.
    pub head_kind: HeadKind,
    /// The head atoms; empty with [`HeadKind::Disjunctive`] means an integrity constraint.
    pub head: Vec<Atom>,
    /// The body.
    pub body: Body,
}

/// The truth value an `#external` atom gets (aspif statement 5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExternalValue {
    /// Open: may be true or false.
    Free,
    /// Assumed true.
    True,
    /// Assumed false (the default of `#external a.`).
    False,
    /// No longer external: a normal atom without rules.
    Release,
}

/// A `#heuristic` modifier (aspif statement 7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HeuristicModifier {
    /// Branch on the atom at this level first.
    Level,
    /// Prefer this sign (value > 0 true, < 0 false).
    Sign,
    /// Multiply its activity.
    Factor,
    /// Initial activity.
    Init,
    /// Level and positive sign.
    True,
    /// Level and negative sign.
    False,
}

/// One theory statement (aspif statement 9), kept as the grounder produced it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TheoryStatement {
    /// `9 0 id value`: a number term.
    Number {
        /// The term id.
        id: u32,
        /// Its value.
        value: i64,
    },
    /// `9 1 id len name`: a symbolic term.
    Symbol {
        /// The term id.
        id: u32,
        /// Its name.
        name: String,
    },
    /// `9 2 id kind n args`: a compound term. `kind >= 0` is the id of the function
    /// symbol's term; -1 a tuple, -2 a set, -3 a list.
    Compound {
        /// The term id.
        id: u32,
        /// Function term id or -1/-2/-3.
        kind: i32,
        /// Argument term ids.
        args: Vec<u32>,
    },
    /// `9 4 id n terms m cond`: a theory atom element.
    Element {
        /// The element id.
        id: u32,
        /// Its tuple of term ids.
        terms: Vec<u32>,
        /// Its condition.
        cond: Vec<Lit>,
    },
    /// `9 5 atom name n elems` or `9 6 atom name n elems op rhs`: a theory atom
    /// (atom 0 for a directive).
    Atom {
        /// The program atom (0 if none).
        atom: Atom,
        /// The term id of its name.
        name: u32,
        /// Element ids.
        elements: Vec<u32>,
        /// Guard: operator term id and right-hand term id.
        guard: Option<(u32, u32)>,
    },
}

/// One statement of a ground program.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Statement {
    /// `1`: a rule.
    Rule(Rule),
    /// `2 priority n l1 w1 ...`: minimise the weights of true literals at a priority.
    Minimize {
        /// The priority level (higher is more important).
        priority: Weight,
        /// The weighted literals (weights may be negative).
        lits: Vec<WeightedLit>,
    },
    /// `3 n a1 ...`: project answer sets onto these atoms.
    Project(Vec<Atom>),
    /// `4 len name n l1 ...`: show `name` when all literals of `cond` hold.
    Output {
        /// The text shown (a symbol).
        name: String,
        /// Its condition (empty: always shown).
        cond: Vec<Lit>,
    },
    /// `5 atom value`: an external atom.
    External {
        /// The atom.
        atom: Atom,
        /// Its initial value.
        value: ExternalValue,
    },
    /// `6 n l1 ...`: assumptions for this step.
    Assume(Vec<Lit>),
    /// `7 modifier atom value priority n l1 ...`: a domain heuristic.
    Heuristic {
        /// The kind of modification.
        modifier: HeuristicModifier,
        /// The atom it modifies.
        atom: Atom,
        /// The value (level, sign, factor or init value).
        value: i64,
        /// Its priority (non-negative).
        priority: u32,
        /// Its condition.
        cond: Vec<Lit>,
    },
    /// `8 u v n l1 ...`: the edge `u -> v` is present when `cond` holds (acyclicity).
    Edge {
        /// Source node.
        from: i64,
        /// Target node.
        to: i64,
        /// Its condition.
        cond: Vec<Lit>,
    },
    /// `9 ...`: a theory statement.
    Theory(TheoryStatement),
    /// `10 text`: a comment.
    Comment(String),
}

/// A ground program: the `asp 1 0 0` header's tags and the steps, each ended by `0`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Program {
    /// The header carried the `incremental` tag.
    pub incremental: bool,
    /// The statements of each step (a non-incremental program has exactly one).
    pub steps: Vec<Vec<Statement>>,
}

impl Program {
    /// A program with one empty step.
    pub fn new() -> Self {
        Program {
            incremental: false,
            steps: vec![Vec::new()],
        }
    }

    /// All statements of all steps, in order.
    pub fn statements(&self) -> impl Iterator<Item = &Statement> {
        self.steps.iter().flatten()
    }

    /// The largest atom mentioned anywhere (0 for none).
    pub fn max_atom(&self) -> Atom {
        let mut max = 0;
        let mut see = |a: Atom| max = max.max(a);
        for stmt in self.statements() {
            match stmt {
                Statement::Rule(rule) => {
                    rule.head.iter().for_each(|&a| see(a));
                    match &rule.body {
                        Body::Normal(lits) => lits.iter().for_each(|&l| see(lit_atom(l))),
                        Body::Sum { lits, .. } => lits.iter().for_each(|w| see(lit_atom(w.lit))),
                    }
                }
                Statement::Minimize { lits, .. } => lits.iter().for_each(|w| see(lit_atom(w.lit))),
                Statement::Project(atoms) => atoms.iter().for_each(|&a| see(a)),
                Statement::Output { cond, .. }
                | Statement::Assume(cond)
                | Statement::Edge { cond, .. } => cond.iter().for_each(|&l| see(lit_atom(l))),
                Statement::Heuristic { atom, cond, .. } => {
                    see(*atom);
                    cond.iter().for_each(|&l| see(lit_atom(l)));
                }
                Statement::External { atom, .. } => see(*atom),
                Statement::Theory(TheoryStatement::Element { cond, .. }) => {
                    cond.iter().for_each(|&l| see(lit_atom(l)))
                }
                Statement::Theory(TheoryStatement::Atom { atom, .. }) => see(*atom),
                Statement::Theory(_) | Statement::Comment(_) => {}
            }
        }
        max
    }
}

/// Where a producer of ground statements (the grounder) sends them.
pub trait StatementSink {
    /// Takes the next statement of the current step.
    fn push(&mut self, stmt: Statement);
    /// Ends the current step.
    fn end_step(&mut self) {}
}

impl StatementSink for Program {
    fn push(&mut self, stmt: Statement) {
        if self.steps.is_empty() {
            self.steps.push(Vec::new());
        }
        self.steps.last_mut().expect("a step exists").push(stmt);
    }
}
