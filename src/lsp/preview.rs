//! The preview command: renders a spec's document (the contract unless asked otherwise) to a
//! standalone HTML page, the same page `build` writes, and returns its path, so that an editor
//! can show it beside the spec.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::ValueEnum;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::fsutil::write_atomic;
use crate::limits::TemplateLimits;
use crate::render::i18n::Lang;
use crate::render::templates::TemplateSet;
use crate::render::{DocKind, Renderer, html};
use crate::spec::Spec;

/// The command's name, as the server announces it.
pub const COMMAND: &str = "svcspec.preview";

/// The command's argument: `{"uri": …, "doc": "contract", "lang": "zh"}`, or just the URI.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Args {
    pub uri: String,
    #[serde(default)]
    pub doc: Option<String>,
    #[serde(default)]
    pub lang: Option<String>,
}

impl Args {
    /// Reads the command's arguments: one object, or a URI followed by the document and the
    /// language as strings.
    pub fn parse(arguments: &[Value]) -> Result<Self, String> {
        match arguments {
            [Value::Object(_)] => {
                serde_json::from_value(arguments.first().cloned().unwrap_or_default())
                    .map_err(|e| format!("bad arguments: {e}"))
            }
            [Value::String(uri), rest @ ..] => Ok(Self {
                uri: uri.clone(),
                doc: rest.first().and_then(Value::as_str).map(str::to_owned),
                lang: rest.get(1).and_then(Value::as_str).map(str::to_owned),
            }),
            _ => Err(format!(
                "`{COMMAND}` takes the document's URI, then optionally the document ({}) and the language (zh, en)",
                doc_names()
            )),
        }
    }

    pub fn kind(&self) -> Result<DocKind, String> {
        match &self.doc {
            None => Ok(DocKind::Contract),
            Some(name) => DocKind::from_str(name, true)
                .map_err(|_| format!("no document is called `{name}`: {}", doc_names())),
        }
    }

    pub fn language(&self) -> Result<Lang, String> {
        match &self.lang {
            None => Ok(Lang::Zh),
            Some(code) => {
                Lang::from_code(code).ok_or_else(|| format!("no language `{code}`: zh, en"))
            }
        }
    }
}

/// Where previews are written: a folder of the system's temporary directory, one subfolder per
/// spec file name.
pub fn folder() -> PathBuf {
    std::env::temp_dir().join("svcspec-preview")
}

/// Renders a document of `spec` and writes it as `<folder>/<stem>/<doc>.<lang>.html`; returns
/// `{"path", "uri"}` of the page.
pub fn write(
    spec: &Spec,
    spec_path: &Path,
    kind: DocKind,
    lang: Lang,
    out: &Path,
) -> Result<Value, String> {
    let templates = TemplateSet::load(None).map_err(|e| e.0)?;
    let renderer = Renderer::new(Arc::new(templates), lang, &TemplateLimits::default());
    let markdown = renderer
        .markdown(spec, kind)
        .map_err(|(_, diag)| diag.message)?;
    let page = html::page(&markdown, lang);
    let stem = spec_path
        .file_stem()
        .map_or_else(|| "spec".into(), |s| s.to_string_lossy().into_owned());
    let path = out
        .join(stem)
        .join(format!("{}.{}.html", kind.name(), lang.code()));
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
    }
    write_atomic(&path, page.as_bytes())
        .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
    Ok(json!({
        "path": path.display().to_string(),
        "uri": crate::lsp::documents::path_to_uri(&path),
    }))
}

/// The documents' names, comma-separated, for a message.
fn doc_names() -> String {
    DocKind::all()
        .iter()
        .map(|d| d.name())
        .collect::<Vec<_>>()
        .join(", ")
}
