//! The workplan: phases of the service period and the milestones that gate payment.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::spec::values::{Date, Id};

/// Phase (实施阶段)
///
/// A stretch of the service period: preparation (前期), implementation (中期), closing (后期).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    /// Phase id (标识)
    pub id: Id,
    /// Stage (阶段)
    pub stage: Stage,
    /// Name (名称)
    pub name: String,
    /// Start (开始日期)
    pub start: Date,
    /// End (结束日期)
    pub end: Date,
    /// Activities (活动)
    ///
    /// Ids of the activities done in this phase.
    #[serde(default)]
    pub activities: Vec<Id>,
    /// Tasks (工作任务)
    ///
    /// Other work of the phase, in words.
    #[serde(default)]
    pub tasks: Vec<String>,
}

/// Stage (阶段)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Preparation (前期).
    Preparation,
    /// Implementation (中期).
    Implementation,
    /// Closing (后期).
    Closing,
}

impl Stage {
    pub fn zh(self) -> &'static str {
        match self {
            Self::Preparation => "前期",
            Self::Implementation => "中期",
            Self::Closing => "后期",
        }
    }
}

/// Milestone (里程碑)
///
/// A dated event of the project: an evaluation, an acceptance, a report.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    /// Milestone id (标识)
    pub id: Id,
    /// Kind (类型)
    pub kind: MilestoneKind,
    /// Name (名称)
    pub name: String,
    /// Date (日期)
    pub date: Date,
    /// Description (说明)
    #[serde(default)]
    pub description: Option<String>,
}

/// Milestone kind (里程碑类型)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MilestoneKind {
    /// Project approval and opening of the register form (立项).
    Inception,
    /// A periodic evaluation, e.g. quarterly (阶段评估).
    PeriodicEvaluation,
    /// Mid-term evaluation (中期评估).
    MidTermEvaluation,
    /// Final evaluation (末期评估).
    FinalEvaluation,
    /// Acceptance of the service (履约验收).
    Acceptance,
    /// A report (报告).
    Report,
}

impl MilestoneKind {
    /// Whether the milestone is an evaluation that can gate a payment.
    pub fn is_evaluation(self) -> bool {
        matches!(
            self,
            Self::PeriodicEvaluation | Self::MidTermEvaluation | Self::FinalEvaluation
        )
    }
}
