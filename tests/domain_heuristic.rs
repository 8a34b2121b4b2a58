//! End-to-end tests of `--heuristic=Domain` (the first model found follows the
//! `#heuristic` statements) and of `#edge` through the binary. Every expected first
//! model is the one clingo 5.4.1 prints with `--heuristic=Domain -n1` (and clingo
//! 5.8.3 agrees); the programs avoid ties of equal priority, where the order of the
//! statements in the ground program decides.

mod common;

/// The first answer set `sable ARGS` prints for `program`, as its sorted atoms.
fn first_model(args: &[&str], program: &str) -> Vec<String> {
    let out = common::sable(args, program);
    let mut lines = out.stdout.lines();
    lines
        .find(|l| l.starts_with("Answer:"))
        .unwrap_or_else(|| panic!("no model: {}{}", out.stdout, out.stderr));
    let mut atoms: Vec<String> = lines
        .next()
        .unwrap_or("")
        .split_whitespace()
        .map(str::to_string)
        .collect();
    atoms.sort();
    atoms
}

fn atoms(text: &str) -> Vec<String> {
    let mut atoms: Vec<String> = text.split_whitespace().map(str::to_string).collect();
    atoms.sort();
    atoms
}

/// (program, clingo's first model with `--heuristic=Domain`).
const FIRST_MODELS: &[(&str, &str)] = &[
    ("{a;b;c}. #heuristic a. [1,true]", "a"),
    (
        "{a;b;c}. #heuristic a. [1,true] #heuristic b. [1,true] #heuristic c. [1,true]",
        "a b c",
    ),
    // Level decides which of the conflicting atoms is decided (true) first.
    ("{a;b;c}. :- a,b. #heuristic a. [1,true] #heuristic b. [2,true]", "b"),
    (
        "{a;b;c}. :- a,b. #heuristic a. [2,true] #heuristic b. [1,true] #heuristic c : a. [1,true]",
        "a c",
    ),
    // Priorities: the higher one wins, whatever the order.
    ("{a;b;c}. #heuristic a. [1@1,sign] #heuristic a. [-1@2,sign]", ""),
    ("{a;b;c}. #heuristic a. [1@2,sign] #heuristic a. [-1@1,sign]", "a"),
    ("{a;b;c}. a :- not b. #heuristic b. [1,true]", "b"),
    (
        "1 {a;b;c} 2. #heuristic c. [1,true] #heuristic b. [2,false] #heuristic a : not c. [3,true]",
        "c",
    ),
    // Conditions that become true during the search.
    (
        "{a;b;c;d}. #heuristic a. [1,true] #heuristic b : a. [2,true] #heuristic c : b. [3,true] #heuristic d : c. [4,true]",
        "a b c d",
    ),
    (
        "{a;b;c;d}. #heuristic d. [1,true] #heuristic c : d. [2,false] :- not c, d.",
        "c d",
    ),
    (
        "q(1..5). {p(X) : q(X)}. #heuristic p(X) : q(X). [X,true] :- 3 {p(X)}.",
        "q(1) q(2) q(3) q(4) q(5) p(4) p(5)",
    ),
    (
        "q(1..5). {p(X) : q(X)}. #heuristic p(X) : q(X). [6-X,level] #heuristic p(X) : q(X), not p(X+1). [1,sign] :- 3 {p(X)}.",
        "q(1) q(2) q(3) q(4) q(5) p(5)",
    ),
    // init raises p(1) above the others of its level.
    (
        "q(1..6). 1 {p(X) : q(X)} 2. #heuristic p(X) : q(X). [X,false] #heuristic p(1). [10,init]",
        "q(1) q(2) q(3) q(4) q(5) q(6) p(1)",
    ),
    ("{a;b}. #heuristic a. [1,true] #heuristic a : b. [2@3,false]", "a"),
    ("{a;b;c}. #heuristic a. [-1,true] #heuristic b. [1,sign]", "a b"),
];

#[test]
fn first_model_follows_the_heuristic() {
    for &(program, expected) in FIRST_MODELS {
        let found = first_model(&["--heuristic=Domain"], program);
        assert_eq!(found, atoms(expected), "{program}");
        // Through the aspif text too.
        let ground = common::sable(&["ground"], program);
        let found = first_model(&["solve", "--heuristic=Domain"], &ground.stdout);
        assert_eq!(found, atoms(expected), "{program} (sable solve)");
    }
}

#[test]
fn heuristic_statements_are_ignored_by_default() {
    // clingo without --heuristic=Domain prints the empty model first.
    assert_eq!(
        first_model(&[], "{a;b;c}. #heuristic a. [1,true]"),
        atoms("")
    );
    assert_eq!(
        first_model(&["--heuristic=Default"], "{a;b;c}. #heuristic a. [1,true]"),
        atoms("")
    );
}

#[test]
fn domain_heuristic_keeps_every_answer_set() {
    let program = "{a;b;c;d}. :- a, b. c :- not d, a. #heuristic a. [2,true] #heuristic d : a. [1,true] #heuristic c. [1@2,false]";
    let plain = common::sable(&["-n0"], program);
    let guided = common::sable(&["-n0", "--heuristic=Domain"], program);
    let family = |out: &str| {
        let mut models: Vec<Vec<String>> = out
            .lines()
            .zip(out.lines().skip(1))
            .filter(|(l, _)| l.starts_with("Answer:"))
            .map(|(_, m)| atoms(m))
            .collect();
        models.sort();
        models
    };
    assert_eq!(guided.code, 30);
    assert_eq!(family(&guided.stdout).len(), 11); // clingo: 11 models
    assert_eq!(family(&guided.stdout), family(&plain.stdout));
}

#[test]
fn equal_priorities_the_later_statement_wins() {
    // aspif by hand (as clasp reads it): sign +1 then -1 for atom 1, both priority 0.
    let head = "asp 1 0 0\n1 1 3 1 2 3 0 0\n";
    let tail = "4 1 a 1 1\n4 1 b 1 2\n4 1 c 1 3\n0\n";
    let later_negative = format!("{head}7 1 1 1 0 0\n7 1 1 -1 0 0\n{tail}");
    let later_positive = format!("{head}7 1 1 -1 0 0\n7 1 1 1 0 0\n{tail}");
    // clasp 3.3.5 --heuristic=Domain: the empty model, then {a}.
    assert_eq!(
        first_model(&["solve", "--heuristic=Domain"], &later_negative),
        atoms("")
    );
    assert_eq!(
        first_model(&["solve", "--heuristic=Domain"], &later_positive),
        atoms("a")
    );
}

#[test]
fn edges_through_the_binary() {
    // The 24 acyclic orientations of K4 (clingo: 24 models).
    let program = "node(1..4). e(X,Y) :- node(X), node(Y), X < Y.\n\
                   { dir(X,Y) } :- e(X,Y).\n\
                   #edge (X,Y) : e(X,Y), dir(X,Y).\n\
                   #edge (Y,X) : e(X,Y), not dir(X,Y).\n";
    let out = common::sable(&["-n0", "-q"], program);
    assert_eq!(out.code, 30, "{}", out.stderr);
    assert!(out.stdout.contains("Models       : 24"), "{}", out.stdout);
    let ground = common::sable(&["ground"], program);
    assert_eq!(
        ground
            .stdout
            .lines()
            .filter(|l| l.starts_with("8 "))
            .count(),
        12
    );
    let solved = common::sable(&["solve", "-n0", "-q"], &ground.stdout);
    assert!(
        solved.stdout.contains("Models       : 24"),
        "{}",
        solved.stdout
    );
    // A forced cycle: unsatisfiable.
    let out = common::sable(&[], "a. b. #edge (1,2) : a. #edge (2,1) : b.");
    assert_eq!(out.code, 20, "{}", out.stdout);
}

#[test]
fn default_domain_modifications_are_rejected_clearly() {
    for args in [
        &["--heuristic=Domain", "--dom-mod=level,show"][..],
        &["--dom-pref=atom"],
        &["solve", "--dom-mod=true"],
    ] {
        let out = common::sable(args, "{a}.");
        assert_eq!(out.code, 1, "{args:?}"); // a refused option (clingo's code)
        assert!(
            out.stderr
                .contains("--dom-mod/--dom-pref are not supported"),
            "{args:?}: {}",
            out.stderr
        );
    }
}
