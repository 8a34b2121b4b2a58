//! Emission: the aspif statements the grounder writes (rules, weight rules and helper
//! atoms), the statements collected over the whole program and written at its end
//! (facts referenced before they became facts, classical negation, `#minimize`,
//! `#project`), the output statements of shown atoms, and [`GroundProgram`], the finished
//! program with the one interface through which it is written or printed.

use super::base::AtomRec;
use super::Grounder;
use crate::program::{Pred, PredId};
use crate::symbol::{Sym, SymData, Symbols};
use aspif::{Body, HeadKind, Statement, StatementSink, WeightedLit};
use indexmap::IndexMap;
use rustc_hash::{FxHashMap, FxHashSet};

impl Grounder {
    /// Emits a rule (unless only closing the domain).
    pub(super) fn rule(&mut self, kind: HeadKind, head: Vec<u32>, body: Vec<i32>) {
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
    pub(super) fn weight_rule(&mut self, head: u32, lower: i64, lits: Vec<WeightedLit>) {
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
    pub(super) fn negate(&mut self, l: i32) -> i32 {
        if l > 0 {
            -l
        } else {
            let h = self.helper();
            self.rule(HeadKind::Disjunctive, vec![h], vec![l]);
            -(h as i32)
        }
    }

    /// A literal true when any of the conjunctions holds (`None` if one is empty).
    pub(super) fn disjunction(&mut self, conds: &[Vec<i32>]) -> Option<i32> {
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

    /// A helper atom for `l -> a`: `e :- a`, `e :- not l`, and for a positive `l` also
    /// `e | l :- not not a` (the reduct keeps `l` on the left of the implication).
    pub(super) fn implication(&mut self, l: i32, a: i32) -> i32 {
        let e = self.helper();
        self.rule(HeadKind::Disjunctive, vec![e], vec![a]);
        let n = self.negate(l);
        self.rule(HeadKind::Disjunctive, vec![e], vec![n]);
        if l > 0 {
            let na = self.negate(a);
            let nna = self.negate(na);
            self.rule(HeadKind::Disjunctive, vec![e, l as u32], vec![nna]);
        }
        e as i32
    }

    fn true_lit(&mut self) -> i32 {
        if self.true_atom == 0 {
            self.true_atom = self.helper();
            self.rule(HeadKind::Disjunctive, vec![self.true_atom], vec![]);
        }
        self.true_atom as i32
    }

    /// Emits what was collected over the whole program: fact rules for atoms that were
    /// referenced before they became facts, the constraints of classical negation, one
    /// `#minimize` statement per priority and the `#project` statement.
    pub fn finish(&mut self) {
        // Atoms that became facts after being referenced.
        for i in 0..self.atoms.len() {
            let a = &self.atoms[i];
            if a.fact && a.aspif != 0 {
                let l = a.aspif;
                self.rule(HeadKind::Disjunctive, vec![l], vec![]);
            }
        }
        self.classical_negation();
        self.minimize_statements();
        if !self.projects.is_empty() {
            let mut atoms = Vec::new();
            for id in std::mem::take(&mut self.projects) {
                if self.atoms[id as usize].defined && !self.is_fact(id) {
                    atoms.push(self.lit(id) as u32);
                }
            }
            self.out.push(Statement::Project(atoms));
        }
    }

    /// Classical negation: `p` and `-p` exclude each other.
    fn classical_negation(&mut self) {
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
                            if !self.is_fact(k) {
                                let l = self.lit(k);
                                body.push(l);
                            }
                        }
                        self.rule(HeadKind::Disjunctive, vec![], body);
                    }
                }
            }
        }
    }

    /// Minimize: one statement per priority, an element's instances as a disjunction.
    fn minimize_statements(&mut self) {
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
    }

    /// The finished program: output statements for the atoms `show` shows (and a
    /// `#project` statement for those of projected signatures) added.
    pub fn into_program(mut self, show: &Show) -> GroundProgram {
        let filter = !show.sigs.is_empty() || show.nothing;
        let shown: Vec<(crate::symbol::Name, usize, bool)> = show
            .sigs
            .iter()
            .map(|(n, a, neg)| (self.syms.name(n), *a, *neg))
            .collect();
        let mut project_sigs = FxHashSet::default();
        for (n, a, neg) in &show.project {
            let name = self.syms.name(n);
            if let Some(id) = self.preds.find(&Pred {
                name,
                arity: *a,
                neg: *neg,
            }) {
                project_sigs.insert(id);
            }
        }
        let is_shown = |id: PredId, p: &Pred| {
            (!filter || shown.contains(&(p.name, p.arity, p.neg))) && !show.hidden.contains(&id)
        };
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
            let shown = *pred_shown[p].get_or_insert_with(|| is_shown(a.pred, &self.preds.list[p]));
            if !shown {
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
        let atom_outputs = start..self.out.len();
        let shown_preds = (0..pred_shown.len())
            .filter(|&p| pred_shown[p] == Some(true))
            .map(|p| self.preds.list[p].clone())
            .collect();
        if !project.is_empty() {
            self.out.push(Statement::Project(project));
        }
        GroundProgram {
            statements: self.out,
            syms: self.syms,
            atoms: self.atoms,
            aspif_names: self.aspif_names,
            shown_preds,
            atom_outputs,
        }
    }
}

/// What the program shows and projects onto, as its directives say.
#[derive(Debug, Default)]
pub struct Show {
    /// `#show p/n.` (name, arity, classically negated).
    pub sigs: Vec<(String, usize, bool)>,
    /// `#show.`: nothing but what is named.
    pub nothing: bool,
    /// `#project p/n.` (name, arity, classically negated).
    pub project: Vec<(String, usize, bool)>,
    /// The grounder's own predicates, never shown.
    pub hidden: FxHashSet<PredId>,
}

/// A ground program: its statements, and what its text form needs besides them.
pub struct GroundProgram {
    statements: Vec<Statement>,
    syms: Symbols,
    atoms: Vec<AtomRec>,
    /// The symbols of the aspif atoms that stand for ground atoms (not helpers).
    aspif_names: FxHashMap<u32, Sym>,
    /// The predicates whose atoms are shown (for the text form: `#show p/n.`).
    shown_preds: Vec<Pred>,
    /// The positions in `statements` of the output statements of shown atoms.
    atom_outputs: std::ops::Range<usize>,
}

impl GroundProgram {
    /// Writes the statements into `sink` as one step.
    pub fn write(self, sink: &mut dyn StatementSink) {
        for st in self.statements {
            sink.push(st);
        }
        sink.end_step();
    }

    /// The statements, in the order emitted.
    pub fn statements(&self) -> &[Statement] {
        &self.statements
    }

    /// The symbols of the program.
    pub fn symbols(&self) -> &Symbols {
        &self.syms
    }

    /// The symbol of aspif atom `atom` (`None`: a helper atom).
    pub fn atom_symbol(&self, atom: u32) -> Option<Sym> {
        self.aspif_names.get(&atom).copied()
    }

    /// The facts, in the order their atoms were first met.
    pub fn facts(&self) -> impl Iterator<Item = Sym> + '_ {
        self.atoms
            .iter()
            .filter(|a| a.defined && a.fact)
            .map(|a| a.sym)
    }

    /// The predicates whose atoms are shown.
    pub fn shown_predicates(&self) -> &[Pred] {
        &self.shown_preds
    }

    /// Whether statement `index` is the output statement of a shown atom (which the text
    /// form states as `#show p/n.`).
    pub fn is_atom_output(&self, index: usize) -> bool {
        self.atom_outputs.contains(&index)
    }
}
