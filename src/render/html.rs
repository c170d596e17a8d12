//! Markdown → a standalone HTML page: A4 print CSS, style embedded, no external assets, Chinese
//! set in a CJK font stack that office machines have.

use pulldown_cmark::{CowStr, Event, Options, Parser, html};

use crate::render::i18n::Lang;

const CSS: &str = include_str!("../../templates/page.css");

/// Renders Markdown into a complete HTML document. Raw HTML in the Markdown is shown as text,
/// never interpreted: values from a spec cannot inject markup.
pub fn page(markdown: &str, lang: Lang) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        Event::Html(text) | Event::InlineHtml(text) => Event::Text(text),
        other => other,
    });
    let mut body = String::with_capacity(markdown.len() * 2);
    html::push_html(&mut body, events);
    let title = markdown
        .lines()
        .find_map(|l| l.strip_prefix("# "))
        .map_or_else(String::new, |t| escape_html(&t.replace('\\', "")));
    let html_lang = match lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"{html_lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"{tool}\">\n<title>{title}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n<main class=\"page\">\n{body}</main>\n</body>\n</html>\n",
        tool = concat!("svcspec ", env!("CARGO_PKG_VERSION")),
    )
}

fn escape_html(text: &str) -> String {
    let cow: CowStr<'_> = text.into();
    cow.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Raw HTML in the Markdown comes out as text.
    #[test]
    fn raw_html_is_not_interpreted() {
        let out = page("# 合同\n\n<script>alert(1)</script>\n", Lang::Zh);
        assert!(!out.contains("<script>alert"));
        assert!(out.contains("&lt;script&gt;"));
        assert!(out.contains("<title>合同</title>"));
    }
}
