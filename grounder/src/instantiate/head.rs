//! Heads: what one solution of a rule's body (its ground literals `body`) makes of the
//! rule's head, one function per kind of head. While a component is closed naively
//! (`domain_only`) heads only add to the domains; nothing is emitted.

use super::join::{Query, Sink};
use super::{Grounder, LitValue};
use crate::ast::{AggFun, CmpOp};
use crate::program::{Conj, Head, HeadAtom, PredId, Rule, TheoryAtom};
use crate::symbol::Sym;
use crate::term::{Env, GTerm};
use aspif::{HeadKind, Statement};

/// The atoms (symbol and predicate) of a head conjunction under one instance of its
/// condition.
type Conjunction = Vec<(Sym, PredId)>;

impl Grounder {
    /// Ground instances of a condition: calls `sink` with each solution's literals.
    pub(super) fn solve_cond(&mut self, conj: &Conj, env: &mut Env, sink: &mut Sink<'_>) {
        let mut query = Query {
            conj,
            order: &conj.order,
            win: None,
            sink,
            env,
            lits: &mut Vec::new(),
        };
        self.join(&mut query, 0);
    }

    /// The atom symbol `pred(args)` under `env` (`None`: an argument is undefined).
    pub(super) fn eval_args(&mut self, pred: PredId, args: &[GTerm], env: &Env) -> Option<Sym> {
        let p = self.preds.list[pred as usize].clone();
        let mut vals: Vec<Sym> = Vec::with_capacity(args.len());
        for a in args {
            vals.push(match a {
                GTerm::Var(v) => env.vals[*v as usize]?,
                GTerm::Sym(s) => *s,
                other => self.eval().eval(other, env)?,
            });
        }
        Some(self.syms.fun(p.name, &vals, p.neg))
    }

    /// The values of `terms` under `env`, into `vals` (`false`: one is undefined).
    pub(super) fn eval_terms(&mut self, terms: &[GTerm], env: &Env, vals: &mut Vec<Sym>) -> bool {
        for t in terms {
            match self.eval().eval(t, env) {
                Some(v) => vals.push(v),
                None => return false,
            }
        }
        true
    }

    /// Aggregate guards under `env` (`None`: a bound is undefined).
    pub(super) fn eval_guards(
        &mut self,
        guards: &[(CmpOp, GTerm)],
        env: &Env,
    ) -> Option<Vec<(CmpOp, Sym)>> {
        let mut out = Vec::with_capacity(guards.len());
        for (op, t) in guards {
            out.push((*op, self.eval().eval(t, env)?));
        }
        Some(out)
    }

    /// The integer value of `term` under `env`.
    fn eval_num(&mut self, term: &GTerm, env: &Env) -> Option<i64> {
        self.eval()
            .eval(term, env)
            .and_then(|s| self.syms.as_num(s))
    }

    /// Emits what the head of `rule` makes of one body solution.
    pub(super) fn head(&mut self, rule: &Rule, env: &mut Env, body: &[i32]) {
        match &rule.head {
            Head::Disj(atoms) if atoms.len() == 1 && atoms[0].cond.lits.is_empty() => {
                self.single_head(&atoms[0], env, body)
            }
            Head::Disj(atoms) => self.disjunctive_head(atoms, env, body),
            Head::Agg { fun, guards, elems } => self.choice_head(*fun, guards, elems, env, body),
            Head::Minimize {
                weight,
                priority,
                terms,
            } => self.minimize_head(weight, priority, terms, env, body),
            Head::Show(t) => self.show_head(t, env, body),
            Head::External(pred, args, value) => {
                self.external_head(*pred, args, value.as_ref(), env, body)
            }
            Head::Project(pred, args) => self.project_head(*pred, args, env, body),
            Head::Heuristic {
                pred,
                args,
                value,
                priority,
                modifier,
            } => self.heuristic_head(*pred, args, [value, priority, modifier], env, body),
            Head::Theory { atom, directive } => self.theory_head(atom, *directive, env, body),
            Head::Edge(u, v) => self.edge_head(u, v, env, body),
        }
    }

    /// The common case: one unconditional head atom.
    fn single_head(&mut self, a: &HeadAtom, env: &mut Env, body: &[i32]) {
        let Some(s) = self.eval_args(a.pred, &a.args, env) else {
            return;
        };
        let id = self.atom(s, a.pred);
        if self.is_fact(id) {
            return;
        }
        self.define(id);
        if body.is_empty() {
            if !self.domain_only {
                self.atoms[id as usize].fact = true;
            }
            return;
        }
        if self.domain_only {
            return;
        }
        let h = self.lit(id) as u32;
        self.rule(HeadKind::Disjunctive, vec![h], body.to_vec());
    }

    /// A disjunction of atoms, some of them conditional or conjunctions (atoms of one
    /// group). Per instance of a group's condition its atoms form a conjunction; an atom
    /// whose term is undefined leaves it (an empty conjunction holds, as in gringo).
    fn disjunctive_head(&mut self, atoms: &[HeadAtom], env: &mut Env, body: &[i32]) {
        let mut uncond: Vec<(u32, u32)> = Vec::new();
        let mut conditional: Vec<(Vec<u32>, Vec<i32>)> = Vec::new();
        for group in atoms.chunk_by(|x, y| x.group == y.group) {
            let first = &group[0];
            let mut found: Vec<(Conjunction, Vec<i32>)> = Vec::new();
            self.solve_cond(&first.cond, env, &mut |g, env, c| {
                let members = group
                    .iter()
                    .filter_map(|a| Some((g.eval_args(a.pred, &a.args, env)?, a.pred)))
                    .collect();
                found.push((members, c.to_vec()));
            });
            for (members, c) in found {
                let ids: Vec<u32> = members.into_iter().map(|(s, p)| self.atom(s, p)).collect();
                if c.is_empty() && ids.is_empty() {
                    // A disjunct that holds: the rule is satisfied.
                    return;
                }
                if !c.is_empty() {
                    conditional.push((ids, c));
                    continue;
                }
                // Instances of a condition are disjuncts of their own.
                let key = if first.cond.lits.is_empty() {
                    first.group
                } else {
                    u32::MAX - uncond.len() as u32
                };
                uncond.extend(ids.into_iter().map(|id| (key, id)));
            }
        }
        // Groups of unconditional atoms: a group of facts satisfies the rule; a
        // group of several atoms is a conjunction, through a helper.
        let mut heads: Vec<u32> = Vec::new();
        let mut conjunctions: Vec<Vec<u32>> = Vec::new();
        uncond.sort_unstable();
        uncond.dedup();
        for group in uncond.chunk_by(|x, y| x.0 == y.0) {
            let mut members: Vec<u32> = group.iter().map(|&(_, id)| id).collect();
            members.retain(|&id| !self.is_fact(id));
            match members.len() {
                0 => return,
                1 => heads.push(members[0]),
                _ => conjunctions.push(members),
            }
        }
        if !conjunctions.is_empty() {
            for c in &conjunctions {
                for &id in c {
                    self.define(id);
                }
            }
            if self.domain_only {
                for &h in heads.iter().chain(conditional.iter().flat_map(|(c, _)| c)) {
                    self.define(h);
                }
                return;
            }
            for c in conjunctions {
                let e = self.conjunction_head(&c);
                self.helper_heads.push(e);
            }
        }
        heads.sort_unstable();
        heads.dedup();
        if heads.len() == 1
            && self.helper_heads.is_empty()
            && conditional.is_empty()
            && body.is_empty()
            && !self.domain_only
        {
            let id = heads[0];
            self.define(id);
            self.atoms[id as usize].fact = true;
            return;
        }
        for &h in heads.iter().chain(conditional.iter().flat_map(|(c, _)| c)) {
            self.define(h);
        }
        if self.domain_only {
            return;
        }
        let mut hl: Vec<u32> = heads.iter().map(|&h| self.lit(h) as u32).collect();
        hl.append(&mut self.helper_heads);
        for (ids, c) in conditional {
            let e = self.conditional_head(&ids, c);
            hl.push(e);
        }
        self.rule(HeadKind::Disjunctive, hl, body.to_vec());
    }

    /// A helper atom for the conjunction of the atoms `c` in a head: `e :- c` and
    /// `a :- e` for each atom `a` of `c`.
    fn conjunction_head(&mut self, c: &[u32]) -> u32 {
        let e = self.helper();
        let lits: Vec<i32> = c.iter().map(|&id| self.lit(id)).collect();
        for &l in &lits {
            self.rule(HeadKind::Disjunctive, vec![l as u32], vec![e as i32]);
        }
        self.rule(HeadKind::Disjunctive, vec![e], lits);
        e
    }

    /// A helper atom for `a1 & ... & an : c` in a head (atoms `ids` under the condition
    /// `c`), which stands for `a1 and ... and an and c`: `e :- a1, ..., an, c`,
    /// `ai :- c, e` and `:- e, not l` for each literal `l` of `c`, as gringo translates
    /// `a : c`. Facts are left out of the bodies.
    fn conditional_head(&mut self, ids: &[u32], c: Vec<i32>) -> u32 {
        let e = self.helper();
        let open: Vec<u32> = ids
            .iter()
            .copied()
            .filter(|&id| !self.is_fact(id))
            .collect();
        let mut b = c.clone();
        b.extend(open.iter().map(|&id| self.lit(id)));
        self.rule(HeadKind::Disjunctive, vec![e], b);
        for id in open {
            let a = self.lit(id);
            let mut b = c.clone();
            b.push(e as i32);
            self.rule(HeadKind::Disjunctive, vec![a as u32], b);
        }
        for &l in &c {
            let n = self.negate(l);
            self.rule(HeadKind::Disjunctive, vec![], vec![e as i32, n]);
        }
        e
    }

    /// A choice `lower { elems } upper`: a choice rule per element, and the bounds as an
    /// integrity constraint over the aggregate of the chosen elements.
    fn choice_head(
        &mut self,
        fun: AggFun,
        guards: &[(CmpOp, GTerm)],
        elems: &[HeadAtom],
        env: &mut Env,
        body: &[i32],
    ) {
        let Some(gs) = self.eval_guards(guards, env) else {
            return;
        };
        let mut found: Vec<(Vec<Sym>, u32, Vec<i32>)> = Vec::new();
        for a in elems {
            self.solve_cond(&a.cond, env, &mut |g, env, c| {
                let Some(s) = g.eval_args(a.pred, &a.args, env) else {
                    return;
                };
                let mut tuple = Vec::new();
                if !g.eval_terms(&a.tuple, env, &mut tuple) {
                    return;
                }
                // A `#sum` element whose weight is no number is left out, its atom
                // not chosen either (as gringo).
                let weighted = matches!(fun, AggFun::Sum | AggFun::SumPlus);
                if weighted && tuple.first().is_some_and(|&w| g.syms.as_num(w).is_none()) {
                    return;
                }
                let id = g.atom(s, a.pred);
                found.push((tuple, id, c.to_vec()));
            });
        }
        let mut agg_elems = Vec::new();
        let mut choices = Vec::new();
        for (tuple, id, c) in found {
            self.define(id);
            if self.domain_only {
                continue;
            }
            let mut cond = c.clone();
            if !self.is_fact(id) {
                let l = self.lit(id);
                let mut b = body.to_vec();
                b.extend(&c);
                choices.push((l as u32, b));
                cond.push(l);
            }
            agg_elems.push((tuple, cond));
        }
        if self.domain_only {
            return;
        }
        // The aggregate only constrains the choice (it derives no atom).
        let saved = std::mem::replace(&mut self.agg_recursive, false);
        let result = if gs.is_empty() {
            LitValue::True
        } else {
            self.aggregate(fun, &gs, agg_elems)
        };
        self.agg_recursive = saved;
        if result != LitValue::False {
            // (When the guards cannot hold, the body is a constraint and no
            // element can be chosen: gringo writes no choice either.)
            for (l, b) in choices {
                self.rule(HeadKind::Choice, vec![l], b);
            }
        }
        match result {
            LitValue::True => {}
            LitValue::False => self.rule(HeadKind::Disjunctive, vec![], body.to_vec()),
            LitValue::Lit(l) => {
                let mut b = body.to_vec();
                let nl = self.negate(l);
                b.push(nl);
                self.rule(HeadKind::Disjunctive, vec![], b);
            }
        }
    }

    /// A `#minimize` element: collected, emitted at the end (one statement per priority).
    fn minimize_head(
        &mut self,
        weight: &GTerm,
        priority: &GTerm,
        terms: &[GTerm],
        env: &mut Env,
        body: &[i32],
    ) {
        if self.domain_only {
            return;
        }
        let Some(w) = self.eval_num(weight, env) else {
            return;
        };
        let Some(p) = self.eval_num(priority, env) else {
            return;
        };
        let mut ts = Vec::new();
        if !self.eval_terms(terms, env, &mut ts) {
            return;
        }
        self.minimize
            .entry((p, w, ts))
            .or_default()
            .push(body.to_vec());
    }

    /// `#show t : body.`
    fn show_head(&mut self, t: &GTerm, env: &mut Env, body: &[i32]) {
        if self.domain_only {
            return;
        }
        if let Some(s) = self.eval().eval(t, env) {
            let name = self.syms.show(s);
            self.out.push(Statement::Output {
                name,
                cond: body.to_vec(),
            });
        }
    }

    /// `#external p(args) : body. [value]` (only instances with a true body).
    fn external_head(
        &mut self,
        pred: PredId,
        args: &[GTerm],
        value: Option<&GTerm>,
        env: &mut Env,
        body: &[i32],
    ) {
        if !body.is_empty() {
            return;
        }
        let Some(s) = self.eval_args(pred, args, env) else {
            return;
        };
        let id = self.atom(s, pred);
        self.define(id);
        if self.domain_only || self.is_fact(id) {
            return;
        }
        let v = match value.and_then(|v| self.eval().eval(v, env)) {
            None => aspif::ExternalValue::False,
            Some(v) => match self.syms.show(v).as_str() {
                "true" => aspif::ExternalValue::True,
                "free" => aspif::ExternalValue::Free,
                "release" => aspif::ExternalValue::Release,
                _ => aspif::ExternalValue::False,
            },
        };
        let l = self.lit(id) as u32;
        self.out.push(Statement::External { atom: l, value: v });
    }

    /// `#project p(args).`: collected, emitted at the end.
    fn project_head(&mut self, pred: PredId, args: &[GTerm], env: &mut Env, body: &[i32]) {
        if self.domain_only {
            return;
        }
        let Some(s) = self.eval_args(pred, args, env) else {
            return;
        };
        if let Some(id) = self.find(s) {
            if self.own_condition(id, body).is_empty() {
                self.projects.push(id);
            }
        }
    }

    /// The condition of a `#project` or `#heuristic` statement over atom `id`: its
    /// body's literals but the one of `id` the rewriting added to range over the atoms.
    fn own_condition(&mut self, id: u32, body: &[i32]) -> Vec<i32> {
        let mut cond = body.to_vec();
        if self.is_fact(id) {
            return cond;
        }
        let own = self.lit(id);
        if let Some(i) = cond.iter().position(|&l| l == own) {
            cond.remove(i);
        }
        cond
    }

    /// `#heuristic p(args) : body. [value@priority, modifier]` (`terms` in that order).
    fn heuristic_head(
        &mut self,
        pred: PredId,
        args: &[GTerm],
        [value, priority, modifier]: [&GTerm; 3],
        env: &mut Env,
        body: &[i32],
    ) {
        if self.domain_only {
            return;
        }
        let Some(s) = self.eval_args(pred, args, env) else {
            return;
        };
        let Some(id) = self.find(s) else { return };
        if !self.atoms[id as usize].defined || self.is_fact(id) {
            return;
        }
        let Some(v) = self.eval_num(value, env) else {
            return;
        };
        let Some(p) = self.eval_num(priority, env) else {
            return;
        };
        let Some(m) = self.eval().eval(modifier, env) else {
            return;
        };
        let modifier = match self.syms.show(m).as_str() {
            "level" => aspif::HeuristicModifier::Level,
            "sign" => aspif::HeuristicModifier::Sign,
            "factor" => aspif::HeuristicModifier::Factor,
            "init" => aspif::HeuristicModifier::Init,
            "true" => aspif::HeuristicModifier::True,
            "false" => aspif::HeuristicModifier::False,
            _ => return,
        };
        let atom = self.lit(id) as u32;
        let cond = self.own_condition(id, body);
        self.out.push(Statement::Heuristic {
            modifier,
            atom,
            value: v,
            priority: u32::try_from(p).unwrap_or(0),
            cond,
        });
    }

    /// A theory atom in a head, or a theory directive (`directive`: no rule).
    fn theory_head(&mut self, atom: &TheoryAtom, directive: bool, env: &mut Env, body: &[i32]) {
        if self.domain_only {
            return;
        }
        let Some(a) = self.theory_atom(atom, env, directive) else {
            return;
        };
        if !directive {
            self.rule(HeadKind::Disjunctive, vec![a], body.to_vec());
        }
    }

    /// `#edge (u, v) : body.`: vertices numbered in the order first seen.
    fn edge_head(&mut self, u: &GTerm, v: &GTerm, env: &mut Env, body: &[i32]) {
        if self.domain_only {
            return;
        }
        let (Some(u), Some(v)) = (self.eval().eval(u, env), self.eval().eval(v, env)) else {
            return;
        };
        let n = self.edges.len() as i64;
        let from = *self.edges.entry(u).or_insert(n);
        let n = self.edges.len() as i64;
        let to = *self.edges.entry(v).or_insert(n);
        self.out.push(Statement::Edge {
            from,
            to,
            cond: body.to_vec(),
        });
    }
}
