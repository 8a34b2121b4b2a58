//! The positive loops of a non-tight program for the unfounded-set check
//! ([`crate::unfounded`]): the cyclic atoms, the bodies that support them from
//! outside or inside their component, and which bodies depend on which atoms.

use super::bodies::Builder;
use crate::lit::Var;
use crate::unfounded::{LoopAtom, LoopBody, LoopData};
use rustc_hash::FxHashMap as HashMap;

/// The loop data over the cyclic atoms (`cyclic_atom`) and their source bodies
/// (`sources`, body indexes per atom).
pub(super) fn loop_data(b: &Builder, cyclic_atom: &[bool], sources: &[Vec<u32>]) -> LoopData {
    let num_atoms = cyclic_atom.len();
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
    data
}
