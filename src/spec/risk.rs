//! Risks with their mitigations, and what happens to the service after the contract.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::spec::values::Id;

/// Risk (风险)
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    /// Risk id (标识)
    pub id: Id,
    /// Description (描述)
    pub description: String,
    /// Likelihood (可能性)
    #[serde(default)]
    pub likelihood: Option<Level>,
    /// Impact (影响)
    #[serde(default)]
    pub impact: Option<Level>,
    /// Mitigation (应对措施)
    pub mitigation: String,
}

/// Level (程度)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Low (低).
    Low,
    /// Medium (中).
    Medium,
    /// High (高).
    High,
}

impl Level {
    pub fn zh(self) -> &'static str {
        match self {
            Self::Low => "低",
            Self::Medium => "中",
            Self::High => "高",
        }
    }
}

/// Sustainability (可持续性)
///
/// What happens when the contract ends; the lecture names project continuity as a problem.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sustainability {
    /// Continuation (持续计划)
    ///
    /// How the service goes on after the term.
    #[serde(default)]
    pub continuation: Option<String>,
    /// Exit (退出计划)
    ///
    /// How clients are handed over if the service stops.
    #[serde(default)]
    pub exit: Option<String>,
    /// Funding (后续资金)
    #[serde(default)]
    pub funding: Option<String>,
}
