//! The abstract syntax tree of one input file, as the parser builds it.
//!
//! Spans are byte offsets into the file's text; [`crate::diag`] turns them into lines and
//! columns. Pools (`f(1;2)`, `(a;b)`) are kept as [`Term::Pool`] until the unpool rewrite.
//! Atoms are terms here (an identifier, a function or its classical negation `-p(X)`);
//! the rewrite checks that a term in atom position is one.

/// A byte range in one input.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// Unary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnOp {
    /// `-t` (on a function or constant: classical negation).
    Neg,
    /// `~t`.
    BitNot,
    /// `|t|`.
    Abs,
}

/// Binary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinOp {
    /// `+`.
    Add,
    /// `-`.
    Sub,
    /// `*`.
    Mul,
    /// `/` (rounds toward zero).
    Div,
    /// `\` (sign of the dividend).
    Mod,
    /// `**`.
    Pow,
    /// `&`.
    And,
    /// `?`.
    Or,
    /// `^`.
    Xor,
}

impl BinOp {
    /// The operator as written.
    pub fn as_str(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Mod => "\\",
            BinOp::Pow => "**",
            BinOp::And => "&",
            BinOp::Or => "?",
            BinOp::Xor => "^",
        }
    }
}

/// A term.
#[derive(Clone, Debug, PartialEq)]
pub enum Term {
    /// An integer.
    Int(i64),
    /// A string.
    Str(String),
    /// `#inf`.
    Inf,
    /// `#sup`.
    Sup,
    /// A constant `a` or a function `f(t1,...)`; an empty name is a tuple.
    Fun(String, Vec<Term>),
    /// A variable with the span of its occurrence.
    Var(String, Span),
    /// `_`.
    Anon(Span),
    /// A unary operation, with where it is written.
    Unary(UnOp, Box<Term>, Span),
    /// A binary operation, with where it is written.
    Binary(BinOp, Box<Term>, Box<Term>, Span),
    /// `l..u`.
    Interval(Box<Term>, Box<Term>),
    /// `t1;t2;...`: alternatives.
    Pool(Vec<Term>),
}

impl std::fmt::Display for Term {
    /// The term as gringo prints it in messages (binary operations in parentheses).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let list = |f: &mut std::fmt::Formatter<'_>, ts: &[Term], sep: &str| {
            for (i, t) in ts.iter().enumerate() {
                if i > 0 {
                    f.write_str(sep)?;
                }
                write!(f, "{t}")?;
            }
            Ok(())
        };
        match self {
            Term::Int(n) => write!(f, "{n}"),
            Term::Str(s) => write!(f, "{s:?}"),
            Term::Inf => f.write_str("#inf"),
            Term::Sup => f.write_str("#sup"),
            Term::Fun(name, args) if name.is_empty() => {
                f.write_str("(")?;
                list(f, args, ",")?;
                f.write_str(if args.len() == 1 { ",)" } else { ")" })
            }
            Term::Fun(name, args) if args.is_empty() => f.write_str(name),
            Term::Fun(name, args) => {
                write!(f, "{name}(")?;
                list(f, args, ",")?;
                f.write_str(")")
            }
            Term::Var(name, _) => f.write_str(name),
            Term::Anon(_) => f.write_str("_"),
            Term::Unary(UnOp::Neg, t, _) => write!(f, "-{t}"),
            Term::Unary(UnOp::BitNot, t, _) => write!(f, "~{t}"),
            Term::Unary(UnOp::Abs, t, _) => write!(f, "|{t}|"),
            Term::Binary(op, l, r, _) => write!(f, "({l}{}{r})", op.as_str()),
            Term::Interval(l, r) => write!(f, "({l}..{r})"),
            Term::Pool(alts) => {
                f.write_str("(")?;
                list(f, alts, ";")?;
                f.write_str(")")
            }
        }
    }
}

/// Comparison operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CmpOp {
    /// `=` or `==`.
    Eq,
    /// `!=`.
    Ne,
    /// `<`.
    Lt,
    /// `<=`.
    Le,
    /// `>`.
    Gt,
    /// `>=`.
    Ge,
}

impl CmpOp {
    /// The operator as written (`=` for equality).
    pub fn as_str(self) -> &'static str {
        match self {
            CmpOp::Eq => "=",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }

    /// The operator with its sides swapped (`a < b` iff `b > a`).
    pub fn flip(self) -> CmpOp {
        match self {
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::Le => CmpOp::Ge,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::Ge => CmpOp::Le,
            other => other,
        }
    }

    /// The operator that holds exactly when this one does not.
    pub fn negate(self) -> CmpOp {
        match self {
            CmpOp::Eq => CmpOp::Ne,
            CmpOp::Ne => CmpOp::Eq,
            CmpOp::Lt => CmpOp::Ge,
            CmpOp::Le => CmpOp::Gt,
            CmpOp::Gt => CmpOp::Le,
            CmpOp::Ge => CmpOp::Lt,
        }
    }
}

/// Default negation in front of a literal: none, `not` or `not not`.
pub type Sign = u8;

/// A literal.
#[derive(Clone, Debug, PartialEq)]
pub enum Lit {
    /// An atom, with its sign.
    Atom(Sign, Term, Span),
    /// `t1 op t2 op t3 ...`, with its sign.
    Cmp(Sign, Term, Vec<(CmpOp, Term)>, Span),
    /// `#true` or `#false`, with its sign.
    Bool(Sign, bool),
}

/// Aggregate functions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AggFun {
    /// `#count`.
    Count,
    /// `#sum`.
    Sum,
    /// `#sum+`.
    SumPlus,
    /// `#min`.
    Min,
    /// `#max`.
    Max,
}

impl AggFun {
    /// The function as written.
    pub fn as_str(self) -> &'static str {
        match self {
            AggFun::Count => "#count",
            AggFun::Sum => "#sum",
            AggFun::SumPlus => "#sum+",
            AggFun::Min => "#min",
            AggFun::Max => "#max",
        }
    }
}

/// A body aggregate element `t1,...,tn : l1,...,lm`.
#[derive(Clone, Debug, PartialEq)]
pub struct BodyAggElem {
    /// The tuple.
    pub terms: Vec<Term>,
    /// The condition.
    pub cond: Vec<Lit>,
}

/// A head aggregate element `t1,...,tn : atom : l1,...,lm` (choice elements have the atom
/// as their tuple).
#[derive(Clone, Debug, PartialEq)]
pub struct HeadAggElem {
    /// The tuple.
    pub terms: Vec<Term>,
    /// The atom.
    pub atom: Term,
    /// The condition.
    pub cond: Vec<Lit>,
}

/// Guards of an aggregate: `left op1 agg op2 right`, each optional.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Guards {
    /// `t op` on the left (the operator as written, `t op agg`).
    pub left: Option<(Term, CmpOp)>,
    /// `op t` on the right.
    pub right: Option<(CmpOp, Term)>,
}

/// One element of a body.
#[derive(Clone, Debug, PartialEq)]
pub enum BodyElem {
    /// A literal.
    Lit(Lit),
    /// A conditional literal `l : l1,...,ln`.
    Cond(Lit, Vec<Lit>, Span),
    /// A body aggregate with its sign.
    Agg(Sign, AggFun, Guards, Vec<BodyAggElem>, Span),
    /// A theory atom with its sign.
    Theory(Sign, TheoryAtom),
}

/// A rule head.
#[derive(Clone, Debug, PartialEq)]
pub enum Head {
    /// A disjunction of conditional atoms (empty: an integrity constraint).
    Disj(Vec<(Term, Vec<Lit>, Span)>),
    /// A head aggregate or a choice (`choice`: written with braces only).
    Agg {
        /// The aggregate function (`#count` for choices).
        fun: AggFun,
        /// Its guards.
        guards: Guards,
        /// The elements.
        elems: Vec<HeadAggElem>,
        /// Written as `{ ... }`.
        choice: bool,
    },
    /// A theory atom (or a theory directive).
    Theory(TheoryAtom),
}

/// A `#minimize`/weak-constraint element `w@p,t1,...,tn : body`.
#[derive(Clone, Debug, PartialEq)]
pub struct OptElem {
    /// The weight.
    pub weight: Term,
    /// The priority (0 if absent).
    pub priority: Option<Term>,
    /// The terms after the weight.
    pub terms: Vec<Term>,
    /// The condition.
    pub cond: Vec<BodyElem>,
}

/// A statement.
#[derive(Clone, Debug, PartialEq)]
pub enum Stmt {
    /// A rule, fact or integrity constraint.
    Rule(Head, Vec<BodyElem>, Span),
    /// `#minimize {...}.` (`maximize`: weights negated) or a weak constraint (one element).
    Optimize(Vec<OptElem>, bool, Span),
    /// `#show.`
    ShowNothing(Span),
    /// `#show p/n.` (`true` for `-p/n`).
    ShowSig(String, usize, bool, Span),
    /// `#show t : body.`
    ShowTerm(Term, Vec<BodyElem>, Span),
    /// `#const n = t.` (`true`: `[override]`).
    Const(String, Term, bool, Span),
    /// `#include "file".`
    Include(String, Span),
    /// `#program name(params).`
    Program(String, Vec<String>, Span),
    /// `#external atom : body. [value]`.
    External(Term, Vec<BodyElem>, Option<Term>, Span),
    /// `#project atom : body.`
    Project(Term, Vec<BodyElem>, Span),
    /// `#project p/n.`
    ProjectSig(String, usize, bool, Span),
    /// `#heuristic atom : body. [value@priority, modifier]`
    Heuristic(Term, Vec<BodyElem>, Term, Option<Term>, Term, Span),
    /// `#defined p/n.`
    Defined(String, usize, bool, Span),
    /// `#edge (u,v) : body.`
    Edge(Term, Vec<BodyElem>, Span),
    /// `#theory name { ... }.`
    Theory(TheoryDef, Span),
    /// A construct sable does not support (`#script`): its name.
    Unsupported(&'static str, Span),
}

/// A theory term as written: operators are not resolved until the operator table of
/// its theory is known ([`TheoryTerm::Unparsed`]).
#[derive(Clone, Debug, PartialEq)]
pub enum TheoryTerm {
    /// An integer.
    Int(i64),
    /// A string.
    Str(String),
    /// `#inf`.
    Inf,
    /// `#sup`.
    Sup,
    /// A variable.
    Var(String, Span),
    /// A constant `c` or a function `f(t1,...)`.
    Fun(String, Vec<TheoryTerm>),
    /// `(t1,...)` (not a single parenthesised term).
    Tuple(Vec<TheoryTerm>),
    /// `{t1,...}`.
    Set(Vec<TheoryTerm>),
    /// `[t1,...]`.
    List(Vec<TheoryTerm>),
    /// `op* t (op+ t)*`: each operand with the operators written before it.
    Unparsed(Vec<(Vec<String>, TheoryTerm)>),
}

/// A theory atom element `t1,...,tn : l1,...,lm`.
#[derive(Clone, Debug, PartialEq)]
pub struct TheoryElem {
    /// The tuple.
    pub terms: Vec<TheoryTerm>,
    /// The condition.
    pub cond: Vec<Lit>,
}

/// A theory atom `&name(args) { elements } op term`.
#[derive(Clone, Debug, PartialEq)]
pub struct TheoryAtom {
    /// The name.
    pub name: String,
    /// Arguments of the name (ordinary terms).
    pub args: Vec<Term>,
    /// The elements.
    pub elems: Vec<TheoryElem>,
    /// The guard: operator and term.
    pub guard: Option<(String, TheoryTerm)>,
    /// Where it is written.
    pub span: Span,
}

/// An operator of a theory term type: `op : priority, unary|binary[, left|right]`.
#[derive(Clone, Debug, PartialEq)]
pub struct TheoryOpDef {
    /// The operator.
    pub op: String,
    /// Its priority (higher binds tighter).
    pub priority: i64,
    /// Unary (prefix) or binary.
    pub unary: bool,
    /// A binary operator associates to the right.
    pub right: bool,
}

/// Where atoms of a theory atom definition may occur.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TheoryAtomKind {
    /// Rule heads only.
    Head,
    /// Rule bodies only.
    Body,
    /// Heads and bodies.
    Any,
    /// Alone, as a fact-like statement without a program atom.
    Directive,
}

/// A theory atom definition `&name/arity : elemtype[, {ops}, guardtype], kind`.
#[derive(Clone, Debug, PartialEq)]
pub struct TheoryAtomDef {
    /// The name.
    pub name: String,
    /// The number of name arguments.
    pub arity: usize,
    /// The term type of the elements.
    pub elem_type: String,
    /// The guard operators and the guard's term type, if a guard is allowed.
    pub guard: Option<(Vec<String>, String)>,
    /// Where its atoms may occur.
    pub kind: TheoryAtomKind,
}

/// A `#theory` definition: term types with their operators, and atom definitions.
#[derive(Clone, Debug, PartialEq)]
pub struct TheoryDef {
    /// The theory's name.
    pub name: String,
    /// Term types by name.
    pub terms: Vec<(String, Vec<TheoryOpDef>)>,
    /// Atom definitions.
    pub atoms: Vec<TheoryAtomDef>,
}
