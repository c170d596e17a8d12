//! Languages: the fixed text of templates comes from a catalog (templates/messages.toml), and
//! the names of enumeration values from the model's own doc comments (`Casework (个案工作).`),
//! so a translation is written once. What the spec says stays as written.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde_json::Value;

/// A language of the fixed text; `--lang` takes the codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum Lang {
    /// Chinese (中文).
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Every language of the catalog.
    pub fn all() -> &'static [Self] {
        <Self as clap::ValueEnum>::value_variants()
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Zh => "zh",
            Self::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::all().iter().copied().find(|l| l.code() == code)
    }
}

/// The catalog of fixed text: `key = ["中文", "English"]`.
pub const MESSAGES: &str = include_str!("../../templates/messages.toml");

fn catalog() -> &'static BTreeMap<String, (String, String)> {
    static CATALOG: OnceLock<BTreeMap<String, (String, String)>> = OnceLock::new();
    CATALOG.get_or_init(|| {
        // The catalog ships inside the binary and a test parses it, so it is well formed.
        let table: BTreeMap<String, Vec<String>> = toml::from_str(MESSAGES).unwrap_or_default();
        table
            .into_iter()
            .filter_map(|(k, v)| match v.as_slice() {
                [zh, en] => Some((k, (zh.clone(), en.clone()))),
                _ => None,
            })
            .collect()
    })
}

/// The fixed text for a key, or `None` for an unknown key.
pub fn message(key: &str, lang: Lang) -> Option<&'static str> {
    catalog().get(key).map(|(zh, en)| match lang {
        Lang::Zh => zh.as_str(),
        Lang::En => en.as_str(),
    })
}

/// Every key of the catalog (for tests).
pub fn keys() -> impl Iterator<Item = &'static str> {
    catalog().keys().map(String::as_str)
}

fn enum_labels() -> &'static BTreeMap<(String, String), (String, String)> {
    static LABELS: OnceLock<BTreeMap<(String, String), (String, String)>> = OnceLock::new();
    LABELS.get_or_init(|| {
        let schema = crate::schema::generate();
        let mut out = BTreeMap::new();
        if let Some(defs) = schema.get("$defs").and_then(Value::as_object) {
            for (type_name, def) in defs {
                for branch in def
                    .get("oneOf")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    let (Some(value), Some(doc)) = (
                        branch.get("const").and_then(Value::as_str),
                        branch.get("description").and_then(Value::as_str),
                    ) else {
                        continue;
                    };
                    if let Some((en, zh)) = split_doc(doc) {
                        out.insert((type_name.clone(), value.to_owned()), (zh, en));
                    }
                }
            }
        }
        out
    })
}

/// `Casework (个案工作).` → (`Casework`, `个案工作`); `Per week (每周).` likewise.
fn split_doc(doc: &str) -> Option<(String, String)> {
    let doc = doc.trim().trim_end_matches('.');
    let open = doc.find('(')?;
    let close = doc[open..].find(')')? + open;
    // "At least, inclusive (不少于)" names the value "At least".
    let en = doc[..open].split(',').next().unwrap_or("").trim();
    let zh = doc[open + 1..close].trim();
    // "Social organisation (社会组织): a social-work agency…" keeps only the name.
    Some((en.to_owned(), zh.to_owned()))
}

/// The name of an enumeration value (`MethodKind`, `casework`) in a language.
pub fn label(type_name: &str, value: &str, lang: Lang) -> Option<&'static str> {
    enum_labels()
        .get(&(type_name.to_owned(), value.to_owned()))
        .map(|(zh, en)| match lang {
            Lang::Zh => zh.as_str(),
            Lang::En => en.as_str(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Enumeration names come from the doc comments in both languages.
    #[test]
    fn labels_come_from_doc_comments() {
        assert_eq!(label("MethodKind", "casework", Lang::Zh), Some("个案工作"));
        assert_eq!(label("MethodKind", "casework", Lang::En), Some("Casework"));
        assert_eq!(
            label("PartyKind", "social_organization", Lang::Zh),
            Some("社会组织")
        );
        assert_eq!(label("MethodKind", "nothing", Lang::Zh), None);
    }

    /// Every catalog entry has a Chinese and an English text.
    #[test]
    fn catalog_is_complete() {
        let table: BTreeMap<String, Vec<String>> = toml::from_str(MESSAGES).unwrap();
        assert!(!table.is_empty());
        for (key, texts) in table {
            assert_eq!(texts.len(), 2, "{key} needs [中文, English]");
            assert!(
                texts.iter().all(|t| !t.trim().is_empty()),
                "{key} has an empty text"
            );
        }
    }
}
