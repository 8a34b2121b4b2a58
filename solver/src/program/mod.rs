//! Translation of an aspif program into a solver [`Formula`].
//!
//! Every atom that is neither a fact nor underivable gets a variable, except one outside
//! positive loops defined by a single normal rule, which takes its body's literal (see
//! [`merge_single_rule_atoms`]); every distinct body of two or more literals gets a
//! variable; Clark's completion becomes clauses
//! (`body -> head`, `atom -> some supporting body`, `body <-> conjunction`), weight
//! bodies become native weight constraints. Disjunctive rules are shifted when
//! head-cycle-free; otherwise they stay disjunctive and models are checked for
//! minimality (see [`crate::minimality`]). Positive SCCs (Tarjan) give the loops
//! checked for unfounded sets; a program without cyclic SCCs is tight.

pub mod scc;

use crate::acyclic::{Edge, EdgeGraph};
use crate::domain::{DomainModifiers, ModifierKind};
use crate::formula::Formula;
use crate::lit::{Lit, Var};
use crate::minimality::{CheckBody, CheckRule};
use crate::unfounded::{LoopAtom, LoopBody, LoopData};
use aspif::{Atom, Body, ExternalValue, HeadKind, Rule, Statement};
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;

/// Counters for `--stats`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ProgramStats {
    /// Rules read.
    pub rules: u64,
    /// Choice rules read.
    pub choice_rules: u64,
    /// Atoms with a variable.
    pub atoms: u64,
    /// Distinct bodies.
    pub bodies: u64,
    /// No cyclic positive SCC.
    pub tight: bool,
}

/// A translated program: the formula and what is needed to report models.
#[derive(Clone, Debug, Default)]
pub struct Translation {
    /// What the solver searches.
    pub formula: Formula,
    /// The solver literal of every aspif atom (index = atom).
    pub atom_lit: Vec<Lit>,
    /// Shown texts with their conditions (constant-true literals removed).
    pub outputs: Vec<(String, Vec<Lit>)>,
    /// `#project` atoms (None: no project statement).
    pub projection: Option<Vec<Lit>>,
    /// `#minimize` statements: priority, weighted literals.
    pub minimize: Vec<(i64, Vec<(Lit, i64)>)>,
    /// The rules in solver literals: kept for the minimality check of programs that
    /// are not head-cycle-free, and in debug builds to re-check every model.
    pub rules: Vec<CheckRule>,
    /// Some disjunctive rule is not head-cycle-free: models need the minimality check.
    pub non_hcf: bool,
    /// The atoms' literals (for the minimality check).
    pub atom_lits: Vec<Lit>,
    /// Statistics.
    pub stats: ProgramStats,
    /// Statements this solver does not support yet.
    pub unsupported: Option<String>,
}

struct BodyInfo {
    lit: Lit,
    /// Conjunction literals (normal bodies) or weighted literals.
    lits: Vec<(Lit, u64)>,
    bound: u64,
    conjunction: bool,
}

struct Builder {
    formula: Formula,
    atom_lit: Vec<Lit>,
    bodies: Vec<BodyInfo>,
    /// Bodies by the hash of their normalised literals (and bound): the literals are
    /// compared with the body's own copy, so that each list is stored once. On a
    /// collision of different bodies the later one is simply not shared.
    normal_index: HashMap<u64, u32>,
    weight_index: HashMap<u64, u32>,
}

fn hash_of<T: std::hash::Hash + ?Sized>(value: &T) -> u64 {
    use std::hash::Hasher;
    let mut hasher = rustc_hash::FxHasher::default();
    value.hash(&mut hasher);
    hasher.finish()
}

impl Builder {
    fn lit(&self, l: aspif::Lit) -> Lit {
        let a = self.atom_lit[aspif::lit_atom(l) as usize];
        if l < 0 {
            !a
        } else {
            a
        }
    }

    /// The body index of a conjunction, or `Err(constant)` if it is constant
    /// true/false.
    fn conjunction(&mut self, mut lits: Vec<Lit>) -> Result<u32, bool> {
        if lits.contains(&Lit::FALSE) {
            return Err(false);
        }
        lits.retain(|&l| l != Lit::TRUE);
        lits.sort_unstable();
        lits.dedup();
        if lits.windows(2).any(|w| w[0] == !w[1]) {
            return Err(false);
        }
        let key = hash_of(&lits[..]);
        if let Some(&b) = self.normal_index.get(&key) {
            let info = &self.bodies[b as usize];
            if info.conjunction
                && info.lits.len() == lits.len()
                && info.lits.iter().zip(&lits).all(|(e, &l)| e.0 == l)
            {
                return Ok(b);
            }
        }
        let lit = match lits.len() {
            0 => Lit::TRUE,
            1 => lits[0],
            _ => {
                let b = self.formula.new_var().positive();
                for &l in &lits {
                    self.formula.add_clause(&[!b, l]);
                }
                let mut clause: Vec<Lit> = lits.iter().map(|&l| !l).collect();
                clause.push(b);
                self.formula.add_clause(&clause);
                b
            }
        };
        let idx = self.bodies.len() as u32;
        self.bodies.push(BodyInfo {
            lit,
            bound: lits.len() as u64,
            lits: lits.iter().map(|&l| (l, 1)).collect(),
            conjunction: true,
        });
        self.normal_index.entry(key).or_insert(idx);
        Ok(idx)
    }

    fn weight(&mut self, lower: i64, lits: &[(Lit, i64)]) -> Result<u32, bool> {
        let mut bound = lower;
        let mut merged: Vec<(Lit, i64)> = Vec::new();
        for &(l, w) in lits {
            if w <= 0 || l == Lit::FALSE {
                continue;
            }
            if l == Lit::TRUE {
                bound -= w;
            } else {
                merged.push((l, w));
            }
        }
        if bound <= 0 {
            return Err(true);
        }
        merged.sort_unstable();
        let mut norm: Vec<(Lit, u64)> = Vec::new();
        for (l, w) in merged {
            match norm.last_mut() {
                Some(last) if last.0 == l => last.1 += w as u64,
                _ => norm.push((l, w as u64)),
            }
        }
        let bound = bound as u64;
        for e in norm.iter_mut() {
            e.1 = e.1.min(bound);
        }
        let total: u64 = norm.iter().map(|e| e.1).sum();
        if total < bound {
            return Err(false);
        }
        if total == bound || norm.iter().all(|e| e.1 == bound) && norm.len() == 1 {
            return self.conjunction(norm.iter().map(|e| e.0).collect());
        }
        let key = hash_of(&(bound, &norm[..]));
        if let Some(&b) = self.weight_index.get(&key) {
            let info = &self.bodies[b as usize];
            if !info.conjunction && info.bound == bound && info.lits == norm {
                return Ok(b);
            }
        }
        let b = self.formula.new_var().positive();
        let wl: Vec<(Lit, i64)> = norm.iter().map(|&(l, w)| (l, w as i64)).collect();
        self.formula.add_weight(b, bound as i64, &wl);
        let idx = self.bodies.len() as u32;
        self.bodies.push(BodyInfo {
            lit: b,
            lits: norm,
            bound,
            conjunction: false,
        });
        self.weight_index.entry(key).or_insert(idx);
        Ok(idx)
    }

    fn body(&mut self, body: &Body) -> Result<u32, bool> {
        match body {
            Body::Normal(lits) => {
                let lits = lits.iter().map(|&l| self.lit(l)).collect();
                self.conjunction(lits)
            }
            Body::Sum { lower, lits } => {
                let lits: Vec<(Lit, i64)> =
                    lits.iter().map(|w| (self.lit(w.lit), w.weight)).collect();
                self.weight(*lower, &lits)
            }
        }
    }
}

/// Translates `program` (all steps together), with the default translation of
/// weight constraints into clauses.
pub fn translate(program: &aspif::Program) -> Translation {
    translate_with(program, crate::formula::DEFAULT_TRANSLATION_FACTOR)
}

/// Translates `program`; weight constraints whose decision diagram has at most
/// `translation_factor` times as many states as literals become clauses.
pub fn translate_with(program: &aspif::Program, translation_factor: usize) -> Translation {
    let mut t = Translation::default();
    let mut next_atom = program.max_atom() + 1;
    let mut rules: Vec<Cow<Rule>> = Vec::new();
    let mut externals: Vec<(Atom, ExternalValue)> = Vec::new();
    let mut outputs = Vec::new();
    let mut projection: Option<Vec<Atom>> = None;
    let mut minimize = Vec::new();
    let mut assumptions = Vec::new();
    let mut edge_statements: Vec<(i64, i64, &Vec<aspif::Lit>)> = Vec::new();
    // Facts only make their atom constant true: kept as atoms, not rules (ground-heavy
    // programs are mostly facts, and each rule kept costs some hundred bytes below).
    let mut facts: Vec<Atom> = Vec::new();
    let mut theory_atoms: Vec<Atom> = Vec::new();
    let mut heuristic_atoms: Vec<Atom> = Vec::new();
    for stmt in program.statements() {
        match stmt {
            Statement::Rule(rule) => {
                t.stats.rules += 1;
                if rule.head_kind == HeadKind::Choice {
                    t.stats.choice_rules += 1;
                }
                if rule.head_kind == HeadKind::Disjunctive
                    && rule.head.len() == 1
                    && matches!(&rule.body, Body::Normal(l) if l.is_empty())
                {
                    facts.push(rule.head[0]);
                } else if rule.head_kind == HeadKind::Disjunctive
                    && rule.head.len() > 1
                    && matches!(rule.body, Body::Sum { .. })
                {
                    // `a | b :- #sum{...}` becomes `x :- #sum{...}. a | b :- x.`
                    let aux = next_atom;
                    next_atom += 1;
                    rules.push(Cow::Owned(Rule {
                        head_kind: HeadKind::Disjunctive,
                        head: vec![aux],
                        body: rule.body.clone(),
                    }));
                    rules.push(Cow::Owned(Rule {
                        head_kind: HeadKind::Disjunctive,
                        head: rule.head.clone(),
                        body: Body::Normal(vec![aux as aspif::Lit]),
                    }));
                } else {
                    rules.push(Cow::Borrowed(rule));
                }
            }
            Statement::External { atom, value } => externals.push((*atom, *value)),
            Statement::Output { name, cond } => outputs.push((name.clone(), cond.clone())),
            Statement::Project(atoms) => projection.get_or_insert_with(Vec::new).extend(atoms),
            Statement::Minimize { priority, lits } => minimize.push((*priority, lits.clone())),
            Statement::Assume(lits) => assumptions.extend(lits.iter().copied()),
            Statement::Heuristic { atom, .. } => heuristic_atoms.push(*atom),
            Statement::Comment(_) => {}
            Statement::Edge { from, to, cond } => edge_statements.push((*from, *to, cond)),
            Statement::Theory(aspif::TheoryStatement::Atom { atom, .. }) if *atom != 0 => {
                theory_atoms.push(*atom)
            }
            // Without a theory propagator the theory data has no meaning of its own.
            Statement::Theory(_) => {}
        }
    }
    // A theory atom no rule defines is free, as clasp treats it without a propagator
    // (it is frozen there); one that some rule derives keeps its usual meaning.
    if !theory_atoms.is_empty() {
        let mut defined: std::collections::HashSet<Atom> = facts.iter().copied().collect();
        for rule in &rules {
            defined.extend(rule.head.iter().copied());
        }
        for a in theory_atoms {
            if defined.insert(a) {
                rules.push(Cow::Owned(Rule {
                    head_kind: HeadKind::Choice,
                    head: vec![a],
                    body: Body::Normal(vec![]),
                }));
            }
        }
    }
    // Externals: open ones behave like choices; `True` ones are assumed true.
    let mut external_units = Vec::new();
    for &(atom, value) in &externals {
        match value {
            ExternalValue::Free | ExternalValue::True => {
                rules.push(Cow::Owned(Rule {
                    head_kind: HeadKind::Choice,
                    head: vec![atom],
                    body: Body::Normal(vec![]),
                }));
                if value == ExternalValue::True {
                    external_units.push(atom as aspif::Lit);
                }
            }
            ExternalValue::False | ExternalValue::Release => {}
        }
    }
    let num_atoms = next_atom as usize;
    // Facts are true, atoms without rules false.
    let mut in_head = vec![false; num_atoms];
    let mut fact = vec![false; num_atoms];
    for rule in &rules {
        for &a in &rule.head {
            in_head[a as usize] = true;
        }
    }
    for &a in &facts {
        fact[a as usize] = true;
    }
    drop(facts);
    // An atom with a variable: derivable and not a fact.
    let live = |a: usize| in_head[a] && !fact[a];
    // Positive dependency graph over atoms with a variable.
    let mut edges: Vec<Vec<u32>> = vec![Vec::new(); num_atoms];
    for rule in &rules {
        let pos: Vec<u32> = match &rule.body {
            Body::Normal(lits) => lits.iter().filter(|&&l| l > 0).map(|&l| l as u32).collect(),
            Body::Sum { lits, .. } => lits
                .iter()
                .filter(|w| w.lit > 0 && w.weight > 0)
                .map(|w| w.lit as u32)
                .collect(),
        };
        for &h in &rule.head {
            if !live(h as usize) {
                continue;
            }
            for &p in &pos {
                if live(p as usize) {
                    edges[h as usize].push(p);
                }
            }
        }
    }
    let (comp, cyclic_comp) = scc::components(&edges);
    // Free the graph before the bodies are built (the translation's peak).
    drop(edges);
    let cyclic_atom: Vec<bool> = (0..num_atoms)
        .map(|a| live(a) && cyclic_comp[comp[a] as usize])
        .collect();
    // Some disjunction may not be head-cycle-free (checked exactly below): then the
    // minimality check needs every atom as a variable of its own.
    let maybe_non_hcf = rules.iter().any(|rule| {
        rule.head_kind == HeadKind::Disjunctive
            && rule.head.iter().enumerate().any(|(i, &x)| {
                cyclic_atom[x as usize]
                    && rule.head[i + 1..]
                        .iter()
                        .any(|&y| comp[x as usize] == comp[y as usize])
            })
    });
    let single_rule = if maybe_non_hcf {
        vec![NO_RULE; num_atoms]
    } else {
        single_rule_atoms(
            &rules,
            num_atoms,
            |a| live(a) && !cyclic_atom[a],
            &heuristic_atoms,
        )
    };
    let mut formula = Formula::new();
    formula.translation_factor = translation_factor;
    let mut b = Builder {
        formula,
        atom_lit: vec![Lit::FALSE; num_atoms],
        bodies: Vec::new(),
        normal_index: HashMap::default(),
        weight_index: HashMap::default(),
    };
    for a in 1..num_atoms {
        b.atom_lit[a] = if fact[a] {
            Lit::TRUE
        } else if in_head[a] {
            t.stats.atoms += 1;
            if single_rule[a] == NO_RULE {
                b.formula.new_var().positive()
            } else {
                Lit::FALSE // decided by `merge_single_rule_atoms`
            }
        } else {
            Lit::FALSE
        };
    }
    drop(in_head);
    drop(fact);
    merge_single_rule_atoms(&mut b, &rules, &single_rule);
    drop(single_rule);
    t.stats.tight = !cyclic_atom.iter().any(|&c| c);
    // Rules: `body -> heads` clauses and supports.
    let mut supports: Vec<Vec<u32>> = vec![Vec::new(); num_atoms];
    // Source bodies matter only for cyclic atoms (unfounded sets).
    let mut sources: Vec<Vec<u32>> = vec![Vec::new(); num_atoms];
    let mut check_rules: Vec<CheckRule> = Vec::new();
    // The rules in solver literals are only needed when some disjunction may not be
    // head-cycle-free (checked exactly below) and in debug builds.
    let keep_checks = cfg!(debug_assertions) || maybe_non_hcf;
    let mut non_hcf = false;
    let mut always_true = vec![false; num_atoms];
    for rule in &rules {
        if let (HeadKind::Disjunctive, true, Body::Normal(lits)) =
            (rule.head_kind, rule.head.is_empty(), &rule.body)
        {
            // An integrity constraint `:- l1, ..., ln` is the clause of the negated
            // literals: no body variable and no `body <-> conjunction` clauses. (On
            // color-500 these are 4 000 of 10 000 variables and 12 000 clauses.)
            if keep_checks {
                check_rules.push(CheckRule {
                    heads: Vec::new(),
                    choice: false,
                    body: check_body(&b, &rule.body),
                });
            }
            let clause: Vec<Lit> = lits.iter().map(|&l| !b.lit(l)).collect();
            b.formula.add_clause(&clause);
            continue;
        }
        let body = match b.body(&rule.body) {
            Ok(body) => body,
            Err(false) => continue,
            Err(true) => b.conjunction(vec![]).expect("the empty body"),
        };
        let body_lit = b.bodies[body as usize].lit;
        let heads: &[Atom] = &rule.head;
        if keep_checks {
            check_rules.push(CheckRule {
                heads: heads.iter().map(|&h| b.atom_lit[h as usize]).collect(),
                choice: rule.head_kind == HeadKind::Choice,
                body: check_body(&b, &rule.body),
            });
        }
        match rule.head_kind {
            HeadKind::Choice => {
                for &h in heads {
                    if !b.atom_lit[h as usize].is_constant() {
                        b.formula.preferred.push(b.atom_lit[h as usize].var());
                        supports[h as usize].push(body);
                        if cyclic_atom[h as usize] {
                            sources[h as usize].push(body);
                        }
                        if body_lit == Lit::TRUE {
                            always_true[h as usize] = true;
                        }
                    }
                }
            }
            HeadKind::Disjunctive => {
                if heads.iter().any(|&h| b.atom_lit[h as usize] == Lit::TRUE) {
                    continue;
                }
                let live: Vec<Atom> = heads
                    .iter()
                    .copied()
                    .filter(|&h| b.atom_lit[h as usize] != Lit::FALSE)
                    .collect();
                let mut clause: Vec<Lit> = vec![!body_lit];
                clause.extend(live.iter().map(|&h| b.atom_lit[h as usize]));
                b.formula.add_clause(&clause);
                if live.len() == 1 {
                    supports[live[0] as usize].push(body);
                    if cyclic_atom[live[0] as usize] {
                        sources[live[0] as usize].push(body);
                    }
                    if body_lit == Lit::TRUE {
                        always_true[live[0] as usize] = true;
                    }
                    continue;
                }
                let hcf = !live.iter().enumerate().any(|(i, &x)| {
                    cyclic_atom[x as usize]
                        && live[i + 1..]
                            .iter()
                            .any(|&y| comp[x as usize] == comp[y as usize])
                });
                non_hcf |= !hcf;
                let body_lits: Vec<Lit> =
                    b.bodies[body as usize].lits.iter().map(|e| e.0).collect();
                for &h in &live {
                    let mut lits = body_lits.clone();
                    lits.extend(
                        live.iter()
                            .filter(|&&o| o != h)
                            .map(|&o| !b.atom_lit[o as usize]),
                    );
                    if let Ok(shifted) = b.conjunction(lits) {
                        supports[h as usize].push(shifted);
                        if cyclic_atom[h as usize] {
                            sources[h as usize].push(if hcf { shifted } else { body });
                        }
                    } else if !hcf && cyclic_atom[h as usize] {
                        sources[h as usize].push(body);
                    }
                }
            }
        }
    }
    // Completion: an atom needs a supporting body.
    for a in 1..num_atoms {
        let lit = b.atom_lit[a];
        if lit.is_constant() || always_true[a] {
            continue;
        }
        let mut clause = vec![!lit];
        clause.extend(supports[a].iter().map(|&s| b.bodies[s as usize].lit));
        b.formula.add_clause(&clause);
    }
    // Loops.
    if !t.stats.tight {
        let mut data = LoopData::default();
        let mut loop_index = vec![u32::MAX; num_atoms];
        let mut var_loop: HashMap<Var, u32> = HashMap::default();
        for a in 1..num_atoms {
            if cyclic_atom[a] {
                loop_index[a] = data.atoms.len() as u32;
                var_loop.insert(b.atom_lit[a].var(), loop_index[a]);
                data.atoms.push(LoopAtom {
                    lit: b.atom_lit[a],
                    sources: Vec::new(),
                    dependants: Vec::new(),
                });
            }
        }
        let mut body_loop: HashMap<u32, u32> = HashMap::default();
        for a in 1..num_atoms {
            if !cyclic_atom[a] {
                continue;
            }
            for &s in &sources[a] {
                let lb = *body_loop.entry(s).or_insert_with(|| {
                    let info = &b.bodies[s as usize];
                    let mut other = Vec::new();
                    let mut cyc = Vec::new();
                    for &(l, w) in &info.lits {
                        match var_loop.get(&l.var()) {
                            Some(&i) if !l.is_negated() => cyc.push((i, w)),
                            _ => {
                                if !info.conjunction {
                                    other.push((l, w))
                                }
                            }
                        }
                    }
                    let bound = if info.conjunction {
                        cyc.len() as u64
                    } else {
                        info.bound
                    };
                    data.bodies.push(LoopBody {
                        lit: info.lit,
                        bound,
                        other,
                        cyclic: cyc,
                        heads: Vec::new(),
                        conjunction: info.conjunction,
                    });
                    data.bodies.len() as u32 - 1
                });
                data.bodies[lb as usize].heads.push(loop_index[a]);
                data.atoms[loop_index[a] as usize].sources.push(lb);
            }
        }
        for (i, body) in data.bodies.iter().enumerate() {
            for &(a, w) in &body.cyclic {
                data.atoms[a as usize].dependants.push((i as u32, w));
            }
        }
        b.formula.loops = Some(data);
    }
    for &l in assumptions.iter().chain(&external_units) {
        let lit = b.lit(l);
        b.formula.add_clause(&[lit]);
    }
    let edges = (!edge_statements.is_empty()).then(|| edge_list(&mut b, &edge_statements));
    // Weight constraints become clauses over auxiliary variables only now: the edge
    // graph's index by literal must cover them.
    b.formula.finish();
    if let Some((num_nodes, list)) = edges {
        b.formula.acyclicity = Some(EdgeGraph::new(num_nodes, list, b.formula.num_vars));
    }
    t.stats.bodies = b.bodies.len() as u64;
    t.outputs = outputs
        .into_iter()
        .filter_map(|(name, cond)| {
            let lits: Vec<Lit> = cond.iter().map(|&l| b.lit(l)).collect();
            if lits.contains(&Lit::FALSE) {
                return None;
            }
            Some((name, lits.into_iter().filter(|&l| l != Lit::TRUE).collect()))
        })
        .collect();
    t.projection = projection.map(|atoms| atoms.iter().map(|&a| b.atom_lit[a as usize]).collect());
    t.minimize = minimize
        .into_iter()
        .map(|(p, lits)| (p, lits.iter().map(|w| (b.lit(w.lit), w.weight)).collect()))
        .collect();
    // Merged atoms share a literal: each literal once.
    let mut seen = std::collections::HashSet::new();
    t.atom_lits = (1..num_atoms)
        .map(|a| b.atom_lit[a])
        .filter(|&l| !l.is_constant() && seen.insert(l))
        .collect();
    t.non_hcf = non_hcf;
    if non_hcf || cfg!(debug_assertions) {
        t.rules = check_rules;
    }
    t.atom_lit = b.atom_lit;
    t.formula = b.formula;
    t
}

/// `single_rule_atoms`' mark of an atom that keeps a variable of its own.
const NO_RULE: u32 = u32::MAX;

/// For every atom that `mergeable` admits, defined by exactly one rule, that rule is
/// normal with this atom as its only head, and no `#heuristic` names the atom: the
/// index of that rule in `rules` (others: [`NO_RULE`]). By completion such an atom is
/// equivalent to its body, so it needs no variable of its own.
fn single_rule_atoms(
    rules: &[Cow<Rule>],
    num_atoms: usize,
    mergeable: impl Fn(usize) -> bool,
    heuristic_atoms: &[Atom],
) -> Vec<u32> {
    // Rules per head atom: 0, 1 (single_rule holds its index), or more (MANY).
    const MANY: u32 = u32::MAX - 1;
    let mut single_rule = vec![NO_RULE; num_atoms];
    for (i, rule) in rules.iter().enumerate() {
        let sole_head = rule.head_kind == HeadKind::Disjunctive && rule.head.len() == 1;
        for &h in &rule.head {
            let slot = &mut single_rule[h as usize];
            *slot = if *slot == NO_RULE && sole_head {
                i as u32
            } else {
                MANY
            };
        }
    }
    for &a in heuristic_atoms {
        single_rule[a as usize] = MANY;
    }
    for (a, slot) in single_rule.iter_mut().enumerate() {
        if *slot == MANY || !mergeable(a) {
            *slot = NO_RULE;
        }
    }
    single_rule
}

/// Gives every atom with a single rule (`single_rule`, see [`single_rule_atoms`]) the
/// literal of its body: the body's variable, a constant, or the literal of an atom
/// when the body is one positive literal. Clasp's equivalence preprocessing does this
/// and more (`--eq`); this part alone removes a third of the variables of a typical
/// `{ p(X,C) : c(C) } = 1` encoding (the atoms of the cardinality's bounds).
///
/// Bodies mention other such atoms, so they are resolved depth first (an explicit
/// stack: definitions can chain far). Atoms on a cycle through negation, and those
/// whose body is one negative literal, get a variable of their own: a literal shared
/// by an atom and the complement of another would break the per-literal estimates of
/// brave and cautious reasoning.
fn merge_single_rule_atoms(b: &mut Builder, rules: &[Cow<Rule>], single_rule: &[u32]) {
    const TODO: u8 = 0;
    const ACTIVE: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![TODO; single_rule.len()];
    let body_atoms = |rule: &Rule| -> Vec<usize> {
        match &rule.body {
            Body::Normal(lits) => lits.iter().map(|&l| aspif::lit_atom(l) as usize).collect(),
            Body::Sum { lits, .. } => lits
                .iter()
                .map(|w| aspif::lit_atom(w.lit) as usize)
                .collect(),
        }
    };
    // (atom, its body's atoms, next one to look at, met an active atom)
    let mut stack: Vec<(usize, Vec<usize>, usize, bool)> = Vec::new();
    for start in 0..single_rule.len() {
        if single_rule[start] == NO_RULE || state[start] != TODO {
            continue;
        }
        state[start] = ACTIVE;
        stack.push((
            start,
            body_atoms(&rules[single_rule[start] as usize]),
            0,
            false,
        ));
        while let Some(frame) = stack.last_mut() {
            let (atom, deps, next, on_cycle) = frame;
            if let Some(&dep) = deps.get(*next) {
                *next += 1;
                if single_rule[dep] == NO_RULE {
                    continue;
                }
                match state[dep] {
                    TODO => {
                        state[dep] = ACTIVE;
                        let deps = body_atoms(&rules[single_rule[dep] as usize]);
                        stack.push((dep, deps, 0, false));
                    }
                    ACTIVE => *on_cycle = true,
                    _ => {}
                }
                continue;
            }
            let (atom, on_cycle) = (*atom, *on_cycle);
            stack.pop();
            let lit = if on_cycle {
                None
            } else {
                match b.body(&rules[single_rule[atom] as usize].body) {
                    Ok(body) => Some(b.bodies[body as usize].lit).filter(|l| !l.is_negated()),
                    Err(constant) => Some(if constant { Lit::TRUE } else { Lit::FALSE }),
                }
            };
            b.atom_lit[atom] = lit.unwrap_or_else(|| b.formula.new_var().positive());
            state[atom] = DONE;
        }
    }
}

/// The `#edge` statements as a graph over dense node numbers; each condition becomes
/// one literal (a conjunction's body variable), edges that can never be present are
/// left out.
fn edge_list(b: &mut Builder, edges: &[(i64, i64, &Vec<aspif::Lit>)]) -> (u32, Vec<Edge>) {
    let mut nodes: HashMap<i64, u32> = HashMap::default();
    let mut node = |n: i64| {
        let next = nodes.len() as u32;
        *nodes.entry(n).or_insert(next)
    };
    let mut list = Vec::new();
    for &(from, to, cond) in edges {
        let lits = cond.iter().map(|&l| b.lit(l)).collect();
        let lit = match b.conjunction(lits) {
            Ok(body) => b.bodies[body as usize].lit,
            Err(_) => continue,
        };
        if lit == Lit::FALSE {
            continue;
        }
        list.push(Edge {
            from: node(from),
            to: node(to),
            lit,
        });
    }
    (nodes.len() as u32, list)
}

fn check_body(b: &Builder, body: &Body) -> CheckBody {
    match body {
        Body::Normal(lits) => CheckBody {
            bound: lits.len() as i64,
            pos: lits
                .iter()
                .filter(|&&l| l > 0)
                .map(|&l| (b.lit(l), 1))
                .collect(),
            neg: lits
                .iter()
                .filter(|&&l| l < 0)
                .map(|&l| (b.lit(l), 1))
                .collect(),
            normal: true,
        },
        Body::Sum { lower, lits } => CheckBody {
            bound: *lower,
            pos: lits
                .iter()
                .filter(|w| w.lit > 0)
                .map(|w| (b.lit(w.lit), w.weight))
                .collect(),
            neg: lits
                .iter()
                .filter(|w| w.lit < 0)
                .map(|w| (b.lit(w.lit), w.weight))
                .collect(),
            normal: false,
        },
    }
}

/// The `#heuristic` statements of `program` for the domain heuristic, over the
/// translation's atom literals (`None` when there are none). `true`/`false` become a
/// level and a sign modifier of the same priority; modifiers of constant atoms and
/// those whose condition is constant false are left out.
pub fn domain_modifiers(
    program: &aspif::Program,
    atom_lit: &[Lit],
    num_vars: u32,
) -> Option<DomainModifiers> {
    use aspif::HeuristicModifier as H;
    let lit = |l: aspif::Lit| {
        let a = atom_lit[aspif::lit_atom(l) as usize];
        if l < 0 {
            !a
        } else {
            a
        }
    };
    let mut list = Vec::new();
    for stmt in program.statements() {
        let Statement::Heuristic {
            modifier,
            atom,
            value,
            priority,
            cond,
        } = stmt
        else {
            continue;
        };
        let target = atom_lit[*atom as usize];
        let cond: Vec<Lit> = cond.iter().map(|&l| lit(l)).collect();
        if target.is_constant() || cond.contains(&Lit::FALSE) {
            continue;
        }
        let cond: Vec<Lit> = cond.into_iter().filter(|&l| l != Lit::TRUE).collect();
        let var = target.var();
        let mut push = |kind, value| list.push((var, kind, value, *priority, cond.clone()));
        match modifier {
            H::Level => push(ModifierKind::Level, *value),
            H::Sign => push(ModifierKind::Sign, *value),
            H::Factor => push(ModifierKind::Factor, *value),
            H::Init => push(ModifierKind::Init, *value),
            H::True => {
                push(ModifierKind::Level, *value);
                push(ModifierKind::Sign, 1);
            }
            H::False => {
                push(ModifierKind::Level, *value);
                push(ModifierKind::Sign, -1);
            }
        }
    }
    (!list.is_empty()).then(|| DomainModifiers::new(num_vars, list))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(head: Atom, body: Vec<aspif::Lit>) -> Statement {
        Statement::Rule(Rule {
            head_kind: HeadKind::Disjunctive,
            head: vec![head],
            body: Body::Normal(body),
        })
    }

    fn choice(head: Atom) -> Statement {
        Statement::Rule(Rule {
            head_kind: HeadKind::Choice,
            head: vec![head],
            body: Body::Normal(vec![]),
        })
    }

    fn program(statements: Vec<Statement>) -> aspif::Program {
        let mut p = aspif::Program::new();
        p.steps[0] = statements;
        p
    }

    #[test]
    fn a_long_chain_of_single_rule_atoms_shares_one_variable() {
        // 1 is a choice; i :- i-1 for i up to 200,000 (deep enough to overflow a
        // recursive resolution's stack).
        let n = 200_000;
        let mut statements = vec![choice(1)];
        statements.extend((2..=n).rev().map(|a| rule(a, vec![a as aspif::Lit - 1])));
        let t = translate(&program(statements));
        assert_eq!(t.formula.num_vars, 2, "the constant and atom 1");
        assert!(t.atom_lit[2..].iter().all(|&l| l == t.atom_lit[1]));
        assert_eq!(t.atom_lits, vec![t.atom_lit[1]]);
    }

    #[test]
    fn single_rule_atoms_take_their_body_literal() {
        // {1}. {2}. 3 :- 1, 2. 4 :- 3. 5 :- not 1.
        let t = translate(&program(vec![
            choice(1),
            choice(2),
            rule(3, vec![1, 2]),
            rule(4, vec![3]),
            rule(5, vec![-1]),
        ]));
        let lit = &t.atom_lit;
        assert_ne!(lit[3], lit[1]);
        assert_ne!(lit[3], lit[2]);
        assert_eq!(lit[4], lit[3], "4 is equivalent to 3");
        // A negative body literal: an own variable (see `merge_single_rule_atoms`).
        assert!(!lit[5].is_negated() && lit[5] != !lit[1]);
        // 1, 2, the body of 3 (also 3 and 4), and 5.
        assert_eq!(t.formula.num_vars, 1 + 4);
    }

    #[test]
    fn atoms_on_a_negative_cycle_stay_distinct() {
        // 1 :- not 2. 2 :- not 1. 3 :- 1, not 3.
        let t = translate(&program(vec![
            rule(1, vec![-2]),
            rule(2, vec![-1]),
            rule(3, vec![1, -3]),
        ]));
        let lit = &t.atom_lit;
        assert!(!lit[1].is_constant() && !lit[2].is_constant() && !lit[3].is_constant());
        assert_ne!(lit[1].var(), lit[2].var());
        assert_ne!(lit[3].var(), lit[1].var());
    }
}
