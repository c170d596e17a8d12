//! The model of a government-purchased social-work service project, one file per noun.
//!
//! Every type derives serde and schemars; doc comments become the schema's titles and
//! descriptions (first line `English name (中文)`), which editors show on hover.

pub mod approach;
pub mod budget;
pub mod client_group;
pub mod contract;
pub mod evaluation;
pub mod indicator;
pub mod party;
pub mod project;
pub mod referral;
pub mod results_chain;
pub mod risk;
pub mod safeguarding;
pub mod team;
pub mod values;
pub mod workplan;

use std::borrow::Cow;

use rust_decimal::Decimal;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::spec::approach::{Method, Theory};
use crate::spec::budget::Budget;
use crate::spec::client_group::{ClientGroup, NeedsAssessment};
use crate::spec::contract::Contract;
use crate::spec::evaluation::Evaluation;
use crate::spec::indicator::{Indicator, Target};
use crate::spec::party::Parties;
use crate::spec::project::Project;
use crate::spec::referral::Referral;
use crate::spec::results_chain::{Activity, Goal, Outcome, Output};
use crate::spec::risk::{Risk, Sustainability};
use crate::spec::safeguarding::Safeguarding;
use crate::spec::team::{Position, Supervision, Volunteers};
use crate::spec::values::{Id, Period};
use crate::spec::workplan::{Milestone, MilestoneKind, Phase};

/// svcspec project spec (社会工作服务项目说明书)
///
/// A government-purchased social-work service project: parties, period, clients, results chain,
/// budget, contract and evaluation. Only `spec_version`, `project`, `parties` and `period` are
/// required; the rules say what else a complete spec needs.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// Spec version (格式版本)
    ///
    /// The version of this format; `1`.
    pub spec_version: SpecVersion,
    /// Project (项目)
    pub project: Project,
    /// Parties (当事方)
    pub parties: Parties,
    /// Service period (服务期限)
    ///
    /// The first and last day of service; a term is normally at most one year.
    pub period: Period,
    /// Client groups (服务对象)
    #[serde(default)]
    pub client_groups: Vec<ClientGroup>,
    /// Needs assessment (需求评估)
    #[serde(default)]
    pub needs_assessment: Option<NeedsAssessment>,
    /// Theories (理论依据)
    #[serde(default)]
    pub theories: Vec<Theory>,
    /// Methods (服务方法)
    #[serde(default)]
    pub methods: Vec<Method>,
    /// Goal (总目标)
    #[serde(default)]
    pub goal: Option<Goal>,
    /// Outcomes (具体目标)
    #[serde(default)]
    pub outcomes: Vec<Outcome>,
    /// Outputs (产出)
    #[serde(default)]
    pub outputs: Vec<Output>,
    /// Activities (活动)
    #[serde(default)]
    pub activities: Vec<Activity>,
    /// Indicators (指标)
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    /// Targets (目标值)
    #[serde(default)]
    pub targets: Vec<Target>,
    /// Phases (实施阶段)
    #[serde(default)]
    pub phases: Vec<Phase>,
    /// Milestones (里程碑)
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    /// Staffing (人员配置)
    #[serde(default)]
    pub staffing: Vec<Position>,
    /// Supervision (督导)
    #[serde(default)]
    pub supervision: Option<Supervision>,
    /// Volunteers (志愿者)
    #[serde(default)]
    pub volunteers: Option<Volunteers>,
    /// Safeguarding (未成年人保护)
    ///
    /// Background checks, mandatory reporting and guardian consent; required when a client group
    /// has members under 18.
    #[serde(default)]
    pub safeguarding: Option<Safeguarding>,
    /// Budget (预算)
    #[serde(default)]
    pub budget: Option<Budget>,
    /// Contract (合同)
    #[serde(default)]
    pub contract: Option<Contract>,
    /// Evaluation (绩效评估)
    #[serde(default)]
    pub evaluation: Option<Evaluation>,
    /// Referral (转介)
    #[serde(default)]
    pub referral: Option<Referral>,
    /// Risks (风险)
    #[serde(default)]
    pub risks: Vec<Risk>,
    /// Sustainability (可持续性)
    #[serde(default)]
    pub sustainability: Option<Sustainability>,
}

/// The format version; only `1` exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpecVersion;

impl<'de> Deserialize<'de> for SpecVersion {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match u64::deserialize(deserializer)? {
            1 => Ok(Self),
            other => Err(serde::de::Error::custom(format!(
                "svcspec reads spec_version 1, found {other}"
            ))),
        }
    }
}

impl Serialize for SpecVersion {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u64(1)
    }
}

impl JsonSchema for SpecVersion {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "SpecVersion".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "const": 1 })
    }
}

/// The value a target is judged by at one evaluation milestone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judged {
    /// The milestone is the target's own: its value.
    Final(Decimal),
    /// The milestone has an interim target: its value.
    Interim(Decimal),
}

impl Judged {
    pub fn value(self) -> Decimal {
        match self {
            Self::Final(v) | Self::Interim(v) => v,
        }
    }
}

impl Spec {
    /// The evaluation milestone that judges targets by default: the final evaluation, else the
    /// last evaluation by date.
    pub fn final_evaluation(&self) -> Option<&Milestone> {
        let evaluations = || self.milestones.iter().filter(|m| m.kind.is_evaluation());
        evaluations()
            .find(|m| m.kind == MilestoneKind::FinalEvaluation)
            .or_else(|| evaluations().max_by_key(|m| m.date))
    }

    /// The id of the evaluation milestone at which a target is judged in full.
    pub fn target_milestone<'s>(&'s self, target: &'s Target) -> Option<&'s Id> {
        target
            .milestone
            .as_ref()
            .or_else(|| self.final_evaluation().map(|m| &m.id))
    }

    /// The value a target is judged by at a milestone, or `None` when the milestone does not
    /// judge it (it belongs to a later one and sets no interim value for this one).
    pub fn judged_at(&self, target: &Target, milestone: &Id) -> Option<Judged> {
        if self.target_milestone(target) == Some(milestone) {
            return Some(Judged::Final(target.value.decimal()));
        }
        target
            .interim
            .iter()
            .find(|i| &i.milestone == milestone)
            .map(|i| Judged::Interim(i.value.decimal()))
    }

    /// A target's unit: its own, or its indicator's; trimmed, `None` when empty.
    pub fn unit_of<'s>(&'s self, target: &'s Target) -> Option<&'s str> {
        target
            .unit
            .as_deref()
            .or_else(|| {
                let id = target.indicator.as_ref()?;
                self.indicators
                    .iter()
                    .find(|x| x.id == *id)?
                    .unit
                    .as_deref()
            })
            .map(str::trim)
            .filter(|u| !u.is_empty())
    }

    /// The client groups with members under 18, with their indices.
    pub fn minors(&self) -> impl Iterator<Item = (usize, &ClientGroup)> {
        self.client_groups
            .iter()
            .enumerate()
            .filter(|(_, g)| g.includes_minors())
    }
}
