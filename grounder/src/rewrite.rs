//! From the AST to normalised rules: constants substituted, pools expanded, intervals
//! turned into [`Lit::Range`] literals, comparison chains split, aggregate guards put in
//! `agg op term` form, local and global variables told apart, and safety checked (which
//! also fixes each join order).

use crate::ast::{self, BodyElem, CmpOp, Span, Stmt, Term, UnOp};
use crate::diag::Source;
use crate::program::{
    Agg, AggElem, Cond, Conj, Head, HeadAtom, Lit, Pred, PredId, Rule, TheoryAtom, TheoryElem,
    TheoryTerm,
};
use crate::safety;
use crate::symbol::{SymData, Symbols};
use crate::term::{GTerm, Site, Var, NO_SITE};
use crate::theory::{self, Theories};
use rustc_hash::{FxHashMap, FxHashSet};

/// The predicates seen so far, numbered.
#[derive(Default, Debug)]
pub struct PredTable {
    /// Signatures by id.
    pub list: Vec<Pred>,
    map: FxHashMap<Pred, PredId>,
}

impl PredTable {
    /// The id of a predicate (added if new).
    pub fn id(&mut self, pred: Pred) -> PredId {
        if let Some(&id) = self.map.get(&pred) {
            return id;
        }
        let id = self.list.len() as PredId;
        self.list.push(pred.clone());
        self.map.insert(pred, id);
        id
    }

    /// The id of a predicate if it was seen.
    pub fn find(&self, pred: &Pred) -> Option<PredId> {
        self.map.get(pred).copied()
    }
}

fn cartesian<T: Clone>(lists: Vec<Vec<T>>) -> Vec<Vec<T>> {
    let mut out: Vec<Vec<T>> = vec![vec![]];
    for list in lists {
        let mut next = Vec::with_capacity(out.len() * list.len());
        for prefix in &out {
            for item in &list {
                let mut v = prefix.clone();
                v.push(item.clone());
                next.push(v);
            }
        }
        out = next;
    }
    out
}

/// All pool-free alternatives of a term.
pub fn unpool_term(t: &Term) -> Vec<Term> {
    match t {
        Term::Pool(alts) => alts.iter().flat_map(unpool_term).collect(),
        Term::Fun(name, args) => cartesian(args.iter().map(unpool_term).collect())
            .into_iter()
            .map(|a| Term::Fun(name.clone(), a))
            .collect(),
        Term::Unary(op, x, sp) => unpool_term(x)
            .into_iter()
            .map(|x| Term::Unary(*op, Box::new(x), *sp))
            .collect(),
        Term::Binary(op, l, r, sp) => {
            let mut out = Vec::new();
            for l in unpool_term(l) {
                for r in unpool_term(r) {
                    out.push(Term::Binary(*op, Box::new(l.clone()), Box::new(r), *sp));
                }
            }
            out
        }
        Term::Interval(l, r) => {
            let mut out = Vec::new();
            for l in unpool_term(l) {
                for r in unpool_term(r) {
                    out.push(Term::Interval(Box::new(l.clone()), Box::new(r)));
                }
            }
            out
        }
        other => vec![other.clone()],
    }
}

fn unpool_terms(ts: &[Term]) -> Vec<Vec<Term>> {
    cartesian(ts.iter().map(unpool_term).collect())
}

fn unpool_lit(l: &ast::Lit) -> Vec<ast::Lit> {
    match l {
        ast::Lit::Atom(s, t, sp) => unpool_term(t)
            .into_iter()
            .map(|t| ast::Lit::Atom(*s, t, *sp))
            .collect(),
        ast::Lit::Cmp(s, first, rest, sp) => {
            let mut lists = vec![unpool_term(first)];
            lists.extend(rest.iter().map(|(_, t)| unpool_term(t)));
            cartesian(lists)
                .into_iter()
                .map(|ts| {
                    let mut it = ts.into_iter();
                    let first = it.next().expect("first term");
                    let rest = rest.iter().map(|(op, _)| *op).zip(it).collect();
                    ast::Lit::Cmp(*s, first, rest, *sp)
                })
                .collect()
        }
        other => vec![other.clone()],
    }
}

fn unpool_lits(ls: &[ast::Lit]) -> Vec<Vec<ast::Lit>> {
    cartesian(ls.iter().map(unpool_lit).collect())
}

/// Unpools a body: alternatives of the whole body (pools in plain literals multiply the
/// rule; pools inside conditions and aggregate elements multiply the elements).
fn unpool_body(body: &[BodyElem]) -> Vec<Vec<BodyElem>> {
    let mut lists: Vec<Vec<Vec<BodyElem>>> = Vec::new();
    for e in body {
        match e {
            BodyElem::Lit(l) => {
                let mut alts = Vec::new();
                for l in unpool_lit(l) {
                    alts.extend(negated_chain(l));
                }
                lists.push(alts);
            }
            BodyElem::Cond(l, cond, sp) => {
                let mut conds = Vec::new();
                for l in unpool_lit(l) {
                    for c in unpool_lits(cond) {
                        conds.push(BodyElem::Cond(l.clone(), c, *sp));
                    }
                }
                // All expansions hold together.
                for c in conds {
                    lists.push(vec![vec![c]]);
                }
            }
            BodyElem::Agg(s, f, g, elems, sp) => {
                let mut out = Vec::new();
                for e in elems {
                    for ts in unpool_terms(&e.terms) {
                        for c in unpool_lits(&e.cond) {
                            out.push(ast::BodyAggElem {
                                terms: ts.clone(),
                                cond: c,
                            });
                        }
                    }
                }
                let guards = ast::Guards {
                    left: g.left.clone(),
                    right: g.right.clone(),
                };
                let mut alts = Vec::new();
                let lefts = match &guards.left {
                    Some((t, op)) => unpool_term(t).into_iter().map(|t| Some((t, *op))).collect(),
                    None => vec![None],
                };
                let rights = match &guards.right {
                    Some((op, t)) => unpool_term(t).into_iter().map(|t| Some((*op, t))).collect(),
                    None => vec![None],
                };
                for l in &lefts {
                    for r in &rights {
                        alts.push(vec![BodyElem::Agg(
                            *s,
                            *f,
                            ast::Guards {
                                left: l.clone(),
                                right: r.clone(),
                            },
                            out.clone(),
                            *sp,
                        )]);
                    }
                }
                lists.push(alts);
            }
            BodyElem::Theory(..) => lists.push(vec![vec![e.clone()]]),
        }
    }
    cartesian(lists)
        .into_iter()
        .map(|alt| alt.into_iter().flatten().collect())
        .collect()
}

/// `not t0 < t1 < t2` holds when some comparison fails: one alternative per first
/// failing comparison (the ones before it hold). Other literals stay as they are.
fn negated_chain(l: ast::Lit) -> Vec<Vec<BodyElem>> {
    match l {
        ast::Lit::Cmp(1, first, rest, sp) if rest.len() > 1 => {
            let mut terms = vec![first];
            terms.extend(rest.iter().map(|(_, t)| t.clone()));
            (0..rest.len())
                .map(|k| {
                    let mut alt: Vec<BodyElem> = (0..k)
                        .map(|i| {
                            BodyElem::Lit(ast::Lit::Cmp(
                                0,
                                terms[i].clone(),
                                vec![(rest[i].0, terms[i + 1].clone())],
                                sp,
                            ))
                        })
                        .collect();
                    alt.push(BodyElem::Lit(ast::Lit::Cmp(
                        1,
                        terms[k].clone(),
                        vec![(rest[k].0, terms[k + 1].clone())],
                        sp,
                    )));
                    alt
                })
                .collect()
        }
        other => vec![vec![BodyElem::Lit(other)]],
    }
}

/// Converts statements of one source into rules.
pub struct Rewriter<'a> {
    /// Symbols.
    pub syms: &'a mut Symbols,
    /// Predicates.
    pub preds: &'a mut PredTable,
    /// Constants (`#const` and `-c`), already resolved to terms.
    pub consts: &'a FxHashMap<String, Term>,
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
    /// The input the rule is from.
    file: usize,
}

impl Conv<'_, '_> {
    fn var(&mut self, name: &str, span: Span) -> Var {
        if let Some(&v) = self.vars.get(name) {
            return v;
        }
        let v = self.spans.len() as Var;
        self.spans.push((name.to_string(), span));
        self.vars.insert(name.to_string(), v);
        v
    }

    /// A site for the operation `t` written at `span`.
    fn site(&mut self, t: &Term, span: Span) -> Site {
        if span == Span::default() {
            return NO_SITE;
        }
        let sites = &mut self.rw.sites;
        sites.push((self.file, span, t.to_string()));
        (sites.len() - 1) as Site
    }

    fn fresh(&mut self, span: Span) -> Var {
        let v = self.spans.len() as Var;
        self.spans.push(("_".to_string(), span));
        v
    }

    fn term(&mut self, t: &Term, extra: &mut Vec<Lit>, depth: u32) -> GTerm {
        let syms = &mut *self.rw.syms;
        match t {
            Term::Int(n) => GTerm::Sym(syms.num(*n)),
            Term::Str(s) => GTerm::Sym(syms.intern(SymData::Str(s.as_str().into()))),
            Term::Inf => GTerm::Sym(syms.intern(SymData::Inf)),
            Term::Sup => GTerm::Sym(syms.intern(SymData::Sup)),
            Term::Var(name, span) => GTerm::Var(self.var(name, *span)),
            Term::Anon(span) => GTerm::Var(self.fresh(*span)),
            Term::Fun(name, args) => {
                if args.is_empty() && depth < 64 {
                    if let Some(value) = self.rw.consts.get(name) {
                        let value = value.clone();
                        return self.term(&value, extra, depth + 1);
                    }
                }
                let name = self.rw.syms.name(name);
                let args: Vec<GTerm> = args.iter().map(|a| self.term(a, extra, depth)).collect();
                fold(self.rw.syms, GTerm::Fun(name, args, false))
            }
            Term::Unary(op, x, span) => {
                let site = self.site(t, *span);
                let x = self.term(x, extra, depth);
                fold(self.rw.syms, GTerm::Unary(*op, Box::new(x), site))
            }
            Term::Binary(op, l, r, span) => {
                let site = self.site(t, *span);
                let l = self.term(l, extra, depth);
                let r = self.term(r, extra, depth);
                fold(
                    self.rw.syms,
                    GTerm::Binary(*op, Box::new(l), Box::new(r), site),
                )
            }
            Term::Interval(l, r) => {
                let l = self.term(l, extra, depth);
                let r = self.term(r, extra, depth);
                let v = self.fresh(Span::default());
                extra.push(Lit::Range(v, l, r));
                GTerm::Var(v)
            }
            Term::Pool(_) => {
                self.error = Some("unexpected pool".into());
                GTerm::Sym(self.rw.syms.num(0))
            }
        }
    }

    fn atom(&mut self, t: &Term, extra: &mut Vec<Lit>) -> Option<(PredId, Vec<GTerm>)> {
        let (neg, inner) = match t {
            Term::Unary(UnOp::Neg, inner, _) => (true, &**inner),
            other => (false, other),
        };
        let Term::Fun(name, args) = inner else {
            self.error = Some("syntax error, unexpected term, expecting an atom".into());
            return None;
        };
        if name.is_empty() {
            self.error = Some("syntax error, a tuple is not an atom".into());
            return None;
        }
        if args.is_empty() {
            if let Some(value) = self.rw.consts.get(name) {
                let value = value.clone();
                let value = match (neg, value) {
                    (true, v) => Term::Unary(UnOp::Neg, Box::new(v), Span::default()),
                    (false, v) => v,
                };
                if !matches!(value, Term::Fun(ref n, _) if !n.is_empty() && !self.rw.consts.contains_key(n))
                    && !matches!(value, Term::Unary(UnOp::Neg, ..))
                {
                    self.error = Some("syntax error, a constant replaced by a non-atom".into());
                    return None;
                }
                return self.atom(&value, extra);
            }
        }
        let n = self.rw.syms.name(name);
        let pred = self.rw.preds.id(Pred {
            name: n,
            arity: args.len(),
            neg,
        });
        let args = args.iter().map(|a| self.term(a, extra, 0)).collect();
        Some((pred, args))
    }

    /// A literal as (possibly several) literals; range literals go to `extra`.
    fn lit(&mut self, l: &ast::Lit, extra: &mut Vec<Lit>) -> Vec<Lit> {
        match l {
            ast::Lit::Bool(sign, b) => vec![Lit::Bool(if *sign == 1 { !b } else { *b })],
            ast::Lit::Atom(0, Term::Fun(name, args), span)
                if self.project
                    && args.iter().any(|a| matches!(a, Term::Anon(_)))
                    && !args
                        .iter()
                        .any(|a| !matches!(a, Term::Anon(_)) && has_anon(a)) =>
            {
                // `p(X,_)` in a condition: the projection `#p_p_M(X) :- p(X,_)` (one rule
                // per predicate and mask `M` of anonymous positions), as gringo does, so
                // that the condition has one literal per `X`, not one per atom.
                let mask: String = args
                    .iter()
                    .map(|a| if matches!(a, Term::Anon(_)) { '1' } else { '0' })
                    .collect();
                let pname = format!("#p_{name}_{mask}");
                if self.rw.projected.insert(pname.clone()) {
                    let mut head_args = Vec::new();
                    let mut body_args = Vec::new();
                    for (i, a) in args.iter().enumerate() {
                        if matches!(a, Term::Anon(_)) {
                            body_args.push(Term::Anon(*span));
                        } else {
                            let v = Term::Var(format!("P{i}"), *span);
                            head_args.push(v.clone());
                            body_args.push(v);
                        }
                    }
                    self.rw.pending.push(Stmt::Rule(
                        ast::Head::Disj(vec![(Term::Fun(pname.clone(), head_args), vec![], *span)]),
                        vec![BodyElem::Lit(ast::Lit::Atom(
                            0,
                            Term::Fun(name.clone(), body_args),
                            *span,
                        ))],
                        *span,
                    ));
                }
                let proj_args: Vec<Term> = args
                    .iter()
                    .filter(|a| !matches!(a, Term::Anon(_)))
                    .cloned()
                    .collect();
                match self.atom(&Term::Fun(pname, proj_args), extra) {
                    Some((pred, args)) => {
                        self.rw.hidden.insert(pred);
                        vec![Lit::Atom {
                            sign: 0,
                            pred,
                            args,
                        }]
                    }
                    None => vec![],
                }
            }
            ast::Lit::Atom(sign, t, _) if *sign == 1 && has_anon(t) => {
                // `not p(X,_)`: the anonymous variable is projected away (a wildcard).
                let t = wildcard(t);
                match self.atom(&t, extra) {
                    Some((pred, args)) => vec![Lit::Atom {
                        sign: *sign,
                        pred,
                        args,
                    }],
                    None => vec![],
                }
            }
            ast::Lit::Atom(sign, t, _) => match self.atom(t, extra) {
                Some((pred, args)) => vec![Lit::Atom {
                    sign: *sign,
                    pred,
                    args,
                }],
                None => vec![],
            },
            ast::Lit::Cmp(sign, first, rest, _) => {
                let mut out = Vec::new();
                let mut left = first;
                for (op, right) in rest {
                    let op = if *sign == 1 { op.negate() } else { *op };
                    if let (CmpOp::Eq, Term::Var(name, span), Term::Interval(lo, hi)) =
                        (op, left, right)
                    {
                        let v = self.var(name, *span);
                        let lo = self.term(lo, extra, 0);
                        let hi = self.term(hi, extra, 0);
                        out.push(Lit::Range(v, lo, hi));
                    } else {
                        let l = self.term(left, extra, 0);
                        let r = self.term(right, extra, 0);
                        out.push(Lit::Cmp(op, l, r));
                    }
                    left = right;
                }
                out
            }
        }
    }

    fn conj(&mut self, lits: &[ast::Lit]) -> Conj {
        self.conj_with(lits, true)
    }

    /// A condition; with `project`, `p(X,_)` becomes a projection (one literal per
    /// value of `X`, whatever `_` matches), as gringo's `#p_p(X)` atoms.
    fn conj_with(&mut self, lits: &[ast::Lit], project: bool) -> Conj {
        let mut out = Vec::new();
        let mut extra = Vec::new();
        let saved = std::mem::replace(&mut self.project, project);
        for l in lits {
            out.extend(self.lit(l, &mut extra));
        }
        self.project = saved;
        out.extend(extra);
        Conj {
            lits: out,
            order: vec![],
        }
    }

    fn guards(&mut self, g: &ast::Guards, extra: &mut Vec<Lit>) -> Vec<(CmpOp, GTerm)> {
        let mut out = Vec::new();
        if let Some((t, op)) = &g.left {
            let t = self.term(t, extra, 0);
            out.push((op.flip(), t));
        }
        if let Some((op, t)) = &g.right {
            let t = self.term(t, extra, 0);
            out.push((*op, t));
        }
        out
    }

    fn body(&mut self, body: &[BodyElem]) -> Conj {
        let mut lits = Vec::new();
        let mut extra = Vec::new();
        for e in body {
            match e {
                BodyElem::Lit(l) => {
                    let saved = std::mem::replace(&mut self.project, !self.rw.defining);
                    lits.extend(self.lit(l, &mut extra));
                    self.project = saved;
                }
                BodyElem::Cond(l, cond, _) => {
                    let mut cextra = Vec::new();
                    let lit = self.lit(l, &mut cextra);
                    let mut c = self.conj(cond);
                    c.lits.extend(cextra);
                    if lit.len() == 1 {
                        lits.push(Lit::Cond(Box::new(Cond {
                            lit: lit.into_iter().next().expect("one literal"),
                            cond: c,
                            globals: vec![],
                        })));
                    } else {
                        self.error =
                            Some("conditional literal must be an atom or one comparison".into());
                    }
                }
                BodyElem::Agg(sign, fun, g, elems, _) => {
                    let mut guards = self.guards(g, &mut extra);
                    let mut assign = None;
                    if *sign == 0 {
                        if let Some(pos) = guards
                            .iter()
                            .position(|(op, t)| *op == CmpOp::Eq && matches!(t, GTerm::Var(_)))
                        {
                            if let (_, GTerm::Var(v)) = guards.remove(pos) {
                                assign = Some(v);
                            }
                        }
                    }
                    let elems = elems
                        .iter()
                        .map(|e| {
                            let set_elem = matches!(e.cond.first(),
                                Some(ast::Lit::Atom(_, t, _)) if e.terms.len() == 1 && *t == e.terms[0]);
                            let mut cond = self.conj_with(&e.cond, !set_elem);
                            if set_elem {
                                // `{ p(1..3) }` counts its atom: converted once, so that
                                // intervals in it bind the same variables.
                                if let Some(Lit::Atom { pred, args, .. }) = cond.lits.first() {
                                    let p = &self.rw.preds.list[*pred as usize];
                                    let tuple = vec![GTerm::Fun(p.name, args.clone(), p.neg)];
                                    return AggElem { tuple, cond };
                                }
                            }
                            let mut cextra = Vec::new();
                            let tuple = e
                                .terms
                                .iter()
                                .map(|t| self.term(t, &mut cextra, 0))
                                .collect();
                            cond.lits.extend(cextra);
                            AggElem { tuple, cond }
                        })
                        .collect();
                    lits.push(Lit::Agg(Box::new(Agg {
                        sign: *sign,
                        fun: *fun,
                        guards,
                        assign,
                        elems,
                        globals: vec![],
                    })));
                }
                BodyElem::Theory(sign, atom) => {
                    if let Some(atom) = self.theory_atom(atom, false, &mut extra) {
                        lits.push(Lit::Theory(*sign, Box::new(atom)));
                    }
                }
            }
        }
        lits.extend(extra);
        Conj {
            lits,
            order: vec![],
        }
    }
}

/// Folds ground arithmetic at rewrite time.
fn fold(syms: &mut Symbols, t: GTerm) -> GTerm {
    let ground = match &t {
        GTerm::Fun(_, args, _) => args.iter().all(GTerm::is_ground),
        GTerm::Unary(_, x, _) => x.is_ground(),
        GTerm::Binary(_, l, r, _) => l.is_ground() && r.is_ground(),
        _ => false,
    };
    if !ground {
        return t;
    }
    let mut overflow = false;
    let mut undefined = Vec::new();
    let mut ev = crate::term::Eval {
        syms,
        overflow: &mut overflow,
        undefined: &mut undefined,
    };
    let env = crate::term::Env::new(0);
    match ev.eval(&t, &env) {
        Some(s) => GTerm::Sym(s),
        None => t,
    }
}

fn lit_all_vars(l: &Lit, out: &mut Vec<Var>) {
    match l {
        Lit::Agg(a) => {
            a.guards.iter().for_each(|(_, t)| t.vars(out));
            out.extend(a.assign);
            for e in &a.elems {
                e.tuple.iter().for_each(|t| t.vars(out));
                e.cond.lits.iter().for_each(|l| lit_all_vars(l, out));
            }
        }
        Lit::Cond(c) => {
            lit_all_vars(&c.lit, out);
            c.cond.lits.iter().for_each(|l| lit_all_vars(l, out));
        }
        Lit::Theory(_, atom) => {
            atom.name.vars(out);
            if let Some((_, t)) = &atom.guard {
                t.vars(out);
            }
            theory_elem_vars(atom, out);
        }
        other => safety::lit_vars(other, out),
    }
}

fn theory_elem_vars(atom: &TheoryAtom, out: &mut Vec<Var>) {
    for e in &atom.elems {
        e.terms.iter().for_each(|t| t.vars(out));
        e.cond.lits.iter().for_each(|l| lit_all_vars(l, out));
    }
}

fn head_atom_vars(a: &HeadAtom, out: &mut Vec<Var>) {
    a.args.iter().for_each(|t| t.vars(out));
    a.tuple.iter().for_each(|t| t.vars(out));
    a.cond.lits.iter().for_each(|l| lit_all_vars(l, out));
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
        let mut errors = Vec::new();
        match stmt {
            Stmt::Rule(ast::Head::Theory(atom), body, _)
                if !body.is_empty()
                    && self
                        .theories
                        .atom(&atom.name, atom.args.len())
                        .is_some_and(|d| d.kind == ast::TheoryAtomKind::Directive) =>
            {
                errors.push(source.error(
                    atom.span,
                    &format!(
                        "theory directive used with body:\n  {}/{}",
                        atom.name,
                        atom.args.len()
                    ),
                ));
            }
            Stmt::Rule(head, body, span) => {
                for body in unpool_body(body) {
                    for head in unpool_head(head) {
                        self.rule(
                            file,
                            source,
                            *span,
                            &body,
                            |c, extra| c.head(&head, extra),
                            out,
                            &mut errors,
                        );
                    }
                }
            }
            Stmt::Optimize(elems, maximize, span) => {
                for e in elems {
                    for body in unpool_body(&e.cond) {
                        let weight = if *maximize {
                            Term::Unary(UnOp::Neg, Box::new(e.weight.clone()), Span::default())
                        } else {
                            e.weight.clone()
                        };
                        let prio = e.priority.clone().unwrap_or(Term::Int(0));
                        self.rule(
                            file,
                            source,
                            *span,
                            &body,
                            |c, extra| {
                                let weight = c.term(&weight, extra, 0);
                                let priority = c.term(&prio, extra, 0);
                                let terms = e.terms.iter().map(|t| c.term(t, extra, 0)).collect();
                                Some(Head::Minimize {
                                    weight,
                                    priority,
                                    terms,
                                })
                            },
                            out,
                            &mut errors,
                        );
                    }
                }
            }
            Stmt::ShowTerm(t, body, span) => {
                for body in unpool_body(body) {
                    for t in unpool_term(t) {
                        self.rule(
                            file,
                            source,
                            *span,
                            &body,
                            |c, extra| Some(Head::Show(c.term(&t, extra, 0))),
                            out,
                            &mut errors,
                        );
                    }
                }
            }
            Stmt::External(t, body, value, span) => {
                for body in unpool_body(body) {
                    for t in unpool_term(t) {
                        self.rule(
                            file,
                            source,
                            *span,
                            &body,
                            |c, extra| {
                                let (p, args) = c.atom(&t, extra)?;
                                let v = value.as_ref().map(|v| c.term(v, extra, 0));
                                Some(Head::External(p, args, v))
                            },
                            out,
                            &mut errors,
                        );
                    }
                }
            }
            Stmt::Project(t, body, span) => {
                for body in unpool_body(body) {
                    for t in unpool_term(t) {
                        self.rule(
                            file,
                            source,
                            *span,
                            &body,
                            |c, extra| {
                                let (p, args) = c.atom(&t, extra)?;
                                Some(Head::Project(p, args))
                            },
                            out,
                            &mut errors,
                        );
                    }
                }
            }
            Stmt::Heuristic(t, body, value, prio, modifier, span) => {
                for body in unpool_body(body) {
                    for t in unpool_term(t) {
                        self.rule(
                            file,
                            source,
                            *span,
                            &body,
                            |c, extra| {
                                let (pred, args) = c.atom(&t, extra)?;
                                let value = c.term(value, extra, 0);
                                let priority =
                                    c.term(prio.as_ref().unwrap_or(&Term::Int(0)), extra, 0);
                                let modifier = c.term(modifier, extra, 0);
                                Some(Head::Heuristic {
                                    pred,
                                    args,
                                    value,
                                    priority,
                                    modifier,
                                })
                            },
                            out,
                            &mut errors,
                        );
                    }
                }
            }
            Stmt::Edge(t, body, span) => {
                for body in unpool_body(body) {
                    for t in unpool_term(t) {
                        self.rule(
                            file,
                            source,
                            *span,
                            &body,
                            |c, extra| match &t {
                                Term::Fun(n, args) if n.is_empty() && args.len() == 2 => {
                                    let u = c.term(&args[0], extra, 0);
                                    let v = c.term(&args[1], extra, 0);
                                    Some(Head::Edge(u, v))
                                }
                                _ => {
                                    c.error = Some("#edge expects a pair (u,v)".into());
                                    None
                                }
                            },
                            out,
                            &mut errors,
                        );
                    }
                }
            }
            _ => {}
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn rule(
        &mut self,
        file: usize,
        source: &Source,
        span: Span,
        body: &[BodyElem],
        head: impl FnOnce(&mut Conv, &mut Vec<Lit>) -> Option<Head>,
        out: &mut Vec<Rule>,
        errors: &mut Vec<String>,
    ) {
        let mut conv = Conv {
            rw: self,
            vars: FxHashMap::default(),
            spans: Vec::new(),
            error: None,
            error_span: None,
            error_note: None,
            project: false,
            file,
        };
        let mut body = conv.body(body);
        let mut extra = Vec::new();
        let head = head(&mut conv, &mut extra);
        body.lits.extend(extra);
        if let Some(e) = conv.error.take() {
            let at = conv.error_span.unwrap_or(span);
            let mut msg = source.error(at, &e);
            if let Some(note) = conv.error_note.take() {
                msg.push('\n');
                msg.push_str(&source.message(at, "note", &note));
            }
            errors.push(msg);
            return;
        }
        let Some(mut head) = head else {
            errors.push(source.error(span, "invalid head"));
            return;
        };
        let nvars = conv.spans.len();
        let spans = std::mem::take(&mut conv.spans);
        match finish(&mut head, &mut body, nvars) {
            Ok(()) => out.push(Rule {
                head,
                body,
                nvars,
                file,
                span,
            }),
            Err(vars) => {
                let mut msg = source.error(span, "unsafe variables in:");
                msg.push_str("\n  ");
                msg.push_str(&source.excerpt(span));
                let mut seen = Vec::new();
                for v in vars {
                    let (name, vspan) = &spans[v as usize];
                    if name == "_" && vspan.start == vspan.end {
                        continue;
                    }
                    if seen.contains(name) {
                        continue;
                    }
                    seen.push(name.clone());
                    msg.push('\n');
                    msg.push_str(&source.message(*vspan, "note", &format!("'{name}' is unsafe")));
                }
                errors.push(msg);
            }
        }
    }
}

impl Conv<'_, '_> {
    fn head(&mut self, head: &ast::Head, extra: &mut Vec<Lit>) -> Option<Head> {
        match head {
            ast::Head::Disj(elems) => {
                let single = elems.len() == 1;
                let mut atoms = Vec::new();
                for (group, (t, cond, _)) in elems.iter().enumerate() {
                    for t in unpool_term(t) {
                        let mut cextra = Vec::new();
                        let (pred, args) = self.atom(&t, &mut cextra)?;
                        let mut cond = self.conj(cond);
                        if single && cond.lits.is_empty() {
                            extra.extend(cextra);
                        } else {
                            cond.lits.extend(cextra);
                        }
                        atoms.push(HeadAtom {
                            pred,
                            args,
                            cond,
                            tuple: vec![],
                            group: group as u32,
                        });
                    }
                }
                Some(Head::Disj(atoms))
            }
            ast::Head::Agg {
                fun, guards, elems, ..
            } => {
                let guards = self.guards(guards, extra);
                let mut atoms = Vec::new();
                for e in elems {
                    let mut cextra = Vec::new();
                    let (pred, args) = self.atom(&e.atom, &mut cextra)?;
                    let tuple = if e.terms.len() == 1 && e.terms[0] == e.atom {
                        // A choice element counts its atom (converted once: intervals in
                        // it must bind the same variables).
                        let p = &self.rw.preds.list[pred as usize];
                        vec![GTerm::Fun(p.name, args.clone(), p.neg)]
                    } else {
                        e.terms
                            .iter()
                            .map(|t| self.term(t, &mut cextra, 0))
                            .collect()
                    };
                    let mut cond = self.conj(&e.cond);
                    cond.lits.extend(cextra);
                    atoms.push(HeadAtom {
                        pred,
                        args,
                        cond,
                        tuple,
                        group: 0,
                    });
                }
                Some(Head::Agg {
                    fun: *fun,
                    guards,
                    elems: atoms,
                })
            }
            ast::Head::Theory(atom) => {
                let directive = self
                    .rw
                    .theories
                    .atom(&atom.name, atom.args.len())
                    .is_some_and(|d| d.kind == ast::TheoryAtomKind::Directive);
                let atom = self.theory_atom(atom, true, extra)?;
                Some(Head::Theory {
                    atom: Box::new(atom),
                    directive,
                })
            }
        }
    }

    /// Records an error at `span` (the first one wins).
    fn fail(&mut self, span: Span, message: String) {
        if self.error.is_none() {
            self.error = Some(message);
            self.error_span = Some(span);
        }
    }

    /// A theory atom in a head or body: its definition is checked, its operators
    /// resolved and its elements converted (each condition a conjunction of its own).
    fn theory_atom(
        &mut self,
        atom: &ast::TheoryAtom,
        in_head: bool,
        extra: &mut Vec<Lit>,
    ) -> Option<TheoryAtom> {
        use ast::TheoryAtomKind as K;
        let sig = format!("{}/{}", atom.name, atom.args.len());
        let Some(def) = self.rw.theories.atom(&atom.name, atom.args.len()).cloned() else {
            self.fail(
                atom.span,
                format!("no definition found for theory atom:\n  {sig}"),
            );
            return None;
        };
        let misplaced = match (def.kind, in_head) {
            (K::Head, false) => Some("theory head atom used in body"),
            (K::Body, true) => Some("theory body atom used in head"),
            (K::Directive, false) => Some("theory directive used in body"),
            _ => None,
        };
        if let Some(m) = misplaced {
            self.fail(atom.span, format!("{m}:\n  {sig}"));
            return None;
        }
        let name = if atom.args.is_empty() {
            let n = self.rw.syms.name(&atom.name);
            GTerm::Sym(self.rw.syms.fun(n, &[], false))
        } else {
            let n = self.rw.syms.name(&atom.name);
            let args = atom.args.iter().map(|a| self.term(a, extra, 0)).collect();
            fold(self.rw.syms, GTerm::Fun(n, args, false))
        };
        let mut elems = Vec::new();
        for e in &atom.elems {
            let mut cond = self.conj(&e.cond);
            let mut terms = Vec::new();
            for t in &e.terms {
                let t = match theory::resolve(t, &def.elem_ops) {
                    Ok(t) => t,
                    Err(op) => {
                        self.fail(
                            atom.span,
                            format!("missing definition for operator:\n  {op}"),
                        );
                        return None;
                    }
                };
                terms.push(self.theory_term(&t, &mut cond.lits));
            }
            elems.push(TheoryElem { terms, cond });
        }
        let guard = match (&atom.guard, &def.guard) {
            (None, _) => None,
            (Some((op, t)), Some((ops, term_ops))) if ops.contains(op) => {
                let t = match theory::resolve(t, term_ops) {
                    Ok(t) => t,
                    Err(op) => {
                        self.fail(
                            atom.span,
                            format!("missing definition for operator:\n  {op}"),
                        );
                        return None;
                    }
                };
                Some((op.clone(), self.theory_term(&t, extra)))
            }
            (Some((op, _)), allowed) => {
                let expected = allowed
                    .as_ref()
                    .map(|(ops, _)| ops.join(","))
                    .unwrap_or_default();
                if self.error.is_some() {
                    return None;
                }
                self.fail(atom.span, format!("unexpected operator:\n  {op}"));
                self.error_note = Some(if expected.is_empty() {
                    format!("&{} takes no guard", atom.name)
                } else {
                    format!("expected one of:\n  {expected}")
                });
                return None;
            }
        };
        Some(TheoryAtom {
            name,
            elems,
            guard,
            globals: vec![],
        })
    }

    /// A resolved theory term: ordinary leaves become [`GTerm`]s (constants substituted),
    /// never evaluated.
    fn theory_term(&mut self, t: &ast::TheoryTerm, extra: &mut Vec<Lit>) -> TheoryTerm {
        use ast::TheoryTerm as A;
        let all = |c: &mut Self, ts: &[A], extra: &mut Vec<Lit>| -> Vec<TheoryTerm> {
            ts.iter().map(|t| c.theory_term(t, extra)).collect()
        };
        match t {
            A::Int(n) => TheoryTerm::Term(self.term(&Term::Int(*n), extra, 0)),
            A::Str(s) => TheoryTerm::Term(self.term(&Term::Str(s.clone()), extra, 0)),
            A::Inf => TheoryTerm::Term(self.term(&Term::Inf, extra, 0)),
            A::Sup => TheoryTerm::Term(self.term(&Term::Sup, extra, 0)),
            A::Var(v, span) => TheoryTerm::Term(GTerm::Var(self.var(v, *span))),
            A::Fun(name, args) if args.is_empty() => {
                TheoryTerm::Term(self.term(&Term::Fun(name.clone(), vec![]), extra, 0))
            }
            A::Fun(name, args) => TheoryTerm::Fun(name.clone(), all(self, args, extra)),
            A::Tuple(ts) => TheoryTerm::Tuple(all(self, ts, extra)),
            A::Set(ts) => TheoryTerm::Set(all(self, ts, extra)),
            A::List(ts) => TheoryTerm::List(all(self, ts, extra)),
            // `resolve` leaves none.
            A::Unparsed(_) => TheoryTerm::Tuple(vec![]),
        }
    }
}

fn unpool_head(head: &ast::Head) -> Vec<ast::Head> {
    match head {
        ast::Head::Disj(elems) => {
            if elems.len() == 1 && elems[0].1.is_empty() {
                unpool_term(&elems[0].0)
                    .into_iter()
                    .map(|t| ast::Head::Disj(vec![(t, vec![], elems[0].2)]))
                    .collect()
            } else {
                // Pools in atoms stay (a pooled disjunct is a conjunction, see
                // `HeadAtom::group`); pools in conditions make more disjuncts.
                let mut out = Vec::new();
                for (t, cond, sp) in elems {
                    for c in unpool_lits(cond) {
                        out.push((t.clone(), c, *sp));
                    }
                }
                vec![ast::Head::Disj(out)]
            }
        }
        ast::Head::Agg {
            fun,
            guards,
            elems,
            choice,
        } => {
            let mut out = Vec::new();
            for e in elems {
                for a in unpool_term(&e.atom) {
                    for c in unpool_lits(&e.cond) {
                        if *choice {
                            out.push(ast::HeadAggElem {
                                terms: vec![a.clone()],
                                atom: a.clone(),
                                cond: c,
                            });
                        } else {
                            for ts in unpool_terms(&e.terms) {
                                out.push(ast::HeadAggElem {
                                    terms: ts,
                                    atom: a.clone(),
                                    cond: c.clone(),
                                });
                            }
                        }
                    }
                }
            }
            vec![ast::Head::Agg {
                fun: *fun,
                guards: guards.clone(),
                elems: out,
                choice: *choice,
            }]
        }
        ast::Head::Theory(_) => vec![head.clone()],
    }
}

/// Sorts out global variables and join orders; `Err` holds unsafe variables.
fn finish(head: &mut Head, body: &mut Conj, nvars: usize) -> Result<(), Vec<Var>> {
    // Variables by region: region 0 is the plain part of the rule.
    let mut main = Vec::new();
    let mut regions: Vec<Vec<Var>> = Vec::new();
    for l in &body.lits {
        let mut vs = Vec::new();
        match l {
            Lit::Agg(a) => {
                a.guards.iter().for_each(|(_, t)| t.vars(&mut main));
                main.extend(a.assign);
                for e in &a.elems {
                    e.tuple.iter().for_each(|t| t.vars(&mut vs));
                    e.cond.lits.iter().for_each(|l| lit_all_vars(l, &mut vs));
                }
                regions.push(vs);
            }
            Lit::Cond(_) => {
                lit_all_vars(l, &mut vs);
                regions.push(vs);
            }
            Lit::Theory(_, atom) => {
                atom.name.vars(&mut main);
                if let Some((_, t)) = &atom.guard {
                    t.vars(&mut main);
                }
                theory_elem_vars(atom, &mut vs);
                regions.push(vs);
            }
            other => safety::lit_vars(other, &mut main),
        }
    }
    let mut head_regions: Vec<Vec<Var>> = Vec::new();
    match head {
        Head::Disj(atoms) => {
            for a in atoms.iter() {
                let mut vs = Vec::new();
                if a.cond.lits.is_empty() {
                    head_atom_vars(a, &mut main);
                } else {
                    head_atom_vars(a, &mut vs);
                }
                head_regions.push(vs);
            }
        }
        Head::Agg { guards, elems, .. } => {
            guards.iter().for_each(|(_, t)| t.vars(&mut main));
            for a in elems.iter() {
                let mut vs = Vec::new();
                head_atom_vars(a, &mut vs);
                head_regions.push(vs);
            }
        }
        Head::Minimize {
            weight,
            priority,
            terms,
        } => {
            weight.vars(&mut main);
            priority.vars(&mut main);
            terms.iter().for_each(|t| t.vars(&mut main));
        }
        Head::Show(t) => t.vars(&mut main),
        Head::External(_, args, v) => {
            args.iter().for_each(|t| t.vars(&mut main));
            if let Some(v) = v {
                v.vars(&mut main);
            }
        }
        Head::Project(_, args) => args.iter().for_each(|t| t.vars(&mut main)),
        Head::Heuristic {
            args,
            value,
            priority,
            modifier,
            ..
        } => {
            args.iter().for_each(|t| t.vars(&mut main));
            value.vars(&mut main);
            priority.vars(&mut main);
            modifier.vars(&mut main);
        }
        Head::Edge(u, v) => {
            u.vars(&mut main);
            v.vars(&mut main);
        }
        Head::Theory { atom, .. } => {
            atom.name.vars(&mut main);
            if let Some((_, t)) = &atom.guard {
                t.vars(&mut main);
            }
            let mut vs = Vec::new();
            theory_elem_vars(atom, &mut vs);
            head_regions.push(vs);
        }
    }
    // Count in how many regions each variable occurs.
    let mut count = vec![0u32; nvars];
    let mut in_main = vec![false; nvars];
    for &v in &main {
        in_main[v as usize] = true;
    }
    for r in regions.iter().chain(head_regions.iter()) {
        let mut seen = r.clone();
        seen.sort_unstable();
        seen.dedup();
        for v in seen {
            count[v as usize] += 1;
        }
    }
    // Variables shared only between elements are local to each of them, as in gringo.
    let global = |v: Var| in_main[v as usize];
    let mut ri = 0;
    for l in body.lits.iter_mut() {
        match l {
            Lit::Agg(a) => {
                let mut g: Vec<Var> = regions[ri].iter().copied().filter(|&v| global(v)).collect();
                g.sort_unstable();
                g.dedup();
                a.globals = g;
                ri += 1;
            }
            Lit::Cond(c) => {
                let mut g: Vec<Var> = regions[ri].iter().copied().filter(|&v| global(v)).collect();
                g.sort_unstable();
                g.dedup();
                c.globals = g;
                ri += 1;
            }
            Lit::Theory(_, atom) => {
                let mut g: Vec<Var> = regions[ri].iter().copied().filter(|&v| global(v)).collect();
                g.sort_unstable();
                g.dedup();
                atom.globals = g;
                ri += 1;
            }
            _ => {}
        }
    }
    let mut bound = vec![false; nvars];
    body.order = safety::order(body, &mut bound, None)?;
    // Everything of the plain part must now be bound.
    let mut unsafe_vars: Vec<Var> = main
        .iter()
        .copied()
        .filter(|&v| !bound[v as usize])
        .collect();
    if !unsafe_vars.is_empty() {
        unsafe_vars.sort_unstable();
        unsafe_vars.dedup();
        return Err(unsafe_vars);
    }
    // Nested conditions: ordered with the rule's variables bound.
    for l in body.lits.iter_mut() {
        match l {
            Lit::Agg(a) => {
                for e in a.elems.iter_mut() {
                    let mut b = bound.clone();
                    e.cond.order = safety::order(&e.cond, &mut b, None)?;
                    let mut vs = Vec::new();
                    e.tuple.iter().for_each(|t| t.vars(&mut vs));
                    check_bound(&vs, &b)?;
                }
            }
            Lit::Cond(c) => {
                let mut b = bound.clone();
                c.cond.order = safety::order(&c.cond, &mut b, None)?;
                let mut vs = Vec::new();
                safety::lit_vars(&c.lit, &mut vs);
                check_bound(&vs, &b)?;
            }
            Lit::Theory(_, atom) => order_theory_elems(atom, &bound)?,
            _ => {}
        }
    }
    if let Head::Theory { atom, .. } = head {
        order_theory_elems(atom, &bound)?;
    }
    if let Head::Disj(atoms) | Head::Agg { elems: atoms, .. } = head {
        for a in atoms.iter_mut() {
            let mut b = bound.clone();
            a.cond.order = safety::order(&a.cond, &mut b, None)?;
            let mut vs = Vec::new();
            a.args.iter().for_each(|t| t.vars(&mut vs));
            a.tuple.iter().for_each(|t| t.vars(&mut vs));
            check_bound(&vs, &b)?;
        }
    }
    Ok(())
}

/// Orders each element's condition given the rule's `bound` variables; the element's
/// terms must be bound after it.
fn order_theory_elems(atom: &mut TheoryAtom, bound: &[bool]) -> Result<(), Vec<Var>> {
    for e in atom.elems.iter_mut() {
        let mut b = bound.to_vec();
        e.cond.order = safety::order(&e.cond, &mut b, None)?;
        let mut vs = Vec::new();
        e.terms.iter().for_each(|t| t.vars(&mut vs));
        check_bound(&vs, &b)?;
    }
    Ok(())
}

fn check_bound(vs: &[Var], bound: &[bool]) -> Result<(), Vec<Var>> {
    let mut bad: Vec<Var> = vs.iter().copied().filter(|&v| !bound[v as usize]).collect();
    if bad.is_empty() {
        Ok(())
    } else {
        bad.sort_unstable();
        bad.dedup();
        Err(bad)
    }
}

/// The name of the wildcard constant standing for `_` in negative literals.
pub const WILDCARD: &str = "_";

fn has_anon(t: &Term) -> bool {
    match t {
        Term::Anon(_) => true,
        Term::Fun(_, args) => args.iter().any(has_anon),
        Term::Unary(UnOp::Neg, x, _) => has_anon(x),
        _ => false,
    }
}

fn wildcard(t: &Term) -> Term {
    match t {
        Term::Anon(_) => Term::Fun(WILDCARD.into(), vec![]),
        Term::Fun(n, args) => Term::Fun(n.clone(), args.iter().map(wildcard).collect()),
        Term::Unary(UnOp::Neg, x, sp) => Term::Unary(UnOp::Neg, Box::new(wildcard(x)), *sp),
        other => other.clone(),
    }
}
