//! The budget: priced lines and the amount of each year.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::spec::values::{Id, Money, Quantity};

/// Budget (预算)
///
/// Lines priced as unit price × quantity = subtotal, and the amount of each year.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// Lines (预算明细)
    #[serde(default)]
    pub lines: Vec<BudgetLine>,
    /// Annual amounts (年度金额)
    ///
    /// For a term of several years: the amount of each year, adding up to the contract amount.
    #[serde(default)]
    pub annual: Vec<AnnualAmount>,
}

/// Budget line (预算明细)
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BudgetLine {
    /// Line id (标识)
    pub id: Id,
    /// Category (类别)
    pub category: BudgetCategory,
    /// Item (项目)
    ///
    /// e.g. 个案服务.
    pub item: String,
    /// Unit (单位)
    ///
    /// e.g. 个, 人·月, 次.
    pub unit: String,
    /// Unit price (单价)
    pub unit_price: Money,
    /// Quantity (数量)
    pub quantity: Quantity,
    /// Subtotal (小计)
    ///
    /// Unit price × quantity, in yuan.
    pub subtotal: Money,
    /// Activities (对应活动)
    #[serde(default)]
    pub activities: Vec<Id>,
    /// Note (说明)
    #[serde(default)]
    pub note: Option<String>,
}

/// Budget category (预算类别)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BudgetCategory {
    /// Personnel (人员经费).
    Personnel,
    /// Activities (活动经费).
    Activities,
    /// Supervision (督导经费).
    Supervision,
    /// Training (培训经费).
    Training,
    /// Evaluation (评估经费).
    Evaluation,
    /// Materials (物资).
    Materials,
    /// Administration (管理费).
    Administration,
    /// Other (其他).
    Other,
}

impl BudgetCategory {
    pub fn zh(self) -> &'static str {
        match self {
            Self::Personnel => "人员经费",
            Self::Activities => "活动经费",
            Self::Supervision => "督导经费",
            Self::Training => "培训经费",
            Self::Evaluation => "评估经费",
            Self::Materials => "物资",
            Self::Administration => "管理费",
            Self::Other => "其他",
        }
    }
}

/// Annual amount (年度金额)
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnnualAmount {
    /// Year (年度)
    pub year: u16,
    /// Amount (金额)
    pub amount: Money,
}
