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
    /// Payment in stages; apart from the advance (the tranche paid `on_signing`, else the first
    /// to fall due), every tranche is gated by an evaluation or by the acceptance.
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
    /// The advance, paid on signing and gated by no evaluation: one tranche at most, the first
    /// to fall due (wherever it is listed).
    #[serde(default)]
    pub on_signing: bool,
    /// Milestone (评估节点)
    ///
    /// The id of the evaluation milestone that gates it, or of the acceptance (履约验收), which
    /// rests on the last evaluation before it; the tranche falls due after it (after the service
    /// period too, for a balance paid on acceptance).
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
    /// Ids of targets that must be met for the tranche to be paid at all: a missed one holds
    /// the whole tranche. For a reduction in proportion to what is missed, use `deductions`.
    #[serde(default)]
    pub requires_targets: Vec<Id>,
    /// Deductions (扣减)
    ///
    /// Graduated payment: how much of the tranche a missed target costs (每少 1 例扣减 X 元, or
    /// in proportion to the shortfall), instead of holding all of it.
    #[serde(default)]
    pub deductions: Vec<Deduction>,
    /// Floor (保底比例)
    ///
    /// Deductions never take what the tranche releases below this share (%) of its amount
    /// (rounded to the fen); when the grade releases less than that, deductions take nothing.
    #[serde(default)]
    pub floor: Option<Percent>,
    /// Rectification (整改)
    ///
    /// What is withheld for missed targets is held, not forfeited, while the provider rectifies:
    /// a re-evaluation (复评) within the period releases what it then finds met.
    #[serde(default)]
    pub rectification: Option<Rectification>,
}

/// Deduction (扣减规则)
///
/// How much a missed target takes off a tranche, instead of holding all of it: a sum per unit
/// short (`per_unit`: 每少 1 例扣减 3,000 元 is `per_unit: 3000`), or a share of what the grade
/// releases equal to the shortfall's share of the target (`proportional`: 30 of 32 sessions held
/// takes 2/32 of it). The shortfall is counted against the value the tranche's milestone judges
/// (the target's, or its interim value): `value − actual` for an `at_least` target,
/// `actual − value` for an `at_most` one, the difference for an `exactly` one; a met target
/// deducts nothing. Each deduction is rounded to the fen (half away from zero), then limited by
/// its `cap`; a tranche's deductions together stop at its `floor`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Deduction {
    /// Target (目标)
    ///
    /// The id of the target whose shortfall is deducted; it is judged at the tranche's milestone.
    pub target: Id,
    /// Per unit (每单位扣减金额)
    ///
    /// Yuan deducted for each unit (of the target's unit) short of the target value.
    #[serde(default)]
    pub per_unit: Option<Money>,
    /// Proportional (按比例扣减)
    ///
    /// Deduct the share of what the grade releases that the shortfall is of the target value.
    #[serde(default)]
    pub proportional: bool,
    /// Cap (扣减上限)
    ///
    /// The most this deduction takes, in yuan.
    #[serde(default)]
    pub cap: Option<Money>,
}

/// Rectification (整改)
///
/// A period after the evaluation in which the provider may make good what was missed.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rectification {
    /// Days (整改期限)
    ///
    /// How many days after the evaluation (its results' `evaluated_on`, else the milestone's
    /// date) the re-evaluation (复评) may take place, at most: a re-evaluation on the last day
    /// counts, one after it forfeits what was withheld.
    pub days: u32,
    /// Note (说明)
    ///
    /// e.g. 整改期满复评仍未达标的，扣减部分不予拨付.
    #[serde(default)]
    pub note: Option<String>,
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
