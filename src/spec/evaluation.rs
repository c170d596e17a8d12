//! The evaluation scheme: who evaluates, the scored tree of items, grade bands, methods and the register form.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::spec::values::{Id, Quantity};

/// Evaluation (绩效评估)
///
/// Evaluation by the buyer, the clients and a third party together, tied to payment.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Evaluation {
    /// Subjects (评估主体)
    ///
    /// Who evaluates: the purchaser, the clients, a third party.
    #[serde(default)]
    pub subjects: Vec<Subject>,
    /// Scheme (评估指标体系)
    ///
    /// A tree of items with points; children add up to their parent and the top level to 100.
    #[serde(default)]
    pub scheme: Vec<SchemeItem>,
    /// Grade bands (等级)
    ///
    /// Half-open score ranges [min, max) covering 0–100; the top band includes 100.
    #[serde(default)]
    pub grades: Vec<GradeBand>,
    /// Methods (评估方法)
    #[serde(default)]
    pub methods: Vec<EvaluationMethod>,
    /// Register form (项目登记表)
    ///
    /// Opened at approval, with four parts, and reviewed by the evaluator.
    #[serde(default)]
    pub register_form: Option<RegisterForm>,
    /// Recusal (回避)
    ///
    /// The evaluator's statement on recusal where related.
    #[serde(default)]
    pub recusal: Option<String>,
}

impl Evaluation {
    /// The leaf items of the scheme, depth first.
    pub fn leaves(&self) -> Vec<&SchemeItem> {
        leaves(&self.scheme)
    }

    /// Whether a subject scores a leaf item: it names no items (so scores all), or names the leaf
    /// or an item above it.
    pub fn scores(&self, subject: &Subject, leaf: &Id) -> bool {
        subject.items.is_empty()
            || subject.items.iter().any(|id| {
                find(&self.scheme, id).is_some_and(|item| {
                    leaves(std::slice::from_ref(item))
                        .iter()
                        .any(|l| l.id == *leaf)
                })
            })
    }

    /// Whether any subject scores only part of the scheme.
    pub fn is_scoped(&self) -> bool {
        self.subjects.iter().any(|s| !s.items.is_empty())
    }
}

/// The leaf items under `items` (the items themselves where they have no children), depth
/// first.
pub fn leaves(items: &[SchemeItem]) -> Vec<&SchemeItem> {
    let mut out = Vec::new();
    let mut stack: Vec<&SchemeItem> = items.iter().rev().collect();
    while let Some(item) = stack.pop() {
        if item.children.is_empty() {
            out.push(item);
        } else {
            stack.extend(item.children.iter().rev());
        }
    }
    out
}

/// The item with an id, at any depth.
pub fn find<'s>(items: &'s [SchemeItem], id: &Id) -> Option<&'s SchemeItem> {
    let mut stack: Vec<&SchemeItem> = items.iter().collect();
    while let Some(item) = stack.pop() {
        if item.id == *id {
            return Some(item);
        }
        stack.extend(item.children.iter());
    }
    None
}

/// Subject (评估主体)
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Subject {
    /// Subject id (标识)
    pub id: Id,
    /// Kind (类型)
    pub kind: SubjectKind,
    /// Party (对应当事方)
    ///
    /// The id of the party that evaluates, for the purchaser and the third party.
    #[serde(default)]
    pub party: Option<Id>,
    /// Scope (评估内容)
    ///
    /// What the subject evaluates, in words.
    pub scope: String,
    /// Scored items (评分项目)
    ///
    /// Ids of the scheme items the subject scores (an item stands for every leaf under it);
    /// empty: every item. Clients do not score finance: each leaf item's score is the mean of the
    /// subjects that score it, weighted by their `weight`s, and the project score is the sum of
    /// the leaves.
    #[serde(default)]
    pub items: Vec<Id>,
    /// Weight (权重)
    ///
    /// Weight of this subject's scores in the project score, in percent: on each item, among
    /// the subjects that score it.
    #[serde(default)]
    pub weight: Option<Quantity>,
}

/// Subject kind (评估主体类型)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SubjectKind {
    /// The purchaser (购买方).
    Purchaser,
    /// The clients (服务对象).
    Clients,
    /// A third party (第三方).
    ThirdParty,
}

impl SubjectKind {
    pub fn zh(self) -> &'static str {
        match self {
            Self::Purchaser => "购买方",
            Self::Clients => "服务对象",
            Self::ThirdParty => "第三方评估机构",
        }
    }
}

/// Scheme item (评估指标)
///
/// One item of the scored tree (一级/二级/三级指标); a leaf may refer to an indicator.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SchemeItem {
    /// Item id (标识)
    pub id: Id,
    /// Name (名称)
    pub name: String,
    /// Points (分值)
    pub points: Quantity,
    /// Standard (评分标准)
    #[serde(default)]
    pub standard: Option<String>,
    /// Evidence (需提供材料)
    #[serde(default)]
    pub evidence: Vec<String>,
    /// Indicator (对应指标)
    ///
    /// The id of the indicator of the results chain this item scores.
    #[serde(default)]
    pub indicator: Option<Id>,
    /// Children (下级指标)
    #[serde(default)]
    pub children: Vec<SchemeItem>,
}

/// Grade band (等级)
///
/// A half-open score range: `min` included, `max` excluded, except a band ending at 100 includes 100.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GradeBand {
    /// Grade id (标识)
    ///
    /// e.g. `excellent`; tranches refer to it.
    pub id: Id,
    /// Name (名称)
    ///
    /// e.g. 优秀.
    pub name: String,
    /// Minimum (下限)
    ///
    /// Included.
    pub min: Quantity,
    /// Maximum (上限)
    ///
    /// Excluded, except 100.
    pub max: Quantity,
}

/// Evaluation method (评估方法)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EvaluationMethod {
    /// Review of documents and register forms (文档审阅).
    DocumentReview,
    /// Site visits (实地查看).
    SiteVisit,
    /// Phone calls to clients (电话回访服务对象).
    ClientPhoneCalls,
    /// Interviews with clients (访谈服务对象).
    ClientInterviews,
    /// Surveys of clients (满意度问卷).
    Surveys,
    /// Interviews with staff (访谈工作人员).
    StaffInterviews,
    /// Financial audit (财务审计).
    FinancialAudit,
}

impl EvaluationMethod {
    /// Whether the method contacts clients directly, as the lecture's evaluator did.
    pub fn contacts_clients(self) -> bool {
        matches!(
            self,
            Self::ClientPhoneCalls | Self::ClientInterviews | Self::Surveys
        )
    }

    pub fn zh(self) -> &'static str {
        match self {
            Self::DocumentReview => "文档审阅",
            Self::SiteVisit => "实地查看",
            Self::ClientPhoneCalls => "电话回访服务对象",
            Self::ClientInterviews => "访谈服务对象",
            Self::Surveys => "满意度问卷调查",
            Self::StaffInterviews => "访谈工作人员",
            Self::FinancialAudit => "财务审计",
        }
    }
}

/// Register form (项目登记表)
///
/// The form opened at approval; the lecture names four parts.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterForm {
    /// Title (名称)
    pub title: String,
    /// Opened at (建立节点)
    ///
    /// The id of the milestone at which the form is opened.
    #[serde(default)]
    pub opened_at: Option<Id>,
    /// Roster target (名册对应目标)
    ///
    /// The id of the distinct-individuals target whose people the roster lists.
    #[serde(default)]
    pub roster: Option<Id>,
    /// Roster columns (名册栏目)
    ///
    /// The columns of the roster, after its row number. By default the lecture's visit roster
    /// (姓名, 性别, 年龄, 住址, 首次探访日期, 探访社工, 备注); a roster of minors records codes,
    /// not names and addresses (个案编号, 性别, 年龄, 学校年级…).
    #[serde(default)]
    pub roster_columns: Vec<String>,
    /// Contact term (服务用语)
    ///
    /// The word the form uses for a contact with a client: 探访 (the default, as for home
    /// visits), 服务, 辅导.
    #[serde(default)]
    pub contact_term: Option<String>,
    /// Parts (组成部分)
    pub parts: Vec<RegisterPart>,
}

/// Register part (登记表部分)
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterPart {
    /// Kind (类型)
    pub kind: RegisterPartKind,
    /// Title (标题)
    pub title: String,
    /// Fields (栏目)
    #[serde(default)]
    pub fields: Vec<String>,
}

/// Register part kind (登记表部分类型)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RegisterPartKind {
    /// The visited person's basic situation (探访对象基本情况).
    ClientBasics,
    /// The visit process (探访经过).
    VisitProcess,
    /// Assessment (评估).
    Assessment,
    /// Future plan (未来计划).
    FuturePlan,
}

impl RegisterPartKind {
    pub const ALL: [Self; 4] = [
        Self::ClientBasics,
        Self::VisitProcess,
        Self::Assessment,
        Self::FuturePlan,
    ];

    pub fn zh(self) -> &'static str {
        match self {
            Self::ClientBasics => "探访对象基本情况",
            Self::VisitProcess => "探访经过",
            Self::Assessment => "评估",
            Self::FuturePlan => "未来计划",
        }
    }
}
