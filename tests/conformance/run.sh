#!/usr/bin/env bash
# Runs the conformance corpus (shared/conformance, beside the repository) against sable in
# one of three modes, with that mode's list of known failures:
#
#   sable   target/release/sable {args} {file}                      (one process)
#   ground  target/release/sable ground {gargs} {file} | clingo --mode=clasp {sargs}
#   solve   clingo --mode=gringo {gargs} {file} | target/release/sable solve {sargs}
#
# (clingo here is the python module 5.8.3; as clasp it runs through check.py --as-clingo,
# which gives clingo's real exit codes.) Build first: cargo build --release.
#
# Usage:
#   tests/conformance/run.sh MODE [check.py options...]     e.g. --skip-slow --jobs 2 -v
#   tests/conformance/run.sh MODE --write-known-failures [REASON] [check.py options...]
#       rewrites tests/conformance/known-failures-MODE.txt from a run without the list:
#       failing cases are listed, keeping the reason they had; new ones get REASON ('-':
#       the harness's message for the case).
#       Cases that were not run (slow ones with --skip-slow) keep their entry.
#
# Besides the shared corpus it runs sable's own cases in tests/conformance/cases (same
# format: NAME.lp, NAME.expect from `check.py --oracle`, optional NAME.args).
#
# Environment: SABLE_SHARED (default ../shared from the repository root, else
# /work/shared), SABLE_BIN (default $CARGO_TARGET_DIR or target, then release/sable),
# SABLE_SOLVE_ARGS (appended to the solver's arguments, e.g. '-t 4').
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
mode="${1:-}"
shift || true
case "$mode" in
    sable | ground | solve) ;;
    *)
        echo "usage: $0 sable|ground|solve [--write-known-failures [REASON]] [check.py options]" >&2
        exit 2
        ;;
esac

shared="${SABLE_SHARED:-}"
if [[ -z "$shared" ]]; then
    for s in "$repo/../shared" /work/shared; do
        [[ -f "$s/conformance/check.py" ]] && { shared="$s"; break; }
    done
fi
[[ -f "$shared/conformance/check.py" ]] || { echo "$0: shared/conformance not found" >&2; exit 2; }
shared="$(cd "$shared" && pwd)"
check="$shared/conformance/check.py"
cases="$shared/conformance/cases"
own_cases=()
[[ -d "$repo/tests/conformance/cases" ]] && own_cases=("$repo/tests/conformance/cases")
extra="${SABLE_SOLVE_ARGS:-}"
bin="${SABLE_BIN:-${CARGO_TARGET_DIR:-$repo/target}/release/sable}"
[[ -x "$bin" ]] || { echo "$0: $bin not built (cargo build --release)" >&2; exit 2; }
list="$repo/tests/conformance/known-failures-$mode.txt"

q() { printf '%q' "$1"; }
case "$mode" in
    sable) cmd="$(q "$bin") {args} $extra {file}" ;;
    ground) cmd="$(q "$bin") ground {gargs} {file} | python3 $(q "$check") --as-clingo --mode=clasp {sargs} $extra" ;;
    solve) cmd="python3 -m clingo --mode=gringo {gargs} {file} | $(q "$bin") solve {sargs} $extra" ;;
esac

write=false
reason="new failure"
if [[ "${1:-}" == --write-known-failures ]]; then
    write=true
    shift
    if [[ $# -gt 0 && ("$1" == - || "$1" != -*) ]]; then
        reason="$1"
        shift
    fi
fi

if ! $write; then
    known=()
    [[ -f "$list" ]] && known=(--known-failures "$list")
    exec python3 "$check" --cmd "$cmd" "${known[@]}" "$@" "$cases" "${own_cases[@]}"
fi

out="$(mktemp)"
trap 'rm -f "$out"' EXIT
python3 "$check" --cmd "$cmd" "$@" "$cases" "${own_cases[@]}" | tee "$out"
if ! grep -Eq '^[0-9]+ passed, [0-9]+ failed' "$out"; then
    echo "$0: the harness did not finish; $list left as it was" >&2
    exit 2
fi
python3 - "$list" "$out" "$mode" "$reason" "$cases" <<'PY'
import os, re, sys
list_path, out_path, mode, reason, cases = sys.argv[1:]
old = {}
if os.path.exists(list_path):
    for line in open(list_path):
        path, _, why = line.partition("#")
        if path.strip():
            old[path.strip()] = why.strip()
failing = {}
for line in open(out_path):
    m = re.match(r"FAIL (\S+): (.*)", line)
    if m:
        failing[m.group(1)] = " ".join(m.group(2).split())[:100]
# Cases the run skipped (slow ones, with --skip-slow) keep their entries.
slow = set()
if "slow case(s) skipped" in open(out_path).read():
    import json
    for root, _, files in os.walk(cases):
        for f in files:
            if f.endswith(".expect"):
                try:
                    exp = json.load(open(os.path.join(root, f)))
                except ValueError:
                    continue
                if exp.get("slow"):
                    slow.add(os.path.relpath(os.path.join(root, f[:-7] + ".lp"), cases))
# REASON '-' takes the harness's own message for each new entry.
entries = {p: old.get(p) or (msg if reason == "-" else reason) for p, msg in failing.items()}
for p, why in old.items():
    if p in slow and p not in entries:
        entries[p] = why
with open(list_path, "w") as f:
    f.write("# Conformance cases sable fails in mode '%s' (tests/conformance/run.sh %s).\n"
            % (mode, mode))
    f.write("# A listed case that passes fails the run: delete its line. To regenerate:\n")
    f.write("#   tests/conformance/run.sh %s --write-known-failures \"REASON\" --skip-slow --jobs 2\n"
            % mode)
    for p in sorted(entries):
        f.write("%s  # %s\n" % (p, entries[p]))
print("wrote %d entries to %s" % (len(entries), list_path))
PY
