//! clasp's domain heuristic (`--heuristic=Domain`): `#heuristic` statements modify the
//! decision heuristic of their atom while their condition holds (Gebser, Kaufmann,
//! Otero, Romero, Schaub, Wanko: "Domain-specific heuristics in answer set
//! programming", AAAI 2013).
//!
//! Modifiers: `level` (unassigned atoms of the highest level are decided first, the
//! activity breaks ties; default 0), `sign` (the value decided: positive true, negative
//! false, 0 none), `factor` (scales the atom's activity bumps), `init` (added to the
//! initial activity, for conditions true before the search) and `true`/`false` (level
//! and sign together). Among the modifiers of one kind of an atom whose conditions
//! hold, the highest priority counts; on equal priority the later statement (clasp
//! does the same for statements that hold from the start).
//!
//! The heuristic only changes the order of the search, never what is a model.
//! [`DomainModifiers`] is the frozen part (in the shared formula), [`DomainState`]
//! the per-solver part: it follows the trail at each decision (conditions are
//! conjunctions; a counter per modifier holds how many of its literals are true) and
//! takes back on backtracking what it saw.

use crate::heuristic::Vsids;
use crate::lit::{Lit, Var};

/// What a modifier changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModifierKind {
    /// Decision level of the atom.
    Level,
    /// Preferred value.
    Sign,
    /// Scale of activity bumps.
    Factor,
    /// Initial activity.
    Init,
}

/// One modifier of an atom's variable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Modifier {
    var: Var,
    kind: ModifierKind,
    value: i32,
    priority: u32,
    /// Its condition: `cond[cond_start..cond_end]` of [`DomainModifiers`].
    cond_start: u32,
    cond_end: u32,
}

/// The heuristic modifiers of a program, indexed by condition literal and variable.
#[derive(Clone, Debug, Default)]
pub struct DomainModifiers {
    modifiers: Vec<Modifier>,
    cond: Vec<Lit>,
    /// Modifiers whose condition contains a literal, by literal (compressed rows).
    lit_start: Vec<u32>,
    by_lit: Vec<u32>,
    /// Modifiers of each variable, in statement order.
    var_start: Vec<u32>,
    by_var: Vec<u32>,
}

/// `0..items` grouped by `keys[i]` (compressed rows): start offsets and item indices.
fn group_by(keys: &[usize], groups: usize) -> (Vec<u32>, Vec<u32>) {
    let mut start = vec![0u32; groups + 1];
    for &k in keys {
        start[k + 1] += 1;
    }
    for i in 0..groups {
        start[i + 1] += start[i];
    }
    let mut fill = start.clone();
    let mut items = vec![0u32; keys.len()];
    for (i, &k) in keys.iter().enumerate() {
        items[fill[k] as usize] = i as u32;
        fill[k] += 1;
    }
    (start, items)
}

impl DomainModifiers {
    /// Builds the index over a formula of `num_vars` variables from `(variable, kind,
    /// value, priority, condition)` in statement order. Conditions must be free of
    /// constants (constant-false ones left out, constant-true literals removed).
    pub fn new(num_vars: u32, list: Vec<(Var, ModifierKind, i64, u32, Vec<Lit>)>) -> Self {
        let mut d = DomainModifiers::default();
        let mut lit_keys = Vec::new();
        let mut var_keys = Vec::new();
        for (var, kind, value, priority, cond) in list {
            let m = d.modifiers.len();
            let cond_start = d.cond.len() as u32;
            d.cond.extend_from_slice(&cond);
            lit_keys.extend(cond.iter().map(|l| (l.index(), m)));
            var_keys.push(var.index());
            d.modifiers.push(Modifier {
                var,
                kind,
                value: value.clamp(i32::MIN as i64, i32::MAX as i64) as i32,
                priority,
                cond_start,
                cond_end: d.cond.len() as u32,
            });
        }
        // One entry per (literal, modifier) occurrence, pointing at the modifier.
        let keys: Vec<usize> = lit_keys.iter().map(|e| e.0).collect();
        let (lit_start, occurrences) = group_by(&keys, 2 * num_vars as usize);
        d.lit_start = lit_start;
        d.by_lit = occurrences
            .iter()
            .map(|&i| lit_keys[i as usize].1 as u32)
            .collect();
        let (var_start, by_var) = group_by(&var_keys, num_vars as usize);
        d.var_start = var_start;
        d.by_var = by_var;
        d
    }

    /// No modifier at all.
    pub fn is_empty(&self) -> bool {
        self.modifiers.is_empty()
    }

    fn of_lit(&self, lit: Lit) -> &[u32] {
        let i = lit.index();
        &self.by_lit[self.lit_start[i] as usize..self.lit_start[i + 1] as usize]
    }

    fn of_var(&self, var: Var) -> &[u32] {
        let i = var.index();
        &self.by_var[self.var_start[i] as usize..self.var_start[i + 1] as usize]
    }

    fn cond_len(&self, m: u32) -> u32 {
        let m = &self.modifiers[m as usize];
        m.cond_end - m.cond_start
    }
}

/// The domain heuristic's search state in one solver.
#[derive(Clone, Debug, Default)]
pub struct DomainState {
    /// The next trail position to look at.
    head: usize,
    /// Per modifier, how many of its condition's literals are true (seen so far).
    true_count: Vec<u32>,
    /// Variables whose modifiers changed since they were last applied.
    dirty: Vec<Var>,
    is_dirty: Vec<bool>,
    /// The `init` modifiers have been applied (once, before the first decision).
    initialised: bool,
}

impl DomainState {
    /// The state before the search: modifiers without condition hold.
    pub fn new(mods: &DomainModifiers, num_vars: usize) -> DomainState {
        let mut s = DomainState {
            true_count: vec![0; mods.modifiers.len()],
            is_dirty: vec![false; num_vars],
            ..DomainState::default()
        };
        for (m, modifier) in mods.modifiers.iter().enumerate() {
            if mods.cond_len(m as u32) == 0 {
                s.mark(modifier.var);
            }
        }
        s
    }

    fn mark(&mut self, var: Var) {
        if !self.is_dirty[var.index()] {
            self.is_dirty[var.index()] = true;
            self.dirty.push(var);
        }
    }

    fn holds(&self, mods: &DomainModifiers, m: u32) -> bool {
        self.true_count[m as usize] == mods.cond_len(m)
    }

    /// Before a decision: counts the literals assigned since the last call and applies
    /// the modifiers whose conditions changed to `vsids`.
    pub fn update(&mut self, mods: &DomainModifiers, trail: &[Lit], vsids: &mut Vsids) {
        while self.head < trail.len() {
            for &m in mods.of_lit(trail[self.head]) {
                self.true_count[m as usize] += 1;
                if self.holds(mods, m) {
                    self.mark(mods.modifiers[m as usize].var);
                }
            }
            self.head += 1;
        }
        if !self.initialised {
            self.initialised = true;
            for (m, modifier) in mods.modifiers.iter().enumerate() {
                if modifier.kind == ModifierKind::Init && self.holds(mods, m as u32) {
                    vsids.add_activity(modifier.var, modifier.value as f64);
                }
            }
        }
        self.apply(mods, vsids);
    }

    /// Takes back the literals at trail positions `target` and above (the trail not
    /// yet truncated).
    pub fn backtrack(
        &mut self,
        mods: &DomainModifiers,
        trail: &[Lit],
        target: usize,
        vsids: &mut Vsids,
    ) {
        while self.head > target {
            self.head -= 1;
            for &m in mods.of_lit(trail[self.head]) {
                if self.holds(mods, m) {
                    self.mark(mods.modifiers[m as usize].var);
                }
                self.true_count[m as usize] -= 1;
            }
        }
        self.apply(mods, vsids);
    }

    /// Sets level, sign and factor of every dirty variable from the strongest of its
    /// modifiers that hold.
    fn apply(&mut self, mods: &DomainModifiers, vsids: &mut Vsids) {
        while let Some(var) = self.dirty.pop() {
            self.is_dirty[var.index()] = false;
            // (priority, value) of the strongest modifier of each kind; later
            // statements win ties (`>=`).
            let mut level: Option<(u32, i32)> = None;
            let mut sign: Option<(u32, i32)> = None;
            let mut factor: Option<(u32, i32)> = None;
            for &m in mods.of_var(var) {
                if !self.holds(mods, m) {
                    continue;
                }
                let modifier = &mods.modifiers[m as usize];
                let slot = match modifier.kind {
                    ModifierKind::Level => &mut level,
                    ModifierKind::Sign => &mut sign,
                    ModifierKind::Factor => &mut factor,
                    ModifierKind::Init => continue,
                };
                if slot.is_none_or(|(p, _)| modifier.priority >= p) {
                    *slot = Some((modifier.priority, modifier.value));
                }
            }
            vsids.set_level(var, level.map_or(0, |e| e.1));
            vsids.set_sign(var, sign.map_or(0, |e| e.1.signum() as i8));
            vsids.set_factor(var, factor.map_or(1.0, |e| e.1 as f64));
        }
    }
}
