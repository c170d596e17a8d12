//! The project itself: what it is called, what field it serves and where.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::spec::values::Id;

/// Project (项目)
///
/// What the project is called, which field of social work it serves and where it runs.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// Project id (项目编号)
    ///
    /// A short ASCII id, used in file names and references, e.g. `zhuzhou-elderly`.
    pub id: Id,
    /// Project name (项目名称)
    ///
    /// The full name as it appears on the contract, e.g. 株洲市老年人社会工作服务项目.
    pub name: String,
    /// Service field (服务领域)
    ///
    /// The field of social work the project serves.
    #[serde(default)]
    pub field: Option<ServiceField>,
    /// Service site (服务地点)
    ///
    /// Where the service is delivered: the city, district, street or community.
    #[serde(default)]
    pub site: Option<String>,
    /// Summary (项目概述)
    ///
    /// A paragraph on the problem and the service, for the plan and the contract.
    #[serde(default)]
    pub summary: Option<String>,
}

/// Service field (服务领域)
///
/// The field of social work a project serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ServiceField {
    /// Elderly services (老年人服务).
    Elderly,
    /// Family services (家庭服务).
    Family,
    /// Youth work (青少年服务).
    Youth,
    /// Volunteer training and management (志愿者培训).
    Volunteer,
    /// Hospice care (临终关怀).
    Hospice,
    /// Integration of rural-to-urban residents (农转居社区融入).
    Integration,
    /// Social assistance and referral (社会救助).
    Assistance,
    /// Community building (社区建设).
    Community,
    /// Services for disabled people (残障服务).
    Disability,
    /// Other fields (其他).
    Other,
}

impl ServiceField {
    pub fn zh(self) -> &'static str {
        match self {
            Self::Elderly => "老年人服务",
            Self::Family => "家庭服务",
            Self::Youth => "青少年服务",
            Self::Volunteer => "志愿者培训",
            Self::Hospice => "临终关怀",
            Self::Integration => "社区融入",
            Self::Assistance => "社会救助",
            Self::Community => "社区建设",
            Self::Disability => "残障服务",
            Self::Other => "其他",
        }
    }
}
