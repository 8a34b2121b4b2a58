//! Strongly connected components of the positive dependency graph (Tarjan's
//! algorithm, iterative so deep recursion cannot overflow the stack).

/// The SCC index of every node (components numbered in reverse topological order:
/// a component only depends on components with smaller numbers) and, per
/// component, whether it is cyclic (more than one node, or a self-loop).
pub fn components(edges: &[Vec<u32>]) -> (Vec<u32>, Vec<bool>) {
    let n = edges.len();
    const UNSEEN: u32 = u32::MAX;
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0u32; n];
    let mut on_stack = vec![false; n];
    let mut comp = vec![UNSEEN; n];
    let mut stack: Vec<u32> = Vec::new();
    let mut cyclic: Vec<bool> = Vec::new();
    let mut counter = 0u32;
    let mut call: Vec<(u32, usize)> = Vec::new();
    for root in 0..n as u32 {
        if index[root as usize] != UNSEEN {
            continue;
        }
        call.push((root, 0));
        index[root as usize] = counter;
        low[root as usize] = counter;
        counter += 1;
        stack.push(root);
        on_stack[root as usize] = true;
        while let Some(&mut (v, ref mut next)) = call.last_mut() {
            let vi = v as usize;
            if *next < edges[vi].len() {
                let w = edges[vi][*next];
                *next += 1;
                let wi = w as usize;
                if index[wi] == UNSEEN {
                    index[wi] = counter;
                    low[wi] = counter;
                    counter += 1;
                    stack.push(w);
                    on_stack[wi] = true;
                    call.push((w, 0));
                } else if on_stack[wi] {
                    low[vi] = low[vi].min(index[wi]);
                }
                continue;
            }
            call.pop();
            if let Some(&(parent, _)) = call.last() {
                let p = parent as usize;
                low[p] = low[p].min(low[vi]);
            }
            if low[vi] == index[vi] {
                let id = cyclic.len() as u32;
                let mut size = 0;
                loop {
                    let w = stack.pop().expect("on stack");
                    on_stack[w as usize] = false;
                    comp[w as usize] = id;
                    size += 1;
                    if w == v {
                        break;
                    }
                }
                cyclic.push(size > 1 || edges[vi].contains(&v));
            }
        }
    }
    (comp, cyclic)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_cycles_and_self_loops() {
        // 0 -> 1 -> 2 -> 0, 3 -> 3, 4 -> 0.
        let edges = vec![vec![1], vec![2], vec![0], vec![3], vec![0]];
        let (comp, cyclic) = components(&edges);
        assert_eq!(comp[0], comp[1]);
        assert_eq!(comp[1], comp[2]);
        assert_ne!(comp[3], comp[0]);
        assert!(cyclic[comp[0] as usize] && cyclic[comp[3] as usize]);
        assert!(!cyclic[comp[4] as usize]);
        assert!(comp[4] > comp[0], "dependants come later");
    }
}
