//! The parties: who buys, who pays, who serves, who evaluates, who supervises and who reviews.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::spec::values::{Date, Id};

/// Parties (当事方)
///
/// Everyone with a role in the project. The purchaser (甲方) and the provider (乙方) are required.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Parties {
    /// Purchaser (购买方 / 甲方)
    ///
    /// The state organ that buys the service and signs the contract.
    pub purchaser: Party,
    /// Funder (出资方)
    ///
    /// The body whose budget pays, where it differs from the purchaser.
    #[serde(default)]
    pub funder: Option<Party>,
    /// Provider (承接方 / 乙方)
    ///
    /// The agency that delivers the service.
    pub provider: Party,
    /// Partners (合作方)
    ///
    /// Others who take part without signing the purchase contract: a residents' committee, a hospital, a university.
    #[serde(default)]
    pub partners: Vec<Party>,
    /// Evaluator (第三方评估机构)
    ///
    /// The independent third party that evaluates the project.
    #[serde(default)]
    pub evaluator: Option<Party>,
    /// Supervisors (督导)
    ///
    /// Experienced social workers or professors who supervise the provider's staff.
    #[serde(default)]
    pub supervisors: Vec<Party>,
    /// Reviewers (评审专家)
    ///
    /// The experts who review the tender, with their declared relations to the parties.
    #[serde(default)]
    pub reviewers: Vec<Reviewer>,
}

impl Parties {
    /// Every party with the pointer of its node, in document order.
    pub fn all(&self) -> Vec<(String, &Party)> {
        let mut out = vec![("/parties/purchaser".to_owned(), &self.purchaser)];
        if let Some(funder) = &self.funder {
            out.push(("/parties/funder".to_owned(), funder));
        }
        out.push(("/parties/provider".to_owned(), &self.provider));
        for (i, p) in self.partners.iter().enumerate() {
            out.push((format!("/parties/partners/{i}"), p));
        }
        if let Some(evaluator) = &self.evaluator {
            out.push(("/parties/evaluator".to_owned(), evaluator));
        }
        for (i, p) in self.supervisors.iter().enumerate() {
            out.push((format!("/parties/supervisors/{i}"), p));
        }
        out
    }
}

/// Party (当事方)
///
/// An organisation or a person, with what the contract and the independence rules need to know.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// Party id (标识)
    ///
    /// A short ASCII id that relations, subjects and supervision refer to.
    pub id: Id,
    /// Name (名称)
    ///
    /// The full registered name, e.g. 上海市民政局.
    pub name: String,
    /// Kind (类型)
    ///
    /// What kind of body it is; the purchaser must be a state organ.
    #[serde(default)]
    pub kind: Option<PartyKind>,
    /// Role (角色)
    ///
    /// For partners and supervisors: what they do in the project.
    #[serde(default)]
    pub role: Option<String>,
    /// Address (地址)
    ///
    /// The registered address, as the contract states it.
    #[serde(default)]
    pub address: Option<String>,
    /// Legal representative (法定代表人)
    ///
    /// The person who legally represents the body.
    #[serde(default)]
    pub legal_representative: Option<String>,
    /// Unified social credit code (统一社会信用代码)
    ///
    /// The 18-character registration code of an organisation.
    #[serde(default)]
    pub credit_code: Option<String>,
    /// Contact (联系人)
    ///
    /// Who to contact about the project.
    #[serde(default)]
    pub contact: Option<Contact>,
    /// Controllers (实际控制人)
    ///
    /// People or bodies that control it; the independence rules compare them.
    #[serde(default)]
    pub controllers: Vec<String>,
    /// Staff (工作人员)
    ///
    /// Named staff; the independence rules compare them.
    #[serde(default)]
    pub staff: Vec<String>,
}

/// Contact (联系人)
///
/// A person to contact, with a phone number.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Name (姓名)
    pub name: String,
    /// Phone (电话)
    #[serde(default)]
    pub phone: Option<String>,
}

/// Party kind (主体类型)
///
/// The legal kind of a body. 财政部令第102号 lets state organs buy (and mass organisations'
/// organs staffed as civil servants buy under it, 第六条), and lets enterprises, social
/// organisations, some public institutions, village collectives, grassroots self-governing
/// organisations and individuals provide; mass organisations funded by the budget do not provide
/// (第八条).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PartyKind {
    /// State organ (国家机关), such as a civil-affairs bureau.
    StateOrgan,
    /// Public institution (事业单位), such as a university or a hospital.
    PublicInstitution,
    /// Social organisation (社会组织): a social-work agency, a foundation, an association.
    SocialOrganization,
    /// Enterprise (企业).
    Enterprise,
    /// Village collective economic organisation (农村集体经济组织).
    VillageCollective,
    /// Grassroots self-governing organisation (基层群众性自治组织): a residents' or villagers' committee.
    GrassrootsOrganization,
    /// Mass organisation (群团组织): the Communist Youth League (共青团), the Women's Federation
    /// (妇联), the Disabled Persons' Federation (残联); not a social organisation.
    MassOrganization,
    /// Individual (自然人).
    Individual,
}

impl PartyKind {
    pub fn zh(self) -> &'static str {
        match self {
            Self::StateOrgan => "国家机关",
            Self::PublicInstitution => "事业单位",
            Self::SocialOrganization => "社会组织",
            Self::Enterprise => "企业",
            Self::VillageCollective => "农村集体经济组织",
            Self::GrassrootsOrganization => "基层群众性自治组织",
            Self::MassOrganization => "群团组织",
            Self::Individual => "自然人",
        }
    }
}

/// Reviewer (评审专家)
///
/// An expert on the tender panel, with every relation to a party they declare.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reviewer {
    /// Reviewer id (标识)
    pub id: Id,
    /// Name (姓名)
    pub name: String,
    /// Organisation (工作单位)
    #[serde(default)]
    pub organization: Option<String>,
    /// Declared relations (利害关系申报)
    ///
    /// Every tie to a party, with its kind and dates; an empty list declares none.
    #[serde(default)]
    pub relations: Vec<Relation>,
}

/// Relation (利害关系)
///
/// A declared tie between a reviewer and a party.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    /// Kind (关系类型)
    pub kind: RelationKind,
    /// With (对象)
    ///
    /// The id of the party the tie is with.
    pub with: Id,
    /// From (起始日期)
    #[serde(default)]
    pub from: Option<Date>,
    /// To (终止日期)
    ///
    /// Leave out while the tie lasts.
    #[serde(default)]
    pub to: Option<Date>,
    /// Note (说明)
    #[serde(default)]
    pub note: Option<String>,
}

/// Relation kind (关系类型)
///
/// What ties a reviewer to a party.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    /// Employed by the party (任职).
    Employment,
    /// A role such as director, supervisor or adviser (担任职务).
    Role,
    /// Controls or holds a stake in the party (控股或实际控制).
    Control,
    /// Close family of someone in the party (近亲属).
    Family,
    /// Helped write the requirements of the tender (参与需求编制).
    DraftedRequirements,
    /// Any other tie (其他).
    Other,
}
