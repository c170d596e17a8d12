//! `build --to docx,pdf`: the paperwork offices edit (DOCX) and sign (PDF), checked by reading
//! the files back: each DOCX as a zip of XML, each PDF's text extracted. PDF output is the
//! `pdf` feature (`cargo test --all-features`).

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use predicates::prelude::*;
use rust_decimal::Decimal;

use crate::common::{root, specs, svcspec};

/// The documents of a build, by file name stem.
fn docs() -> impl Iterator<Item = &'static str> {
    svcspec::render::DocKind::all().iter().map(|d| d.name())
}
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Builds every bundled spec in Chinese as Markdown, DOCX and PDF (built-in fonts only), once
/// for all tests of this file.
fn built() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        // One folder per process: nextest runs each test in its own process, and a shared
        // folder would be removed by one while another reads it.
        let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("paperwork-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&out);
        build(&out, &["specs"]);
        out
    })
}

fn build(out: &Path, args: &[&str]) {
    svcspec()
        .args([
            "build",
            "--to",
            "md,docx,pdf",
            "--ignore-system-fonts",
            "--out",
        ])
        .arg(out)
        .args(args)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("SV051").not());
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The entries of a DOCX archive.
fn unzip(path: &Path) -> BTreeMap<String, (Vec<u8>, zip::DateTime)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(read(path))).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        let time = entry.last_modified().unwrap();
        out.insert(entry.name().to_owned(), (bytes, time));
    }
    out
}

/// A paragraph of word/document.xml: its style, its text, whether it is numbered, and whether
/// it sits in a table.
#[derive(Debug)]
struct Para {
    style: Option<String>,
    text: String,
    numbered: bool,
    in_table: bool,
}

fn paragraphs(doc: &roxmltree::Document<'_>) -> Vec<Para> {
    doc.descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .map(|p| {
            let style = p
                .descendants()
                .find(|n| n.has_tag_name((W, "pStyle")))
                .and_then(|n| n.attribute((W, "val")))
                .map(str::to_owned);
            let text = p
                .descendants()
                .filter(|n| n.has_tag_name((W, "t")))
                .filter_map(|n| n.text())
                .collect();
            Para {
                style,
                text,
                numbered: p.descendants().any(|n| n.has_tag_name((W, "numPr"))),
                in_table: p.ancestors().any(|n| n.has_tag_name((W, "tbl"))),
            }
        })
        .collect()
}

/// Headings of a level in the Markdown, as text (Markdown escapes removed).
fn md_headings(md: &str, prefix: &str) -> Vec<String> {
    md.lines()
        .filter_map(|l| l.strip_prefix(prefix))
        .map(|h| h.replace('\\', ""))
        .collect()
}

/// Text extracted from a PDF, with all whitespace removed (extraction puts line breaks where
/// lines wrap).
fn pdf_text(path: &Path) -> String {
    let text = pdf_extract::extract_text_from_mem(&read(path))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Every bundled spec yields the four documents as DOCX and PDF.
#[test]
fn every_spec_yields_docx_and_pdf() {
    for spec in specs() {
        for doc in docs() {
            for ext in ["docx", "pdf"] {
                let path = built().join(format!("{spec}/{doc}.zh.{ext}"));
                let bytes = read(&path);
                let magic: &[u8] = if ext == "pdf" {
                    b"%PDF-"
                } else {
                    b"PK\x03\x04"
                };
                assert!(
                    bytes.starts_with(magic),
                    "{} is not a {ext}",
                    path.display()
                );
            }
        }
    }
}

/// A contract DOCX keeps the title, every clause heading as a Word heading, every table with
/// borders, the numbered attachments and the signature block; Chinese is set in SimSun, headings
/// in SimHei.
#[test]
fn contract_docx_keeps_structure_and_fonts() {
    for spec in specs() {
        let md = String::from_utf8(read(&built().join(format!("{spec}/contract.zh.md")))).unwrap();
        let parts = unzip(&built().join(format!("{spec}/contract.zh.docx")));
        for name in [
            "[Content_Types].xml",
            "word/document.xml",
            "word/styles.xml",
            "word/numbering.xml",
            "word/header1.xml",
            "word/footer1.xml",
        ] {
            assert!(parts.contains_key(name), "{spec}: no {name}");
        }
        let xml = String::from_utf8(parts["word/document.xml"].0.clone()).unwrap();
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let paras = paragraphs(&doc);

        let title = paras.iter().find(|p| p.style.as_deref() == Some("Title"));
        assert_eq!(
            title.map(|p| p.text.as_str()),
            Some("政府购买服务合同"),
            "{spec}"
        );
        let headings: Vec<&str> = paras
            .iter()
            .filter(|p| p.style.as_deref() == Some("Heading1"))
            .map(|p| p.text.as_str())
            .collect();
        let clauses = md_headings(&md, "## ");
        assert!(clauses.len() >= 15, "{spec}: {clauses:?}");
        assert_eq!(headings, clauses, "{spec}: clause headings");
        assert!(headings.iter().any(|h| h.starts_with("第十五条")), "{spec}");

        // Every Markdown table is a bordered Word table.
        let tables: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name((W, "tbl")))
            .collect();
        let md_tables = md.lines().filter(|l| l.starts_with("| --- |")).count();
        assert_eq!(tables.len(), md_tables, "{spec}: tables");
        for table in &tables {
            for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
                let border = table
                    .descendants()
                    .find(|n| n.has_tag_name((W, side)))
                    .and_then(|n| n.attribute((W, "val")));
                assert_eq!(border, Some("single"), "{spec}: table border {side}");
            }
        }

        // The attachments are a numbered list.
        let attachments = md
            .lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()) && l.contains(". "))
            .count();
        let numbered = paras.iter().filter(|p| p.numbered && !p.in_table).count();
        assert!(
            attachments > 0 && numbered >= attachments,
            "{spec}: numbered {numbered}"
        );
        let numbering = String::from_utf8(parts["word/numbering.xml"].0.clone()).unwrap();
        assert!(numbering.contains(r#"w:numFmt w:val="decimal""#), "{spec}");

        // The signature block: its heading, then a table with both parties and their seals.
        let signatures = paras
            .iter()
            .position(|p| p.style.as_deref() == Some("Heading1") && p.text == "签署")
            .unwrap_or_else(|| panic!("{spec}: no signature heading"));
        let after: Vec<&str> = paras[signatures..]
            .iter()
            .filter(|p| p.in_table)
            .map(|p| p.text.as_str())
            .collect();
        for party in party_names(&md) {
            assert!(
                after
                    .iter()
                    .any(|t| t.contains(&party) && t.ends_with("（盖章）")),
                "{spec}: {party} does not sign: {after:?}"
            );
        }
        assert!(
            after.iter().any(|t| t.starts_with("法定代表人或授权代表")),
            "{spec}"
        );

        // Fonts: SimSun for Chinese body text, SimHei for headings.
        let styles = String::from_utf8(parts["word/styles.xml"].0.clone()).unwrap();
        let styles = roxmltree::Document::parse(&styles).unwrap();
        let east_asia = |tag: &str, id: Option<&str>| {
            styles
                .descendants()
                .find(|n| n.has_tag_name((W, tag)) && n.attribute((W, "styleId")) == id)
                .and_then(|s| s.descendants().find(|n| n.has_tag_name((W, "rFonts"))))
                .and_then(|f| f.attribute((W, "eastAsia")))
        };
        assert_eq!(east_asia("rPrDefault", None), Some("SimSun"), "{spec}");
        let normal = styles
            .descendants()
            .filter(|n| n.attribute((W, "styleId")) == Some("Normal"))
            .count();
        assert_eq!(normal, 1, "{spec}: one Normal style");
        for id in ["Title", "Heading1", "Heading2"] {
            assert_eq!(east_asia("style", Some(id)), Some("SimHei"), "{spec}: {id}");
        }

        // The header carries the contract number, the footer the page fields.
        let header = String::from_utf8(parts["word/header1.xml"].0.clone()).unwrap();
        let number = md
            .lines()
            .find_map(|l| l.strip_prefix("合同编号："))
            .unwrap_or_else(|| panic!("{spec}: no contract number"));
        assert!(header.contains(number), "{spec}: header {header}");
        let footer = String::from_utf8(parts["word/footer1.xml"].0.clone()).unwrap();
        assert!(
            footer.contains(">PAGE<") && footer.contains(">NUMPAGES<"),
            "{footer}"
        );
    }
}

/// The parties of a contract, from its Markdown (`**甲方（购买方）**：名称`).
fn party_names(md: &str) -> Vec<String> {
    md.lines()
        .filter_map(|l| {
            l.strip_prefix("**甲方（购买方）**：")
                .or_else(|| l.strip_prefix("**乙方（承接方）**："))
        })
        .map(|name| name.replace('\\', ""))
        .collect()
}

/// Forms and the plan come out as DOCX with their tables: the register form's roster keeps all
/// its rows.
#[test]
fn forms_and_plan_docx_keep_their_tables() {
    for spec in specs() {
        for doc in ["evaluation-form", "register-form", "plan"] {
            let md = String::from_utf8(read(&built().join(format!("{spec}/{doc}.zh.md")))).unwrap();
            let parts = unzip(&built().join(format!("{spec}/{doc}.zh.docx")));
            let xml = String::from_utf8(parts["word/document.xml"].0.clone()).unwrap();
            let doc_xml = roxmltree::Document::parse(&xml).unwrap();
            let rows = doc_xml
                .descendants()
                .filter(|n| n.has_tag_name((W, "tr")))
                .count();
            let md_rows = md
                .lines()
                .filter(|l| l.starts_with('|') && !l.starts_with("| --- |"))
                .count();
            assert_eq!(rows, md_rows, "{spec}/{doc}: table rows");
            let headings: Vec<String> = paragraphs(&doc_xml)
                .into_iter()
                .filter(|p| p.style.as_deref() == Some("Heading1"))
                .map(|p| p.text)
                .collect();
            assert_eq!(headings, md_headings(&md, "## "), "{spec}/{doc}");
        }
    }
}

/// A DOCX is stamped with the spec's date, never the clock: every zip entry and the document
/// properties.
#[test]
fn docx_dates_come_from_the_spec() {
    let parts = unzip(&built().join("zhuzhou-elderly/contract.zh.docx"));
    for (name, (_, time)) in &parts {
        assert_eq!(
            (
                time.year(),
                time.month(),
                time.day(),
                time.hour(),
                time.minute()
            ),
            (2015, 12, 21, 0, 0),
            "{name}"
        );
    }
    let core = String::from_utf8(parts["docProps/core.xml"].0.clone()).unwrap();
    assert!(
        core.contains(">2015-12-21T00:00:00Z</dcterms:created>"),
        "{core}"
    );
    assert!(
        core.contains(">2015-12-21T00:00:00Z</dcterms:modified>"),
        "{core}"
    );
}

/// A contract PDF's text holds the parties, the amount in capitals (which reads back to the
/// figure), every clause heading, the contract number of the header and the page numbers.
#[test]
fn contract_pdf_text_holds_parties_amount_and_clauses() {
    for spec in specs() {
        let md = String::from_utf8(read(&built().join(format!("{spec}/contract.zh.md")))).unwrap();
        let text = pdf_text(&built().join(format!("{spec}/contract.zh.pdf")));
        for party in party_names(&md) {
            assert!(text.contains(&squeeze(&party)), "{spec}: no party {party}");
        }
        for clause in md_headings(&md, "## ") {
            assert!(
                text.contains(&squeeze(&clause)),
                "{spec}: no clause {clause}"
            );
        }
        // `小写 ¥300,000.00（大写：人民币叁拾万元整）`
        let line = md
            .lines()
            .find(|l| l.contains("大写："))
            .unwrap_or_else(|| panic!("{spec}: no amount"));
        let figure: Decimal = line
            .split('¥')
            .nth(1)
            .and_then(|s| s.split('（').next())
            .map(|s| s.replace(',', ""))
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or_else(|| panic!("{spec}: no figure in {line}"));
        let at = text
            .find("大写：人民币")
            .unwrap_or_else(|| panic!("{spec}: no capitals in the PDF"));
        let capitals: String = text[at + "大写：".len()..]
            .chars()
            .take_while(|&c| c != '）')
            .collect();
        assert_eq!(
            svcspec::numerals::parse_capital(&capitals),
            Ok(figure),
            "{spec}: {capitals}"
        );
        let number = md
            .lines()
            .find_map(|l| l.strip_prefix("合同编号："))
            .unwrap_or_else(|| panic!("{spec}: no contract number"));
        assert!(
            text.matches(&format!("合同编号：{number}")).count() >= 3,
            "{spec}: the header does not repeat the contract number on every page"
        );
        assert!(text.contains("第1页共"), "{spec}: no page number");
    }
}

/// Every document's PDF holds its title and section headings.
#[test]
fn every_pdf_holds_its_headings() {
    for spec in specs() {
        for doc in docs() {
            let md = String::from_utf8(read(&built().join(format!("{spec}/{doc}.zh.md")))).unwrap();
            let text = pdf_text(&built().join(format!("{spec}/{doc}.zh.pdf")));
            for heading in md_headings(&md, "# ")
                .into_iter()
                .chain(md_headings(&md, "## "))
            {
                assert!(
                    text.contains(&squeeze(&heading)),
                    "{spec}/{doc}: no {heading}"
                );
            }
        }
    }
}

/// The same spec gives the same DOCX and PDF bytes on every run, in both languages.
#[test]
fn same_spec_same_bytes() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    for out in [a.path(), b.path()] {
        build(out, &["--lang", "zh,en", "specs/shanghai-hospice.yaml"]);
    }
    let mut compared = 0;
    for doc in docs() {
        for lang in ["zh", "en"] {
            for ext in ["docx", "pdf"] {
                let name = format!("shanghai-hospice/{doc}.{lang}.{ext}");
                assert!(
                    read(&a.path().join(&name)) == read(&b.path().join(&name)),
                    "{name} differs"
                );
                compared += 1;
            }
        }
    }
    assert_eq!(compared, 16);
}

/// Writes a copy of the Zhuzhou spec with one text replaced, into a fresh folder.
fn variant(from: &str, to: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("specs/zhuzhou-elderly.yaml")).unwrap();
    assert!(text.contains(from));
    let path = dir.path().join("variant.yaml");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    (dir, path)
}

/// A hanzi outside the built-in fonts (䶮, U+4DAE, outside GB 2312) is found in a `--font-path`
/// folder; with no font that has it, the build warns, naming it and where the spec writes it,
/// and still writes the PDF.
#[test]
fn rare_hanzi_falls_back_or_is_named() {
    let provider = "name: 株洲市阳光社会工作服务中心";
    let (dir, spec) = variant(provider, "name: 株洲市䶮阳光社会工作服务中心");
    let out = dir.path().join("out");
    let contract_pdf = |extra: &[&str]| {
        svcspec()
            .args([
                "build",
                "--to",
                "pdf",
                "--ignore-system-fonts",
                "--doc",
                "contract",
            ])
            .args(extra)
            .arg("--out")
            .arg(&out)
            .arg(&spec)
            .assert()
    };
    contract_pdf(&[]).code(0).stderr(
        predicate::str::contains("SV051")
            .and(predicate::str::contains("`䶮` (U+4DAE)"))
            .and(predicate::str::contains("contract.zh.pdf"))
            .and(predicate::str::contains("variant.yaml:")),
    );
    assert!(read(&out.join("variant/contract.zh.pdf")).starts_with(b"%PDF-"));

    contract_pdf(&["--font-path", "tests/data/fonts"])
        .code(0)
        .stderr(predicate::str::contains("SV051").not());
    let pdf = read(&out.join("variant/contract.zh.pdf"));
    let embeds = |name: &[u8]| pdf.windows(name.len()).any(|w| w == name);
    assert!(
        embeds(b"svcspecTestRareHanzi"),
        "the fallback font is not embedded"
    );
    assert!(pdf_text(&out.join("variant/contract.zh.pdf")).contains("株洲市䶮阳光"));
}

/// Typst markup in a spec's text is printed as written, never run.
#[test]
fn typst_markup_in_a_spec_is_text() {
    let hostile = r#"#read("/etc/passwd") = *粗* _斜_ $x$ [a] <b> @c // d \e 1. f"#;
    let (dir, spec) = variant(
        "name: 株洲市老年人专项社会工作服务项目",
        &format!("name: '{hostile}'"),
    );
    let out = dir.path().join("out");
    build(&out, &["--doc", "contract", spec.to_str().unwrap()]);
    let text = pdf_text(&out.join("variant/contract.zh.pdf"));
    assert!(text.contains(&squeeze(hostile)), "{text}");
    assert!(!text.contains("root:"), "a file was read");
    let parts = unzip(&out.join("variant/contract.zh.docx"));
    let xml = String::from_utf8(parts["word/document.xml"].0.clone()).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    assert!(paragraphs(&doc).iter().any(|p| p.text.contains(hostile)));
}

/// A font folder that does not exist is a usage error.
#[test]
fn missing_font_folder_is_a_usage_error() {
    svcspec()
        .args([
            "build",
            "--to",
            "pdf",
            "--font-path",
            "no/such/fonts",
            "specs",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/fonts"));
}
