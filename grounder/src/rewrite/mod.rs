//! From the AST to normalised rules ([`crate::program`]), in three steps per statement:
//!
//! 1. `unpool.rs`, a pass over the AST: pools expanded (each alternative of the body
//!    with each alternative of the head) and negated comparison chains split. Pools are
//!    left only in the atoms of a disjunctive head (a pooled disjunct is a conjunction,
//!    expanded in `heads.rs`) and in theory atoms (an error when converted).
//! 2. The conversion of one pool-free rule into [`Rule`] form, one walk whose parts live
//!    by concept: `terms.rs` (constants substituted, ground arithmetic folded, intervals
//!    as [`Lit::Range`] literals over fresh variables), `literals.rs` (comparison chains,
//!    conditions, conditional literals, bodies), `projection.rs` (`_` projected away),
//!    `aggregates.rs` (guards in `agg op term` form, elements), `heads.rs`,
//!    `theory_atoms.rs` (checked against their `#theory` definitions).
//! 3. [`crate::safety::check_rule`]: local and global variables told apart, safety
//!    checked and each join order fixed. A rule leaves this module only once it is safe.
//!
//! This module is the driver: [`Rewriter::statement`] takes every directive kind through
//! the same steps (`Rewriter::rules`) and turns what fails into gringo's messages.

mod aggregates;
mod heads;
mod literals;
mod projection;
mod terms;
mod theory_atoms;
mod unpool;

use crate::ast::{BodyElem, Span, Stmt, Term, UnOp};
use crate::constants::Constants;
use crate::diag::Source;
use crate::program::{Head, Lit, PredId, Rule};
use crate::safety;
use crate::symbol::Symbols;
use crate::term::{Site, Var, NO_SITE};
use crate::theory::Theories;
use rustc_hash::{FxHashMap, FxHashSet};

/// The predicate table moved to [`crate::program`]; this path stays for its users.
pub use crate::program::PredTable;
pub use projection::WILDCARD;
pub use unpool::unpool_term;

/// Converts statements of one source into rules.
pub struct Rewriter<'a> {
    /// Symbols.
    pub syms: &'a mut Symbols,
    /// Predicates.
    pub preds: &'a mut PredTable,
    /// Constants (`#const` and `-c`), the definitions that hold.
    pub consts: &'a Constants,
    /// Where each arithmetic operation of the rules is written: file, span and the
    /// operation as gringo prints it (indexed by [`crate::term::Site`]).
    pub sites: Vec<(usize, Span, String)>,
    /// Names of the projection predicates made so far.
    pub projected: FxHashSet<String>,
    /// Rules defining projection predicates, still to be converted.
    pub pending: Vec<Stmt>,
    /// Projection predicates (never shown).
    pub hidden: FxHashSet<PredId>,
    /// Converting the rule of a projection predicate (its body is not projected again).
    pub defining: bool,
    /// The `#theory` definitions of the program.
    pub theories: &'a Theories,
}

/// The conversion of one rule: its variables and the first error found.
struct Conv<'r, 'a> {
    rw: &'r mut Rewriter<'a>,
    vars: FxHashMap<String, Var>,
    spans: Vec<(String, Span)>,
    error: Option<String>,
    /// Where the error is, when more precise than the statement.
    error_span: Option<Span>,
    /// A note shown after the error, at the same place.
    error_note: Option<String>,
    /// Converting a condition: `_` in positive atoms is projected away (a wildcard).
    project: bool,
    /// The input the operations being converted are written in: the rule's, or a
    /// constant's definition while its value is substituted (`None`: a `-c` value).
    file: Option<usize>,
    /// The constants whose values are being substituted, innermost last.
    expanding: Vec<String>,
}

impl Conv<'_, '_> {
    /// The variable called `name` (numbered at its first occurrence).
    fn var(&mut self, name: &str, span: Span) -> Var {
        if let Some(&v) = self.vars.get(name) {
            return v;
        }
        let v = self.spans.len() as Var;
        self.spans.push((name.to_string(), span));
        self.vars.insert(name.to_string(), v);
        v
    }

    /// A variable of its own (an anonymous variable or an interval's value).
    fn fresh(&mut self, span: Span) -> Var {
        let v = self.spans.len() as Var;
        self.spans.push(("_".to_string(), span));
        v
    }

    /// A site for the operation `t` written at `span`.
    fn site(&mut self, t: &Term, span: Span) -> Site {
        let Some(file) = self.file.filter(|_| span != Span::default()) else {
            return NO_SITE;
        };
        let sites = &mut self.rw.sites;
        sites.push((file, span, t.to_string()));
        (sites.len() - 1) as Site
    }

    /// Records an error at `span` (the first one wins).
    fn fail(&mut self, span: Span, message: String) {
        if self.error.is_none() {
            self.error = Some(message);
            self.error_span = Some(span);
        }
    }
}

/// The statement being converted: where it is written, and where its rules and error
/// messages go.
struct Target<'s> {
    file: usize,
    source: &'s Source,
    span: Span,
    rules: &'s mut Vec<Rule>,
    errors: Vec<String>,
}

impl<'a> Rewriter<'a> {
    /// A rewriter numbering into `syms` and `preds`, with the program's constants and
    /// theory definitions.
    pub fn new(
        syms: &'a mut Symbols,
        preds: &'a mut PredTable,
        consts: &'a Constants,
        theories: &'a Theories,
    ) -> Self {
        Rewriter {
            syms,
            preds,
            consts,
            sites: Vec::new(),
            projected: FxHashSet::default(),
            pending: Vec::new(),
            hidden: FxHashSet::default(),
            defining: false,
            theories,
        }
    }
}

impl Rewriter<'_> {
    /// Converts one statement into rules; errors are formatted messages.
    pub fn statement(
        &mut self,
        stmt: &Stmt,
        file: usize,
        source: &Source,
        out: &mut Vec<Rule>,
    ) -> Result<(), Vec<String>> {
        let span = match stmt {
            Stmt::Rule(_, _, span)
            | Stmt::Optimize(_, _, span)
            | Stmt::ShowTerm(_, _, span)
            | Stmt::External(_, _, _, span)
            | Stmt::Project(_, _, span)
            | Stmt::Heuristic(.., span)
            | Stmt::Edge(_, _, span) => *span,
            _ => return Ok(()),
        };
        let mut at = Target {
            file,
            source,
            span,
            rules: out,
            errors: Vec::new(),
        };
        match stmt {
            Stmt::Rule(crate::ast::Head::Theory(atom), body, _)
                if !body.is_empty() && theory_atoms::is_directive(self.theories, atom) =>
            {
                at.errors.push(source.error(
                    atom.span,
                    &format!(
                        "theory directive used with body:\n  {}/{}",
                        atom.name,
                        atom.args.len()
                    ),
                ));
            }
            Stmt::Rule(head, body, _) => {
                let heads = unpool::head_alternatives(head);
                self.rules(&mut at, body, &heads, |c, head, extra| c.head(head, extra));
            }
            Stmt::Optimize(elems, maximize, _) => {
                for e in elems {
                    let weight = if *maximize {
                        Term::Unary(UnOp::Neg, Box::new(e.weight.clone()), Span::default())
                    } else {
                        e.weight.clone()
                    };
                    let prio = e.priority.clone().unwrap_or(Term::Int(0));
                    self.rules(&mut at, &e.cond, &[()], |c, _, extra| {
                        let weight = c.term(&weight, extra);
                        let priority = c.term(&prio, extra);
                        let terms = e.terms.iter().map(|t| c.term(t, extra)).collect();
                        Some(Head::Minimize {
                            weight,
                            priority,
                            terms,
                        })
                    });
                }
            }
            Stmt::ShowTerm(t, body, _) => {
                self.rules(&mut at, body, &unpool_term(t), |c, t, extra| {
                    Some(Head::Show(c.term(t, extra)))
                });
            }
            Stmt::External(t, body, value, _) => {
                self.rules(&mut at, body, &unpool_term(t), |c, t, extra| {
                    let (p, args) = c.atom(t, extra)?;
                    let v = value.as_ref().map(|v| c.term(v, extra));
                    Some(Head::External(p, args, v))
                });
            }
            Stmt::Project(t, body, _) => {
                self.rules(&mut at, body, &unpool_term(t), |c, t, extra| {
                    let (p, args) = c.atom(t, extra)?;
                    extra.push(domain_literal(p, &args));
                    Some(Head::Project(p, args))
                });
            }
            Stmt::Heuristic(t, body, value, prio, modifier, _) => {
                self.rules(&mut at, body, &unpool_term(t), |c, t, extra| {
                    let (pred, args) = c.atom(t, extra)?;
                    extra.push(domain_literal(pred, &args));
                    let value = c.term(value, extra);
                    let priority = c.term(prio.as_ref().unwrap_or(&Term::Int(0)), extra);
                    let modifier = c.term(modifier, extra);
                    Some(Head::Heuristic {
                        pred,
                        args,
                        value,
                        priority,
                        modifier,
                    })
                });
            }
            Stmt::Edge(t, body, _) => {
                self.rules(&mut at, body, &unpool_term(t), |c, t, extra| match t {
                    Term::Fun(n, args) if n.is_empty() && args.len() == 2 => {
                        let u = c.term(&args[0], extra);
                        let v = c.term(&args[1], extra);
                        Some(Head::Edge(u, v))
                    }
                    _ => {
                        c.error = Some("#edge expects a pair (u,v)".into());
                        None
                    }
                });
            }
            _ => {}
        }
        if at.errors.is_empty() {
            Ok(())
        } else {
            Err(at.errors)
        }
    }

    /// One rule per pool-free alternative of the body and of the head (`heads`); `head`
    /// converts a head alternative (range literals it needs go to its `extra`).
    fn rules<H>(
        &mut self,
        at: &mut Target,
        body: &[BodyElem],
        heads: &[H],
        mut head: impl FnMut(&mut Conv, &H, &mut Vec<Lit>) -> Option<Head>,
    ) {
        unpool::for_each_alternative(body, heads, |body, alternative| {
            self.rule(at, body, |c, extra| head(c, alternative, extra));
        });
    }

    /// Converts one pool-free rule and checks its safety.
    fn rule(
        &mut self,
        at: &mut Target,
        body: &[BodyElem],
        head: impl FnOnce(&mut Conv, &mut Vec<Lit>) -> Option<Head>,
    ) {
        let mut conv = Conv {
            rw: self,
            vars: FxHashMap::default(),
            spans: Vec::new(),
            error: None,
            error_span: None,
            error_note: None,
            project: false,
            file: Some(at.file),
            expanding: Vec::new(),
        };
        let mut body = conv.body(body);
        let mut extra = Vec::new();
        let head = head(&mut conv, &mut extra);
        body.lits.extend(extra);
        if let Some(e) = conv.error.take() {
            let place = conv.error_span.unwrap_or(at.span);
            let mut msg = at.source.error(place, &e);
            if let Some(note) = conv.error_note.take() {
                msg.push('\n');
                msg.push_str(&at.source.message(place, "note", &note));
            }
            at.errors.push(msg);
            return;
        }
        let Some(mut head) = head else {
            at.errors.push(at.source.error(at.span, "invalid head"));
            return;
        };
        let nvars = conv.spans.len();
        let spans = std::mem::take(&mut conv.spans);
        match safety::check_rule(&mut head, &mut body, nvars) {
            Ok(()) => at.rules.push(Rule {
                head,
                body,
                nvars,
                var_names: spans.into_iter().map(|(name, _)| name).collect(),
                file: at.file,
                span: at.span,
            }),
            Err(vars) => at.errors.push(unsafe_message(at, &spans, &vars)),
        }
    }
}

/// The atom of a `#project` or `#heuristic` statement as a body literal: as in gringo,
/// the statement ranges over the atoms it names (`#project p(X).` binds `X` over `p`).
/// The instantiator leaves this literal out of the statement's condition.
fn domain_literal(pred: PredId, args: &[crate::term::GTerm]) -> Lit {
    Lit::Atom {
        sign: 0,
        pred,
        args: args.to_vec(),
    }
}

/// gringo's message for unsafe `vars` (named by `spans`), each variable noted once;
/// the fresh variables of intervals have no place and are left out.
fn unsafe_message(at: &Target, spans: &[(String, Span)], vars: &[Var]) -> String {
    let mut msg = at.source.error(at.span, "unsafe variables in:");
    msg.push_str("\n  ");
    msg.push_str(&at.source.excerpt(at.span));
    let mut seen = Vec::new();
    for &v in vars {
        let (name, vspan) = &spans[v as usize];
        if name == "_" && vspan.start == vspan.end {
            continue;
        }
        if seen.contains(name) {
            continue;
        }
        seen.push(name.clone());
        msg.push('\n');
        msg.push_str(
            &at.source
                .message(*vspan, "note", &format!("'{name}' is unsafe")),
        );
    }
    msg
}

#[cfg(test)]
pub(crate) mod tests;
