#!/usr/bin/env python3
"""Recomputes examples/expected/*.models with clingo (python3 -m clingo, 5.8.3).

Each file holds, after '#' comment lines, a line 'count N' (the number of answer sets
clingo finds with -n0) and then one line per answer set: its shown atoms, sorted, separated
by single spaces. For couples.lp, whose 1,048,576 answer sets show only 66 different atom
sets, the lines are those distinct atom sets ('distinct' says so), found by clingo on the
program plus symmetry-breaking constraints; counting all answer sets takes clingo ~90 s,
so it runs only with --slow (otherwise the stored count is kept).

Usage: python3 examples/expected/refresh.py [--slow]
"""
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.dirname(HERE)

# In each couple at most one kind of mixed pair (the man first), and couples ordered by
# kind (two men < man and woman < two women): one answer set per distinct shown atom set.
COUPLES_SYMMETRY = """
:- person(P), P \\ 2 == 1, man(P), not man(P-1).
kind(K, 0) :- person(P), K = P / 2, P \\ 2 == 0, man(P), man(P+1).
kind(K, 1) :- person(P), K = P / 2, P \\ 2 == 0, man(P), not man(P+1).
kind(K, 2) :- person(P), K = P / 2, P \\ 2 == 0, not man(P), not man(P+1).
:- kind(K, X), kind(K+1, Y), Y < X.
"""


def clingo(args, stdin=None):
    """Runs clingo with JSON output; returns (witness atom lists, models count)."""
    out = subprocess.run(
        [sys.executable, "-m", "clingo", "--outf=2"] + args,
        input=stdin, capture_output=True, text=True, check=True).stdout
    data = json.loads(out)
    models = [sorted(w["Value"]) for call in data["Call"] for w in call.get("Witnesses", [])]
    return models, data["Models"]["Number"]


def write(name, comment, count, models, distinct=False):
    lines = ["# " + c for c in comment]
    lines.append("count %d" % count)
    if distinct:
        lines.append("distinct")
    lines += sorted(" ".join(m) for m in models)
    with open(os.path.join(HERE, name + ".models"), "w") as f:
        f.write("\n".join(lines) + "\n")


def stored_count(name):
    with open(os.path.join(HERE, name + ".models")) as f:
        for line in f:
            m = re.match(r"count (\d+)$", line.strip())
            if m:
                return int(m.group(1))
    raise SystemExit("no count in %s.models" % name)


def main():
    slow = "--slow" in sys.argv[1:]
    for name in ["graph", "workout", "couples_hetero"]:
        path = os.path.join(EXAMPLES, name + ".lp")
        models, count = clingo([path, "-n0"])
        assert count == len(models), name
        write(name, ["clingo 5.8.3: python3 -m clingo examples/%s.lp -n0" % name,
                     "refresh: python3 examples/expected/refresh.py"], count, models)
    path = os.path.join(EXAMPLES, "couples.lp")
    with open(path) as f:
        text = f.read() + COUPLES_SYMMETRY
    models, _ = clingo(["-", "-n0"], stdin=text)
    distinct = {tuple(m) for m in models}
    assert len(distinct) == len(models), "symmetry breaking left duplicates"
    if slow:
        _, count = clingo([path, "-n0", "-q"])
    else:
        count = stored_count("couples")
    write("couples", ["clingo 5.8.3: python3 -m clingo examples/couples.lp -n0 -q counts all;",
                      "the lines are the distinct shown atom sets (couples.lp plus symmetry",
                      "breaking, see refresh.py). refresh: python3 examples/expected/refresh.py"],
          count, models, distinct=True)


if __name__ == "__main__":
    main()
