//! Independence: the evaluator and the reviewers have no tie to the provider.

use crate::rules::Rule;

pub static RULES: &[&Rule] = &[];
