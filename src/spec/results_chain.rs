//! The results chain: goal, outcomes, outputs and the activities that produce them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::spec::values::{Date, Id};

/// Goal (总目标)
///
/// The change the project contributes to.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    /// Statement (表述)
    pub statement: String,
    /// Indicators (指标)
    ///
    /// Ids of the indicators that measure it.
    #[serde(default)]
    pub indicators: Vec<Id>,
}

/// Outcome (具体目标 / 成效)
///
/// A change in the clients that the project is answerable for.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// Outcome id (标识)
    pub id: Id,
    /// Statement (表述)
    pub statement: String,
    /// Indicators (指标)
    ///
    /// Ids of the indicators that measure it; every outcome needs one.
    #[serde(default)]
    pub indicators: Vec<Id>,
}

/// Output (产出)
///
/// What the project delivers: visits made, cases opened, events held.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Output {
    /// Output id (标识)
    pub id: Id,
    /// Statement (表述)
    pub statement: String,
    /// Outcome (对应成效)
    ///
    /// The id of the outcome it serves.
    #[serde(default)]
    pub outcome: Option<Id>,
    /// Indicators (指标)
    ///
    /// Ids of the indicators that measure it; every output needs one.
    #[serde(default)]
    pub indicators: Vec<Id>,
}

/// Activity (活动)
///
/// Work done with clients, by a method, under a theory, within the service period.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    /// Activity id (标识)
    pub id: Id,
    /// Name (名称)
    pub name: String,
    /// Output (对应产出)
    ///
    /// The id of the output it produces.
    #[serde(default)]
    pub output: Option<Id>,
    /// Methods (服务方法)
    #[serde(default)]
    pub methods: Vec<Id>,
    /// Theories (理论依据)
    #[serde(default)]
    pub theories: Vec<Id>,
    /// Client groups (服务对象)
    #[serde(default)]
    pub client_groups: Vec<Id>,
    /// Start (开始日期)
    #[serde(default)]
    pub start: Option<Date>,
    /// End (结束日期)
    #[serde(default)]
    pub end: Option<Date>,
    /// Sessions (组次安排)
    ///
    /// For group work run as several groups of several sessions each: 6 groups × 8 sessions.
    #[serde(default)]
    pub sessions: Option<Sessions>,
    /// Description (内容)
    #[serde(default)]
    pub description: Option<String>,
}

/// Sessions (组次安排)
///
/// Group work repeated as so many groups of so many sessions each (6 个小组 × 每组 8 节).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sessions {
    /// Groups (小组数)
    pub groups: u32,
    /// Sessions per group (每组节数)
    pub per_group: u32,
    /// Participants per group (每组人数)
    #[serde(default)]
    pub participants: Option<u32>,
    /// Minutes per session (每节时长)
    #[serde(default)]
    pub minutes: Option<u32>,
}

impl Sessions {
    /// The sessions in all: groups × sessions per group.
    pub fn total(&self) -> u64 {
        u64::from(self.groups) * u64::from(self.per_group)
    }

    /// The places in all: groups × participants per group, where the size is given.
    pub fn places(&self) -> Option<u64> {
        self.participants
            .map(|p| u64::from(self.groups) * u64::from(p))
    }
}
