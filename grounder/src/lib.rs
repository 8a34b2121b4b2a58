//! sable's gringo-compatible grounder: program text to a ground program.
//!
//! The pipeline, one type per stage:
//! - [`lexer`] (logos) turns text into [`lexer::Token`]s; the LALRPOP grammar
//!   (`grammar.lalrpop`, behind [`parse::parse`], which never panics) builds the
//!   [`ast`] with byte [`ast::Span`]s; [`diag`] turns spans into gringo's `FILE:L:C-C`.
//! - [`rewrite`] normalises statements into [`program::Rule`]s: constants substituted,
//!   pools expanded, intervals as range literals, aggregate guards normalised; [`safety`]
//!   checks safety and fixes every join order (unsafe rules never reach instantiation).
//! - [`instantiate::Grounder`] grounds the rules component by component of the predicate
//!   dependency graph (semi-naive inside recursive components, hash indexes on bound
//!   arguments) over interned [`symbol::Sym`]s, evaluating facts away, and translates
//!   aggregates and conditional literals into aspif rules, weight bodies and helpers.
//! - The finished [`instantiate::GroundProgram`] goes to an [`aspif::StatementSink`]
//!   ([`ground`]) or is printed as sorted text ([`ground_text`], [`output`]).
#![deny(missing_docs)]

pub mod ast;
mod chunks;
mod compact;
pub mod constants;
pub mod diag;
pub mod instantiate;
pub mod lexer;
pub mod output;
pub mod parse;
mod parse_util;
pub mod program;
pub mod progress;
pub mod rewrite;
pub mod safety;
pub mod source_text;
pub mod symbol;
pub mod term;
pub mod theory;
mod undefined;

use aspif::StatementSink;
use std::fmt;

/// One input: its name (as shown in messages) and its text.
#[derive(Clone, Debug)]
pub struct Input {
    /// The file name, or `<stdin>`.
    pub name: String,
    /// The program text.
    pub text: String,
}

/// Grounding settings.
#[derive(Clone, Debug, Default)]
pub struct GroundOptions {
    /// `-c name=value`, overriding `#const`.
    pub consts: Vec<(String, String)>,
    /// `-W` switches in order (`none`, `all`, `no-atom-undefined`, `atom-undefined`, ...).
    pub warn: Vec<String>,
}

impl GroundOptions {
    /// Whether the info or warning `name` (as `-W` spells it) is enabled.
    pub fn warns(&self, name: &str) -> bool {
        let mut on = true;
        for w in &self.warn {
            for w in w.split(',') {
                match w.trim() {
                    "none" => on = false,
                    "all" => on = true,
                    x if x == name => on = true,
                    x if x.strip_prefix("no-") == Some(name) => on = false,
                    _ => {}
                }
            }
        }
        on
    }
}

/// Grounding failed: the messages (already formatted `file:line:col-col: error: ...`).
#[derive(Clone, Debug)]
pub struct GroundError {
    /// Every message, in order.
    pub messages: Vec<String>,
}

impl fmt::Display for GroundError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for m in &self.messages {
            writeln!(f, "{m}")?;
        }
        Ok(())
    }
}

impl std::error::Error for GroundError {}

/// A ground program with what its text form needs besides the statements.
struct Grounded {
    program: instantiate::GroundProgram,
    /// The `#theory` definitions as written (the text form repeats them, so that its
    /// theory atoms can be parsed again).
    theory_defs: Vec<String>,
}

/// The parsed program: its sources (the inputs and the files they include, in the order
/// read) and the statements of its `base` parts, by the index of their source (one list
/// per source: a fact file's statements are never copied into a second list).
struct Parsed {
    sources: Vec<diag::Source>,
    files: Vec<(usize, Vec<ast::Stmt>)>,
}

impl Parsed {
    /// Every statement with the index of its source, in order.
    fn stmts(&self) -> impl Iterator<Item = (usize, &ast::Stmt)> {
        self.files
            .iter()
            .flat_map(|(file, list)| list.iter().map(move |st| (*file, st)))
    }
}

/// The normalised program and what the rewriting found besides the rules.
struct Normalised {
    syms: symbol::Symbols,
    preds: rewrite::PredTable,
    rules: Vec<program::Rule>,
    /// What `#show` and `#project` directives say.
    show: instantiate::Show,
    /// The operations whose result may be undefined: file, span and text, by site.
    sites: Vec<(usize, ast::Span, String)>,
}

/// The pipeline of ARCHITECTURE.md: sources read and parsed (with their `#include`s),
/// constants collected, rewritten into normalised rules, instantiated, simplified, and
/// the shown atoms' outputs added.
fn ground_program(
    inputs: &[Input],
    opts: &GroundOptions,
    warnings: &mut Vec<String>,
) -> Result<Grounded, GroundError> {
    let mut parsed = read_and_parse(inputs)?;
    let mut errors = Vec::new();
    let consts = constants::collect(&opts.consts, parsed.stmts(), &parsed.sources, &mut errors);
    if !errors.is_empty() {
        return Err(GroundError { messages: errors });
    }
    if opts.warns("atom-undefined") {
        warnings.extend(undefined::infos(parsed.stmts(), &parsed.sources));
    }
    let (theories, theory_defs) = theory_definitions(&parsed);
    // The statements are consumed: each is freed once rewritten.
    let files = std::mem::take(&mut parsed.files);
    let mut normalised = rewrite(files, &parsed.sources, &consts, &theories, &mut errors);
    if !errors.is_empty() {
        return Err(GroundError { messages: errors });
    }
    let rules = std::mem::take(&mut normalised.rules);
    let mut grounder = instantiate::Grounder::new(normalised.syms, normalised.preds);
    // The sources name the rule being instantiated if memory runs out (progress.rs).
    progress::enter(std::mem::take(&mut parsed.sources));
    grounder.instantiate(&rules);
    parsed.sources = progress::leave();
    // The ground program is complete: the rules are no longer needed.
    drop(rules);
    grounder.finish();
    grounder.simplify();
    if opts.warns("operation-undefined") {
        warnings.extend(undefined_operations(
            grounder.undefined_sites(),
            &normalised.sites,
            &parsed.sources,
        ));
    }
    if grounder.overflowed() {
        return Err(GroundError {
            messages: vec![overflow_error(
                grounder.undefined_sites(),
                &normalised.sites,
                &parsed.sources,
            )],
        });
    }
    Ok(Grounded {
        program: grounder.into_program(&normalised.show),
        theory_defs,
    })
}

/// Reads and parses the inputs and, depth first, the files their `base` parts
/// `#include` (each file once), keeping the statements of `base` parts and the global
/// ones of the others.
fn read_and_parse(inputs: &[Input]) -> Result<Parsed, GroundError> {
    let mut sources: Vec<diag::Source> = Vec::new();
    let mut files: Vec<(usize, Vec<ast::Stmt>)> = Vec::new();
    let mut errors = Vec::new();
    let mut queue: Vec<diag::Source> = inputs
        .iter()
        .map(|i| diag::Source::new(i.name.clone(), i.text.clone()))
        .collect();
    queue.reverse();
    let mut seen = std::collections::HashSet::new();
    while let Some(src) = queue.pop() {
        let file = sources.len();
        match chunks::parse(&src) {
            Ok(pieces) => {
                let mut base = true;
                for mut list in pieces {
                    list.retain(|st| match st {
                        ast::Stmt::Program(name, _, _) => {
                            base = name == "base";
                            false
                        }
                        ast::Stmt::Include(path, span) if base => {
                            let full = include_path(&src, path);
                            let key = std::fs::canonicalize(&full).unwrap_or(full.clone());
                            if !seen.insert(key) {
                                return false;
                            }
                            match std::fs::read(&full) {
                                Ok(bytes) => queue.push(diag::Source::new(
                                    full.to_string_lossy().into_owned(),
                                    source_text::decode(bytes),
                                )),
                                Err(_) => {
                                    errors.push(src.error(
                                        *span,
                                        &format!("file could not be opened:\n  {path}"),
                                    ))
                                }
                            }
                            false
                        }
                        ast::Stmt::Include(..) => false,
                        st => base || is_global(st),
                    });
                    files.push((file, list));
                }
            }
            Err(mut e) => errors.append(&mut e),
        }
        sources.push(src);
    }
    if !errors.is_empty() {
        return Err(GroundError { messages: errors });
    }
    Ok(Parsed { sources, files })
}

/// Statements that hold whatever `#program` part they are written in, as in clingo:
/// `#show` signatures and `#show.`, `#const`, `#defined` and `#theory` definitions.
fn is_global(st: &ast::Stmt) -> bool {
    matches!(
        st,
        ast::Stmt::ShowSig(..)
            | ast::Stmt::ShowNothing(_)
            | ast::Stmt::Const(..)
            | ast::Stmt::Defined(..)
            | ast::Stmt::Theory(..)
    )
}

/// The file `#include "path"` in `src` names: relative to `src`'s directory.
fn include_path(src: &diag::Source, path: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(&src.name)
        .parent()
        .map(|d| d.to_path_buf())
        .unwrap_or_default();
    dir.join(path)
}

/// The `#theory` definitions: resolved, and as written.
fn theory_definitions(parsed: &Parsed) -> (theory::Theories, Vec<String>) {
    let mut theories = theory::Theories::default();
    let mut theory_defs = Vec::new();
    for (file, st) in parsed.stmts() {
        if let ast::Stmt::Theory(def, span) = st {
            theories.add(def);
            theory_defs.push(parsed.sources[file].text[span.start..span.end].to_string());
        }
    }
    (theories, theory_defs)
}

/// Rewrites the statements into normalised rules (errors add to `errors`); `#show` and
/// `#project` signatures are collected for the output.
fn rewrite(
    files: Vec<(usize, Vec<ast::Stmt>)>,
    sources: &[diag::Source],
    consts: &constants::Constants,
    theories: &theory::Theories,
    errors: &mut Vec<String>,
) -> Normalised {
    let mut syms = symbol::Symbols::new();
    let mut preds = rewrite::PredTable::default();
    // About one rule per statement: no doubling past what a fact file needs.
    let mut rules = Vec::with_capacity(files.iter().map(|(_, list)| list.len()).sum());
    let mut show = instantiate::Show::default();
    let mut rw = rewrite::Rewriter {
        syms: &mut syms,
        preds: &mut preds,
        consts,
        sites: Vec::new(),
        projected: Default::default(),
        pending: Vec::new(),
        hidden: Default::default(),
        defining: false,
        theories,
    };
    for (file, st) in files
        .into_iter()
        .flat_map(|(file, list)| list.into_iter().map(move |st| (file, st)))
    {
        let first_new = rules.len();
        match &st {
            ast::Stmt::ShowNothing(_) => show.nothing = true,
            ast::Stmt::ShowSig(name, arity, neg, _) => show.sigs.push((name.clone(), *arity, *neg)),
            ast::Stmt::ProjectSig(name, arity, neg, _) => {
                show.project.push((name.clone(), *arity, *neg))
            }
            _ => {
                if let Err(mut e) = rw.statement(&st, file, &sources[file], &mut rules) {
                    errors.append(&mut e);
                }
                rw.defining = true;
                while let Some(st) = rw.pending.pop() {
                    if let Err(mut e) = rw.statement(&st, file, &sources[file], &mut rules) {
                        errors.append(&mut e);
                    }
                }
                rw.defining = false;
            }
        }
        rules[first_new..].iter_mut().for_each(compact::rule);
    }
    show.hidden = std::mem::take(&mut rw.hidden);
    let sites = std::mem::take(&mut rw.sites);
    Normalised {
        syms,
        preds,
        rules,
        show,
        sites,
    }
}

/// The error for an integer overflow while grounding: where the first operation that
/// overflowed is written, when it is known. (gringo computes on 32 bits and wraps
/// silently; sable computes on 64 and refuses to wrap.)
fn overflow_error(
    found: &[term::Site],
    sites: &[(usize, ast::Span, String)],
    sources: &[diag::Source],
) -> String {
    const WHAT: &str = "integer overflow (sable computes on 64 bits and never wraps):";
    let first = found
        .iter()
        .find(|&&s| s & term::OVERFLOWED != 0)
        .and_then(|&s| sites.get((s & !term::OVERFLOWED) as usize));
    match first {
        Some((file, span, text)) => format!("{}\n  {text}\n", sources[*file].error(*span, WHAT)),
        None => format!("error: {WHAT} in an operation sable added\n"),
    }
}

/// The infos "operation undefined" for the sites found undefined while grounding.
fn undefined_operations(
    found: &[term::Site],
    sites: &[(usize, ast::Span, String)],
    sources: &[diag::Source],
) -> Vec<String> {
    let mut infos = Vec::new();
    for &site in found.iter().filter(|&&s| s & term::OVERFLOWED == 0) {
        let Some((file, span, text)) = sites.get(site as usize) else {
            continue;
        };
        let src = &sources[*file];
        infos.push(format!(
            "{}\n  {text}\n",
            src.message(*span, "info", "operation undefined:")
        ));
    }
    infos
}

/// Grounds `inputs` into `sink`. Warnings and infos go to `warnings`.
pub fn ground(
    inputs: &[Input],
    opts: &GroundOptions,
    sink: &mut dyn StatementSink,
    warnings: &mut Vec<String>,
) -> Result<(), GroundError> {
    ground_program(inputs, opts, warnings)?.program.write(sink);
    Ok(())
}

/// Grounds `inputs` and writes the ground program as text rules for people (`--text`).
pub fn ground_text(
    inputs: &[Input],
    opts: &GroundOptions,
    out: &mut dyn std::io::Write,
    warnings: &mut Vec<String>,
) -> Result<(), GroundError> {
    let g = ground_program(inputs, opts, warnings)?;
    let text = output::text(&g.program, &g.theory_defs);
    out.write_all(text.as_bytes()).map_err(|e| GroundError {
        messages: vec![format!("error: cannot write: {e}")],
    })
}
