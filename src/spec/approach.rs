//! The theories that guide the work and the methods that deliver it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::spec::values::Id;

/// Theory (理论依据)
///
/// A theory the project draws on, such as ecological systems theory (生态系统理论).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Theory {
    /// Theory id (标识)
    pub id: Id,
    /// Name (名称)
    pub name: String,
    /// Role (作用)
    ///
    /// Whether it guides the project as a whole or the practice with clients.
    #[serde(default)]
    pub role: Option<TheoryRole>,
    /// Description (说明)
    #[serde(default)]
    pub description: Option<String>,
}

/// Theory role (理论作用)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TheoryRole {
    /// Macro guidance for the whole project (宏观指导).
    Macro,
    /// Guidance in practice with clients (实务指导).
    Practice,
}

/// Method (服务方法)
///
/// A method of social work the project uses, with the theories it draws on.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Method {
    /// Method id (标识)
    pub id: Id,
    /// Kind (类型)
    pub kind: MethodKind,
    /// Name (名称)
    ///
    /// e.g. 个案工作, 艺术治疗.
    pub name: String,
    /// Theories (理论依据)
    ///
    /// Ids of the theories it draws on.
    #[serde(default)]
    pub theories: Vec<Id>,
    /// Description (说明)
    #[serde(default)]
    pub description: Option<String>,
}

/// Method kind (方法类型)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MethodKind {
    /// Casework (个案工作).
    Casework,
    /// Group work (小组工作).
    GroupWork,
    /// Community work (社区工作).
    CommunityWork,
    /// Home visits (入户探访).
    HomeVisit,
    /// Lectures (讲座).
    Lecture,
    /// Events (社区活动).
    Event,
    /// Referral (转介).
    Referral,
    /// Art therapy (艺术治疗).
    ArtTherapy,
    /// Counselling (心理辅导).
    Counselling,
    /// Volunteer training (志愿者培训).
    VolunteerTraining,
    /// Other (其他).
    Other,
}
