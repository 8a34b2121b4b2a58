//! The smodels format reader (gringo's `-o smodels`). (Stub: filled in by issue 2.)
use crate::model::Program;
use crate::read::ReadError;

/// Reads a whole smodels text.
pub fn read_smodels(_text: &str) -> Result<Program, ReadError> {
    Err(ReadError {
        line: 1,
        message: "smodels reader not yet implemented".into(),
    })
}
