//! Who the project serves, and what the needs assessment found about them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::spec::values::{Comparator, Date, Id, Quantity};

/// Client group (服务对象)
///
/// A group of people the project serves, with its estimated size and ages; a group may lie
/// within another (high-risk adolescents within the adolescents served).
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
    /// Part of (所属服务对象)
    ///
    /// The id of the group this one lies within: its members are members of that group too, so a
    /// target of distinct individuals of that group counts them, and this group's population and
    /// ages lie within that group's.
    #[serde(default)]
    pub part_of: Option<Id>,
    /// Estimated population (估计人数)
    ///
    /// How many people the group holds in the service area, its subgroups included; a target of distinct individuals cannot exceed it.
    #[serde(default)]
    pub population: Option<u64>,
    /// Minimum age (最小年龄)
    ///
    /// The youngest age served, in full years, included; a group with members under 18 needs
    /// the safeguards of minors (`safeguarding`).
    #[serde(default)]
    pub min_age: Option<u32>,
    /// Maximum age (最大年龄)
    ///
    /// The oldest age served, in full years, included.
    #[serde(default)]
    pub max_age: Option<u32>,
    /// Needs (需求)
    ///
    /// The problems and needs of the group.
    #[serde(default)]
    pub needs: Vec<String>,
}

impl ClientGroup {
    /// Whether the group's ages reach below 18: a minimum under 18, or, without a minimum, a
    /// maximum under 18. A group that states no ages is not taken for minors.
    pub fn includes_minors(&self) -> bool {
        match (self.min_age, self.max_age) {
            (Some(min), _) => min < 18,
            (None, Some(max)) => max < 18,
            (None, None) => false,
        }
    }
}

/// Needs assessment (需求评估)
///
/// How the needs were found, from whom, and what was found; it is the baseline of the
/// indicators. One method is written with `method` and `sample`; several, each with its own
/// sample (a questionnaire survey, interviews, focus groups), as a list under `methods`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NeedsAssessment {
    /// Method (方法)
    ///
    /// The one method used; with several, list them under `methods` instead.
    #[serde(default)]
    pub method: Option<AssessmentMethod>,
    /// Date (日期)
    ///
    /// When the assessment was done (the last day, if it took several).
    #[serde(default)]
    pub date: Option<Date>,
    /// Sample (样本)
    ///
    /// How many were asked by the one `method`; "500多" is `more_than: 500`.
    #[serde(default)]
    pub sample: Option<Sample>,
    /// Methods (各项方法)
    ///
    /// Several methods, each with its own sample and date.
    #[serde(default)]
    pub methods: Vec<AssessmentStep>,
    /// Findings (发现)
    #[serde(default)]
    pub findings: Vec<Finding>,
}

impl NeedsAssessment {
    /// Every method used with its sample and date: the one `method`, or each of `methods`, with
    /// the pointer of its node.
    pub fn steps(&self) -> Vec<(String, AssessmentMethod, Option<&Sample>, Option<Date>)> {
        let mut out = Vec::new();
        if let Some(method) = self.method {
            out.push((
                "/needs_assessment".to_owned(),
                method,
                self.sample.as_ref(),
                self.date,
            ));
        }
        for (i, step) in self.methods.iter().enumerate() {
            out.push((
                format!("/needs_assessment/methods/{i}"),
                step.method,
                step.sample.as_ref(),
                step.date.or(self.date),
            ));
        }
        out
    }
}

/// Assessment step (评估方法)
///
/// One method of a needs assessment that used several, with its own sample.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AssessmentStep {
    /// Method (方法)
    pub method: AssessmentMethod,
    /// Date (日期)
    ///
    /// When this method was used (the last day); defaults to the assessment's date.
    #[serde(default)]
    pub date: Option<Date>,
    /// Sample (样本)
    ///
    /// How many were asked by this method.
    #[serde(default)]
    pub sample: Option<Sample>,
    /// Description (说明)
    ///
    /// e.g. 面向辖区 3 所中学初二至高二学生的问卷调查.
    #[serde(default)]
    pub description: Option<String>,
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
