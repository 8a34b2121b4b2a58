//! Component scheduling: the predicate dependency graph's strongly connected components
//! (Tarjan) in topological order, each rule grounded with the first component among its
//! head predicates, and a component's rules evaluated once (not recursive), semi-naively
//! (recursive), or closed naively without output and then grounded once (when an
//! aggregate or condition depends on the component itself).

use super::join::Query;
use super::Grounder;
use crate::program::{Head, Lit, PredId, Rule};
use crate::term::Env;

/// Semi-naive window of one rule evaluation.
pub(super) struct Window {
    /// The body literal restricted to the new atoms.
    pub delta: usize,
    /// Per predicate: in the current component.
    pub in_scc: Vec<bool>,
    /// Per predicate: atoms before this index are old.
    pub old_end: Vec<usize>,
    /// Per predicate: atoms before this index are visible in this round.
    pub new_end: Vec<usize>,
}

impl Grounder {
    /// Grounds all rules, component by component.
    pub fn instantiate(&mut self, rules: &[Rule]) {
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
    }

    fn component(&mut self, rules: &[Rule], members: &[usize], in_scc: &[bool]) {
        if members.is_empty() {
            return;
        }
        // Exit rules (no body literal over the component) first: their facts are then
        // known when the recursive rules are grounded, so more literals are decided.
        let mut members = members.to_vec();
        members.sort_by_key(|&i| body_depends_on(&rules[i], in_scc));
        let members = &members[..];
        let mut recursive = false;
        let mut complex = false;
        for &i in members {
            let r = &rules[i];
            if body_depends_on(r, in_scc) {
                recursive = true;
                complex |= nested_depends_on(r, in_scc);
            }
        }
        if !recursive {
            for &i in members {
                self.ground_rule(&rules[i], None);
            }
        } else if complex {
            self.close_then_ground(rules, members);
        } else {
            self.semi_naive(rules, members, in_scc);
        }
    }

    /// Closes the domains of a component naively without output (its aggregates or
    /// conditions depend on it, so no instance is final before the domains are), then
    /// grounds each rule once over the closed domains.
    fn close_then_ground(&mut self, rules: &[Rule], members: &[usize]) {
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
    }

    /// Semi-naive evaluation of a recursive component: every rule over all atoms, then,
    /// round by round, once per positive body literal over the component restricted to
    /// the atoms new in the last round.
    fn semi_naive(&mut self, rules: &[Rule], members: &[usize], in_scc: &[bool]) {
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

    fn ground_rule(&mut self, rule: &Rule, win: Option<&Window>) {
        // Does an aggregate (or condition) of the body depend on this component? Only
        // then a non-convex aggregate needs its self-referential translation.
        let nested = win.is_some_and(|w| complex_body_depends_on(rule, &w.in_scc));
        self.agg_recursive = nested || self.closing_recursive;
        crate::progress::rule(rule.file, rule.span);
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
        let mut query = Query {
            conj: &rule.body,
            order: &order,
            win,
            sink: &mut |g, env, lits| {
                crate::progress::instance();
                g.head(rule, env, lits)
            },
            env: &mut env,
            lits: &mut lits,
        };
        self.join(&mut query, 0);
    }
}

/// Whether a body literal of `rule` is over a predicate in `in_scc`.
fn body_depends_on(rule: &Rule, in_scc: &[bool]) -> bool {
    let mut rec = false;
    rule.body_preds(&mut |p| rec |= in_scc[p as usize]);
    rec
}

/// Whether an aggregate or conditional literal of `rule`'s body is over a predicate in
/// `in_scc`.
fn complex_body_depends_on(rule: &Rule, in_scc: &[bool]) -> bool {
    let mut nested = false;
    for l in &rule.body.lits {
        if l.is_complex() {
            l.preds(&mut |p| nested |= in_scc[p as usize]);
        }
    }
    nested
}

/// Whether an aggregate, conditional literal or head condition of `rule` is over a
/// predicate in `in_scc`.
fn nested_depends_on(rule: &Rule, in_scc: &[bool]) -> bool {
    let mut nested = complex_body_depends_on(rule, in_scc);
    if let Head::Disj(atoms) | Head::Agg { elems: atoms, .. } = &rule.head {
        for a in atoms {
            a.cond
                .lits
                .iter()
                .for_each(|l| l.preds(&mut |p| nested |= in_scc[p as usize]));
        }
    }
    nested
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
