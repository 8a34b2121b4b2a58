//! Variables and literals of the solver.
//!
//! `Var(u32)` numbers solver variables from 0; variable 0 is the constant true.
//! `Lit(u32)` is `2 * var + negated`, so `!lit` flips bit 0 and literals index
//! per-literal vectors directly. `Value` is a literal's truth value.

use std::ops::Not;

/// A solver variable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(transparent)]
pub struct Var(pub u32);

/// A solver literal: a variable and a sign.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(transparent)]
pub struct Lit(pub u32);

/// A literal's truth value under a (partial) assignment. Per-literal vectors of values
/// hold both literals of a variable: `value[!lit] == !value[lit]`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[repr(i8)]
pub enum Value {
    /// Assigned false.
    False = -1,
    /// Not assigned.
    #[default]
    Unassigned = 0,
    /// Assigned true.
    True = 1,
}

impl Value {
    /// `True` or `False`.
    #[inline]
    pub fn from_bool(truth: bool) -> Value {
        if truth {
            Value::True
        } else {
            Value::False
        }
    }
}

impl Not for Value {
    type Output = Value;
    /// The value of the complementary literal.
    #[inline]
    fn not(self) -> Value {
        match self {
            Value::False => Value::True,
            Value::Unassigned => Value::Unassigned,
            Value::True => Value::False,
        }
    }
}

impl Var {
    /// The variable that is always true.
    pub const TRUE: Var = Var(0);

    /// Its index into per-variable vectors.
    #[inline]
    pub fn index(self) -> usize {
        self.0 as usize
    }

    /// The positive literal of this variable.
    #[inline]
    pub fn positive(self) -> Lit {
        Lit(self.0 << 1)
    }

    /// The negative literal of this variable.
    #[inline]
    pub fn negative(self) -> Lit {
        Lit((self.0 << 1) | 1)
    }
}

impl Lit {
    /// The constant true literal.
    pub const TRUE: Lit = Lit(0);
    /// The constant false literal.
    pub const FALSE: Lit = Lit(1);

    /// Builds a literal from a variable and a sign.
    #[inline]
    pub fn new(var: Var, negated: bool) -> Lit {
        Lit((var.0 << 1) | negated as u32)
    }

    /// Its variable.
    #[inline]
    pub fn var(self) -> Var {
        Var(self.0 >> 1)
    }

    /// True for `not v`.
    #[inline]
    pub fn is_negated(self) -> bool {
        self.0 & 1 == 1
    }

    /// Its index into per-literal vectors.
    #[inline]
    pub fn index(self) -> usize {
        self.0 as usize
    }

    /// True for the constant literals `TRUE` and `FALSE`.
    #[inline]
    pub fn is_constant(self) -> bool {
        self.0 < 2
    }
}

impl Not for Lit {
    type Output = Lit;
    #[inline]
    fn not(self) -> Lit {
        Lit(self.0 ^ 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negation_flips_sign_only() {
        let lit = Var(7).positive();
        assert_eq!((!lit).var(), Var(7));
        assert!((!lit).is_negated());
        assert!(!lit.is_negated());
        assert_eq!(!!lit, lit);
        assert_eq!(!Lit::TRUE, Lit::FALSE);
        assert!(Lit::TRUE.is_constant() && !Var(1).negative().is_constant());
    }
}
