//! The positive dependency graph over the atoms that get a variable, its strongly
//! connected components ([`super::scc`]), and head-cycle-freeness: a disjunction is
//! head-cycle-free unless two of its head atoms share a cyclic component.

use super::scc;
use super::statements::Statements;
use aspif::{Atom, Body, HeadKind};

/// What the dependency graph says about the atoms.
pub(super) struct Dependencies {
    /// The atom is the head of some rule (facts included only when a rule also
    /// derives them).
    pub in_head: Vec<bool>,
    /// The atom is a fact.
    pub fact: Vec<bool>,
    /// Each atom's strongly connected component.
    pub component: Vec<u32>,
    /// The atom is on a positive cycle (and gets a variable): it needs the
    /// unfounded-set check.
    pub cyclic: Vec<bool>,
    /// Some disjunction may not be head-cycle-free (checked exactly when its heads
    /// are known): then the minimality check needs every atom as a variable of its
    /// own.
    pub maybe_non_hcf: bool,
}

impl Dependencies {
    /// An atom with a variable: derivable and not a fact.
    pub fn live(&self, atom: usize) -> bool {
        self.in_head[atom] && !self.fact[atom]
    }

    /// Two atoms of `heads` share a cyclic component: a disjunction over them is not
    /// head-cycle-free.
    pub fn share_a_cycle(&self, heads: &[Atom]) -> bool {
        heads.iter().enumerate().any(|(i, &x)| {
            self.cyclic[x as usize]
                && heads[i + 1..]
                    .iter()
                    .any(|&y| self.component[x as usize] == self.component[y as usize])
        })
    }
}

/// Builds the positive dependency graph of `statements` and analyses it.
pub(super) fn analyse(statements: &Statements) -> Dependencies {
    let num_atoms = statements.num_atoms;
    // Facts are true, atoms without rules false.
    let mut in_head = vec![false; num_atoms];
    let mut fact = vec![false; num_atoms];
    for rule in &statements.rules {
        for &a in &rule.head {
            in_head[a as usize] = true;
        }
    }
    for &a in &statements.facts {
        fact[a as usize] = true;
    }
    let live = |a: usize| in_head[a] && !fact[a];
    // Positive dependency graph over atoms with a variable.
    let mut edges: Vec<Vec<u32>> = vec![Vec::new(); num_atoms];
    for rule in &statements.rules {
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
    let (component, cyclic_component) = scc::components(&edges);
    // Free the graph before the bodies are built (the translation's peak).
    drop(edges);
    let cyclic = (0..num_atoms)
        .map(|a| live(a) && cyclic_component[component[a] as usize])
        .collect();
    let mut dependencies = Dependencies {
        in_head,
        fact,
        component,
        cyclic,
        maybe_non_hcf: false,
    };
    dependencies.maybe_non_hcf = statements.rules.iter().any(|rule| {
        rule.head_kind == HeadKind::Disjunctive && dependencies.share_a_cycle(&rule.head)
    });
    dependencies
}
