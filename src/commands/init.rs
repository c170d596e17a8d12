//! `svcspec init`: write a commented starting spec for one kind of service.
//!
//! One template (templates/init/spec.yaml) holds what every kind shares; each kind fills in its
//! own words (title, clients, needs, theory). Values the designer must replace are tagged `!fill`,
//! so the new spec checks with only `unfilled-placeholder` warnings.

use std::path::Path;

use crate::cli::{InitArgs, ServiceKind};
use crate::commands::{CommandResult, Fault, Outcome};
use crate::fsutil::write_atomic;

const TEMPLATE: &str = include_str!("../../templates/init/spec.yaml");

/// What one kind of service says in the template's slots.
struct KindText {
    kind: &'static str,
    title: &'static str,
    summary: &'static str,
    group_name: &'static str,
    group_description: &'static str,
    need_one: &'static str,
    need_two: &'static str,
    finding: &'static str,
    theory: &'static str,
    theory_description: &'static str,
    goal: &'static str,
    outcome: &'static str,
    casework: &'static str,
    groupwork: &'static str,
}

fn text_of(kind: ServiceKind) -> KindText {
    match kind {
        ServiceKind::Hospice => KindText {
            kind: "hospice",
            title: "临终关怀社会工作服务",
            summary: "在社区卫生服务中心为临终老人及其家属提供心理疏导、生命回顾和哀伤辅导等临终关怀服务，链接医院、高校和社区资源。",
            group_name: "临终老人及其家属",
            group_description: "在试点机构接受安宁疗护的临终老人，以及照护他们的家属",
            need_one: "对死亡的恐惧与焦虑",
            need_two: "家属照护压力与哀伤",
            finding: "多数临终老人及家属缺少心理支持，家属照护压力大",
            theory: "生态系统理论",
            theory_description: "从个人、家庭、医院和社区多个系统理解并回应临终者的需要",
            goal: "提升临终老人的生命质量，减轻家属的照护压力和哀伤",
            outcome: "临终老人心理状态改善，家属获得支持，对服务满意",
            casework: "为临终老人和家属开展心理疏导、生命回顾和哀伤辅导个案",
            groupwork: "开展家属支持小组和艺术治疗小组",
        },
        ServiceKind::Integration => KindText {
            kind: "integration",
            title: "农转居社区融入社会工作服务",
            summary: "面向农转居社区居民，围绕居住、生活方式、心理和社会交往等方面的适应问题，开展个案、小组和社区活动，促进居民融入城市社区。",
            group_name: "农转居社区居民",
            group_description: "户籍由农业转为城镇、迁入新社区居住的居民",
            need_one: "生活方式适应困难",
            need_two: "社区归属感不足",
            finding: "多数居民在生活方式和邻里交往上存在适应困难",
            theory: "社会融合理论",
            theory_description: "从经济、社会、文化和心理多个层面促进新居民融入社区",
            goal: "促进农转居居民适应城市社区生活，增强社区归属感",
            outcome: "居民社区适应能力提高，邻里关系改善，对服务满意",
            casework: "为适应困难的居民开展个案服务",
            groupwork: "开展邻里互助和生活技能小组",
        },
        ServiceKind::Elderly => KindText {
            kind: "elderly",
            title: "老年人社会工作服务",
            summary: "面向辖区居家独居、空巢老人，以入户探访为切入点，开展心理辅导、人际关系调适和生活方式指导等老年人专项服务。",
            group_name: "居家独居及空巢老人",
            group_description: "辖区内居家独居、空巢的 60 岁以上老年人",
            need_one: "孤独感强",
            need_two: "社会支持不足",
            finding: "多数独居、空巢老人感到孤独，缺少倾诉对象",
            theory: "社会支持理论",
            theory_description: "通过建立和加强老人的正式与非正式支持网络，缓解孤独与压力",
            goal: "缓解辖区独居、空巢老人的孤独感，增强其社会支持",
            outcome: "受服务老人的孤独感降低，社会支持增强，对服务满意",
            casework: "针对心理辅导、人际关系处理、生活方式等问题开展个案服务",
            groupwork: "开展老年人互助小组和兴趣小组",
        },
        ServiceKind::Assistance => KindText {
            kind: "assistance",
            title: "社会救助转介社会工作服务",
            summary: "承接民政部门转介的救助对象，开展家庭调查与评估、建立档案和需求访谈，提供综合或专项服务，并链接救助资源。",
            group_name: "低收入困难群众",
            group_description: "民政部门转介的低保、低收入家庭成员及困难残疾人、老年人",
            need_one: "基本生活困难",
            need_two: "救助政策和资源不熟悉",
            finding: "多数救助对象对救助政策了解不足，需要专业评估和资源链接",
            theory: "增能理论",
            theory_description: "提升救助对象运用资源、解决问题的能力，减少对救助的依赖",
            goal: "使困难群众及时获得适当的救助和专业服务，增强自助能力",
            outcome: "救助对象的需求得到回应，自助能力增强，对服务满意",
            casework: "对转介对象开展家庭调查、评估、建档和个案服务",
            groupwork: "开展就业支持和互助小组",
        },
        ServiceKind::Youth => KindText {
            kind: "youth",
            title: "青少年社会工作服务",
            summary: "面向辖区青少年，围绕心理问题、不良行为和违法犯罪预防，开展个案辅导、小组活动和社区宣传。",
            group_name: "辖区青少年",
            group_description: "辖区内 12 至 25 岁、有心理或行为困扰的青少年",
            need_one: "心理困扰",
            need_two: "不良行为风险",
            finding: "部分青少年存在心理困扰和不良行为风险，缺少正向引导",
            theory: "社会学习理论",
            theory_description: "通过榜样示范和正向强化帮助青少年习得适应性行为",
            goal: "促进青少年健康成长，预防不良行为和违法犯罪",
            outcome: "青少年心理状况改善，不良行为减少，对服务满意",
            casework: "为有心理或行为困扰的青少年开展个案辅导",
            groupwork: "开展成长小组和朋辈支持小组",
        },
        ServiceKind::Family => KindText {
            kind: "family",
            title: "家庭社会工作服务",
            summary: "面向辖区有需要的家庭，围绕子女教育、家庭关系和婚姻关系，开展个案辅导、亲子小组和家庭教育讲座。",
            group_name: "有需要的家庭",
            group_description: "辖区内在子女教育、家庭关系或婚姻关系方面有困扰的家庭",
            need_one: "亲子沟通困难",
            need_two: "夫妻关系紧张",
            finding: "部分家庭在子女教育和家庭沟通上存在困难",
            theory: "家庭系统理论",
            theory_description: "把家庭看作相互影响的系统，从关系和互动入手解决问题",
            goal: "改善家庭关系，提升家庭教育能力",
            outcome: "家庭沟通改善，家庭教育能力提升，对服务满意",
            casework: "为有困扰的家庭开展个案辅导",
            groupwork: "开展亲子小组和夫妻沟通小组",
        },
        ServiceKind::Volunteer => KindText {
            kind: "volunteer",
            title: "志愿者培训社会工作服务",
            summary: "面向社区志愿者，开展志愿服务理念、基本规范和专门知识的培训，建立志愿者队伍并组织其参与社区服务。",
            group_name: "社区志愿者",
            group_description: "来自社区、高校和企业、参与社区服务的志愿者",
            need_one: "服务理念和专门知识不足",
            need_two: "缺少组织和督导",
            finding: "多数志愿者未接受系统培训，服务持续性不足",
            theory: "优势视角",
            theory_description: "发掘志愿者的能力和兴趣，使其在服务中成长",
            goal: "建立一支稳定、专业的社区志愿者队伍",
            outcome: "志愿者服务能力提升，持续参与社区服务，对培训满意",
            casework: "为服务中遇到困难的志愿者提供个别辅导",
            groupwork: "开展志愿者培训小组和经验分享会",
        },
    }
}

/// The starting spec of a kind, as `init` writes it.
pub fn starting_spec(kind: ServiceKind) -> String {
    let t = text_of(kind);
    let slots = [
        ("kind", t.kind),
        ("title", t.title),
        ("summary", t.summary),
        ("group_name", t.group_name),
        ("group_description", t.group_description),
        ("need_one", t.need_one),
        ("need_two", t.need_two),
        ("finding", t.finding),
        ("theory", t.theory),
        ("theory_description", t.theory_description),
        ("goal", t.goal),
        ("outcome", t.outcome),
        ("casework", t.casework),
        ("groupwork", t.groupwork),
    ];
    let mut text = TEMPLATE.to_owned();
    for (slot, value) in slots {
        text = text.replace(&format!("{{{{{slot}}}}}"), value);
    }
    text
}

pub fn run(args: &InitArgs) -> CommandResult {
    if !args.force && exists(&args.file) {
        return Err(Fault::usage(format!(
            "`{}` already exists; pass `--force` to overwrite it",
            args.file.display()
        )));
    }
    write_atomic(&args.file, starting_spec(args.kind).as_bytes())
        .map_err(|e| Fault::usage(format!("cannot write `{}`: {e}", args.file.display())))?;
    eprintln!(
        "wrote {}: replace every value tagged `!fill`, then run `svcspec check`",
        args.file.display()
    );
    Ok(Outcome::Done)
}

/// Whether anything (file, folder, even a dangling symlink) is at the path.
fn exists(path: &Path) -> bool {
    path.symlink_metadata().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::ValueEnum;

    /// Every slot of the template is filled for every kind.
    #[test]
    fn every_slot_is_filled() {
        for kind in ServiceKind::value_variants() {
            let text = starting_spec(*kind);
            assert!(!text.contains("{{"), "{kind:?} leaves a slot open");
        }
    }
}
