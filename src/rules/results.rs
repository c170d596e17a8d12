//! The results chain: outcomes and outputs have indicators; indicators have targets, units and evidence; targets respect their parents and populations.

use crate::rules::Rule;

pub static RULES: &[&Rule] = &[];
