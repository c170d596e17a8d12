//! The evaluation scheme: points add up, grade bands cover 0–100, clients are heard, the register form is complete.

use crate::rules::Rule;

pub static RULES: &[&Rule] = &[];
