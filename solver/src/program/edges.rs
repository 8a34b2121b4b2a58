//! `#edge` statements: the graph whose edges (with a true condition) must stay
//! acyclic ([`crate::acyclic`]).

use super::bodies::{BodyRef, Builder};
use crate::acyclic::Edge;
use crate::lit::Lit;
use rustc_hash::FxHashMap as HashMap;

/// The `#edge` statements as a graph over dense node numbers; each condition becomes
/// one literal (a conjunction's body variable), edges that can never be present are
/// left out.
pub(super) fn edge_list(
    b: &mut Builder,
    edges: &[(i64, i64, &Vec<aspif::Lit>)],
) -> (u32, Vec<Edge>) {
    let mut nodes: HashMap<i64, u32> = HashMap::default();
    let mut node = |n: i64| {
        let next = nodes.len() as u32;
        *nodes.entry(n).or_insert(next)
    };
    let mut list = Vec::new();
    for &(from, to, cond) in edges {
        let lits = cond.iter().map(|&l| b.lit(l)).collect();
        let lit = match b.conjunction(lits) {
            BodyRef::Index(body) => b.bodies[body as usize].lit,
            BodyRef::Constant(_) => continue,
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
