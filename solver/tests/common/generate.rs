//! Random small ground programs for property tests: literals, rules and minimize
//! statements over the atoms `1..=n`.
//!
//! The test files drew their rules in slightly different ways; each way is a
//! [`RuleShape`] here, drawn with the same calls on the random source as before, so
//! that the seeds saved in the `.proptest-regressions` files replay the same cases.

use aspif::{Body, HeadKind, Rule, WeightedLit};
use proptest::prelude::*;
use std::ops::RangeInclusive;

/// A minimize statement: its priority and its (literal, weight) pairs.
pub type MinimizeStatement = (i64, Vec<(i32, i64)>);

/// A literal over the atoms `1..=n`, either sign equally often.
pub fn lit_strategy(n: u32) -> impl Strategy<Value = i32> {
    (1..=n as i32, any::<bool>()).prop_map(|(a, neg)| if neg { -a } else { a })
}

/// How a rule's head kind is drawn.
#[derive(Clone, Copy, Debug)]
pub enum HeadKindDraw {
    /// A fair coin: a choice rule on `true`.
    Coin,
    /// A random byte: a choice rule when it is divisible by the number (about one
    /// rule in that many).
    ChoiceOneIn(u8),
    /// A number below the given one: a disjunctive rule on 0 (one rule in that many).
    DisjunctiveOneIn(u8),
}

impl HeadKindDraw {
    fn strategy(self) -> BoxedStrategy<HeadKind> {
        let kind = |choice: bool| {
            if choice {
                HeadKind::Choice
            } else {
                HeadKind::Disjunctive
            }
        };
        match self {
            HeadKindDraw::Coin => any::<bool>().prop_map(kind).boxed(),
            HeadKindDraw::ChoiceOneIn(k) => any::<u8>().prop_map(move |b| kind(b % k == 0)).boxed(),
            HeadKindDraw::DisjunctiveOneIn(k) => (0..k).prop_map(move |b| kind(b != 0)).boxed(),
        }
    }
}

/// The `#sum` bodies of a [`RuleShape`]: 1 to 4 weighted literals.
#[derive(Clone, Debug)]
pub struct SumShape {
    /// A `#sum` body one time in `1 + normal_odds`, otherwise a normal body.
    pub normal_odds: u32,
    /// The lower bound.
    pub lower: RangeInclusive<i64>,
    /// Each literal's weight.
    pub weight: RangeInclusive<i64>,
}

/// The rules a test draws: the head kind, up to `max_head` head atoms (a constraint
/// when none), a normal body of up to 3 literals, and `#sum` bodies if `sum` says so.
#[derive(Clone, Debug)]
pub struct RuleShape {
    pub kind: HeadKindDraw,
    pub max_head: usize,
    pub sum: Option<SumShape>,
}

/// A rule over the atoms `1..=n` of the given shape.
pub fn rule_strategy(n: u32, shape: RuleShape) -> impl Strategy<Value = Rule> {
    let head = prop::collection::vec(1..=n, 0..=shape.max_head);
    let normal = prop::collection::vec(lit_strategy(n), 0..=3).prop_map(Body::Normal);
    let body = match shape.sum {
        None => normal.boxed(),
        Some(sum_shape) => {
            let sum = (
                sum_shape.lower,
                prop::collection::vec((lit_strategy(n), sum_shape.weight), 1..=4),
            )
                .prop_map(|(lower, lits)| Body::Sum {
                    lower,
                    lits: lits
                        .into_iter()
                        .map(|(lit, weight)| WeightedLit { lit, weight })
                        .collect(),
                });
            prop_oneof![sum_shape.normal_odds => normal, 1 => sum].boxed()
        }
    };
    (shape.kind.strategy(), head, body).prop_map(|(head_kind, head, body)| Rule {
        head_kind,
        head,
        body,
    })
}

/// `statements` minimize statements over the atoms `1..=n`, of priority 0 to 2, each
/// with `lits` weighted literals whose weights `weight` draws.
pub fn minimize_strategy(
    n: u32,
    weight: impl Strategy<Value = i64>,
    lits: RangeInclusive<usize>,
    statements: RangeInclusive<usize>,
) -> impl Strategy<Value = Vec<MinimizeStatement>> {
    prop::collection::vec(
        (
            0i64..=2,
            prop::collection::vec((lit_strategy(n), weight), lits),
        ),
        statements,
    )
}
