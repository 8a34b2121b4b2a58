//! Brave and cautious consequences (`--enum-mode=brave|cautious`): the union or the
//! intersection of all answer sets, estimated model by model.
//!
//! Each model widens (brave) or narrows (cautious) the estimate; the solver then
//! looks only for models that would change it (one clause per model). In parallel
//! the threads share the estimate: a part searched to the end under an older
//! estimate holds nothing outside the newer one either, so when every part is done
//! the estimate is exact.

use crate::lit::{Lit, Value};
use crate::model_loop::{drive, Driver, Found, ModelTask, Next, Summary};
use crate::parallel::Division;
use crate::program::Translation;
use crate::search::Solver;
use std::sync::Mutex;
use std::time::Instant;

/// The consequences task.
struct Consequences<'a> {
    translation: &'a Translation,
    brave: bool,
    /// The estimate, and whether a model has set it yet.
    estimate: Mutex<(Vec<Value>, bool)>,
}

impl Consequences<'_> {
    /// Folds a model (`values`) into the estimate `current`: its atoms (`first`),
    /// their union with the estimate (`brave`) or the intersection.
    fn update(&self, first: bool, current: &mut [Value], values: &[Value]) {
        for &atom in &self.translation.atom_lits {
            let truth = values[atom.index()] == Value::True;
            let now = current[atom.index()] == Value::True;
            let keep = if first {
                truth
            } else if self.brave {
                now || truth
            } else {
                now && truth
            };
            current[atom.index()] = Value::from_bool(keep);
            current[(!atom).index()] = !current[atom.index()];
        }
    }

    /// The clause every model that changes the estimate satisfies: some atom must
    /// join (brave) or leave (cautious) the consequences.
    fn changing_clause(&self, current: &[Value]) -> Vec<Lit> {
        let brave = self.brave;
        self.translation
            .atom_lits
            .iter()
            .filter(|&&a| (current[a.index()] == Value::True) != brave)
            .map(|&a| if brave { a } else { !a })
            .collect()
    }
}

impl ModelTask for Consequences<'_> {
    /// An estimate and the root-level values of the solver that made it.
    type Report = (Vec<Value>, Vec<Value>);

    fn decide_auxiliary(&self) -> bool {
        false
    }

    fn found(&self, solver: &mut Solver, found: &mut Found<Self::Report>) -> Next {
        let clause = {
            let mut guard = self
                .estimate
                .lock()
                .expect("no thread panics holding the lock");
            let (current, set) = &mut *guard;
            self.update(!*set, current, solver.values());
            *set = true;
            // Reported under the lock: the estimates arrive in the order made.
            found.report((current.clone(), solver.root_values()));
            self.changing_clause(current)
        };
        if solver.block(clause) {
            Next::Search
        } else {
            Next::PartDone
        }
    }
}

/// Brave (`brave = true`: union) or cautious (intersection) consequences over all
/// answer sets. `on_step` gets the current consequences as per-literal values after
/// each model, and the root-level values of the solver that found it.
pub fn consequences(
    translation: &Translation,
    brave: bool,
    deadline: Option<Instant>,
    on_step: impl FnMut(&[Value], &[Value]),
) -> Summary {
    consequences_with(translation, brave, deadline, Driver::Sequential, on_step)
}

/// [`consequences`] with `driver` (in parallel the threads split the space).
pub fn consequences_with(
    translation: &Translation,
    brave: bool,
    deadline: Option<Instant>,
    driver: Driver,
    mut on_step: impl FnMut(&[Value], &[Value]),
) -> Summary {
    let start = Instant::now();
    let driver = match driver {
        Driver::Parallel { threads, .. } => Driver::Parallel {
            threads,
            division: Division::Split,
        },
        driver => driver,
    };
    let mut current = vec![Value::Unassigned; 2 * translation.formula.num_vars as usize];
    current[Lit::TRUE.index()] = Value::True;
    current[Lit::FALSE.index()] = Value::False;
    let task = Consequences {
        translation,
        brave,
        estimate: Mutex::new((current, false)),
    };
    let mut summary = Summary::default();
    let ending = drive(driver, translation, &task, deadline, |(step, root)| {
        summary.models += 1;
        summary.note_model_time(start);
        on_step(&step, &root);
        true
    });
    summary.record(&ending);
    summary
}
