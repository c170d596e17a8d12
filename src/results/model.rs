//! The results file's model: one evaluation milestone's actual values and scores.
//!
//! Like the spec model, every type derives (or hand-writes) serde and schemars; doc comments
//! become the titles of schemas/results.schema.json.

use std::borrow::Cow;
use std::collections::BTreeMap;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::rules::integrity::Kind;
use crate::spec::values::{Date, Id, Quantity};

/// svcspec evaluation results (评估结果)
///
/// What the evaluation at one milestone found: the actual value of each target and each
/// evaluator's score for each leaf item of the spec's evaluation scheme. `svcspec evaluate SPEC
/// --results FILE` turns it into a score, a grade and a decision on each tranche that the
/// milestone gates.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Results {
    /// Results version (格式版本)
    ///
    /// The version of this format; `1`.
    pub results_version: ResultsVersion,
    /// Project (项目标识)
    ///
    /// The spec's `project.id`: results are read against that spec only.
    pub project: Id,
    /// Milestone (评估节点)
    ///
    /// The id of the spec's evaluation milestone these results are for; the tranches gated by it
    /// are decided.
    pub milestone: Id,
    /// Evaluated on (评估日期)
    ///
    /// The day of the evaluation; a rectification period runs from it.
    #[serde(default)]
    pub evaluated_on: Option<Date>,
    /// Re-evaluation of (复评对象)
    ///
    /// For a re-evaluation after rectification (整改复评): the `evaluated_on` date of the
    /// evaluation whose missed targets were rectified. Its `actuals` hold what the re-evaluation
    /// found and it has no `scores` (the grade stands). `svcspec evaluate SPEC --results FIRST
    /// --reevaluation THIS` decides what was held for rectification.
    #[serde(default)]
    pub reevaluation_of: Option<Date>,
    /// Actual values (实际完成值)
    ///
    /// By target id: a number, or a list of person codes (人员编号). For a target of distinct
    /// individuals (不重复计数) a code listed twice is counted once and reported; for other
    /// targets every entry counts. For a target of change from baseline (`change`), the pre-test
    /// and post-test scores of each participant by code (`{Y-001: [42, 50]}`), or the share
    /// improved as a number.
    #[serde(default)]
    pub actuals: BTreeMap<Id, Actual>,
    /// Scores (评分)
    ///
    /// By evaluation-subject id (`evaluation.subjects`), then by leaf item id of
    /// `evaluation.scheme`: each score from 0 to the item's points. Every evaluator scores every
    /// leaf item.
    #[serde(default)]
    pub scores: BTreeMap<Id, BTreeMap<Id, Quantity>>,
    /// Opinion (评估意见)
    ///
    /// The evaluator's conclusion in words; printed in the report.
    #[serde(default)]
    pub opinion: Option<String>,
}

/// The format version; only `1` exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResultsVersion;

impl<'de> Deserialize<'de> for ResultsVersion {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match u64::deserialize(deserializer)? {
            1 => Ok(Self),
            other => Err(serde::de::Error::custom(format!(
                "svcspec reads results_version 1, found {other}"
            ))),
        }
    }
}

impl Serialize for ResultsVersion {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u64(1)
    }
}

impl JsonSchema for ResultsVersion {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "ResultsVersion".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "const": 1 })
    }
}

/// The actual value of one target: a number, the people counted, or each participant's scores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Actual {
    /// A count, a rate or another number.
    Count(Quantity),
    /// The codes of the people (or cases) counted, one entry each.
    Persons(Vec<PersonCode>),
    /// Each participant's pre-test and post-test scores, by person code.
    Scores(BTreeMap<PersonCode, PrePost>),
}

/// A participant's scores before and after (前测, 后测).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrePost(pub Quantity, pub Quantity);

impl PrePost {
    pub fn pre(self) -> Quantity {
        self.0
    }
    pub fn post(self) -> Quantity {
        self.1
    }
}

impl<'de> Deserialize<'de> for Actual {
    /// A number or a list, told apart by the value's type, so a fault names what was expected
    /// instead of "did not match any variant".
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        match Value::deserialize(deserializer)? {
            Value::Array(items) => Vec::<PersonCode>::deserialize(Value::Array(items))
                .map(Self::Persons)
                .map_err(D::Error::custom),
            number @ Value::Number(_) => Quantity::deserialize(number)
                .map(Self::Count)
                .map_err(D::Error::custom),
            Value::Object(scores) => {
                BTreeMap::<PersonCode, PrePost>::deserialize(Value::Object(scores))
                    .map(Self::Scores)
                    .map_err(D::Error::custom)
            }
            _ => Err(D::Error::custom(
                "an actual value is a number, a list of person codes, or the scores of each participant (`CODE: [pre, post]`)",
            )),
        }
    }
}

impl JsonSchema for Actual {
    fn schema_name() -> Cow<'static, str> {
        "Actual".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let count = generator.subschema_for::<Quantity>();
        let persons = generator.subschema_for::<Vec<PersonCode>>();
        let score = generator.subschema_for::<Quantity>();
        json_schema!({
            "title": "Actual value (实际值)",
            "description": "A number (a count, a rate), the list of the codes of the people counted, or each participant's pre-test and post-test scores by code.",
            "anyOf": [
                count,
                persons,
                {
                    "type": "object",
                    "propertyNames": { "minLength": 1, "maxLength": MAX_CODE_CHARS },
                    "additionalProperties": {
                        "title": "Scores (前测, 后测)",
                        "type": "array",
                        "prefixItems": [score.clone(), score],
                        "items": false,
                        "minItems": 2,
                    },
                },
            ],
        })
    }
}

/// Where a results file names ids of its spec: the ids are a field's value, or a mapping's keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdsAt {
    Value,
    Keys,
}

/// The places a results file names ids of its spec, for editors: the path (keys joined by `.`,
/// `*` for any key), whether the ids are the value or the keys there, and their kind. Scores
/// are keyed by leaf items of the scheme only.
pub const SPEC_IDS: &[(&str, IdsAt, Kind)] = &[
    ("milestone", IdsAt::Value, Kind::Milestone),
    ("actuals", IdsAt::Keys, Kind::Target),
    ("scores", IdsAt::Keys, Kind::Subject),
    ("scores.*", IdsAt::Keys, Kind::SchemeItem),
];

/// The most characters a person code may have.
pub const MAX_CODE_CHARS: usize = 64;

/// A code that stands for one person (or case) in the results: never a name, for privacy.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct PersonCode(pub String);

impl PersonCode {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for PersonCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for PersonCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let chars = text.chars().count();
        if chars == 0 || chars > MAX_CODE_CHARS {
            return Err(serde::de::Error::custom(format!(
                "a person code has 1 to {MAX_CODE_CHARS} characters, found {chars}"
            )));
        }
        Ok(Self(text))
    }
}

impl JsonSchema for PersonCode {
    fn schema_name() -> Cow<'static, str> {
        "PersonCode".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "title": "Person code (人员编号)",
            "description": "The code of one person or case as the register form records it (e.g. `ZZ-0001`), never a name. Quote codes that look like numbers (`\"0012\"`).",
            "type": "string",
            "minLength": 1,
            "maxLength": MAX_CODE_CHARS,
        })
    }
}
