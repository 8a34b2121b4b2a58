//! A last pass over the ground program, as gringo's output does for atoms it could not
//! decide while grounding a recursive component: an atom that no rule can derive (and
//! that is not external or a theory atom) is false, an atom with a fact rule is true,
//! and so on to a fixpoint: a rule with a false body literal vanishes (its heads may lose
//! their last rule), a body whose literals are all true makes its single head true.
//! Decided literals then leave the bodies, outputs and minimize statements that keep
//! them; a minimize statement left without literals goes (no optimisation level).
//!
//! Every step preserves the answer sets: an atom without rules is false in each of them,
//! a fact is true in each.

use super::Grounder;
use aspif::{Body, HeadKind, Statement, TheoryStatement, WeightedLit};

/// The value of an atom or literal decided so far.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Value {
    Unknown,
    True,
    False,
}

/// The value of literal `l`, given the atoms' values.
fn lit_value(value: &[Value], l: i32) -> Value {
    match (value[l.unsigned_abs() as usize], l > 0) {
        (Value::Unknown, _) => Value::Unknown,
        (v, true) => v,
        (Value::True, false) => Value::False,
        (_, false) => Value::True,
    }
}

/// What a body is, given the values decided so far.
enum BodyValue {
    False,
    True,
    Unknown,
}

fn body_value(value: &[Value], body: &Body) -> BodyValue {
    match body {
        Body::Normal(lits) => {
            let mut all_true = true;
            for &l in lits {
                match lit_value(value, l) {
                    Value::False => return BodyValue::False,
                    Value::True => {}
                    _ => all_true = false,
                }
            }
            if all_true {
                BodyValue::True
            } else {
                BodyValue::Unknown
            }
        }
        Body::Sum { lower, lits } => {
            let (mut sure, mut open) = (0i128, 0i128);
            for w in lits {
                match lit_value(value, w.lit) {
                    Value::True => sure += i128::from(w.weight),
                    Value::False => {}
                    _ => open += i128::from(w.weight),
                }
            }
            if sure >= i128::from(*lower) {
                BodyValue::True
            } else if sure + open < i128::from(*lower) {
                BodyValue::False
            } else {
                BodyValue::Unknown
            }
        }
    }
}

fn body_lits(body: &Body) -> Box<dyn Iterator<Item = i32> + '_> {
    match body {
        Body::Normal(lits) => Box::new(lits.iter().copied()),
        Body::Sum { lits, .. } => Box::new(lits.iter().map(|w| w.lit)),
    }
}

impl Grounder {
    /// Simplifies the ground program (see the module doc).
    pub fn simplify(&mut self) {
        let (value, removed) = self.decide();
        self.rewrite_decided(&value, &removed);
    }

    /// The atoms' values decided to a fixpoint, and the rules removed (a false body).
    fn decide(&self) -> (Vec<Value>, Vec<bool>) {
        let n = self.next_aspif as usize + 1;
        let mut value = vec![Value::Unknown; n];
        let mut protected = vec![false; n];
        let mut heads = vec![0u32; n];
        // Rules by body atom, in one vector (offsets per atom).
        let mut start = vec![0u32; n + 1];
        for st in &self.out {
            match st {
                Statement::Rule(r) => {
                    for &h in &r.head {
                        heads[h as usize] += 1;
                    }
                    for l in body_lits(&r.body) {
                        start[l.unsigned_abs() as usize + 1] += 1;
                    }
                }
                Statement::External { atom, .. } => protected[*atom as usize] = true,
                Statement::Theory(TheoryStatement::Atom { atom, .. }) => {
                    protected[*atom as usize] = true
                }
                Statement::Assume(lits) => {
                    lits.iter()
                        .for_each(|l| protected[l.unsigned_abs() as usize] = true);
                }
                _ => {}
            }
        }
        for a in 1..=n {
            start[a] += start[a - 1];
        }
        let mut fill = start.clone();
        let mut occurs = vec![0u32; start[n] as usize];
        for (i, st) in self.out.iter().enumerate() {
            if let Statement::Rule(r) = st {
                for l in body_lits(&r.body) {
                    let a = l.unsigned_abs() as usize;
                    occurs[fill[a] as usize] = i as u32;
                    fill[a] += 1;
                }
            }
        }
        drop(fill);
        let mut queue: Vec<u32> = Vec::new();
        for a in 1..n {
            if heads[a] == 0 && !protected[a] {
                value[a] = Value::False;
                queue.push(a as u32);
            }
        }
        let mut removed = vec![false; self.out.len()];
        let single_head = |r: &aspif::Rule| {
            (r.head_kind == HeadKind::Disjunctive && r.head.len() == 1).then(|| r.head[0])
        };
        for st in &self.out {
            if let Statement::Rule(r) = st {
                if let (Some(h), BodyValue::True) = (single_head(r), body_value(&value, &r.body)) {
                    if value[h as usize] == Value::Unknown {
                        value[h as usize] = Value::True;
                        queue.push(h);
                    }
                }
            }
        }
        while let Some(a) = queue.pop() {
            let a = a as usize;
            for k in start[a]..start[a + 1] {
                let i = occurs[k as usize] as usize;
                if removed[i] {
                    continue;
                }
                let Statement::Rule(r) = &self.out[i] else {
                    continue;
                };
                match body_value(&value, &r.body) {
                    BodyValue::False => {
                        removed[i] = true;
                        for &h in &r.head {
                            let h = h as usize;
                            heads[h] -= 1;
                            if heads[h] == 0 && !protected[h] && value[h] == Value::Unknown {
                                value[h] = Value::False;
                                queue.push(h as u32);
                            }
                        }
                    }
                    BodyValue::True => {
                        if let Some(h) = single_head(r) {
                            if value[h as usize] == Value::Unknown {
                                value[h as usize] = Value::True;
                                queue.push(h);
                            }
                        }
                    }
                    BodyValue::Unknown => {}
                }
            }
        }
        (value, removed)
    }

    /// Removes the decided literals from what is left, and the statements they falsify.
    fn rewrite_decided(&mut self, value: &[Value], removed: &[bool]) {
        let out = std::mem::take(&mut self.out);
        for (i, mut st) in out.into_iter().enumerate() {
            if removed[i] {
                continue;
            }
            let keep = match &mut st {
                Statement::Rule(r) => {
                    r.body = match std::mem::replace(&mut r.body, Body::Normal(Vec::new())) {
                        Body::Normal(mut lits) => {
                            lits.retain(|&l| lit_value(value, l) != Value::True);
                            Body::Normal(lits)
                        }
                        Body::Sum { lower, lits } => {
                            let mut lower = i128::from(lower);
                            let mut kept: Vec<WeightedLit> = Vec::new();
                            for w in lits {
                                match lit_value(value, w.lit) {
                                    Value::True => lower -= i128::from(w.weight),
                                    Value::False => {}
                                    _ => kept.push(w),
                                }
                            }
                            if lower <= 0 {
                                Body::Normal(Vec::new())
                            } else {
                                Body::Sum {
                                    lower: lower as i64,
                                    lits: kept,
                                }
                            }
                        }
                    };
                    true
                }
                Statement::Minimize { lits, .. } => {
                    lits.retain(|w| lit_value(value, w.lit) != Value::False);
                    !lits.is_empty()
                }
                Statement::Output { cond, .. } => {
                    let false_cond = cond.iter().any(|&l| lit_value(value, l) == Value::False);
                    cond.retain(|&l| lit_value(value, l) != Value::True);
                    !false_cond
                }
                Statement::Heuristic { atom, cond, .. } => {
                    value[*atom as usize] != Value::False
                        && !cond.iter().any(|&l| lit_value(value, l) == Value::False)
                }
                Statement::Edge { cond, .. } => {
                    let false_cond = cond.iter().any(|&l| lit_value(value, l) == Value::False);
                    cond.retain(|&l| lit_value(value, l) != Value::True);
                    !false_cond
                }
                _ => true,
            };
            if keep {
                self.out.push(st);
            }
        }
    }
}
