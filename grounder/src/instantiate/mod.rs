//! Instantiation: normalised rules to ground statements.
//!
//! Predicates are grounded component by component of the dependency graph, in
//! topological order; a recursive component is evaluated semi-naively (each rule once per
//! positive literal of the component restricted to the atoms new in the last round).
//! Atoms known at grounding time are evaluated away: facts vanish from bodies, a negative
//! literal over a fact removes the instance, a literal over an atom of a finished
//! predicate that was never derived is dropped (or removes the instance). Components whose
//! aggregates or conditions depend on themselves are first closed naively without output,
//! then instantiated once.

mod aggregate;
mod join;
mod simplify;
mod theory;

use crate::ast::AggFun;
use crate::program::{Conj, Head, Lit, PredId, Rule};
use crate::rewrite::PredTable;
use crate::symbol::{Sym, SymData, Symbols};
use crate::term::{Env, Eval, GTerm};
use aspif::{Body, HeadKind, Statement, WeightedLit};
use indexmap::IndexMap;
use rustc_hash::{FxHashMap, FxHashSet};

/// One ground atom the grounder knows of.
#[derive(Clone, Debug)]
pub struct AtomRec {
    /// Its symbol.
    pub sym: Sym,
    /// Its predicate.
    pub pred: PredId,
    /// Certainly true.
    pub fact: bool,
    /// Derivable (in its predicate's domain).
    pub defined: bool,
    /// Its aspif atom (0: none yet).
    pub aspif: u32,
    /// Its position in its predicate's atom list (when defined).
    pub pos: u32,
    /// A rule for it was emitted (or it is a fact).
    pub derived: bool,
}

/// A hash index of a predicate's atoms on some argument positions.
#[derive(Default)]
struct Index {
    upto: usize,
    map: FxHashMap<u64, Vec<u32>>,
}

/// Semi-naive window of one rule evaluation.
pub struct Window {
    /// The body literal restricted to the new atoms.
    pub delta: usize,
    /// Per predicate: in the current component.
    pub in_scc: Vec<bool>,
    /// Per predicate: atoms before this index are old.
    pub old_end: Vec<usize>,
    /// Per predicate: atoms before this index are visible in this round.
    pub new_end: Vec<usize>,
}

/// The grounder's state.
pub struct Grounder {
    /// Symbols.
    pub syms: Symbols,
    /// Predicates.
    pub preds: PredTable,
    /// Atoms by id.
    pub atoms: Vec<AtomRec>,
    /// Atom id + 1 per symbol id (0: no atom); symbols are dense, so no hashing.
    atom_map: Vec<u32>,
    /// Per predicate: its derivable atoms in order.
    pub pred_atoms: Vec<Vec<u32>>,
    /// Per predicate: finished.
    pub complete: Vec<bool>,
    indexes: FxHashMap<(PredId, u64), Index>,
    next_aspif: u32,
    /// The ground statements.
    pub out: Vec<Statement>,
    /// An integer operation overflowed.
    pub overflow: bool,
    /// The sites of the operations found undefined, in the order found.
    pub undefined: Vec<crate::term::Site>,
    /// Emission is off (closing a component naively).
    pub domain_only: bool,
    minimize: IndexMap<(i64, i64, Vec<Sym>), Vec<Vec<i32>>>,
    projects: Vec<u32>,
    edges: FxHashMap<Sym, i64>,
    true_atom: u32,
    /// Helper atoms standing for conjunctions in the head being emitted.
    helper_heads: Vec<u32>,
    /// Names of helper-free aspif atoms for the text output.
    pub aspif_names: FxHashMap<u32, Sym>,
    /// Theory terms, elements and atoms emitted so far.
    theory: theory::TheoryOut,
    /// Predicates whose atoms are shown (for the text form: `#show p/n.`).
    pub shown_preds: Vec<PredId>,
    /// The positions in `out` of the output statements of shown atoms.
    pub atom_outputs: std::ops::Range<usize>,
    /// The rule being grounded has an aggregate or condition over its own component.
    pub agg_recursive: bool,
    /// Grounding a component whose aggregates or conditions depend on it.
    closing_recursive: bool,
}

impl Grounder {
    /// A grounder over the symbols and predicates of the rewritten program.
    pub fn new(syms: Symbols, preds: PredTable) -> Self {
        let n = preds.list.len();
        Grounder {
            syms,
            preds,
            atoms: Vec::new(),
            atom_map: Vec::new(),
            pred_atoms: vec![Vec::new(); n],
            complete: vec![false; n],
            indexes: FxHashMap::default(),
            next_aspif: 0,
            out: Vec::new(),
            overflow: false,
            undefined: Vec::new(),
            domain_only: false,
            minimize: IndexMap::new(),
            projects: Vec::new(),
            edges: FxHashMap::default(),
            true_atom: 0,
            helper_heads: Vec::new(),
            aspif_names: FxHashMap::default(),
            theory: Default::default(),
            shown_preds: Vec::new(),
            atom_outputs: 0..0,
            agg_recursive: false,
            closing_recursive: false,
        }
    }

    fn eval(&mut self) -> Eval<'_> {
        Eval {
            syms: &mut self.syms,
            overflow: &mut self.overflow,
            undefined: &mut self.undefined,
        }
    }

    /// The atom record of `sym` (created, not derivable, if new).
    pub fn atom(&mut self, sym: Sym, pred: PredId) -> u32 {
        if let Some(a) = self.find(sym) {
            return a;
        }
        let a = self.atoms.len() as u32;
        self.atoms.push(AtomRec {
            sym,
            pred,
            fact: false,
            defined: false,
            aspif: 0,
            pos: 0,
            derived: false,
        });
        let i = sym.0 as usize;
        if self.atom_map.len() <= i {
            self.atom_map.resize(i + 1, 0);
        }
        self.atom_map[i] = a + 1;
        a
    }

    /// Looks an atom up.
    pub fn find(&self, sym: Sym) -> Option<u32> {
        match self.atom_map.get(sym.0 as usize) {
            Some(&a) if a != 0 => Some(a - 1),
            _ => None,
        }
    }

    /// Makes `a` derivable.
    pub fn define(&mut self, a: u32) {
        let rec = &mut self.atoms[a as usize];
        if !self.domain_only {
            rec.derived = true;
        }
        if !rec.defined {
            rec.defined = true;
            let list = &mut self.pred_atoms[rec.pred as usize];
            rec.pos = list.len() as u32;
            list.push(a);
        }
    }

    /// The aspif literal of atom `a`.
    pub fn lit(&mut self, a: u32) -> i32 {
        let rec = &mut self.atoms[a as usize];
        if rec.aspif == 0 {
            self.next_aspif += 1;
            rec.aspif = self.next_aspif;
            self.aspif_names.insert(rec.aspif, rec.sym);
        }
        rec.aspif as i32
    }

    /// A fresh helper atom.
    pub fn helper(&mut self) -> u32 {
        self.next_aspif += 1;
        self.next_aspif
    }

    /// Emits a rule (unless only closing the domain).
    pub fn rule(&mut self, kind: HeadKind, head: Vec<u32>, body: Vec<i32>) {
        if self.domain_only {
            return;
        }
        self.out.push(Statement::Rule(aspif::Rule {
            head_kind: kind,
            head,
            body: Body::Normal(body),
        }));
    }

    /// Emits a weight rule `head :- lower <= { lits }`.
    pub fn weight_rule(&mut self, head: u32, lower: i64, lits: Vec<WeightedLit>) {
        if self.domain_only {
            return;
        }
        self.out.push(Statement::Rule(aspif::Rule {
            head_kind: HeadKind::Disjunctive,
            head: vec![head],
            body: Body::Sum { lower, lits },
        }));
    }

    /// A literal equivalent to `not l` usable in a normal body.
    pub fn negate(&mut self, l: i32) -> i32 {
        if l > 0 {
            -l
        } else {
            let h = self.helper();
            self.rule(HeadKind::Disjunctive, vec![h], vec![l]);
            -(h as i32)
        }
    }

    /// A literal true when any of the conjunctions holds (`None` if one is empty).
    pub fn disjunction(&mut self, conds: &[Vec<i32>]) -> Option<i32> {
        if conds.iter().any(Vec::is_empty) {
            return None;
        }
        if conds.len() == 1 && conds[0].len() == 1 {
            return Some(conds[0][0]);
        }
        let h = self.helper();
        for c in conds {
            self.rule(HeadKind::Disjunctive, vec![h], c.clone());
        }
        Some(h as i32)
    }

    /// Grounds all rules.
    pub fn run(&mut self, rules: &[Rule]) {
        let order = components(rules, self.preds.list.len());
        let mut scc_of = vec![0usize; self.preds.list.len()];
        for (i, scc) in order.iter().enumerate() {
            for &p in scc {
                scc_of[p as usize] = i;
            }
        }
        // A rule is grounded with the first component (in topological order) among its
        // head predicates: its body is complete by then, or in that very component.
        let mut by_scc: Vec<Vec<usize>> = vec![Vec::new(); order.len()];
        let mut headless = Vec::new();
        for (i, r) in rules.iter().enumerate() {
            let mut first: Option<usize> = None;
            r.head_preds(&mut |p| {
                let c = scc_of[p as usize];
                first = Some(first.map_or(c, |f| f.min(c)));
            });
            match first {
                Some(c) => by_scc[c].push(i),
                None => headless.push(i),
            }
        }
        for (c, scc) in order.iter().enumerate() {
            let mut in_scc = vec![false; self.preds.list.len()];
            scc.iter().for_each(|&p| in_scc[p as usize] = true);
            let members = std::mem::take(&mut by_scc[c]);
            self.component(rules, &members, &in_scc);
            for &p in scc {
                self.complete[p as usize] = true;
            }
        }
        let in_scc = vec![false; self.preds.list.len()];
        self.component(rules, &headless, &in_scc);
        self.finish();
    }

    fn component(&mut self, rules: &[Rule], members: &[usize], in_scc: &[bool]) {
        if members.is_empty() {
            return;
        }
        // Exit rules (no body literal over the component) first: their facts are then
        // known when the recursive rules are grounded, so more literals are decided.
        let mut members = members.to_vec();
        members.sort_by_key(|&i| {
            let mut rec = false;
            rules[i].body_preds(&mut |p| rec |= in_scc[p as usize]);
            rec
        });
        let members = &members[..];
        let mut recursive = false;
        let mut complex = false;
        for &i in members {
            let r = &rules[i];
            let mut rec = false;
            r.body_preds(&mut |p| rec |= in_scc[p as usize]);
            if rec {
                recursive = true;
                let mut nested = false;
                for l in &r.body.lits {
                    if l.is_complex() {
                        l.preds(&mut |p| nested |= in_scc[p as usize]);
                    }
                }
                if let Head::Disj(atoms) | Head::Agg { elems: atoms, .. } = &r.head {
                    for a in atoms {
                        a.cond
                            .lits
                            .iter()
                            .for_each(|l| l.preds(&mut |p| nested |= in_scc[p as usize]));
                    }
                }
                complex |= nested;
            }
        }
        if !recursive {
            for &i in members {
                self.ground_rule(&rules[i], None);
            }
            return;
        }
        if complex {
            let before: Vec<usize> = self.pred_atoms.iter().map(Vec::len).collect();
            self.closing_recursive = true;
            self.domain_only = true;
            loop {
                let before = self.atoms.iter().filter(|a| a.defined).count();
                for &i in members {
                    self.ground_rule(&rules[i], None);
                }
                if self.atoms.iter().filter(|a| a.defined).count() == before {
                    break;
                }
            }
            self.domain_only = false;
            for &i in members {
                self.ground_rule(&rules[i], None);
            }
            self.closing_recursive = false;
            self.prune(&before);
            return;
        }
        // Semi-naive evaluation.
        let npreds = self.preds.list.len();
        let snapshot =
            |g: &Grounder| -> Vec<usize> { (0..npreds).map(|p| g.pred_atoms[p].len()).collect() };
        let mut new_end = snapshot(self);
        let mut old_end = vec![0; npreds];
        let full = Window {
            delta: usize::MAX,
            in_scc: in_scc.to_vec(),
            old_end: old_end.clone(),
            new_end: new_end.clone(),
        };
        for &i in members {
            self.ground_rule(&rules[i], Some(&full));
        }
        loop {
            old_end.clone_from(&new_end);
            new_end = snapshot(self);
            if (0..npreds).all(|p| !in_scc[p] || old_end[p] == new_end[p]) {
                break;
            }
            for &i in members {
                let r = &rules[i];
                for (j, l) in r.body.lits.iter().enumerate() {
                    if let Lit::Atom { sign: 0, pred, .. } = l {
                        if in_scc[*pred as usize]
                            && old_end[*pred as usize] < new_end[*pred as usize]
                        {
                            let win = Window {
                                delta: j,
                                in_scc: in_scc.to_vec(),
                                old_end: old_end.clone(),
                                new_end: new_end.clone(),
                            };
                            self.ground_rule(r, Some(&win));
                        }
                    }
                }
            }
        }
    }

    /// After closing a component by over-approximation: atoms that entered a domain
    /// during the closure (beyond `before`, per predicate) but got no rule can never be
    /// true, so they leave the domain (later components evaluate them away).
    fn prune(&mut self, before: &[usize]) {
        for (p, &start) in before.iter().enumerate() {
            if self.pred_atoms[p].len() == start {
                continue;
            }
            let list = std::mem::take(&mut self.pred_atoms[p]);
            let mut kept = Vec::with_capacity(list.len());
            for (i, a) in list.into_iter().enumerate() {
                let rec = &mut self.atoms[a as usize];
                if i < start || rec.derived || rec.fact {
                    rec.pos = kept.len() as u32;
                    kept.push(a);
                } else {
                    rec.defined = false;
                }
            }
            self.pred_atoms[p] = kept;
            self.indexes.retain(|(q, _), _| *q as usize != p);
        }
    }

    fn ground_rule(&mut self, rule: &Rule, win: Option<&Window>) {
        // Does an aggregate (or condition) of the body depend on this component? Only
        // then a non-convex aggregate needs its self-referential translation.
        let mut nested = false;
        if let Some(w) = win {
            for l in &rule.body.lits {
                if l.is_complex() {
                    l.preds(&mut |p| nested |= w.in_scc[p as usize]);
                }
            }
        }
        self.agg_recursive = nested || self.closing_recursive;
        let mut env = Env::new(rule.nvars);
        let mut lits = Vec::new();
        let order = match win {
            Some(w) if w.delta != usize::MAX => {
                let mut bound = vec![false; rule.nvars];
                crate::safety::order(&rule.body, &mut bound, Some(w.delta))
                    .unwrap_or_else(|_| rule.body.order.clone())
            }
            _ => rule.body.order.clone(),
        };
        self.join(
            &rule.body,
            &order,
            0,
            &mut env,
            win,
            &mut lits,
            &mut |g, env, lits| g.head(rule, env, lits),
        );
    }

    /// Ground instances of a condition: calls `sink` with each solution's literals.
    pub fn solve_cond(
        &mut self,
        conj: &Conj,
        env: &mut Env,
        sink: &mut dyn FnMut(&mut Grounder, &mut Env, &[i32]),
    ) {
        let mut lits = Vec::new();
        self.join(conj, &conj.order, 0, env, None, &mut lits, sink);
    }

    fn eval_args(&mut self, pred: PredId, args: &[GTerm], env: &Env) -> Option<Sym> {
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

    fn head(&mut self, rule: &Rule, env: &mut Env, body: &[i32]) {
        match &rule.head {
            Head::Disj(atoms) if atoms.len() == 1 && atoms[0].cond.lits.is_empty() => {
                // The common case: one unconditional head atom.
                let a = &atoms[0];
                let Some(s) = self.eval_args(a.pred, &a.args, env) else {
                    return;
                };
                let id = self.atom(s, a.pred);
                if self.atoms[id as usize].fact {
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
            Head::Disj(atoms) => {
                let mut uncond: Vec<(u32, u32)> = Vec::new();
                let mut conditional: Vec<(u32, Vec<i32>)> = Vec::new();
                for a in atoms {
                    let mut found: Vec<(Sym, Vec<i32>)> = Vec::new();
                    let mut undefined = false;
                    self.solve_cond(&a.cond, env, &mut |g, env, c| match g
                        .eval_args(a.pred, &a.args, env)
                    {
                        Some(s) => found.push((s, c.to_vec())),
                        None => undefined = true,
                    });
                    if undefined && a.cond.lits.is_empty() {
                        // An undefined head term removes the instance.
                        return;
                    }
                    for (s, c) in found {
                        let id = self.atom(s, a.pred);
                        if c.is_empty() && a.cond.lits.is_empty() {
                            uncond.push((a.group, id));
                        } else if c.is_empty() {
                            // Instances of a condition are disjuncts of their own.
                            uncond.push((u32::MAX - uncond.len() as u32, id));
                        } else {
                            conditional.push((id, c));
                        }
                    }
                }
                // Groups of unconditional atoms: a group of facts satisfies the rule; a
                // group of several atoms is a conjunction, through a helper.
                let mut heads: Vec<u32> = Vec::new();
                let mut conjunctions: Vec<Vec<u32>> = Vec::new();
                uncond.sort_unstable();
                uncond.dedup();
                let mut k = 0;
                while k < uncond.len() {
                    let group = uncond[k].0;
                    let mut members = Vec::new();
                    while k < uncond.len() && uncond[k].0 == group {
                        members.push(uncond[k].1);
                        k += 1;
                    }
                    members.retain(|&id| !self.atoms[id as usize].fact);
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
                        for &h in &heads {
                            self.define(h);
                        }
                        for (h, _) in &conditional {
                            self.define(*h);
                        }
                        return;
                    }
                    for c in conjunctions {
                        let e = self.helper();
                        let lits: Vec<i32> = c.iter().map(|&id| self.lit(id)).collect();
                        for &l in &lits {
                            self.rule(HeadKind::Disjunctive, vec![l as u32], vec![e as i32]);
                        }
                        self.rule(HeadKind::Disjunctive, vec![e], lits);
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
                for &h in heads.iter().chain(conditional.iter().map(|(h, _)| h)) {
                    self.define(h);
                }
                if self.domain_only {
                    return;
                }
                let mut hl: Vec<u32> = heads.iter().map(|&h| self.lit(h) as u32).collect();
                hl.append(&mut self.helper_heads);
                // `a : c` in a head stands for `a and c`: a helper `e` with `e :- a, c`,
                // `a :- c, e` and `:- e, not c`, as gringo translates it.
                for (id, c) in conditional {
                    let a = self.lit(id);
                    let e = self.helper();
                    let mut b = c.clone();
                    b.push(a);
                    self.rule(HeadKind::Disjunctive, vec![e], b);
                    let mut b = c.clone();
                    b.push(e as i32);
                    if self.atoms[id as usize].fact {
                        self.rule(HeadKind::Disjunctive, vec![e], c.clone());
                    } else {
                        self.rule(HeadKind::Disjunctive, vec![a as u32], b);
                    }
                    for &l in &c {
                        let n = self.negate(l);
                        self.rule(HeadKind::Disjunctive, vec![], vec![e as i32, n]);
                    }
                    hl.push(e);
                }
                self.rule(HeadKind::Disjunctive, hl, body.to_vec());
            }
            Head::Agg { fun, guards, elems } => {
                let mut gs = Vec::new();
                for (op, t) in guards {
                    match self.eval().eval(t, env) {
                        Some(v) => gs.push((*op, v)),
                        None => return,
                    }
                }
                let mut found: Vec<(Vec<Sym>, u32, Vec<i32>)> = Vec::new();
                for a in elems {
                    self.solve_cond(&a.cond, env, &mut |g, env, c| {
                        let Some(s) = g.eval_args(a.pred, &a.args, env) else {
                            return;
                        };
                        let mut tuple = Vec::new();
                        for t in &a.tuple {
                            match g.eval().eval(t, env) {
                                Some(v) => tuple.push(v),
                                None => return,
                            }
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
                    if !self.atoms[id as usize].fact {
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
                    Some(None)
                } else {
                    self.aggregate(*fun, &gs, agg_elems)
                };
                self.agg_recursive = saved;
                if result.is_some() {
                    // (When the guards cannot hold, the body is a constraint and no
                    // element can be chosen: gringo writes no choice either.)
                    for (l, b) in choices {
                        self.rule(HeadKind::Choice, vec![l], b);
                    }
                }
                match result {
                    Some(None) => {}
                    None => self.rule(HeadKind::Disjunctive, vec![], body.to_vec()),
                    Some(Some(l)) => {
                        let mut b = body.to_vec();
                        let nl = self.negate(l);
                        b.push(nl);
                        self.rule(HeadKind::Disjunctive, vec![], b);
                    }
                }
            }
            Head::Minimize {
                weight,
                priority,
                terms,
            } => {
                if self.domain_only {
                    return;
                }
                let Some(w) = self
                    .eval()
                    .eval(weight, env)
                    .and_then(|s| self.syms.as_num(s))
                else {
                    return;
                };
                let Some(p) = self
                    .eval()
                    .eval(priority, env)
                    .and_then(|s| self.syms.as_num(s))
                else {
                    return;
                };
                let mut ts = Vec::new();
                for t in terms {
                    match self.eval().eval(t, env) {
                        Some(v) => ts.push(v),
                        None => return,
                    }
                }
                self.minimize
                    .entry((p, w, ts))
                    .or_default()
                    .push(body.to_vec());
            }
            Head::Show(t) => {
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
            Head::External(pred, args, value) => {
                if !body.is_empty() {
                    return;
                }
                let Some(s) = self.eval_args(*pred, args, env) else {
                    return;
                };
                let id = self.atom(s, *pred);
                self.define(id);
                if self.domain_only || self.atoms[id as usize].fact {
                    return;
                }
                let v = match value.as_ref().and_then(|v| self.eval().eval(v, env)) {
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
            Head::Project(pred, args) => {
                if self.domain_only || !body.is_empty() {
                    return;
                }
                let Some(s) = self.eval_args(*pred, args, env) else {
                    return;
                };
                if let Some(id) = self.find(s) {
                    self.projects.push(id);
                }
            }
            Head::Heuristic {
                pred,
                args,
                value,
                priority,
                modifier,
            } => {
                if self.domain_only {
                    return;
                }
                let Some(s) = self.eval_args(*pred, args, env) else {
                    return;
                };
                let Some(id) = self.find(s) else { return };
                if !self.atoms[id as usize].defined || self.atoms[id as usize].fact {
                    return;
                }
                let Some(v) = self
                    .eval()
                    .eval(value, env)
                    .and_then(|s| self.syms.as_num(s))
                else {
                    return;
                };
                let Some(p) = self
                    .eval()
                    .eval(priority, env)
                    .and_then(|s| self.syms.as_num(s))
                else {
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
                self.out.push(Statement::Heuristic {
                    modifier,
                    atom,
                    value: v,
                    priority: u32::try_from(p).unwrap_or(0),
                    cond: body.to_vec(),
                });
            }
            Head::Theory { atom, directive } => {
                if self.domain_only {
                    return;
                }
                let Some(a) = self.theory_atom(atom, env, *directive) else {
                    return;
                };
                if !*directive {
                    self.rule(HeadKind::Disjunctive, vec![a], body.to_vec());
                }
            }
            Head::Edge(u, v) => {
                if self.domain_only {
                    return;
                }
                let (Some(u), Some(v)) = (self.eval().eval(u, env), self.eval().eval(v, env))
                else {
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
    }

    fn true_lit(&mut self) -> i32 {
        if self.true_atom == 0 {
            self.true_atom = self.helper();
            self.rule(HeadKind::Disjunctive, vec![self.true_atom], vec![]);
        }
        self.true_atom as i32
    }

    fn finish(&mut self) {
        // Atoms that became facts after being referenced.
        for i in 0..self.atoms.len() {
            let a = &self.atoms[i];
            if a.fact && a.aspif != 0 {
                let l = a.aspif;
                self.rule(HeadKind::Disjunctive, vec![l], vec![]);
            }
        }
        // Classical negation: p and -p exclude each other.
        for i in 0..self.atoms.len() {
            let a = self.atoms[i].clone();
            if !a.defined {
                continue;
            }
            if let SymData::Fun {
                name,
                args,
                neg: true,
            } = self.syms.get(a.sym).clone()
            {
                let pos = self.syms.fun(name, &args, false);
                if let Some(j) = self.find(pos) {
                    if self.atoms[j as usize].defined {
                        let mut body = Vec::new();
                        for k in [i as u32, j] {
                            if !self.atoms[k as usize].fact {
                                let l = self.lit(k);
                                body.push(l);
                            }
                        }
                        self.rule(HeadKind::Disjunctive, vec![], body);
                    }
                }
            }
        }
        // Minimize: one statement per priority.
        let entries: Vec<_> = std::mem::take(&mut self.minimize).into_iter().collect();
        let mut by_prio: IndexMap<i64, Vec<WeightedLit>> = IndexMap::new();
        for ((p, w, _), conds) in entries {
            let lit = match self.disjunction(&conds) {
                Some(l) => l,
                None => self.true_lit(),
            };
            by_prio
                .entry(p)
                .or_default()
                .push(WeightedLit { lit, weight: w });
        }
        let mut prios: Vec<_> = by_prio.into_iter().collect();
        prios.sort_by_key(|(p, _)| *p);
        for (priority, lits) in prios {
            self.out.push(Statement::Minimize { priority, lits });
        }
        if !self.projects.is_empty() {
            let mut atoms = Vec::new();
            for id in std::mem::take(&mut self.projects) {
                if self.atoms[id as usize].defined && !self.atoms[id as usize].fact {
                    atoms.push(self.lit(id) as u32);
                }
            }
            self.out.push(Statement::Project(atoms));
        }
        self.simplify();
    }

    /// Output statements for the shown atoms.
    pub fn show_atoms(
        &mut self,
        shown: &dyn Fn(&crate::program::Pred) -> bool,
        project_sigs: &FxHashSet<PredId>,
    ) {
        let mut project = Vec::new();
        let start = self.out.len();
        let mut pred_shown: Vec<Option<bool>> = vec![None; self.preds.list.len()];
        for i in 0..self.atoms.len() {
            let a = self.atoms[i].clone();
            if !a.defined {
                continue;
            }
            if project_sigs.contains(&a.pred) && !a.fact {
                project.push(self.lit(i as u32) as u32);
            }
            let p = a.pred as usize;
            let is_shown = *pred_shown[p].get_or_insert_with(|| shown(&self.preds.list[p]));
            if !is_shown {
                continue;
            }
            let name = self.syms.show(a.sym);
            if a.fact {
                self.out.push(Statement::Output { name, cond: vec![] });
            } else if a.aspif != 0 {
                self.out.push(Statement::Output {
                    name,
                    cond: vec![a.aspif as i32],
                });
            }
        }
        self.atom_outputs = start..self.out.len();
        self.shown_preds = (0..pred_shown.len() as PredId)
            .filter(|&p| pred_shown[p as usize] == Some(true))
            .collect();
        if !project.is_empty() {
            self.out.push(Statement::Project(project));
        }
    }

    /// Translates a body aggregate instance (see the `aggregate` module).
    pub fn aggregate(
        &mut self,
        fun: AggFun,
        guards: &[(crate::ast::CmpOp, Sym)],
        elems: Vec<(Vec<Sym>, Vec<i32>)>,
    ) -> Option<Option<i32>> {
        aggregate::translate(self, fun, guards, elems)
    }
}

/// Components of the predicate dependency graph, dependencies first.
fn components(rules: &[Rule], npreds: usize) -> Vec<Vec<PredId>> {
    let mut edges: Vec<Vec<u32>> = vec![Vec::new(); npreds];
    for r in rules {
        let mut heads = Vec::new();
        r.head_preds(&mut |p| heads.push(p));
        let mut body = Vec::new();
        r.body_preds(&mut |p| body.push(p));
        for &h in &heads {
            for &b in &body {
                edges[b as usize].push(h);
            }
        }
    }
    // Tarjan's algorithm, iterative.
    let mut index = vec![u32::MAX; npreds];
    let mut low = vec![0u32; npreds];
    let mut on_stack = vec![false; npreds];
    let mut stack = Vec::new();
    let mut out = Vec::new();
    let mut counter = 0u32;
    for start in 0..npreds {
        if index[start] != u32::MAX {
            continue;
        }
        let mut call: Vec<(usize, usize)> = vec![(start, 0)];
        index[start] = counter;
        low[start] = counter;
        counter += 1;
        stack.push(start);
        on_stack[start] = true;
        while let Some(&mut (v, ref mut ei)) = call.last_mut() {
            if *ei < edges[v].len() {
                let w = edges[v][*ei] as usize;
                *ei += 1;
                if index[w] == u32::MAX {
                    index[w] = counter;
                    low[w] = counter;
                    counter += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    call.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
            } else {
                call.pop();
                if let Some(&(u, _)) = call.last() {
                    low[u] = low[u].min(low[v]);
                }
                if low[v] == index[v] {
                    let mut comp = Vec::new();
                    loop {
                        let w = stack.pop().expect("on stack");
                        on_stack[w] = false;
                        comp.push(w as PredId);
                        if w == v {
                            break;
                        }
                    }
                    out.push(comp);
                }
            }
        }
    }
    out.reverse();
    out
}
