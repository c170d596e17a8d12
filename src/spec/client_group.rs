//! Who the project serves, and what the needs assessment found about them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::spec::values::{Comparator, Date, Id, Quantity};

/// Client group (服务对象)
///
/// A group of people the project serves, with its estimated size.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClientGroup {
    /// Group id (标识)
    pub id: Id,
    /// Name (名称)
    ///
    /// e.g. 临终老人, 农转居居民.
    pub name: String,
    /// Description (描述)
    #[serde(default)]
    pub description: Option<String>,
    /// Estimated population (估计人数)
    ///
    /// How many people the group holds in the service area; a target of distinct individuals cannot exceed it.
    #[serde(default)]
    pub population: Option<u64>,
    /// Needs (需求)
    ///
    /// The problems and needs of the group.
    #[serde(default)]
    pub needs: Vec<String>,
}

/// Needs assessment (需求评估)
///
/// How the needs were found, from whom, and what was found; it is the baseline of the indicators.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NeedsAssessment {
    /// Method (方法)
    pub method: AssessmentMethod,
    /// Date (日期)
    ///
    /// When the assessment was done (the last day, if it took several).
    #[serde(default)]
    pub date: Option<Date>,
    /// Sample (样本)
    ///
    /// How many were asked; "500多" is `more_than: 500`.
    #[serde(default)]
    pub sample: Option<Sample>,
    /// Findings (发现)
    #[serde(default)]
    pub findings: Vec<Finding>,
}

/// Assessment method (评估方法)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AssessmentMethod {
    /// Questionnaire survey (问卷调查).
    Survey,
    /// Interviews (访谈).
    Interview,
    /// Focus groups (焦点小组).
    FocusGroup,
    /// Records and referral files (档案资料).
    Records,
    /// Home visits (入户走访).
    HomeVisit,
    /// Several methods together (综合).
    Mixed,
}

/// Sample (样本)
///
/// A count with how exactly it is known.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sample {
    /// Comparator (比较方式)
    pub comparator: Comparator,
    /// Size (数量)
    pub size: Quantity,
    /// Unit (单位)
    ///
    /// e.g. 人, 户.
    pub unit: String,
    /// Client groups (服务对象)
    ///
    /// The groups the sample was drawn from.
    #[serde(default)]
    pub client_groups: Vec<Id>,
}

/// Finding (需求发现)
///
/// One need the assessment found.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    /// Finding id (标识)
    pub id: Id,
    /// Text (内容)
    pub text: String,
    /// Client groups (服务对象)
    #[serde(default)]
    pub client_groups: Vec<Id>,
}
