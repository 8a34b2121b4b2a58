//! The text form of normalised rules ([`Rule::display`]): gringo-like syntax with each
//! literal list in join order, for snapshot tests and debugging. It is not meant to be
//! read back: a pooled disjunct's atoms are joined by `&`, aggregate heads show each
//! element as `tuple : atom : condition`, and `_` is the wildcard constant of a negative
//! literal (anonymous variables print as `_N`).

use super::{Conj, Head, HeadAtom, Lit, PredId, PredTable, Rule, TheoryAtom, TheoryTerm};
use crate::ast::{AggFun, CmpOp, UnOp};
use crate::symbol::Symbols;
use crate::term::{GTerm, Var};
use std::fmt::{self, Write};

impl Rule {
    /// The rule as text: gringo-like syntax with each literal list in join order, an
    /// anonymous variable or an interval's value numbered as `_N`, minimize elements as
    /// weak constraints and directives with their body after `:`.
    pub fn display<'a>(
        &'a self,
        syms: &'a Symbols,
        preds: &'a PredTable,
    ) -> impl fmt::Display + 'a {
        RuleText {
            rule: self,
            syms,
            preds,
        }
    }
}

/// How a rule is written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    /// `head :- body.`
    Rule,
    /// `#directive ... : body.`
    Directive,
    /// `:~ body. [...]`
    Weak,
}

/// A rule with the tables that name its symbols and predicates.
struct RuleText<'a> {
    rule: &'a Rule,
    syms: &'a Symbols,
    preds: &'a PredTable,
}

impl fmt::Display for RuleText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        self.rule_text(&mut out);
        f.write_str(&out)
    }
}

impl RuleText<'_> {
    fn rule_text(&self, out: &mut String) {
        let body = &self.rule.body;
        let mut head = String::new();
        // A directive writes its body after `:`, a minimize element is a weak constraint;
        // both may end in `[...]`.
        let mut form = Form::Rule;
        let mut suffix: Vec<&GTerm> = Vec::new();
        match &self.rule.head {
            Head::Disj(atoms) => self.head_atoms(atoms, &mut head),
            Head::Agg { fun, guards, elems } => {
                self.aggregate(*fun, guards, elems.len(), &mut head, |i, out| {
                    let e = &elems[i];
                    self.terms(&e.tuple, out);
                    out.push_str(" : ");
                    self.atom(e.pred, &e.args, out);
                    self.condition(&e.cond, out);
                })
            }
            Head::Theory { atom, .. } => self.theory_atom(atom, &mut head),
            Head::Minimize {
                weight,
                priority,
                terms,
            } => {
                form = Form::Weak;
                suffix.extend([weight, priority]);
                suffix.extend(terms);
            }
            Head::Show(t) => {
                form = Form::Directive;
                head.push_str("#show ");
                self.term(t, &mut head);
            }
            Head::External(pred, args, value) => {
                form = Form::Directive;
                head.push_str("#external ");
                self.atom(*pred, args, &mut head);
                suffix.extend(value);
            }
            Head::Project(pred, args) => {
                form = Form::Directive;
                head.push_str("#project ");
                self.atom(*pred, args, &mut head);
            }
            Head::Heuristic {
                pred,
                args,
                value,
                priority,
                modifier,
            } => {
                form = Form::Directive;
                head.push_str("#heuristic ");
                self.atom(*pred, args, &mut head);
                suffix.extend([value, priority, modifier]);
            }
            Head::Edge(u, v) => {
                form = Form::Directive;
                head.push_str("#edge (");
                self.terms(&[u.clone(), v.clone()], &mut head);
                head.push(')');
            }
        }
        out.push_str(&head);
        let neck = match form {
            Form::Rule if head.is_empty() => ":- ",
            Form::Rule => " :- ",
            Form::Directive => " : ",
            Form::Weak => ":~ ",
        };
        if !body.lits.is_empty() || form == Form::Weak {
            out.push_str(neck);
            self.conj(body, "; ", out);
        }
        out.push('.');
        if !suffix.is_empty() {
            // `[weight@priority,terms]`, `[value]`, `[value@priority,modifier]`: the
            // second term, when there is one, is a priority.
            out.push_str(" [");
            for (i, t) in suffix.iter().enumerate() {
                match i {
                    0 => {}
                    1 => out.push('@'),
                    _ => out.push(','),
                }
                self.term(t, out);
            }
            out.push(']');
        }
    }

    /// Disjuncts separated by `;`, the atoms of one group (a pooled disjunct) by `&`,
    /// followed by the group's condition.
    fn head_atoms(&self, atoms: &[HeadAtom], out: &mut String) {
        for (i, group) in atoms.chunk_by(|x, y| x.group == y.group).enumerate() {
            if i > 0 {
                out.push_str(" ; ");
            }
            for (j, a) in group.iter().enumerate() {
                if j > 0 {
                    out.push_str(" & ");
                }
                self.atom(a.pred, &a.args, out);
            }
            self.condition(&group[0].cond, out);
        }
    }

    /// `: cond` if the condition is not empty.
    fn condition(&self, cond: &Conj, out: &mut String) {
        if !cond.lits.is_empty() {
            out.push_str(" : ");
            self.conj(cond, ", ", out);
        }
    }

    /// The literals of `conj` in join order.
    fn conj(&self, conj: &Conj, sep: &str, out: &mut String) {
        debug_assert_eq!(
            conj.order.len(),
            conj.lits.len(),
            "a safe rule has every join order"
        );
        for (i, &l) in conj.order.iter().enumerate() {
            if i > 0 {
                out.push_str(sep);
            }
            self.lit(&conj.lits[l], out);
        }
    }

    fn lit(&self, lit: &Lit, out: &mut String) {
        match lit {
            Lit::Atom { sign, pred, args } => {
                sign_text(*sign, out);
                self.atom(*pred, args, out);
            }
            Lit::Cmp(op, l, r) => {
                self.term(l, out);
                out.push_str(op.as_str());
                self.term(r, out);
            }
            Lit::Range(v, lo, hi) => {
                self.var(*v, out);
                out.push('=');
                self.term(lo, out);
                out.push_str("..");
                self.term(hi, out);
            }
            Lit::Bool(b) => out.push_str(if *b { "#true" } else { "#false" }),
            Lit::Agg(agg) => {
                sign_text(agg.sign, out);
                if let Some(v) = agg.assign {
                    self.var(v, out);
                    out.push_str(" = ");
                }
                self.aggregate(agg.fun, &agg.guards, agg.elems.len(), out, |i, out| {
                    self.terms(&agg.elems[i].tuple, out);
                    self.condition(&agg.elems[i].cond, out);
                });
            }
            Lit::Cond(c) => {
                for (i, l) in c.disjuncts.iter().enumerate() {
                    if i > 0 {
                        out.push_str(" | ");
                    }
                    self.lit(l, out);
                }
                self.condition(&c.cond, out);
            }
            Lit::Theory(sign, atom) => {
                sign_text(*sign, out);
                self.theory_atom(atom, out);
            }
        }
    }

    /// `t op fun{ e1; e2 } op t`, each element written by `elem`.
    fn aggregate(
        &self,
        fun: AggFun,
        guards: &[(CmpOp, GTerm)],
        elems: usize,
        out: &mut String,
        mut elem: impl FnMut(usize, &mut String),
    ) {
        // Two guards came from both sides: the first goes back to the left.
        let (left, right) = match guards {
            [(op, t), right] => (Some((op.flip(), t)), std::slice::from_ref(right)),
            _ => (None, guards),
        };
        if let Some((op, t)) = left {
            self.term(t, out);
            let _ = write!(out, " {} ", op.as_str());
        }
        out.push_str(fun.as_str());
        out.push_str("{ ");
        for i in 0..elems {
            if i > 0 {
                out.push_str("; ");
            }
            elem(i, out);
        }
        out.push_str(" }");
        for (op, t) in right {
            let _ = write!(out, " {} ", op.as_str());
            self.term(t, out);
        }
    }

    fn theory_atom(&self, atom: &TheoryAtom, out: &mut String) {
        out.push('&');
        self.term(&atom.name, out);
        out.push_str("{ ");
        for (i, e) in atom.elems.iter().enumerate() {
            if i > 0 {
                out.push_str("; ");
            }
            self.list(&e.terms, ",", out, Self::theory_term);
            self.condition(&e.cond, out);
        }
        out.push_str(" }");
        if let Some((op, t)) = &atom.guard {
            let _ = write!(out, " {op} ");
            self.theory_term(t, out);
        }
    }

    fn theory_term(&self, t: &TheoryTerm, out: &mut String) {
        let (open, args, close) = match t {
            TheoryTerm::Term(t) => return self.term(t, out),
            TheoryTerm::Fun(name, args) => {
                out.push_str(name);
                ("(", args, ")")
            }
            TheoryTerm::Tuple(args) => ("(", args, ")"),
            TheoryTerm::Set(args) => ("{", args, "}"),
            TheoryTerm::List(args) => ("[", args, "]"),
        };
        out.push_str(open);
        self.list(args, ",", out, Self::theory_term);
        out.push_str(close);
    }

    fn atom(&self, pred: PredId, args: &[GTerm], out: &mut String) {
        let p = &self.preds.list[pred as usize];
        if p.neg {
            out.push('-');
        }
        out.push_str(self.syms.name_str(p.name));
        if !args.is_empty() {
            out.push('(');
            self.terms(args, out);
            out.push(')');
        }
    }

    fn terms(&self, ts: &[GTerm], out: &mut String) {
        self.list(ts, ",", out, Self::term);
    }

    fn list<T>(&self, items: &[T], sep: &str, out: &mut String, item: fn(&Self, &T, &mut String)) {
        for (i, t) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(sep);
            }
            item(self, t, out);
        }
    }

    fn term(&self, t: &GTerm, out: &mut String) {
        match t {
            GTerm::Sym(s) => self.syms.write(*s, out),
            GTerm::Var(v) => self.var(*v, out),
            GTerm::Fun(name, args, neg) => {
                if *neg {
                    out.push('-');
                }
                let name = self.syms.name_str(*name);
                out.push_str(name);
                if !args.is_empty() || name.is_empty() {
                    out.push('(');
                    self.terms(args, out);
                    if name.is_empty() && args.len() == 1 {
                        out.push(',');
                    }
                    out.push(')');
                }
            }
            GTerm::Unary(op, x, _) => {
                let (open, close) = match op {
                    UnOp::Neg => ("-", ""),
                    UnOp::BitNot => ("~", ""),
                    UnOp::Abs => ("|", "|"),
                };
                out.push_str(open);
                self.term(x, out);
                out.push_str(close);
            }
            GTerm::Binary(op, l, r, _) => {
                out.push('(');
                self.term(l, out);
                out.push_str(op.as_str());
                self.term(r, out);
                out.push(')');
            }
        }
    }

    /// A variable by its name; anonymous ones and those of intervals as `_N`.
    fn var(&self, v: Var, out: &mut String) {
        match self.rule.var_names.get(v as usize) {
            Some(name) if name != "_" => out.push_str(name),
            _ => {
                let _ = write!(out, "_{v}");
            }
        }
    }
}

/// `not ` or `not not ` for signs 1 and 2.
fn sign_text(sign: u8, out: &mut String) {
    out.push_str(match sign {
        1 => "not ",
        2 => "not not ",
        _ => "",
    });
}
