//! Who does the work: staff positions, supervision and volunteers.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::spec::values::{Id, Quantity};

/// Position (岗位)
///
/// A staff role with how many hold it and for how long.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Position {
    /// Role (岗位)
    ///
    /// e.g. 项目主管, 一线社工.
    pub role: String,
    /// Count (人数)
    pub count: u32,
    /// Months (服务月数)
    pub months: u32,
    /// Full time (专职)
    #[serde(default = "yes")]
    pub full_time: bool,
    /// Qualification (资质要求)
    ///
    /// e.g. 助理社会工作师及以上.
    #[serde(default)]
    pub qualification: Option<String>,
}

fn yes() -> bool {
    true
}

/// Supervision (督导)
///
/// Who supervises the staff, how often and how.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Supervision {
    /// Supervisors (督导者)
    ///
    /// Ids of the supervisors among the parties.
    pub supervisors: Vec<Id>,
    /// Frequency (频率)
    pub frequency: Frequency,
    /// Mode (方式)
    ///
    /// e.g. 个别督导, 团体督导, 现场督导.
    #[serde(default)]
    pub modes: Vec<String>,
    /// Hours each time (每次时长)
    #[serde(default)]
    pub hours: Option<Quantity>,
}

/// Frequency (频率)
///
/// So many times per period: `{times: 1, per: month}`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Frequency {
    /// Times (次数)
    pub times: u32,
    /// Per (每)
    pub per: Per,
}

/// Per (周期)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Per {
    /// Per week (每周).
    Week,
    /// Per month (每月).
    Month,
    /// Per quarter (每季度).
    Quarter,
    /// Per year (每年).
    Year,
}

impl Per {
    pub fn zh(self) -> &'static str {
        match self {
            Self::Week => "每周",
            Self::Month => "每月",
            Self::Quarter => "每季度",
            Self::Year => "每年",
        }
    }
}

/// Volunteers (志愿者)
///
/// Where volunteers come from and how they are trained.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Volunteers {
    /// Sources (来源)
    pub sources: Vec<VolunteerSource>,
    /// Training (培训)
    #[serde(default)]
    pub training: Vec<Training>,
}

/// Volunteer source (志愿者来源)
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VolunteerSource {
    /// Kind (类型)
    pub kind: VolunteerKind,
    /// Name (名称)
    ///
    /// e.g. 高校专业志愿者.
    pub name: String,
    /// Count (人数)
    #[serde(default)]
    pub count: Option<u32>,
}

/// Volunteer kind (志愿者类型)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum VolunteerKind {
    /// University students and staff (高校).
    University,
    /// Community residents (社区).
    Community,
    /// Children (儿童).
    Children,
    /// Professionals such as doctors or lawyers (专业人士).
    Professional,
    /// Other (其他).
    Other,
}

/// Training (培训)
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Training {
    /// Topic (主题)
    ///
    /// e.g. 志愿服务理念, 老年人服务专门知识.
    pub topic: String,
    /// Hours (学时)
    #[serde(default)]
    pub hours: Option<Quantity>,
}
