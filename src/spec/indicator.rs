//! Indicators that measure the results chain, and the numeric targets set on them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use rust_decimal::Decimal;

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
    /// Change from baseline (前后测变化)
    ///
    /// For an outcome measured by a pre-test and a post-test: the value is the share (%) of
    /// participants whose score improves by at least `improvement`.
    #[serde(default)]
    pub change: Option<Change>,
    /// Milestone (评估节点)
    ///
    /// The id of the evaluation milestone at which the target is judged; by default the final
    /// evaluation (the milestone of kind `final_evaluation`, else the last evaluation).
    #[serde(default)]
    pub milestone: Option<Id>,
    /// Interim targets (阶段目标)
    ///
    /// What an earlier evaluation must show, e.g. 15 of the 30 cases at the mid-term.
    #[serde(default)]
    pub interim: Vec<Interim>,
    /// Note (说明)
    #[serde(default)]
    pub note: Option<String>,
}

/// Interim target (阶段目标)
///
/// The value a target must reach by an earlier evaluation milestone.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Interim {
    /// Milestone (评估节点)
    ///
    /// The id of the evaluation milestone that judges it; before the target's own milestone.
    pub milestone: Id,
    /// Value (阶段目标值)
    ///
    /// Read with the target's comparator and unit.
    pub value: Quantity,
}

/// Change from baseline (前后测变化)
///
/// How a participant counts as improved: the post-test score moves from the pre-test score by at
/// least `improvement` points in the better `direction`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// Instrument (测量工具)
    ///
    /// The scale used before and after, e.g. 青少年心理韧性量表.
    pub instrument: String,
    /// Improvement (改善幅度)
    ///
    /// The least change, in the instrument's points, that counts as improved.
    pub improvement: Quantity,
    /// Direction (改善方向)
    ///
    /// Whether a higher (`up`, the default) or lower (`down`, e.g. a loneliness score) score is
    /// better.
    #[serde(default)]
    pub direction: Direction,
}

/// Direction (改善方向)
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// A higher score is better (得分提高).
    #[default]
    Up,
    /// A lower score is better (得分降低).
    Down,
}

impl Change {
    /// Whether a pair of scores counts as improved.
    pub fn improved(&self, pre: Decimal, post: Decimal) -> bool {
        let moved = match self.direction {
            Direction::Up => post.checked_sub(pre),
            Direction::Down => pre.checked_sub(post),
        };
        moved.is_some_and(|m| m >= self.improvement.decimal())
    }
}
