//! End-to-end tests of what issue 5 added to `sable`: the output formats (`--outf=1`,
//! `--outf=2` parsed back as JSON, `--outf=3`, `-V0`) and the optimisation modes
//! (`--opt-mode=enum`, initial bounds, `optN` summaries). Expected answers were worked
//! out by hand and agree with clingo 5.8.3.

mod common;

/// Runs `sable ARGS` on the program `stdin`; returns exit code and standard output.
fn sable(args: &[&str], stdin: &str) -> (i32, String) {
    let outcome = common::sable(args, stdin);
    (outcome.code, outcome.stdout)
}

/// Two levels: `a` costs 1 at priority 2; `b` costs 2 and `not c` 1 at priority 1.
const LEXICOGRAPHIC: &str = "{a;b;c}.\n:~ a. [1@2]\n:~ b. [2@1]\n:~ not c. [1@1]\n";

fn json(args: &[&str], program: &str) -> (i32, serde_json::Value) {
    let (code, out) = sable(args, program);
    let value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    (code, value)
}

#[test]
fn json_enumeration() {
    let (code, doc) = json(&["--outf=2", "-n0"], "{a;b}.\n");
    assert_eq!(code, 30);
    assert_eq!(doc["Result"], "SATISFIABLE");
    assert_eq!(doc["Models"]["Number"], 4);
    assert_eq!(doc["Models"]["More"], "no");
    assert_eq!(doc["Input"], serde_json::json!(["stdin"]));
    let mut models: Vec<Vec<String>> = doc["Call"][0]["Witnesses"]
        .as_array()
        .expect("witnesses")
        .iter()
        .map(|w| {
            let mut atoms: Vec<String> = w["Value"]
                .as_array()
                .expect("value")
                .iter()
                .map(|a| a.as_str().expect("atom").to_string())
                .collect();
            atoms.sort();
            atoms
        })
        .collect();
    models.sort();
    assert_eq!(models, vec![vec![], vec!["a"], vec!["a", "b"], vec!["b"]]);
    assert!(doc["Time"]["Total"].is_number());
}

#[test]
fn json_optimum_and_strings() {
    let (code, doc) = json(&["--outf=2"], LEXICOGRAPHIC);
    assert_eq!(code, 30);
    assert_eq!(doc["Result"], "OPTIMUM FOUND");
    assert_eq!(doc["Models"]["Optimum"], "yes");
    assert_eq!(doc["Models"]["Costs"], serde_json::json!([0, 0]));
    let witnesses = doc["Call"][0]["Witnesses"].as_array().expect("witnesses");
    assert_eq!(
        witnesses.last().expect("a model")["Value"],
        serde_json::json!(["c"])
    );
    // Quotes and backslashes in shown strings are escaped.
    let (_, doc) = json(&["--outf=2"], "p(\"x\\\\y \\\"z\\\"\").\n");
    assert_eq!(
        doc["Call"][0]["Witnesses"][0]["Value"][0],
        "p(\"x\\\\y \\\"z\\\"\")"
    );
}

#[test]
fn json_unsatisfiable_and_quiet() {
    let (code, doc) = json(&["--outf=2"], "a :- not a.\n");
    assert_eq!(code, 20);
    assert_eq!(doc["Result"], "UNSATISFIABLE");
    assert_eq!(doc["Models"]["Number"], 0);
    assert!(doc["Call"][0].get("Witnesses").is_none());
    let (_, doc) = json(&["--outf=2", "-V0", "-n0"], "{a;b}.\n");
    assert!(doc.get("Models").is_none());
    assert_eq!(
        doc["Call"][0]["Witnesses"].as_array().map(Vec::len),
        Some(4)
    );
    let (_, doc) = json(&["--outf=2", "-q", "-n0"], "{a;b}.\n");
    assert!(doc["Call"][0].get("Witnesses").is_none());
    assert_eq!(doc["Models"]["Number"], 4);
}

#[test]
fn json_consequences() {
    let (_, doc) = json(&["--outf=2", "--enum-mode=brave"], "{a;b}.\nc.\n");
    let last = doc["Call"][0]["Witnesses"]
        .as_array()
        .and_then(|w| w.last().cloned())
        .expect("a witness");
    assert_eq!(last["Consequences"]["True"], 3);
    // Every step: the atoms in a model so far are known, the others (none false at
    // the root) open; the summary has the exact count.
    for w in doc["Call"][0]["Witnesses"].as_array().expect("witnesses") {
        let known = w["Consequences"]["True"].as_u64().expect("a count");
        assert_eq!(known, w["Value"].as_array().expect("atoms").len() as u64);
        assert_eq!(w["Consequences"]["Open"].as_u64(), Some(3 - known), "{w}");
    }
    assert_eq!(doc["Models"]["Brave"], "yes");
    assert_eq!(doc["Models"]["Consequences"]["True"], 3);
    assert_eq!(doc["Models"]["Consequences"]["Open"], 0);
}

#[test]
fn text_consequences() {
    // c is a fact (known at once); a or b is in every model, so in the first one,
    // open until the search shows a model without it.
    let (code, out) = sable(&["--enum-mode=cautious"], "{a;b}.\nc.\n:- not a, not b.\n");
    assert_eq!(code, 30);
    let steps: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("Consequences: "))
        .collect();
    assert!(steps.len() >= 2, "{out}");
    assert!(
        steps.iter().all(|l| l.starts_with("Consequences: [1;")),
        "{out}"
    );
    assert_eq!(steps.last(), Some(&"Consequences: [1;1]"), "{out}");
    assert!(steps[0] != "Consequences: [1;1]", "{out}");
    assert!(
        out.contains("\n  Cautious   : yes\nConsequences : 1\nCalls"),
        "{out}"
    );
}

#[test]
fn competition_format() {
    let (code, out) = sable(&["--outf=1", "-V0"], LEXICOGRAPHIC);
    assert_eq!(code, 30);
    assert_eq!(out, "ANSWER\nc.\nCOST 0 0\nOPTIMUM\n");
    let (code, out) = sable(&["--outf=1", "-V0"], "a :- not a.\n");
    assert_eq!((code, out.as_str()), (20, "INCONSISTENT\n"));
    let (_, out) = sable(&["--outf=1", "-n0"], "{a}.\n");
    assert!(out.starts_with("% sable version"), "{out}");
    assert!(out.contains("ANSWER\n"));
    assert!(out.contains("% Models         : 2\n"), "{out}");
    assert!(!out.contains("SATISFIABLE"));
}

#[test]
fn no_output_and_results_only() {
    let (code, out) = sable(&["--outf=3", "-n0"], "{a;b}.\n");
    assert_eq!((code, out.as_str()), (30, ""));
    let (code, out) = sable(&["-V0", "-n0"], "{a}.\n");
    assert_eq!(code, 30);
    let mut lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.pop(), Some("SATISFIABLE"));
    lines.sort();
    assert_eq!(lines, vec!["", "a"]);
}

/// The cost vectors printed by `--opt-mode=... -V0`.
fn costs(args: &[&str], program: &str) -> (i32, Vec<String>) {
    let (code, out) = sable(args, program);
    let costs = out
        .lines()
        .filter_map(|l| l.strip_prefix("Optimization: "))
        .map(String::from)
        .collect();
    (code, costs)
}

#[test]
fn enum_mode_within_bounds() {
    // Lexicographically at most (0, 1): {} costs (0, 1), {c} (0, 0).
    let (code, mut found) = costs(&["--opt-mode=enum,0,1", "-n0", "-V0"], LEXICOGRAPHIC);
    assert_eq!(code, 30);
    found.sort();
    assert_eq!(found, vec!["0 0", "0 1"]);
    // A bound only for the highest level leaves the others free: 4 models without a.
    let (_, found) = costs(&["--opt-mode=enum,0", "-n0", "-V0"], LEXICOGRAPHIC);
    assert_eq!(found.len(), 4);
    assert!(found.iter().all(|c| c.starts_with("0 ")));
    // Without a bound every model is enumerated.
    let (_, found) = costs(&["--opt-mode=enum", "-n0", "-V0"], LEXICOGRAPHIC);
    assert_eq!(found.len(), 8);
}

#[test]
fn initial_bounds() {
    // Only the optimum (0, 0) is within (0, 0).
    let (code, found) = costs(&["--opt-mode=opt,0,0", "-V0"], LEXICOGRAPHIC);
    assert_eq!((code, found), (30, vec!["0 0".to_string()]));
    // Nothing is below (0, -1).
    let (code, out) = sable(&["--opt-mode=opt,0,-1", "-V0"], LEXICOGRAPHIC);
    assert_eq!((code, out.as_str()), (20, "UNSATISFIABLE\n"));
    // A level bound above the level's range lets every lower level through.
    let (code, found) = costs(&["--opt-mode=opt,5,-7", "-V0"], LEXICOGRAPHIC);
    assert_eq!(code, 30);
    assert_eq!(found.last().map(String::as_str), Some("0 0"));
}

#[test]
fn negative_weights_bounds() {
    // Costs -3 (a) or 0: the bound -1 admits only a.
    let (code, found) = costs(&["--opt-mode=enum,-1", "-n0", "-V0"], "{a}.\n:~ a. [-3]\n");
    assert_eq!((code, found), (30, vec!["-3".to_string()]));
}

#[test]
fn opt_n_summary() {
    let program = "{a;b}.\n:~ a. [1]\n:~ b. [1]\n:- not a, not b.\n";
    let (code, out) = sable(&["--opt-mode=optN", "-n0"], program);
    assert_eq!(code, 30);
    assert!(out.contains("  Optimum    : yes\n"), "{out}");
    assert!(out.contains("Optimization : 1\n"), "{out}");
    // The optimal phase numbers its models from 1 again.
    let optimal: Vec<&str> = out.lines().filter(|l| l.starts_with("Answer: 1")).collect();
    assert_eq!(optimal.len(), 2, "{out}");
}

/// 2^40 answer sets: no enumeration finishes them.
const ENDLESS: &str = "p(1..40).\n{q(X)} :- p(X).\n";

#[test]
fn time_limit_stops_enumeration() {
    let started = std::time::Instant::now();
    let (code, out) = sable(&["-n0", "-q", "--time-limit=1"], ENDLESS);
    assert!(started.elapsed().as_secs_f64() < 5.0);
    assert_eq!(code, 11);
    assert!(out.contains("TIME LIMIT   : 1\n"), "{out}");
    assert!(out.contains("+\n"), "{out}");
}

#[test]
fn interrupt_signal_prints_what_was_found() {
    // Signalled once the search runs (its "Solving..." line is out), not after a guess
    // at how long starting takes.
    let mut run = common::Running::start(&["-n0", "-q", "-"], Some(ENDLESS));
    run.wait_for_line("Solving...");
    run.signal("INT");
    let out = run.finish();
    let text = &out.stdout;
    assert_eq!(out.code, 11, "{text}");
    assert!(text.contains("INTERRUPTED  : 1\n"), "{text}");
    assert!(text.contains("SATISFIABLE\n"), "{text}");
}

/// The `v` lines of `sable solve` on DIMACS input, as sorted signed-variable lists.
fn dimacs_models(out: &str) -> Vec<Vec<i64>> {
    let mut models = Vec::new();
    let mut current = Vec::new();
    for line in out.lines() {
        if let Some(rest) = line.strip_prefix("v ") {
            for n in rest
                .split_whitespace()
                .map(|w| w.parse::<i64>().expect("literal"))
            {
                if n == 0 {
                    models.push(std::mem::take(&mut current));
                } else {
                    current.push(n);
                }
            }
        }
    }
    models.sort();
    models
}

#[test]
fn dimacs_cnf() {
    // (1 or not 2) and (2 or 3): 4 of the 8 assignments.
    let (code, out) = sable(&["solve", "-n0"], "c example\np cnf 3 2\n1 -2 0\n2 3 0\n");
    assert_eq!(code, 30);
    assert!(out.contains("s SATISFIABLE\n"), "{out}");
    assert!(out.starts_with("c sable"), "{out}");
    assert_eq!(
        dimacs_models(&out),
        vec![
            vec![-1, -2, 3],
            vec![1, -2, 3],
            vec![1, 2, -3],
            vec![1, 2, 3]
        ]
    );
    // clasp ignores the competition format for DIMACS input.
    let (code, out) = sable(&["solve", "--outf=1"], "p cnf 2 2\n1 2 0\n-1 0\n");
    assert!(code == 10 || code == 30, "{out}");
    assert!(out.starts_with("c sable"), "{out}");
    assert_eq!(dimacs_models(&out), vec![vec![-1, 2]], "{out}");
    let (code, out) = sable(&["solve"], "p cnf 1 2\n1 0\n-1 0\n");
    assert_eq!(code, 20);
    assert!(out.contains("s UNSATISFIABLE\n"), "{out}");
    // Long `v` lines are wrapped.
    let clause: Vec<String> = (1..=40).map(|v| v.to_string()).collect();
    let (_, out) = sable(&["solve"], &format!("p cnf 40 1\n{} 0\n", clause.join(" ")));
    assert!(out.lines().filter(|l| l.starts_with("v ")).count() > 1);
    assert!(out.lines().all(|l| l.len() <= 80));
}

#[test]
fn dimacs_wcnf() {
    // Hard: exactly one of 1, 2. Soft: 1 (3), 2 or 3 (2), not 3 (1). Optimum 1: {1, 3}.
    let program = "p wcnf 3 5 10\n10 1 2 0\n10 -1 -2 0\n3 1 0\n2 2 3 0\n1 -3 0\n";
    let (code, out) = sable(&["solve"], program);
    assert_eq!(code, 30);
    assert!(out.contains("s OPTIMUM FOUND\n"), "{out}");
    assert_eq!(out.lines().rfind(|l| l.starts_with("o ")), Some("o 1"));
    assert_eq!(dimacs_models(&out).last(), Some(&vec![1, -2, 3]));
    // The newer format without a p line: `h` marks hard clauses.
    let (code, out) = sable(&["solve"], "c new\nh 1 2 0\n5 -1 0\n1 -2 0\n");
    assert_eq!(code, 30);
    assert!(out.contains("c Optimization   : 1\n"), "{out}");
}

#[test]
fn quiet_levels_for_models_and_costs() {
    let lines = |q: &str| -> Vec<String> {
        let (_, out) = sable(&[&format!("--quiet={q}"), "-V0"], LEXICOGRAPHIC);
        out.lines().map(String::from).collect()
    };
    // Costs of every model, no atoms.
    let only_costs = lines("2,0");
    assert!(only_costs
        .iter()
        .all(|l| l.starts_with("Optimization: ") || l == "OPTIMUM FOUND"));
    assert!(only_costs.len() >= 2);
    // Atoms of every model, no costs.
    assert!(!lines("0,2").iter().any(|l| l.starts_with("Optimization")));
    // Atoms as they come, then the last model with its costs.
    let last = lines("0,1");
    assert_eq!(
        last.iter()
            .filter(|l| l.starts_with("Optimization"))
            .count(),
        1
    );
    assert_eq!(
        last[last.len() - 3..],
        ["c", "Optimization: 0 0", "OPTIMUM FOUND"]
    );
    // With answer numbers (as clasp): what was streamed is not printed again.
    let numbered = |q: &str| -> Vec<String> {
        let (_, out) = sable(&[&format!("--quiet={q}")], LEXICOGRAPHIC);
        let body = out
            .split("Solving...\n")
            .nth(1)
            .expect("a header")
            .to_string();
        body.lines()
            .take_while(|l| *l != "OPTIMUM FOUND")
            .map(String::from)
            .collect()
    };
    let streamed_models = numbered("0,1");
    let answers = streamed_models
        .iter()
        .filter(|l| l.starts_with("Answer: "))
        .count();
    assert_eq!(
        answers * 2 + 1,
        streamed_models.len(),
        "{streamed_models:?}"
    );
    assert_eq!(
        streamed_models.last().map(String::as_str),
        Some("Optimization: 0 0")
    );
    let streamed_costs = numbered("1,0");
    let costs = streamed_costs.len() - 2;
    assert!(costs >= 2, "{streamed_costs:?}");
    assert!(streamed_costs[..costs]
        .iter()
        .all(|l| l.starts_with("Optimization: ")));
    assert!(
        streamed_costs[costs].starts_with("Answer: "),
        "{streamed_costs:?}"
    );
    assert_eq!(streamed_costs[costs + 1], "c");
    // Only the last costs: no answer number without its atoms.
    assert_eq!(numbered("2,1"), ["Optimization: 0 0"]);
}

#[test]
fn model_limit_while_optimising() {
    // Three ways to reach the optimum 2 at level 1 (c true, neither a nor b), and
    // two optimal models (d free).
    let program = "{a;b;c;d}.\n:- not a, not c.\n:~ a. [3]\n:~ b. [1]\n:~ c. [2]\n";
    // Without -n every improving model, then the proof.
    let (code, out) = sable(&[], program);
    assert_eq!(code, 30);
    assert!(out.contains("OPTIMUM FOUND\n"), "{out}");
    // -n1: the first model ends the search, optimal or not (clasp warns).
    let outcome = common::sable(&["-n1"], program);
    assert_eq!(outcome.code, 10);
    assert!(
        outcome.stdout.contains("SATISFIABLE\n"),
        "{}",
        outcome.stdout
    );
    assert!(outcome.stdout.contains("Models       : 1+\n"));
    assert!(outcome.stdout.contains("  Optimum    : unknown\n"));
    assert!(outcome
        .stderr
        .contains("optimality of last model not guaranteed"));
    // optN: -n counts optimal models; one of two leaves more.
    let (code, out) = sable(&["--opt-mode=optN", "-n1"], program);
    assert_eq!(code, 10, "{out}");
    assert!(out.contains("OPTIMUM FOUND\n"), "{out}");
    assert!(out.contains("+\n  Optimum    : yes\n"), "{out}");
    assert!(!out.contains("Optimal    :"), "{out}");
    let (code, out) = sable(&["--opt-mode=optN"], program);
    assert_eq!(code, 30, "{out}");
    assert!(out.contains("  Optimal    : 2\n"), "{out}");
}
