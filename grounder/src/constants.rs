//! The program's constants: `-c name=value` and `#const` definitions, which definition
//! holds, and the definitions gringo rejects (redefinitions, cycles).
//!
//! A constant's value is substituted where its name is used as a term (never as an
//! atom: `#const a=b. a.` keeps the atom `a`), when the rules are rewritten
//! (`rewrite/terms.rs`). Inside its own definition a name stands for itself
//! (`#const n=n*n.` makes `n` the operation `n*n` over the symbol `n`); a cycle through
//! two or more definitions is an error.

use crate::ast::{Span, Stmt, Term};
use crate::diag::Source;
use rustc_hash::FxHashMap;

/// One constant's value and where it is written.
#[derive(Clone, Debug)]
pub struct Constant {
    /// The value, as written (other constants in it are substituted on use).
    pub value: Term,
    /// The input the definition is in; `None` for `-c` (its operations have no place
    /// in a source).
    pub file: Option<usize>,
}

/// The constants by name.
pub type Constants = FxHashMap<String, Constant>;

/// Where a definition is written, for messages: a source and a span, or a `-c` value.
#[derive(Clone, Copy)]
enum Place {
    Source(usize, Span),
    /// The index of the `-c` value.
    CommandLine(usize),
}

/// A definition that holds, in the order it was met.
struct Definition {
    name: String,
    value: Term,
    /// `[override]`, or given by `-c` (which overrides).
    overrides: bool,
    place: Place,
}

/// The constants of a program: `-c` values (parsed here; a value that does not parse
/// adds its messages to `errors`) and the `#const` statements of `stmts`. As in gringo,
/// an `[override]` definition (or `-c`) wins over a `[default]` one, two definitions of
/// the same kind are a redefinition, and a cycle of definitions is an error; both add
/// their messages to `errors`.
pub fn collect<'a>(
    cmdline: &[(String, String)],
    stmts: impl Iterator<Item = (usize, &'a Stmt)>,
    sources: &[Source],
    errors: &mut Vec<String>,
) -> Constants {
    let mut given = Vec::new();
    for (i, (name, text)) in cmdline.iter().enumerate() {
        let src = Source::new("<cmd>".into(), text.clone());
        match crate::parse::parse_term(&src) {
            Ok(value) => given.push(Definition {
                name: name.clone(),
                value,
                overrides: true,
                place: Place::CommandLine(i),
            }),
            Err(mut e) => errors.append(&mut e),
        }
    }
    let written = stmts.filter_map(|(file, st)| match st {
        Stmt::Const(name, value, overrides, span) => Some(Definition {
            name: name.clone(),
            value: value.clone(),
            overrides: *overrides,
            place: Place::Source(file, *span),
        }),
        _ => None,
    });
    let mut defs: Vec<Definition> = Vec::new();
    for new in given.into_iter().chain(written) {
        match defs.iter().position(|d| d.name == new.name) {
            None => defs.push(new),
            Some(i) if defs[i].overrides == new.overrides => {
                errors.push(redefinition(&new, &defs[i], cmdline, sources));
            }
            Some(i) if new.overrides => defs[i] = new,
            Some(_) => {}
        }
    }
    for cycle in cycles(&defs) {
        errors.push(cycle_message(&defs, &cycle, cmdline, sources));
    }
    defs.into_iter()
        .map(|d| {
            let file = match d.place {
                Place::Source(file, _) => Some(file),
                Place::CommandLine(_) => None,
            };
            (
                d.name,
                Constant {
                    value: d.value,
                    file,
                },
            )
        })
        .collect()
}

/// gringo's text of a definition: `#const name=value.`
fn statement(d: &Definition) -> String {
    format!("#const {}={}.", d.name, d.value)
}

/// `FILE:L:C-C: kind: message` at a definition; a `-c` value is placed as gringo does,
/// at `<name=value>:1:1-N`.
fn located(
    d: &Definition,
    kind: &str,
    message: &str,
    cmdline: &[(String, String)],
    sources: &[Source],
) -> String {
    match d.place {
        Place::Source(file, span) => sources[file].message(span, kind, message),
        Place::CommandLine(i) => {
            let (name, value) = &cmdline[i];
            let text = format!("{name}={value}");
            format!("<{text}>:1:1-{}: {kind}: {message}", text.len() + 1)
        }
    }
}

/// A second definition of the same kind as the one that holds.
fn redefinition(
    new: &Definition,
    old: &Definition,
    cmdline: &[(String, String)],
    sources: &[Source],
) -> String {
    let mut msg = located(new, "error", "redefinition of constant:", cmdline, sources);
    msg.push_str("\n  ");
    msg.push_str(&statement(new));
    msg.push('\n');
    msg.push_str(&located(
        old,
        "note",
        "constant also defined here",
        cmdline,
        sources,
    ));
    msg
}

/// The error for one cycle (definition indexes, in definition order): at its first
/// definition, with a note at each other one (last defined first, as gringo lists them).
fn cycle_message(
    defs: &[Definition],
    cycle: &[usize],
    cmdline: &[(String, String)],
    sources: &[Source],
) -> String {
    let first = &defs[cycle[0]];
    let mut msg = located(
        first,
        "error",
        "cyclic constant definition:",
        cmdline,
        sources,
    );
    msg.push_str("\n  ");
    msg.push_str(&statement(first));
    for &i in cycle[1..].iter().rev() {
        msg.push('\n');
        msg.push_str(&located(
            &defs[i],
            "note",
            "cycle involves definition:",
            cmdline,
            sources,
        ));
        msg.push_str("\n  ");
        msg.push_str(&statement(&defs[i]));
    }
    msg
}

/// The names of constants a value refers to (zero-arity functions), each once.
fn references(t: &Term, out: &mut Vec<String>) {
    match t {
        Term::Fun(name, args) if args.is_empty() => {
            if !name.is_empty() && !out.contains(name) {
                out.push(name.clone());
            }
        }
        Term::Fun(_, args) | Term::Pool(args) => args.iter().for_each(|a| references(a, out)),
        Term::Unary(_, x, _) => references(x, out),
        Term::Binary(_, l, r, _) | Term::Interval(l, r) => {
            references(l, out);
            references(r, out);
        }
        Term::Int(_) | Term::Str(_) | Term::Inf | Term::Sup | Term::Var(..) | Term::Anon(_) => {}
    }
}

/// The cycles among the definitions: the strongly connected components of two or more
/// definitions of the graph "value refers to constant" (a definition referring to its
/// own name is no cycle: there the name is a symbol). Each component's indexes are in
/// definition order; the components in the order of their first definition.
fn cycles(defs: &[Definition]) -> Vec<Vec<usize>> {
    let index: FxHashMap<&str, usize> = defs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.name.as_str(), i))
        .collect();
    let edges: Vec<Vec<usize>> = defs
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let mut names = Vec::new();
            references(&d.value, &mut names);
            names
                .iter()
                .filter_map(|n| index.get(n.as_str()).copied())
                .filter(|&j| j != i)
                .collect()
        })
        .collect();
    let mut found: Vec<Vec<usize>> = strongly_connected(&edges)
        .into_iter()
        .filter(|c| c.len() > 1)
        .map(|mut c| {
            c.sort_unstable();
            c
        })
        .collect();
    found.sort_unstable_by_key(|c| c[0]);
    found
}

/// Tarjan's strongly connected components of a graph given by its adjacency lists,
/// without recursion (a chain of many constants must not exhaust the stack).
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let mut order = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut components = Vec::new();
    let mut counter = 0;
    for root in 0..n {
        if order[root] != UNSEEN {
            continue;
        }
        // The depth-first path: a node and the position of its next edge.
        let mut path = vec![(root, 0)];
        order[root] = counter;
        low[root] = counter;
        counter += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut next)) = path.last_mut() {
            if let Some(&w) = edges[v].get(*next) {
                *next += 1;
                if order[w] == UNSEEN {
                    order[w] = counter;
                    low[w] = counter;
                    counter += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    path.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(order[w]);
                }
                continue;
            }
            path.pop();
            if let Some(&(parent, _)) = path.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == order[v] {
                let mut component = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                components.push(component);
            }
        }
    }
    components
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The messages `collect` gives for `text` with the `-c` values `cmdline`.
    fn errors_of(text: &str, cmdline: &[(&str, &str)]) -> Vec<String> {
        let source = Source::new("t.lp".into(), text.into());
        let stmts: Vec<(usize, Stmt)> = crate::parse::parse(&source)
            .expect("the test program parses")
            .into_iter()
            .map(|s| (0, s))
            .collect();
        let cmdline: Vec<(String, String)> = cmdline
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        let mut errors = Vec::new();
        collect(
            &cmdline,
            stmts.iter().map(|(f, st)| (*f, st)),
            &[source],
            &mut errors,
        );
        errors
    }

    #[test]
    fn self_reference_is_no_cycle() {
        assert!(errors_of("#const n=n*n*2. #const m=n.", &[]).is_empty());
    }

    #[test]
    fn two_definitions_in_a_cycle_are_named_as_gringo_does() {
        assert_eq!(
            errors_of("#const a=b.\n#const b=f(a).\n", &[]),
            vec![
                "t.lp:1:1-12: error: cyclic constant definition:\n  #const a=b.\n\
                  t.lp:2:1-15: note: cycle involves definition:\n  #const b=f(a)."
            ]
        );
    }

    #[test]
    fn a_three_cycle_notes_the_later_definitions_last_first() {
        let errors = errors_of("#const a=b.\n#const b=c.\n#const c=a.\n", &[]);
        assert_eq!(errors.len(), 1);
        let lines: Vec<&str> = errors[0].lines().collect();
        assert!(lines[0].starts_with("t.lp:1:1-12: error: cyclic"));
        assert!(lines[2].starts_with("t.lp:3:1-12: note:"));
        assert!(lines[4].starts_with("t.lp:2:1-12: note:"));
    }

    #[test]
    fn overriding_breaks_a_cycle() {
        assert!(errors_of("#const a=b. #const b=a.", &[("a", "1")]).is_empty());
    }

    #[test]
    fn override_wins_and_equal_kinds_clash() {
        assert!(errors_of("#const a=1. #const a=2. [override]", &[]).is_empty());
        assert!(errors_of("#const a=1. [override] #const a=2.", &[]).is_empty());
        let clash = errors_of("#const a=1. #const a=1.", &[]);
        assert_eq!(
            clash,
            vec![
                "t.lp:1:13-24: error: redefinition of constant:\n  #const a=1.\n\
                  t.lp:1:1-12: note: constant also defined here"
            ]
        );
        let cmd = errors_of("#const a=1. [override]", &[("a", "5")]);
        assert_eq!(cmd.len(), 1);
        assert!(cmd[0].ends_with("<a=5>:1:1-4: note: constant also defined here"));
    }
}
