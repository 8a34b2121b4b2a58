//! One test per grounder bug found by the differential fuzzer (conformance/fuzz.py), named
//! by the fuzz seed and program that found it.

mod common;

use common::check;

/// fuzz 11:7: a variable shared by a head element and a body aggregate, and bound in
/// neither the rest of the body nor the head, is local to each (was: "unsafe").
#[test]
fn fuzz_11_7_variables_shared_between_elements_are_local() {
    let out = check(
        "dom(1..3). {r(1..3)}.\n1 #count { Y : r(Y) : dom(Y) } 1 :- #sum+ { 2,Y,r : r(Y) } >= 2.",
    );
    assert!(!out.contains("unsafe"), "{out}");
    assert!(
        out.contains("__aux(4):-2<=#sum{2,0:r(1);2,1:r(2);2,2:r(3)}."),
        "{out}"
    );
}

/// fuzz 31:283: the complement of `not p(2)` is `not not p(2)` (through a helper), never
/// the positive atom `p(2)`, which would make the aggregate support `p(2)` positively.
/// (The original `#sum+ { 2 : not p(2) } <= 1` now has only positive weights and becomes
/// `not 2 <= #sum { 2 : not p(2) }`; a negative weight still takes the complement.)
#[test]
fn fuzz_31_283_complement_of_a_negative_literal_stays_negative() {
    insta::assert_snapshot!(check("{p(2)}. q :- 1 >= #sum+ { 2 : not p(2) }."), @r"
    #show p/1.
    #show q/0.
    #show.
    __aux(2):-2<=#sum{2,0:not p(2)}.
    q:-not __aux(2).
    {p(2)}.
    ");
    insta::assert_snapshot!(check("{p(2)}. q :- #sum { -2 : not p(2) } >= -1."), @r"
    #show p/1.
    #show q/0.
    #show.
    __aux(2):-not p(2).
    __aux(3):-1<=#sum{2,0:not __aux(2)}.
    q:-__aux(3).
    {p(2)}.
    ");
}

/// fuzz 12:81: tuples `3,a : r(1)` and `-3,b : r(1)` cancel: the aggregate is decided
/// at grounding time and no positive loop through `r(1)` remains.
#[test]
fn fuzz_12_81_opposite_weights_on_one_literal_cancel() {
    let out = check("r(1) :- 3 != #sum { 3,a : r(1) ; -3,b : r(1) }.");
    assert_eq!(out, "#show r/1.\n#show.\nr(1).\n");
}

/// fuzz 33:164: `q(1) :- 1 != #sum { 3 : q(1) }` has the answer set {q(1)} (the sum is 0
/// or 3, never 1). Every reachable sum satisfies the guard, so the aggregate holds and
/// `q(1)` is a fact (before, a disjunction of `sum >= 2` and `not sum >= 1` let `q(1)`
/// only support itself; then gringo's translation through implications `l -> a`).
#[test]
fn fuzz_33_164_non_convex_aggregate_over_its_own_head() {
    insta::assert_snapshot!(check("q(1) :- 1 != #sum { 3 : q(1) }."), @"
    #show q/1.
    #show.
    q(1).
    ");
}

/// fuzz 34:269: a rule that can never fire because `not not p(2)` is false once p's
/// component is done (p(2) got no rule) vanishes with what depends on it (only the
/// helper of `not not p(2)` is left, now a fact): the minimize statement over atoms only
/// that rule could derive disappears, and with it the optimisation level (clingo:
/// SATISFIABLE, no optimisation).
#[test]
fn fuzz_34_269_rules_over_underivable_atoms_vanish_after_grounding() {
    insta::assert_snapshot!(check(
        "{ q } :- not not p(2), r.\n{ r } :- q.\np(1) :- q.\n#minimize { 1@2 : q }."
    ), @"
    #show.
    __aux(2).
    ");
}

/// fuzz 34:127: a head aggregate whose guards cannot hold (`2 { q } 2`: one element)
/// makes its body a constraint, and its element gets no choice rule (as in gringo).
#[test]
fn fuzz_34_127_impossible_head_aggregate_chooses_nothing() {
    insta::assert_snapshot!(check("{ b }. 2 { q } 2 :- b."), @"
    #show b/0.
    #show q/0.
    #show.
    :-b.
    {b}.
    ");
}
