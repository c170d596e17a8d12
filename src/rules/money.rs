//! Money: budget lines multiply and add up, tranches add up, the amount in capitals matches the figure.

use crate::rules::Rule;

pub static RULES: &[&Rule] = &[];
