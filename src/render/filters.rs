//! Template filters and functions: money, capital numerals, dates, percentages, enumeration
//! names and the fixed-text catalog; and the formatter that escapes values for Markdown.

use std::str::FromStr;

use minijinja::value::Value;
use minijinja::{Environment, Error, ErrorKind, Output, State};
use rust_decimal::Decimal;

use crate::cjk;
use crate::numerals;
use crate::render::i18n::{self, Lang};
use crate::spec::values;

/// Registers every filter and function for one language.
pub fn register(env: &mut Environment<'static>, lang: Lang) {
    env.add_filter("money", money);
    env.add_filter("capital", capital);
    env.add_filter("percent", percent);
    env.add_filter("percent_of", percent_of);
    env.add_filter("number", number);
    env.add_filter("date", move |v: &Value| date(v, lang));
    env.add_filter("label", move |v: &Value, type_name: &str| {
        label(v, type_name, lang)
    });
    env.add_filter("article", move |n: u32| article(n, lang));
    env.add_function("t", move |key: &str| {
        i18n::message(key, lang).map(Value::from).ok_or_else(|| {
            Error::new(
                ErrorKind::UndefinedError,
                format!("no message `{key}` in templates/messages.toml"),
            )
        })
    });
    env.add_global("lang", lang.code());
}

fn decimal(value: &Value) -> Result<Decimal, Error> {
    let text = value
        .as_str()
        .map_or_else(|| value.to_string(), str::to_owned);
    Decimal::from_str(text.trim())
        .or_else(|_| Decimal::from_scientific(text.trim()))
        .map_err(|_| {
            Error::new(
                ErrorKind::InvalidOperation,
                format!("`{text}` is not a number"),
            )
        })
}

/// `300000` → `300,000.00`: figures (小写) with thousands separators and two decimals.
pub fn money(value: &Value) -> Result<String, Error> {
    Ok(grouped(decimal(value)?))
}

/// An amount in figures as the documents write it: thousands separators, two decimals
/// (`300,000.00`); the `money` filter of templates.
pub fn grouped(amount: Decimal) -> String {
    let amount = amount.round_dp(2);
    let text = format!("{amount:.2}");
    let (int, frac) = text.split_once('.').unwrap_or((&text, "00"));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}.{frac}")
}

/// `300000` → `人民币叁拾万元整`: the amount in capitals (大写), as contracts write it.
pub fn capital(value: &Value) -> Result<String, Error> {
    let amount = decimal(value)?;
    numerals::to_capital(amount)
        .map(|c| format!("人民币{c}"))
        .ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidOperation,
                format!("`{amount}` cannot be written in capitals"),
            )
        })
}

/// `30` → `30%`.
pub fn percent(value: &Value) -> Result<String, Error> {
    Ok(format!("{}%", decimal(value)?.normalize()))
}

/// `240.0` → `240`: a quantity without trailing zeros.
/// `90000 | percent_of(60)` → `54000.00`: a share of an amount, to the fen (half away from
/// zero), as text for `money` and `capital`.
pub fn percent_of(value: &Value, share: &Value) -> Result<String, Error> {
    let amount = values::percent_of(decimal(value)?, decimal(share)?)
        .ok_or_else(|| Error::new(ErrorKind::InvalidOperation, "amount out of range"))?;
    Ok(values::fen(amount).to_string())
}

pub fn number(value: &Value) -> Result<String, Error> {
    Ok(decimal(value)?.normalize().to_string())
}

/// `2016-03-01` → `2016年3月1日` (zh) or `1 March 2016` (en).
pub fn date(value: &Value, lang: Lang) -> Result<String, Error> {
    let text = value
        .as_str()
        .map_or_else(|| value.to_string(), str::to_owned);
    let d: jiff::civil::Date = text.parse().map_err(|_| {
        Error::new(
            ErrorKind::InvalidOperation,
            format!("`{text}` is not a date"),
        )
    })?;
    Ok(match lang {
        Lang::Zh => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        Lang::En => {
            const MONTHS: [&str; 12] = [
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ];
            let month = usize::try_from(d.month() - 1)
                .ok()
                .and_then(|m| MONTHS.get(m))
                .copied()
                .unwrap_or("");
            format!("{} {month} {}", d.day(), d.year())
        }
    })
}

/// `casework | label("MethodKind")` → `个案工作` / `Casework`.
pub fn label(value: &Value, type_name: &str, lang: Lang) -> Result<String, Error> {
    let v = value
        .as_str()
        .map_or_else(|| value.to_string(), str::to_owned);
    i18n::label(type_name, &v, lang)
        .map(str::to_owned)
        .ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidOperation,
                format!("`{v}` is not a value of `{type_name}`"),
            )
        })
}

/// Writes a value into Markdown: characters that Markdown or HTML would read as markup are
/// escaped, and line breaks become spaces (or nothing, between Chinese characters), so a spec's
/// text cannot break a table or inject HTML.
/// Values marked safe (macro output) are written as they are.
pub fn markdown_formatter(
    out: &mut Output,
    _state: &mut State,
    value: &Value,
) -> Result<(), Error> {
    let text = value.to_string();
    let write = |out: &mut Output, s: &str| {
        out.write_str(s)
            .map_err(|_| Error::new(ErrorKind::WriteFailure, "cannot write output"))
    };
    if value.is_safe() {
        return write(out, &text);
    }
    write(out, &escape_markdown(&text))
}

pub fn escape_markdown(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // A run of line breaks is one join: a space, or none inside Chinese text (a `|`
            // block's lines of one paragraph, say).
            '\n' | '\r' => {
                while chars.next_if(|c| matches!(c, '\n' | '\r')).is_some() {}
                let before = escaped.chars().next_back();
                let after = chars.peek().copied();
                if !matches!((before, after), (Some(b), Some(a)) if cjk::joins_without_space(b, a))
                {
                    escaped.push(' ');
                }
            }
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '#' => {
                escaped.push('\\');
                escaped.push(c);
            }
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '&' => escaped.push_str("&amp;"),
            c => escaped.push(c),
        }
    }
    escaped
}

/// `3 | article` → `第三条` (zh) or `Article 3` (en).
pub fn article(n: u32, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("第{}条", chinese_count(n)),
        Lang::En => format!("Article {n}"),
    }
}

/// 1 → 一, 10 → 十, 15 → 十五, 21 → 二十一 (counting numerals, as clause numbers are written).
pub fn chinese_count(n: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let digit = |d: u32| DIGITS.get(d as usize).copied().unwrap_or("");
    match n {
        0..=9 => digit(n).to_owned(),
        10..=19 => format!("十{}", if n == 10 { "" } else { digit(n - 10) }),
        20..=99 => format!(
            "{}十{}",
            digit(n / 10),
            if n.is_multiple_of(10) {
                ""
            } else {
                digit(n % 10)
            }
        ),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Figures get separators and two decimals; dates read as people write them.
    #[test]
    fn money_and_dates() {
        assert_eq!(money(&Value::from("1025826.73")).unwrap(), "1,025,826.73");
        assert_eq!(money(&Value::from("300000")).unwrap(), "300,000.00");
        assert_eq!(money(&Value::from("999")).unwrap(), "999.00");
        assert_eq!(
            date(&Value::from("2011-03-01"), Lang::Zh).unwrap(),
            "2011年3月1日"
        );
        assert_eq!(
            date(&Value::from("2011-03-01"), Lang::En).unwrap(),
            "1 March 2011"
        );
    }

    /// Markup in a spec's text is escaped.
    #[test]
    fn escapes_markdown() {
        assert_eq!(
            escape_markdown("a|b <script>\n*x*"),
            "a\\|b &lt;script&gt; \\*x\\*"
        );
    }

    /// Line breaks join with a space, and without one inside Chinese text.
    #[test]
    fn line_breaks_join_as_the_script_needs() {
        assert_eq!(escape_markdown("服务，\n综合运用"), "服务，综合运用");
        assert_eq!(escape_markdown("12 个\r\n小组"), "12 个小组");
        assert_eq!(escape_markdown("case\nwork"), "case work");
        assert_eq!(escape_markdown("trailing\n"), "trailing ");
    }
}
