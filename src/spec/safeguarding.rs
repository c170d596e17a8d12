//! Safeguarding of minors (未成年人保护): what a project serving people under 18 must arrange.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Safeguarding (未成年人保护)
///
/// What the Minors Protection Law (《未成年人保护法》, 2020) asks of a body in close contact with
/// minors: background checks of those who work with them (入职查询, 第六十二条), mandatory
/// reporting of harm (强制报告, 第十一条) through a named duty officer, and the consent of
/// guardians (监护人知情同意). Required when a client group has members under 18.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Safeguarding {
    /// Background checks (入职查询)
    #[serde(default)]
    pub background_checks: Option<BackgroundChecks>,
    /// Mandatory reporting (强制报告)
    #[serde(default)]
    pub mandatory_reporting: Option<MandatoryReporting>,
    /// Guardian consent (监护人知情同意)
    #[serde(default)]
    pub guardian_consent: Option<GuardianConsent>,
}

/// Background checks (入职查询)
///
/// Before anyone works with minors, their records of sexual offences, abuse, trafficking and
/// violence are looked up with the public security organs (公安机关).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BackgroundChecks {
    /// Covers (查询对象)
    ///
    /// Who is checked: `staff`, `volunteers`, `supervisors`.
    pub covers: Vec<Checked>,
    /// Method (查询方式)
    ///
    /// e.g. 入职前向公安机关查询性侵害、虐待、拐卖、暴力伤害等违法犯罪记录.
    pub method: String,
}

/// Checked (查询对象)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Checked {
    /// Staff (工作人员).
    Staff,
    /// Volunteers (志愿者).
    Volunteers,
    /// Supervisors (督导).
    Supervisors,
}

/// Mandatory reporting (强制报告)
///
/// Who reports harm, or suspected harm, to a minor, to whom and how fast.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MandatoryReporting {
    /// Duty officer (强制报告责任人)
    ///
    /// The named person who receives reports from staff and reports on.
    pub duty_officer: String,
    /// Phone (联系电话)
    #[serde(default)]
    pub phone: Option<String>,
    /// Report to (报告对象)
    ///
    /// e.g. 公安机关, 民政部门, 教育行政部门.
    pub report_to: Vec<String>,
    /// Within hours (报告时限)
    ///
    /// How many hours after discovery the report is made at the latest.
    #[serde(default)]
    pub within_hours: Option<u32>,
}

/// Guardian consent (监护人知情同意)
///
/// Guardians are told of the service and agree in writing before a minor takes part.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GuardianConsent {
    /// Form (知情同意书)
    ///
    /// The name of the consent form, e.g. 监护人知情同意书.
    pub form: String,
    /// Covers (适用服务)
    ///
    /// Which services need it, in words, e.g. 个案服务, 小组活动, 外出活动.
    #[serde(default)]
    pub covers: Vec<String>,
}
