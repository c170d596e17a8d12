//! Dates: everything happens inside the service period, the term respects the limits, the contract is published in time.

use crate::rules::Rule;

pub static RULES: &[&Rule] = &[];
