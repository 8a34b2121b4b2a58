//! Acyclicity constraints (`#edge`, aspif statement 8): the edges whose condition
//! literal is true must form an acyclic graph.
//!
//! [`EdgeGraph`] is the frozen part (in the shared [`crate::formula::Formula`]);
//! [`AcyclicityCheck`] the per-solver state. The check follows the trail like a
//! propagator: at each propagation fixpoint it adds the edges whose literal became true,
//! each after a depth-first search from the edge's target for its source over the
//! edges already present (the edges form a DAG before each addition, so a cycle through
//! the new edge is found exactly when the source is reachable). On a cycle, the true
//! literals of its edges are a violated nogood, handed to conflict analysis. After an
//! edge is added, an unassigned edge that would close a cycle with it is propagated
//! false, with the clause "not all of the path's edges and this one" as its reason.
//! Backtracking removes the edges of undone literals (they were added in trail order, so
//! every node's list of outgoing edges is a stack).

use crate::lit::{Lit, Value};

/// An edge `from -> to`, present while `lit` is true.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edge {
    /// Source node.
    pub from: u32,
    /// Target node.
    pub to: u32,
    /// The edge's condition.
    pub lit: Lit,
}

/// The edges of a program, indexed by condition literal and by source node.
#[derive(Clone, Debug, Default)]
pub struct EdgeGraph {
    /// Number of nodes (dense, from 0).
    pub num_nodes: u32,
    /// The edges.
    pub edges: Vec<Edge>,
    /// Edges by literal: `by_lit[lit_start[l]..lit_start[l + 1]]`.
    lit_start: Vec<u32>,
    by_lit: Vec<u32>,
    /// Every edge (whatever its value) by source node, for propagating edges false.
    node_start: Vec<u32>,
    by_node: Vec<u32>,
}

/// `items` grouped by `key` (compressed rows): the start offsets and the item indices.
fn group_by(keys: impl Iterator<Item = usize> + Clone, groups: usize) -> (Vec<u32>, Vec<u32>) {
    let mut start = vec![0u32; groups + 1];
    for k in keys.clone() {
        start[k + 1] += 1;
    }
    for i in 0..groups {
        start[i + 1] += start[i];
    }
    let mut fill = start.clone();
    let mut items = vec![0u32; start[groups] as usize];
    for (i, k) in keys.enumerate() {
        items[fill[k] as usize] = i as u32;
        fill[k] += 1;
    }
    (start, items)
}

impl EdgeGraph {
    /// The graph of `edges` over `num_nodes` nodes, for a formula of `num_vars`
    /// variables. Edges whose literal is constant false must be left out.
    pub fn new(num_nodes: u32, edges: Vec<Edge>, num_vars: u32) -> EdgeGraph {
        let (lit_start, by_lit) =
            group_by(edges.iter().map(|e| e.lit.index()), 2 * num_vars as usize);
        let (node_start, by_node) =
            group_by(edges.iter().map(|e| e.from as usize), num_nodes as usize);
        EdgeGraph {
            num_nodes,
            edges,
            lit_start,
            by_lit,
            node_start,
            by_node,
        }
    }

    /// The edges whose condition is `lit`.
    #[inline]
    fn edges_of(&self, lit: Lit) -> &[u32] {
        let i = lit.index();
        &self.by_lit[self.lit_start[i] as usize..self.lit_start[i + 1] as usize]
    }

    /// Every edge leaving `node`.
    fn edges_from(&self, node: u32) -> &[u32] {
        let i = node as usize;
        &self.by_node[self.node_start[i] as usize..self.node_start[i + 1] as usize]
    }

    /// Whether the edges true under `value` (per literal) form a cycle.
    pub fn has_cycle(&self, value: &[Value]) -> bool {
        let present = |e: &Edge| {
            e.lit == Lit::TRUE || (!e.lit.is_constant() && value[e.lit.index()] == Value::True)
        };
        // Kahn's algorithm: a cycle leaves nodes with incoming edges behind.
        let mut indegree = vec![0u32; self.num_nodes as usize];
        for e in self.edges.iter().filter(|e| present(e)) {
            indegree[e.to as usize] += 1;
        }
        let mut ready: Vec<u32> = (0..self.num_nodes)
            .filter(|&n| indegree[n as usize] == 0)
            .collect();
        let mut removed = 0;
        while let Some(n) = ready.pop() {
            removed += 1;
            for &e in self.edges_from(n) {
                let e = &self.edges[e as usize];
                if present(e) {
                    indegree[e.to as usize] -= 1;
                    if indegree[e.to as usize] == 0 {
                        ready.push(e.to);
                    }
                }
            }
        }
        removed < self.num_nodes
    }
}

/// What [`AcyclicityCheck::propagate`] found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found {
    /// Every true edge is in the graph, which is acyclic, and no unassigned edge
    /// would close a cycle through the edges just added.
    Nothing,
    /// A cycle: its edges' (true) literals are in [`AcyclicityCheck::nogood`].
    Cycle,
    /// Unassigned edges that would close a cycle: [`AcyclicityCheck::implied`] holds
    /// one clause per edge, the edge's negated literal first, then the negated
    /// literals of the path it would close (all false).
    Implied,
}

/// The search state of the acyclicity check of one solver.
#[derive(Clone, Debug, Default)]
pub struct AcyclicityCheck {
    /// The next trail position whose literal's edges are to be added.
    head: usize,
    /// Per node, the present edges leaving it and entering it (in the order added).
    out: Vec<Vec<u32>>,
    inc: Vec<Vec<u32>>,
    /// Present edges in the order they were added, with their literal's trail position.
    added: Vec<(u32, u32)>,
    /// Depth-first search scratch: the search that last visited each node (forward
    /// and backward) and the edge it was reached by; the stack of nodes to expand.
    search: u32,
    visited: Vec<u32>,
    via: Vec<u32>,
    visited_back: Vec<u32>,
    via_back: Vec<u32>,
    stack: Vec<u32>,
    /// Nodes reached by the last forward search.
    reached: Vec<u32>,
    /// The cycle found (see [`Found::Cycle`]).
    pub nogood: Vec<Lit>,
    /// The clauses of implied edges, one after another, and their end offsets.
    pub implied: Vec<Lit>,
    /// End offsets of the clauses in `implied`.
    pub implied_ends: Vec<u32>,
    /// Propagate edges false that would close a cycle (off: conflicts only).
    pub propagate_false: bool,
}

impl AcyclicityCheck {
    /// The check of a graph with nothing added yet.
    pub fn new(graph: &EdgeGraph) -> AcyclicityCheck {
        let n = graph.num_nodes as usize;
        AcyclicityCheck {
            out: vec![Vec::new(); n],
            inc: vec![Vec::new(); n],
            visited: vec![0; n],
            via: vec![u32::MAX; n],
            visited_back: vec![0; n],
            via_back: vec![u32::MAX; n],
            propagate_false: true,
            ..AcyclicityCheck::default()
        }
    }

    /// Adds the edges of the literals `trail[head..]` (all true, propagation at its
    /// fixpoint; `value` per literal). Stops at the first cycle, or after the first
    /// literal whose edges imply others false; the caller handles that, propagates
    /// and calls again.
    pub fn propagate(&mut self, graph: &EdgeGraph, trail: &[Lit], value: &[Value]) -> Found {
        while self.head < trail.len() {
            let pos = self.head;
            let lit = trail[pos];
            let edges = graph.edges_of(lit);
            if edges.is_empty() {
                self.head += 1;
                continue;
            }
            for &e in edges {
                let edge = graph.edges[e as usize];
                if self.forward(graph, edge.to, Some(edge.from)) {
                    self.nogood.clear();
                    self.nogood.push(edge.lit);
                    let mut n = edge.from;
                    while n != edge.to {
                        let on_path = graph.edges[self.via[n as usize] as usize];
                        self.nogood.push(on_path.lit);
                        n = on_path.from;
                    }
                    // Take back this literal's edges added so far; the literal is
                    // processed again if it stays true.
                    self.backtrack(graph, pos);
                    return Found::Cycle;
                }
                self.out[edge.from as usize].push(e);
                self.inc[edge.to as usize].push(e);
                self.added.push((e, pos as u32));
            }
            self.head = pos + 1;
            if self.propagate_false {
                self.implied.clear();
                self.implied_ends.clear();
                for &e in edges {
                    self.imply(graph, graph.edges[e as usize], value);
                }
                if !self.implied_ends.is_empty() {
                    return Found::Implied;
                }
            }
        }
        Found::Nothing
    }

    /// A fresh search number (restarting the marks when it wraps).
    fn next_search(&mut self) -> u32 {
        self.search = self.search.wrapping_add(1);
        if self.search == 0 {
            self.visited.iter_mut().for_each(|v| *v = 0);
            self.visited_back.iter_mut().for_each(|v| *v = 0);
            self.search = 1;
        }
        self.search
    }

    /// Depth-first search over present edges from `from`, stopping at `goal`; `via`
    /// then holds the search tree and `reached` the nodes visited. Returns whether
    /// `goal` was reached.
    fn forward(&mut self, graph: &EdgeGraph, from: u32, goal: Option<u32>) -> bool {
        let mark = self.next_search();
        self.reached.clear();
        self.stack.clear();
        self.stack.push(from);
        self.visited[from as usize] = mark;
        while let Some(n) = self.stack.pop() {
            if Some(n) == goal {
                return true;
            }
            self.reached.push(n);
            for &e in &self.out[n as usize] {
                let t = graph.edges[e as usize].to;
                if self.visited[t as usize] != mark {
                    self.visited[t as usize] = mark;
                    self.via[t as usize] = e;
                    self.stack.push(t);
                }
            }
        }
        false
    }

    /// After adding `edge` (u -> v): every unassigned edge x -> y with x reachable
    /// from v and y reaching u would close the cycle y ->* u -> v ->* x -> y; its
    /// clause goes to `implied`.
    fn imply(&mut self, graph: &EdgeGraph, edge: Edge, value: &[Value]) {
        // Nodes reaching u, marked in `visited_back` with this search's number.
        self.forward(graph, edge.to, None);
        let mark = self.search;
        self.stack.clear();
        self.stack.push(edge.from);
        self.visited_back[edge.from as usize] = mark;
        while let Some(n) = self.stack.pop() {
            for &e in &self.inc[n as usize] {
                let s = graph.edges[e as usize].from;
                if self.visited_back[s as usize] != mark {
                    self.visited_back[s as usize] = mark;
                    self.via_back[s as usize] = e;
                    self.stack.push(s);
                }
            }
        }
        for i in 0..self.reached.len() {
            let x = self.reached[i];
            for &c in graph.edges_from(x) {
                let cand = graph.edges[c as usize];
                if self.visited_back[cand.to as usize] != mark
                    || cand.lit.is_constant()
                    || value[cand.lit.index()] != Value::Unassigned
                {
                    continue;
                }
                self.implied.push(!cand.lit);
                self.implied.push(!edge.lit);
                let mut n = x;
                while n != edge.to {
                    let on_path = graph.edges[self.via[n as usize] as usize];
                    self.implied.push(!on_path.lit);
                    n = on_path.from;
                }
                let mut n = cand.to;
                while n != edge.from {
                    let on_path = graph.edges[self.via_back[n as usize] as usize];
                    self.implied.push(!on_path.lit);
                    n = on_path.to;
                }
                self.implied_ends.push(self.implied.len() as u32);
            }
        }
    }

    /// Removes the edges of literals at trail positions `target` and above.
    pub fn backtrack(&mut self, graph: &EdgeGraph, target: usize) {
        while let Some(&(e, pos)) = self.added.last() {
            if (pos as usize) < target {
                break;
            }
            self.added.pop();
            // Edges leave in the reverse order of their addition, so each is the
            // last of its nodes' lists.
            let edge = graph.edges[e as usize];
            let popped = self.out[edge.from as usize].pop();
            debug_assert_eq!(popped, Some(e));
            let popped = self.inc[edge.to as usize].pop();
            debug_assert_eq!(popped, Some(e));
        }
        self.head = self.head.min(target);
    }
}
