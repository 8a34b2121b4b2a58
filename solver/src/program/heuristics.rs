//! `#heuristic` statements as modifiers of the domain heuristic
//! ([`crate::domain`]).

use crate::domain::{DomainModifiers, ModifierKind};
use crate::lit::Lit;
use aspif::Statement;

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
