//! The purchase contract (政府购买服务合同): amount, tranches and the clauses regulations require.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::spec::values::{Date, Id, Money, Percent};

/// Contract (合同)
///
/// What 财政部令第102号 第二十三条 and the procurement rules ask a written contract to state.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contract {
    /// Contract number (合同编号)
    #[serde(default)]
    pub number: Option<String>,
    /// Place of signing (签订地点)
    #[serde(default)]
    pub place_of_signing: Option<String>,
    /// Place of performance (履行地点)
    #[serde(default)]
    pub place_of_performance: Option<String>,
    /// Manner of performance (履行方式)
    #[serde(default)]
    pub manner_of_performance: Option<String>,
    /// Legal basis (法律依据)
    ///
    /// The laws, regulations and notices the contract rests on.
    #[serde(default)]
    pub legal_basis: Vec<String>,
    /// Amount (合同金额)
    ///
    /// The total price in yuan, in figures (小写).
    #[serde(default)]
    pub amount: Option<Money>,
    /// Amount in capitals (大写金额)
    ///
    /// The amount as written in the tender, e.g. 人民币叁拾万元整; it must match the figure.
    #[serde(default)]
    pub amount_in_words: Option<String>,
    /// Signed on (签订日期)
    #[serde(default)]
    pub signed_on: Option<Date>,
    /// Published on (公告日期)
    ///
    /// The contract is published within 2 working days of signing.
    #[serde(default)]
    pub published_on: Option<Date>,
    /// Term justification (多年期理由)
    ///
    /// Why a term over one year is allowed: content fixed and continuous, budget secured.
    #[serde(default)]
    pub term_justification: Option<String>,
    /// Payment tranches (分期付款)
    ///
    /// Payment in stages; every tranche after the first is gated by an evaluation.
    #[serde(default)]
    pub tranches: Vec<Tranche>,
    /// Acceptance (履约验收)
    #[serde(default)]
    pub acceptance: Option<Acceptance>,
    /// Obligations (双方权利义务)
    #[serde(default)]
    pub obligations: Option<Obligations>,
    /// Liability for breach (违约责任)
    #[serde(default)]
    pub breach: Vec<String>,
    /// Change and termination (合同变更与解除)
    #[serde(default)]
    pub change_and_termination: Vec<String>,
    /// Force majeure (不可抗力)
    #[serde(default)]
    pub force_majeure: Option<String>,
    /// Confidentiality (保密)
    #[serde(default)]
    pub confidentiality: Option<Confidentiality>,
    /// Intellectual property (知识产权)
    #[serde(default)]
    pub intellectual_property: Option<String>,
    /// Dispute resolution (争议解决)
    #[serde(default)]
    pub dispute_resolution: Option<DisputeResolution>,
    /// Subcontracting (转包)
    ///
    /// Government purchase of social-work services forbids subcontracting (严禁转包).
    #[serde(default)]
    pub subcontracting: Option<Subcontracting>,
    /// Attachments (合同附件)
    #[serde(default)]
    pub attachments: Vec<Attachment>,
}

/// Tranche (付款批次)
///
/// One staged payment: its share, amount and due date, and what releases it.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tranche {
    /// Tranche id (标识)
    pub id: Id,
    /// Name (名称)
    ///
    /// e.g. 首期预付款.
    pub name: String,
    /// Share (比例)
    ///
    /// Percent of the contract amount; the shares add up to 100.
    pub share: Percent,
    /// Amount (金额)
    ///
    /// In yuan; the amounts add up to the contract amount.
    pub amount: Money,
    /// Due (应付日期)
    pub due: Date,
    /// On signing (签约预付)
    ///
    /// The first tranche may be an advance on signing, gated by no evaluation.
    #[serde(default)]
    pub on_signing: bool,
    /// Milestone (评估节点)
    ///
    /// The id of the evaluation milestone that gates it; it falls due after it.
    #[serde(default)]
    pub milestone: Option<Id>,
    /// Minimum grade (最低等级)
    ///
    /// The id of the lowest grade band that releases it.
    #[serde(default)]
    pub min_grade: Option<Id>,
    /// Release table (拨付比例)
    ///
    /// The share of the tranche released at each grade: excellent 100, pass 80, fail 0.
    #[serde(default)]
    pub release: Vec<Release>,
    /// Required targets (必须达成的目标)
    ///
    /// Ids of targets that must be met for the tranche to be paid.
    #[serde(default)]
    pub requires_targets: Vec<Id>,
}

/// Release (拨付)
///
/// The share of a tranche paid at one grade.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Release {
    /// Grade (等级)
    ///
    /// The id of a grade band of the evaluation.
    pub grade: Id,
    /// Share (拨付比例)
    ///
    /// Percent of the tranche paid; 0 holds it.
    pub share: Percent,
}

/// Acceptance (履约验收)
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Acceptance {
    /// Method (验收方式)
    pub method: String,
    /// Criteria (验收标准)
    #[serde(default)]
    pub criteria: Vec<String>,
    /// Milestone (验收节点)
    ///
    /// The id of the acceptance milestone.
    #[serde(default)]
    pub milestone: Option<Id>,
}

/// Obligations (权利义务)
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Obligations {
    /// Purchaser (甲方)
    pub purchaser: Vec<String>,
    /// Provider (乙方)
    pub provider: Vec<String>,
}

/// Confidentiality (保密)
///
/// Client privacy and case files: what social work must keep.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Confidentiality {
    /// Client privacy (服务对象隐私)
    pub client_privacy: String,
    /// Case files (个案档案)
    pub case_files: String,
}

/// Dispute resolution (争议解决)
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DisputeResolution {
    /// Method (方式)
    pub method: DisputeMethod,
    /// Venue (管辖)
    ///
    /// The court or arbitration commission.
    pub venue: String,
}

/// Dispute method (争议解决方式)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DisputeMethod {
    /// Litigation at a people's court (诉讼).
    Litigation,
    /// Arbitration (仲裁).
    Arbitration,
}

/// Subcontracting (转包)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Subcontracting {
    /// Forbidden (严禁转包).
    Forbidden,
    /// Allowed (允许).
    Allowed,
}

/// Attachment (附件)
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    /// Title (名称)
    pub title: String,
    /// Description (说明)
    #[serde(default)]
    pub description: Option<String>,
}
