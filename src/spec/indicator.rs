//! Indicators that measure the results chain, and the numeric targets set on them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::spec::values::{Comparator, Id, Period, Quantity};

/// Indicator (指标)
///
/// What is measured, in which unit, against which baseline, and how it is verified.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Indicator id (标识)
    pub id: Id,
    /// Name (名称)
    pub name: String,
    /// Level (层级)
    ///
    /// The level of the results chain it measures.
    #[serde(default)]
    pub level: Option<IndicatorLevel>,
    /// Kind (类型)
    ///
    /// `satisfaction` marks the client-satisfaction indicator that every evaluation needs.
    #[serde(default)]
    pub kind: Option<IndicatorKind>,
    /// Unit (单位)
    ///
    /// e.g. 人, 人次, 个, 次, %.
    #[serde(default)]
    pub unit: Option<String>,
    /// Baseline (基线)
    ///
    /// The value before the project, usually from the needs assessment.
    #[serde(default)]
    pub baseline: Option<Baseline>,
    /// Standard (评价标准)
    ///
    /// What counts as achieving it, in words.
    #[serde(default)]
    pub standard: Option<String>,
    /// Means of verification (佐证材料)
    ///
    /// The evidence the provider must supply: forms, sign-in sheets, photos, case files.
    #[serde(default)]
    pub verification: Vec<String>,
}

/// Indicator level (指标层级)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorLevel {
    /// Goal (总目标).
    Goal,
    /// Outcome (成效).
    Outcome,
    /// Output (产出).
    Output,
    /// Activity (活动).
    Activity,
}

/// Indicator kind (指标类型)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorKind {
    /// Quantity (数量).
    Quantity,
    /// Quality (质量).
    Quality,
    /// Timeliness (时效).
    Timeliness,
    /// Client satisfaction (服务对象满意度).
    Satisfaction,
    /// Cost (成本).
    Cost,
}

/// Baseline (基线)
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// Value (数值)
    pub value: Quantity,
    /// Source (来源)
    ///
    /// Where the value comes from, e.g. 需求调查.
    #[serde(default)]
    pub source: Option<String>,
}

/// Target (目标值)
///
/// A number the provider commits to, such as "home visits to 240 elders, none counted twice".
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// Target id (标识)
    pub id: Id,
    /// Name (名称)
    ///
    /// What is counted, e.g. 入户探访老人.
    pub name: String,
    /// Indicator (指标)
    ///
    /// The id of the indicator the target is set on.
    #[serde(default)]
    pub indicator: Option<Id>,
    /// Comparator (比较方式)
    ///
    /// `at_least` for 以上 / 不少于 (inclusive).
    pub comparator: Comparator,
    /// Value (目标值)
    pub value: Quantity,
    /// Unit (单位)
    ///
    /// Defaults to the indicator's unit.
    #[serde(default)]
    pub unit: Option<String>,
    /// Period (期间)
    ///
    /// Over which days it is counted; defaults to the service period.
    #[serde(default)]
    pub period: Option<Period>,
    /// Distinct individuals of (不重复计数)
    ///
    /// The id of the client group whose members are counted once each (不能重复); the value
    /// cannot exceed that group's population.
    #[serde(default)]
    pub distinct_individuals_of: Option<Id>,
    /// Subset of (从属于)
    ///
    /// The id of the target this one is a part of (special cases within cases); it cannot exceed it.
    #[serde(default)]
    pub subset_of: Option<Id>,
    /// Note (说明)
    #[serde(default)]
    pub note: Option<String>,
}
