//! Snapshots of the ground program (sorted text form) and of diagnostics, one per
//! language feature. Each snapshot was checked by hand against the meaning of the program.

mod common;

use common::check;
use grounder::{ground_text, GroundOptions, Input};

#[test]
fn facts_and_stratified_negation_are_evaluated_away() {
    insta::assert_snapshot!(check("p(1..3). q(X) :- p(X), X > 1, not r(X). r(3)."), @r"
    #show p/1.
    #show q/1.
    #show r/1.
    #show.
    p(1).
    p(2).
    p(3).
    q(2).
    r(3).
    ");
}

#[test]
fn choice_with_exact_bound() {
    insta::assert_snapshot!(check("{a; b} = 1."), @r"
    #show a/0.
    #show b/0.
    #show.
    :-not __aux(5).
    __aux(3):-1<=#count{0:a;1:b}.
    __aux(4):-2<=#count{0:a;1:b}.
    __aux(5):-__aux(3),not __aux(4).
    {a}.
    {b}.
    ");
}

#[test]
fn count_assignment_gets_one_rule_per_value() {
    insta::assert_snapshot!(check("p(1;2). {q(X) : p(X)}. c(N) :- N = #count { X : q(X) }."), @r"
    #show c/1.
    #show p/1.
    #show q/1.
    #show.
    __aux(3):-1<=#count{0:q(1);1:q(2)}.
    __aux(4):-1<=#count{0:q(1);1:q(2)}.
    __aux(5):-2<=#count{0:q(1);1:q(2)}.
    __aux(6):-__aux(4),not __aux(5).
    __aux(7):-2<=#count{0:q(1);1:q(2)}.
    c(0):-not __aux(3).
    c(1):-__aux(6).
    c(2):-__aux(7).
    p(1).
    p(2).
    {q(1)}.
    {q(2)}.
    ");
}

#[test]
fn arithmetic_follows_clingo() {
    insta::assert_snapshot!(check("r(-7/2, -7\\2, 7\\-2, -2**2, 2**3**2, 2** -1, |3-10|, 12^10, ~5). u(6/X) :- X = 0."), @r"
    #show r/9.
    #show.
    r(-3,-1,1,4,512,0,7,6,-6).
    ");
}

#[test]
fn transitive_closure_is_all_facts() {
    insta::assert_snapshot!(check("e(1,2). e(2,3). e(3,1). tc(X,Y) :- e(X,Y). tc(X,Z) :- tc(X,Y), e(Y,Z). #show tc/2."), @r"
    #show tc/2.
    #show.
    e(1,2).
    e(2,3).
    e(3,1).
    tc(1,1).
    tc(1,2).
    tc(1,3).
    tc(2,1).
    tc(2,2).
    tc(2,3).
    tc(3,1).
    tc(3,2).
    tc(3,3).
    ");
}

#[test]
fn unsafe_variable_is_reported_with_its_location() {
    insta::assert_snapshot!(check("q(X,Y) :- p(X)."), @r"
    t.lp:1:1-16: error: unsafe variables in:
      q(X,Y) :- p(X).
    t.lp:1:5-6: note: 'Y' is unsafe
    ");
}

#[test]
fn syntax_error_points_at_the_token() {
    let msg = check("p(1).\nq(X) :- p(X)\nr.");
    assert!(
        msg.starts_with("t.lp:3:1-2: error: syntax error, unexpected <IDENTIFIER>"),
        "{msg}"
    );
}

#[test]
fn bad_string_escape_is_a_lexer_error() {
    let msg = check("bad(\"tab\\there\").");
    assert!(msg.starts_with("t.lp:1:5-6: error: lexer error"), "{msg}");
}

/// Grounds `text` and returns the infos and warnings.
fn infos(text: &str, warn: &[&str]) -> String {
    let inputs = [Input {
        name: "t.lp".into(),
        text: text.into(),
    }];
    let opts = GroundOptions {
        warn: warn.iter().map(|w| w.to_string()).collect(),
        ..GroundOptions::default()
    };
    let mut warnings = Vec::new();
    let mut out = Vec::new();
    ground_text(&inputs, &opts, &mut out, &mut warnings).expect("grounds");
    warnings.concat()
}

#[test]
fn atoms_in_no_head_are_reported_unless_disabled() {
    let program = "a :- b, not c(1). c(2). #defined d/0. e :- d.";
    insta::assert_snapshot!(infos(program, &[]), @r"
    t.lp:1:6-7: info: atom does not occur in any rule head:
      b
    ");
    assert_eq!(infos(program, &["no-atom-undefined"]), "");
    assert_eq!(infos(program, &["none"]), "");
}

#[test]
fn undefined_operations_are_reported_at_the_operation() {
    let program = "x(0). x(a). inv(6/X) :- x(X).";
    insta::assert_snapshot!(infos(program, &[]), @"
    t.lp:1:17-20: info: operation undefined:
      (6/X)
    ");
    assert_eq!(infos(program, &["no-operation-undefined"]), "");
}

#[test]
fn max_assignment_has_one_rule_per_value_including_empty() {
    insta::assert_snapshot!(check("{p(1..2)}. m(M) :- M = #max { X : p(X) }."), @r"
    #show m/1.
    #show p/1.
    #show.
    __aux(3):-p(1).
    __aux(3):-p(2).
    __aux(4):-__aux(3),not p(2).
    __aux(5):-not p(1),not p(2).
    m(#inf):-__aux(5).
    m(1):-__aux(4).
    m(2):-p(2).
    {p(1)}.
    {p(2)}.
    ");
}

#[test]
fn conditional_literal_over_facts_is_a_conjunction() {
    insta::assert_snapshot!(check("q(1..2). {r(1..2)}. ok :- r(X) : q(X)."), @r"
    #show ok/0.
    #show q/1.
    #show r/1.
    #show.
    __aux(3):-r(1),r(2).
    ok:-__aux(3).
    q(1).
    q(2).
    {r(1)}.
    {r(2)}.
    ");
}

#[test]
fn classical_negation_excludes_the_complement() {
    insta::assert_snapshot!(check("{a}. p(1) ; -p(1) :- a. #show -p/1. #show p/1."), @r"
    #show -p/1.
    #show p/1.
    #show.
    :--p(1),p(1).
    p(1);-p(1):-a.
    {a}.
    ");
}

#[test]
fn weak_constraints_and_minimize_by_priority() {
    insta::assert_snapshot!(check("{a;b}. :~ a. [2@1] #minimize { 1,x : b }."), @r"
    #minimize{1@0,1:b}.
    #minimize{2@1,2:a}.
    #show a/0.
    #show b/0.
    #show.
    {a}.
    {b}.
    ");
}

#[test]
fn show_nothing_but_terms() {
    insta::assert_snapshot!(check("#const n = 2. p(1..n). #show. #show s(X) : p(X)."), @r"
    #show s(1).
    #show s(2).
    #show.
    p(1).
    p(2).
    ");
}

#[test]
fn pools_in_bodies_multiply_rules() {
    insta::assert_snapshot!(check("p(1;2) :- q(a;b). q(a)."), @r"
    #show p/1.
    #show q/1.
    #show.
    p(1).
    p(2).
    q(a).
    ");
}

#[test]
fn anonymous_variables_in_positive_literals_are_projected() {
    insta::assert_snapshot!(check("p(1,a;b). {p(2,c)}. {q(X) : p(X,_)}. r :- p(2,_)."), @r"
    #show p/1.
    #show p/2.
    #show q/1.
    #show r/0.
    #show.
    __p_p_01(1).
    __p_p_01(2):-p(2,c).
    p(1,a).
    p(b).
    r:-__p_p_01(2).
    {p(2,c)}.
    {q(1)}.
    {q(2)}:-__p_p_01(2).
    ");
}

// Theory atoms: the expected text was compared with `clingo --mode=gringo --text` (5.8.3),
// which prints the same atoms (with the guard's term in parentheses).

const LIN: &str = "#theory lin {
    term { + : 1, binary, left; * : 2, binary, left; - : 3, unary };
    &sum/0 : term, {<=, >=}, term, any;
    &dom/1 : term, {=}, term, head;
    &show/0 : term, directive
}.\n";

#[test]
fn theory_atoms_keep_their_terms_unevaluated_and_drop_false_elements() {
    let program = format!(
        "{LIN} p(1..2). {{ q(X) }} :- p(X).
         &sum {{ X*2 : q(X); -3 }} <= 7 :- p(1).
         a :- not &sum {{ X : q(X), X > 1 }} >= 1.
         &dom(5) {{ 1 + 2 * 3 }} = x."
    );
    insta::assert_snapshot!(check(&program), @r"
    #theory lin {
        term { + : 1, binary, left; * : 2, binary, left; - : 3, unary };
        &sum/0 : term, {<=, >=}, term, any;
        &dom/1 : term, {=}, term, head;
        &show/0 : term, directive
    }.
    #show a/0.
    #show p/1.
    #show q/1.
    #show.
    &dom(5){(1+(2*3))}=x.
    &sum{(1*2): q(1); (2*2): q(2); (-3)}<=7.
    a:-not &sum{2: q(2)}>=1.
    p(1).
    p(2).
    {q(1)}.
    {q(2)}.
    ");
}

#[test]
fn theory_directives_and_shared_head_and_body_atoms() {
    let program = format!(
        "{LIN} n(1..2). &show {{ f(X,(X,),[X],{{X}}) : n(X) }}.
         {{ a }}. &sum {{ z }} :- a. b :- &sum {{ z }}."
    );
    insta::assert_snapshot!(check(&program), @r"
    #theory lin {
        term { + : 1, binary, left; * : 2, binary, left; - : 3, unary };
        &sum/0 : term, {<=, >=}, term, any;
        &dom/1 : term, {=}, term, head;
        &show/0 : term, directive
    }.
    #show a/0.
    #show b/0.
    #show n/1.
    #show.
    &show{f(1,(1,),[1],{1}); f(2,(2,),[2],{2})}.
    &sum{z}:-a.
    b:-&sum{z}.
    n(1).
    n(2).
    {a}.
    ");
}

#[test]
fn theory_atom_errors_name_the_atom_and_its_location() {
    let errors: Vec<String> = [
        "q :- &nope { x }.",
        "q :- &sum { x +- y }.",
        "q :- &sum { x } = y.",
        "q :- &dom(1) { x }.",
        "q :- &show { x }.",
        "&show { x } :- q.",
    ]
    .iter()
    .map(|rule| check(&format!("{LIN}{rule}")))
    .collect();
    insta::assert_snapshot!(errors.join(""), @r"
    t.lp:7:6-17: error: no definition found for theory atom:
      nope/0
    t.lp:7:6-21: error: missing definition for operator:
      +-
    t.lp:7:6-20: error: unexpected operator:
      =
    t.lp:7:6-20: note: expected one of:
      <=,>=
    t.lp:7:6-19: error: theory head atom used in body:
      dom/1
    t.lp:7:6-17: error: theory directive used in body:
      show/0
    t.lp:7:1-12: error: theory directive used with body:
      show/0
    ");
}

#[test]
fn ampersand_after_a_term_stays_bitwise_and() {
    // Theory text is lexed apart (`=>` is one operator there), but `X&3` is arithmetic.
    insta::assert_snapshot!(check(
        "#theory t { e { => : 1, binary, right }; &a/0 : e, {=>}, e, any }.
         p(X&3) :- X = 5. q :- &a { x => y => z } => 1, p(1)."
    ), @"
    #theory t { e { => : 1, binary, right }; &a/0 : e, {=>}, e, any }.
    #show p/1.
    #show q/0.
    #show.
    p(1).
    q:-&a{(x=>(y=>z))}=>1.
    ");
}

#[test]
fn negative_literal_with_anonymous_variable_holds_when_no_atom_matches() {
    insta::assert_snapshot!(check(
        "n(1..4). p(1,a). p(1,b). {p(3,c); p(3,d)}. r(X) :- n(X), not p(X,_)."
    ), @"
    #show n/1.
    #show p/2.
    #show r/1.
    #show.
    n(1).
    n(2).
    n(3).
    n(4).
    p(1,a).
    p(1,b).
    r(2).
    r(3):-not p(3,c),not p(3,d).
    r(4).
    {p(3,c)}.
    {p(3,d)}.
    ");
}

#[test]
fn negated_head_literals_move_into_the_body() {
    // `not m(1); w :- m(2).` is `w :- m(2), not not m(1).`; `not not` and `not` swap;
    // alone, a negated head literal makes an integrity constraint.
    insta::assert_snapshot!(check("{m(1..3)}. not m(1); w :- m(2). not not m(3) | v. not m(2)."), @r"
    #show m/1.
    #show v/0.
    #show w/0.
    #show.
    :-not __aux(7).
    __aux(5):-not m(1).
    __aux(7):-not m(2).
    v:-not m(3).
    w:-m(2),not __aux(5).
    {m(1)}.
    {m(2)}.
    {m(3)}.
    ");
}

#[test]
fn intervals_in_disjunctions_make_one_rule_per_value() {
    // An interval stands for all its values together, also in a conditional disjunct.
    insta::assert_snapshot!(check("{c}. y(1..2) ; x. z(3..4) : c ; x."), @r"
    #show c/0.
    #show x/0.
    #show y/1.
    #show z/1.
    #show.
    :-__aux(5),not c.
    :-__aux(7),not c.
    __aux(5):-c,z(3).
    __aux(7):-c,z(4).
    x;__aux(5).
    x;__aux(7).
    x;y(2).
    y(1);x.
    z(3):-c,__aux(5).
    z(4):-c,__aux(7).
    {c}.
    ");
}

#[test]
fn commas_separate_unconditional_disjuncts() {
    // After a condition `,` continues it: `s(2)` is part of the condition of `s(1)`.
    insta::assert_snapshot!(check("{r}. s(1) : r, s(2) ; s(3), s(4)."), @r"
    #show r/0.
    #show s/1.
    #show.
    s(3);s(4).
    {r}.
    ");
}
