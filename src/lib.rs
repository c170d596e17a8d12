//! svcspec: check and compile declarative specs of government-purchased social-work services.
//!
//! The pipeline runs one way: source text → [`load`] (YAML tree + span index) → [`schema`]
//! (typed [`spec::Spec`]) → [`rules`] (diagnostics) → render. [`check`] runs it for one file;
//! [`commands`] runs the CLI.

pub mod calendar;
pub mod check;
pub mod cjk;
pub mod cli;
pub mod commands;
pub mod config;
pub mod configs;
pub mod diagnostic;
pub mod diff;
pub mod discover;
pub mod docs;
pub mod fsutil;
pub mod interrupt;
pub mod limits;
pub mod load;
pub mod lsp;
pub mod memory;
pub mod numerals;
pub mod ocds;
pub mod render;
pub mod report;
pub mod results;
pub mod rules;
pub mod schema;
pub mod source;
pub mod span_index;
pub mod spec;
pub mod suggest;
