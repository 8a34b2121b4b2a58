//! Snapshots of the normalised rules ([`crate::program::Rule::display`]): each literal
//! list in join order, then the error messages. Each snapshot was read against the
//! meaning of the program.

use super::{PredTable, Rewriter};
use crate::ast::Stmt;
use crate::diag::Source;
use crate::program::Rule;
use crate::symbol::Symbols;
use crate::theory::Theories;

/// The rules of `text` with the tables that name their symbols, or the messages.
pub(crate) struct Rewritten {
    pub rules: Vec<Rule>,
    pub syms: Symbols,
    pub preds: PredTable,
    pub errors: Vec<String>,
}

/// Rewrites `text` as the grounder does (`#const` and `#theory` collected first, each
/// statement followed by the projection rules it introduced).
pub(crate) fn rewrite(text: &str) -> Rewritten {
    let source = Source::new("<test>".into(), text.into());
    let stmts = crate::parse::parse(&source).expect("the test program parses");
    let numbered: Vec<(usize, Stmt)> = stmts.iter().map(|s| (0, s.clone())).collect();
    let mut errors = Vec::new();
    let consts = crate::constants::collect(
        &[],
        numbered.iter().map(|(f, st)| (*f, st)),
        std::slice::from_ref(&source),
        &mut errors,
    );
    let mut theories = Theories::default();
    for st in &stmts {
        if let Stmt::Theory(def, _) = st {
            theories.add(def);
        }
    }
    let mut syms = Symbols::new();
    let mut preds = PredTable::default();
    let mut rules = Vec::new();
    let mut rw = Rewriter::new(&mut syms, &mut preds, &consts, &theories);
    for st in &stmts {
        if let Err(e) = rw.statement(st, 0, &source, &mut rules) {
            errors.extend(e);
        }
        rw.defining = true;
        while let Some(st) = rw.pending.pop() {
            if let Err(e) = rw.statement(&st, 0, &source, &mut rules) {
                errors.extend(e);
            }
        }
        rw.defining = false;
    }
    Rewritten {
        rules,
        syms,
        preds,
        errors,
    }
}

/// The normalised rules of `text`, one a line, then the error messages.
pub(crate) fn check(text: &str) -> String {
    let r = rewrite(text);
    let mut out = String::new();
    for rule in &r.rules {
        out.push_str(&format!("{}\n", rule.display(&r.syms, &r.preds)));
    }
    for e in &r.errors {
        out.push_str(e);
        out.push('\n');
    }
    out
}

#[test]
fn pools_multiply_the_rule_in_plain_literals_and_heads() {
    insta::assert_snapshot!(check("p(1;2) :- q(X;Y), r(X,Y)."), @r"
        p(1) :- q(X); r(X,Y).
        p(2) :- q(X); r(X,Y).
        p(1) :- q(Y); r(X,Y).
        p(2) :- q(Y); r(X,Y).
    ");
}

#[test]
fn pools_in_conditions_and_elements_multiply_the_elements() {
    insta::assert_snapshot!(check("s :- #count{ X : p(X;f(X)) } >= 1. t :- q(X) : r(X;f(X))."), @r"
        s :- #count{ X : p(X); X : p(f(X)) } >= 1.
        t :- q(X) : r(X); q(X) : r(f(X)).
    ");
}

#[test]
fn pools_in_a_disjunction_make_a_conjunctive_disjunct() {
    insta::assert_snapshot!(check("a(1;2) ; b :- c."), @r"
        a(1) & a(2) ; b :- c.
    ");
}

#[test]
fn pools_in_every_directive_kind() {
    insta::assert_snapshot!(check(
        "#show f(X;Y) : r(X,Y). #external e(1;2) : r(1,2). [true]
         #project p(1;2). #heuristic h(1;2). [1@2,level] #edge (1,2;3,4).
         #minimize { X@1,Y : r(X,Y;Y,X) }."
    ), @r"
        #show f(X) : r(X,Y).
        #show f(Y) : r(X,Y).
        #external e(1) : r(1,2). [true]
        #external e(2) : r(1,2). [true]
        #project p(1) : p(1).
        #project p(2) : p(2).
        #heuristic h(1) : h(1). [1@2,level]
        #heuristic h(2) : h(2). [1@2,level]
        #edge (1,2).
        #edge (3,4).
        :~ r(X,Y). [X@1,Y]
        :~ r(Y,X). [X@1,Y]
    ");
}

#[test]
fn intervals_become_range_literals_and_constants_are_substituted() {
    insta::assert_snapshot!(check("#const n = 3. p(1..n). q(X) :- X = 1..n, p(X). r(n*2+1)."), @r"
        p(_0) :- _0=1..3.
        q(X) :- X=1..3; p(X).
        r(7).
    ");
}

#[test]
fn comparison_chains_are_split_and_negated_ones_give_alternatives() {
    insta::assert_snapshot!(check("a(1..9). b(X) :- a(X), 1 < X < 5. c(X) :- a(X), not 1 < X <= 5."), @r"
        a(_0) :- _0=1..9.
        b(X) :- a(X); 1<X; X<5.
        c(X) :- a(X); 1>=X.
        c(X) :- a(X); 1<X; X>5.
    ");
}

#[test]
fn aggregate_guards_are_put_after_the_aggregate() {
    insta::assert_snapshot!(check(
        "p(1..3). :- 2 <= #count{ X : p(X) } < 3. s(S) :- S = #sum{ X,a : p(X) }. {q(X) : p(X)} = 1."
    ), @r"
        p(_0) :- _0=1..3.
        :- 2 <= #count{ X : p(X) } < 3.
        s(S) :- S = #sum{ X,a : p(X) }.
        #count{ q(X) : q(X) : p(X) } = 1.
    ");
}

#[test]
fn anonymous_variables_are_projected_in_conditions_and_wildcards_in_negation() {
    insta::assert_snapshot!(check("r(1,2). p :- q(X) : r(X,_). s(X) :- r(X,Y), not r(Y,_)."), @r"
        r(1,2).
        p :- q(X) : #p_r_01(X).
        #p_r_01(P0) :- r(P0,_1).
        s(X) :- r(X,Y); not r(Y,_).
    ");
}

#[test]
fn theory_atoms_resolve_their_operators() {
    insta::assert_snapshot!(check(
        "#theory t { term { + : 1, binary, left }; &a/0 : term, {<=}, term, body }.
         x(1). :- &a { X + 1 : x(X) } <= 3."
    ), @r"
        x(1).
        :- &a{ +(X,1) : x(X) } <= 3.
    ");
}

#[test]
fn errors_are_messages_with_places() {
    insta::assert_snapshot!(check("q(X,Y) :- p(X). #edge (1,2,3). p(X) :- (1,2)."), @r"
        <test>:1:1-16: error: unsafe variables in:
          q(X,Y) :- p(X).
        <test>:1:5-6: note: 'Y' is unsafe
        <test>:1:17-31: error: #edge expects a pair (u,v)
        <test>:1:32-46: error: syntax error, a tuple is not an atom
    ");
}
