//! The element table of an aggregate instance: its elements grouped by tuple (a tuple
//! counts once; the conditions of its instances form a disjunction), and the weight a
//! tuple contributes to `#count`, `#sum` and `#sum+`.

use super::super::Grounder;
use crate::ast::AggFun;
use crate::symbol::Sym;

/// Elements by tuple, in first-seen order (a tuple counts once; its conditions form a
/// disjunction; a certain tuple has a single empty condition).
///
/// Stored compactly because aggregates over many facts (`#count{X,Y : tc(X,Y)}`) have
/// one group per fact: all tuples back to back in one vector, a group's conditions only
/// allocated when it is not certain, and a hash table of group indices. (Vectors per
/// group cost about four times as much, which was the grounder's peak memory.)
#[derive(Default)]
pub(super) struct Groups {
    /// The tuples' symbols, back to back.
    syms: Vec<Sym>,
    /// Per group: start of its tuple in `syms`, its length, and its conditions
    /// ([`CERTAIN`] or an index into `uncertain`).
    groups: Vec<(u32, u32, u32)>,
    uncertain: Vec<Vec<Vec<i32>>>,
    /// Group indices by the hash of their tuple.
    table: hashbrown::HashTable<u32>,
}

const CERTAIN: u32 = u32::MAX;
/// The conditions of a certain group as the iteration shows them.
const CERTAIN_CONDS: &[Vec<i32>] = &[Vec::new()];

fn tuple_hash(tuple: &[Sym]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    tuple.hash(&mut h);
    h.finish()
}

impl Groups {
    fn tuple(&self, g: u32) -> &[Sym] {
        let (start, len, _) = self.groups[g as usize];
        &self.syms[start as usize..(start + len) as usize]
    }

    pub(super) fn add(&mut self, tuple: &[Sym], cond: Vec<i32>) {
        let h = tuple_hash(tuple);
        let found = self.table.find(h, |&g| self.tuple(g) == tuple).copied();
        let g = match found {
            Some(g) => g,
            None => {
                let g = self.groups.len() as u32;
                let start = self.syms.len() as u32;
                self.syms.extend_from_slice(tuple);
                self.groups.push((start, tuple.len() as u32, CERTAIN));
                let (syms, groups) = (&self.syms, &self.groups);
                self.table.insert_unique(h, g, |&x| {
                    let (start, len, _) = groups[x as usize];
                    tuple_hash(&syms[start as usize..(start + len) as usize])
                });
                // A new group starts without conditions: give it this one.
                if !cond.is_empty() {
                    self.groups[g as usize].2 = self.uncertain.len() as u32;
                    self.uncertain.push(vec![cond]);
                }
                return;
            }
        };
        let slot = self.groups[g as usize].2;
        if slot == CERTAIN {
            return;
        }
        if cond.is_empty() {
            self.uncertain[slot as usize] = Vec::new();
            self.groups[g as usize].2 = CERTAIN;
        } else {
            self.uncertain[slot as usize].push(cond);
        }
    }

    /// `(tuple, conditions)` per group, in first-seen order.
    pub(super) fn iter(&self) -> impl Iterator<Item = (&[Sym], &[Vec<i32>])> + '_ {
        (0..self.groups.len() as u32).map(move |g| {
            let conds = match self.groups[g as usize].2 {
                CERTAIN => CERTAIN_CONDS,
                slot => &self.uncertain[slot as usize][..],
            };
            (self.tuple(g), conds)
        })
    }
}

impl<'a> IntoIterator for &'a Groups {
    type Item = (&'a [Sym], &'a [Vec<i32>]);
    type IntoIter = Box<dyn Iterator<Item = Self::Item> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

pub(super) fn group(elems: Vec<(Vec<Sym>, Vec<i32>)>) -> Groups {
    let mut map = Groups::default();
    for (t, c) in elems {
        map.add(&t, c);
    }
    map
}

/// The weight `tuple` contributes to an aggregate of `fun` (`None`: none).
pub(super) fn weight(g: &Grounder, fun: AggFun, tuple: &[Sym]) -> Option<i64> {
    match fun {
        AggFun::Count => Some(1),
        AggFun::Sum => g.syms.as_num(*tuple.first()?),
        AggFun::SumPlus => g.syms.as_num(*tuple.first()?).filter(|w| *w > 0),
        _ => None,
    }
}
