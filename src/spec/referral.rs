//! Referral: how civil-affairs departments pass needs to a qualified agency (the Shaanxi case).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::spec::values::Id;

/// Referral (转介)
///
/// Who refers clients, what an agency must have to receive them, and the intake steps.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Referral {
    /// Referrers (转介方)
    ///
    /// Ids of the parties that refer clients.
    pub referrers: Vec<Id>,
    /// Agency criteria (承接机构条件)
    ///
    /// e.g. 专业知识, 资质能力, 社会影响和信誉.
    #[serde(default)]
    pub agency_criteria: Vec<String>,
    /// Intake steps (接案流程)
    ///
    /// In order: contact, family investigation and assessment, case file, needs interview, service.
    #[serde(default)]
    pub intake_steps: Vec<String>,
    /// Services (服务类型)
    ///
    /// e.g. 综合服务, 专门服务.
    #[serde(default)]
    pub services: Vec<String>,
}
