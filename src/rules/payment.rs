//! Staged payment: every tranche after the first is gated by an evaluation and falls due after it.

use crate::rules::Rule;

pub static RULES: &[&Rule] = &[];
