//! Interned ground terms (symbols): each distinct symbol is stored once and named by a
//! [`Sym`] id, so atoms and tuples are compared and hashed as integers.
//!
//! Order (clingo's): `#inf` < integers < constants < negated constants < strings <
//! functions and tuples (by sign, arity, name, then arguments) < `#sup`.

use hashbrown::HashTable;
use rustc_hash::{FxHashMap, FxHasher};
use std::cmp::Ordering;
use std::fmt::Write;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

/// An interned symbol.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sym(pub u32);

/// An interned name (of a constant or function).
pub type Name = u32;

/// What a symbol is.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum SymData {
    /// An integer.
    Num(i64),
    /// `#inf`.
    Inf,
    /// `#sup`.
    Sup,
    /// A string.
    Str(Box<str>),
    /// A constant, function or tuple (empty name); `neg` for classical negation.
    Fun {
        /// The name.
        name: Name,
        /// The arguments.
        args: Rc<[Sym]>,
        /// Written `-f(...)`.
        neg: bool,
    },
}

/// The symbol table.
#[derive(Default, Debug)]
pub struct Symbols {
    data: Vec<SymData>,
    /// Symbol ids with their hashes (kept, so that growing never rehashes symbols).
    table: HashTable<(Sym, u64)>,
    names: Vec<Box<str>>,
    name_map: FxHashMap<Box<str>, Name>,
}

impl Symbols {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// Interns `data`.
    pub fn intern(&mut self, data: SymData) -> Sym {
        let h = hash_data(&data);
        let syms = &self.data;
        if let Some(&(s, _)) = self.table.find(h, |&(s, _)| syms[s.0 as usize] == data) {
            return s;
        }
        self.insert(h, data)
    }

    fn insert(&mut self, h: u64, data: SymData) -> Sym {
        let s = Sym(self.data.len() as u32);
        self.data.push(data);
        self.table.insert_unique(h, (s, h), |&(_, h)| h);
        s
    }

    /// The data of `s`.
    #[inline]
    pub fn get(&self, s: Sym) -> &SymData {
        &self.data[s.0 as usize]
    }

    /// Interns a name.
    pub fn name(&mut self, name: &str) -> Name {
        if let Some(&n) = self.name_map.get(name) {
            return n;
        }
        let n = self.names.len() as Name;
        self.names.push(name.into());
        self.name_map.insert(name.into(), n);
        n
    }

    /// The text of a name.
    pub fn name_str(&self, n: Name) -> &str {
        &self.names[n as usize]
    }

    /// An integer symbol.
    pub fn num(&mut self, n: i64) -> Sym {
        self.intern(SymData::Num(n))
    }

    /// The function symbol if it exists (never adds one).
    pub fn find_fun(&self, name: Name, args: &[Sym], neg: bool) -> Option<Sym> {
        let h = hash_fun(name, args, neg);
        self.find_hashed(h, name, args, neg)
    }

    fn find_hashed(&self, h: u64, name: Name, args: &[Sym], neg: bool) -> Option<Sym> {
        let syms = &self.data;
        self.table
            .find(h, |&(s, _)| match &syms[s.0 as usize] {
                SymData::Fun {
                    name: n,
                    args: a,
                    neg: g,
                } => *n == name && *g == neg && **a == *args,
                _ => false,
            })
            .map(|&(s, _)| s)
    }

    /// A function symbol (looked up without allocating).
    pub fn fun(&mut self, name: Name, args: &[Sym], neg: bool) -> Sym {
        let h = hash_fun(name, args, neg);
        if let Some(s) = self.find_hashed(h, name, args, neg) {
            return s;
        }
        self.insert(
            h,
            SymData::Fun {
                name,
                args: args.into(),
                neg,
            },
        )
    }

    /// Argument `i` of a function symbol.
    #[inline]
    pub fn arg(&self, s: Sym, i: usize) -> Sym {
        match &self.data[s.0 as usize] {
            SymData::Fun { args, .. } => args[i],
            _ => unreachable!("an atom with arguments is a function symbol"),
        }
    }

    /// The integer value of `s`, if it is one.
    #[inline]
    pub fn as_num(&self, s: Sym) -> Option<i64> {
        match self.get(s) {
            SymData::Num(n) => Some(*n),
            _ => None,
        }
    }

    /// Compares two symbols in clingo's order.
    pub fn compare(&self, a: Sym, b: Sym) -> Ordering {
        if a == b {
            return Ordering::Equal;
        }
        let (da, db) = (self.get(a), self.get(b));
        let rank = |d: &SymData| match d {
            SymData::Inf => 0,
            SymData::Num(_) => 1,
            SymData::Fun { args, neg, .. } if args.is_empty() => 2 + u8::from(*neg),
            SymData::Str(_) => 4,
            SymData::Fun { .. } => 5,
            SymData::Sup => 6,
        };
        match rank(da).cmp(&rank(db)) {
            Ordering::Equal => {}
            other => return other,
        }
        match (da, db) {
            (SymData::Num(x), SymData::Num(y)) => x.cmp(y),
            (SymData::Str(x), SymData::Str(y)) => x.cmp(y),
            (
                SymData::Fun {
                    name: n1,
                    args: a1,
                    neg: s1,
                },
                SymData::Fun {
                    name: n2,
                    args: a2,
                    neg: s2,
                },
            ) => s1
                .cmp(s2)
                .then(a1.len().cmp(&a2.len()))
                .then_with(|| self.name_str(*n1).cmp(self.name_str(*n2)))
                .then_with(|| {
                    for (x, y) in a1.iter().zip(a2.iter()) {
                        match self.compare(*x, *y) {
                            Ordering::Equal => {}
                            other => return other,
                        }
                    }
                    Ordering::Equal
                }),
            _ => Ordering::Equal,
        }
    }

    /// Writes `s` as clingo prints it.
    pub fn write(&self, s: Sym, out: &mut String) {
        match self.get(s) {
            SymData::Num(n) => {
                let _ = write!(out, "{n}");
            }
            SymData::Inf => out.push_str("#inf"),
            SymData::Sup => out.push_str("#sup"),
            SymData::Str(text) => {
                out.push('"');
                for c in text.chars() {
                    match c {
                        '"' => out.push_str("\\\""),
                        '\\' => out.push_str("\\\\"),
                        '\n' => out.push_str("\\n"),
                        c => out.push(c),
                    }
                }
                out.push('"');
            }
            SymData::Fun { name, args, neg } => {
                if *neg {
                    out.push('-');
                }
                let name = self.name_str(*name);
                out.push_str(name);
                if !args.is_empty() || name.is_empty() {
                    out.push('(');
                    for (i, a) in args.iter().enumerate() {
                        if i > 0 {
                            out.push(',');
                        }
                        self.write(*a, out);
                    }
                    if name.is_empty() && args.len() == 1 {
                        out.push(',');
                    }
                    out.push(')');
                }
            }
        }
    }

    /// `s` as text.
    pub fn show(&self, s: Sym) -> String {
        let mut out = String::new();
        self.write(s, &mut out);
        out
    }
}

fn hash_fun(name: Name, args: &[Sym], neg: bool) -> u64 {
    let mut h = FxHasher::default();
    3u8.hash(&mut h);
    name.hash(&mut h);
    neg.hash(&mut h);
    args.hash(&mut h);
    h.finish()
}

fn hash_data(d: &SymData) -> u64 {
    match d {
        SymData::Fun { name, args, neg } => hash_fun(*name, args, *neg),
        other => {
            let mut h = FxHasher::default();
            match other {
                SymData::Num(n) => (0u8, *n).hash(&mut h),
                SymData::Str(s) => (1u8, s).hash(&mut h),
                SymData::Inf => 2u8.hash(&mut h),
                _ => 4u8.hash(&mut h),
            }
            h.finish()
        }
    }
}
