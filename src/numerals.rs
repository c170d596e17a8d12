//! Chinese capital numerals for money (大写金额): writing an amount the one canonical way, and
//! reading back every form the rules allow.
//!
//! The rules are those of 会计基础工作规范 第五十二条 and 支付结算办法:
//!
//! - digits 零壹贰叁肆伍陆柒捌玖; places 拾佰仟 within a group of four, 万 and 亿 after a group;
//!   元角分 for yuan, tenths and hundredths;
//! - 整 (or 正) after 元 or 角 when the amount stops there, never after 分;
//! - a zero inside the number is written 零, a run of zeros once;
//! - where the 万 (or 亿) place or the 元 place is zero but the place right below it is not, the
//!   零 may be written or left out (贰拾万零捌仟 and 贰拾万捌仟 are both correct);
//! - a leading ten is 壹拾, never bare 拾.
//!
//! [`to_capital`] always writes the 零 and the 整, and writes 元 (never the old 圆). Amounts under
//! one yuan start from 角 or 分 (伍角整, 伍分); zero is 零元整. [`parse_capital`] also accepts
//! the 人民币 prefix, the optional 零 left out, 正 for 整, no 整 at all, 圆 for 元, and 零元 in
//! front of an amount under one yuan; it rejects everything else with a reason.
//!
//! Only amounts from 0 to 999,999,999,999.99 yuan (under 10^12, so at most 仟亿) are supported.
//! No floats: amounts are [`Decimal`], handled as a whole number of 分.

use rust_decimal::Decimal;

const DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];

/// The largest amount in 分 that can be written: 10^12 yuan is out of range.
const LIMIT_FEN: i64 = 100_000_000_000_000;

/// Writes an amount in capital numerals, without the 人民币 prefix: 1050000 → 壹佰零伍万元整,
/// 1025826.73 → 壹佰零贰万伍仟捌佰贰拾陆元柒角叁分, 0.5 → 伍角整.
///
/// Returns `None` for a negative amount, one with more than two decimals, or one of 10^12 yuan or
/// more.
pub fn to_capital(amount: Decimal) -> Option<String> {
    to_fen(amount).map(|fen| write(fen, true))
}

/// The amount as a whole number of 分, when it can be written.
fn to_fen(amount: Decimal) -> Option<i64> {
    if amount.is_sign_negative() && !amount.is_zero() {
        return None;
    }
    let amount = amount.normalize();
    let scale = amount.scale();
    if scale > 2 {
        return None;
    }
    let factor = 10_i128.pow(2 - scale);
    let fen = amount.mantissa().checked_mul(factor)?.abs();
    i64::try_from(fen).ok().filter(|&fen| fen < LIMIT_FEN)
}

/// The digit at a place: exponent 0 is 元, -1 角, -2 分, 4 万, 8 亿.
fn digit_at(fen: i64, exp: i32) -> usize {
    let divisor = 10_i64.pow((exp + 2).unsigned_abs());
    // A remainder of 10 is always 0..=9.
    usize::try_from((fen / divisor) % 10).unwrap_or(0)
}

/// The group a place belongs to: 0 for 元, 1 for 万, 2 for 亿, -1 for 角 and 分.
fn group(exp: i32) -> i32 {
    if exp >= 0 { exp / 4 } else { -1 }
}

fn group_unit(group: i32) -> Option<char> {
    match group {
        1 => Some('万'),
        2 => Some('亿'),
        _ => None,
    }
}

/// The unit written after a digit at a place (`None` for the ones of a group).
fn place_unit(exp: i32) -> Option<char> {
    match exp {
        -2 => Some('分'),
        -1 => Some('角'),
        _ => match exp % 4 {
            1 => Some('拾'),
            2 => Some('佰'),
            3 => Some('仟'),
            _ => None,
        },
    }
}

/// The name of a place in messages: `仟万`, `元`, `角`.
fn place_name(exp: i32) -> String {
    let mut name = String::new();
    if exp >= 0 {
        if let Some(unit) = place_unit(exp) {
            name.push(unit);
        }
        match group_unit(group(exp)) {
            Some(unit) => name.push(unit),
            None if exp == 0 => name.push('元'),
            None => {}
        }
    } else if let Some(unit) = place_unit(exp) {
        name.push(unit);
    }
    name
}

/// Whether the 零 for a run of zeros whose lowest place is `lowest` may be left out: the run
/// takes in the 元, 万 or 亿 place, and the digit after it sits right below that place.
fn zero_is_optional(lowest: i32) -> bool {
    matches!(lowest, 0 | 4 | 8)
}

/// Writes `fen` (under [`LIMIT_FEN`]); `every_zero` writes the optional 零 too, as the canonical
/// form does. Without it, the optional 零 are left out (used to test the reader).
fn write(fen: i64, every_zero: bool) -> String {
    let mut out = String::new();
    let mut prev: Option<i32> = None;
    for exp in (-2..=11).rev() {
        let d = digit_at(fen, exp);
        if d == 0 {
            continue;
        }
        if let Some(p) = prev {
            if group(p) > group(exp) {
                out.extend(group_unit(group(p)));
            }
            if p >= 0 && exp < 0 {
                out.push('元');
            }
            if p - exp > 1 && (every_zero || !zero_is_optional(exp + 1)) {
                out.push('零');
            }
        }
        out.extend(DIGITS.get(d));
        out.extend(place_unit(exp));
        prev = Some(exp);
    }
    match prev {
        None => out.push_str("零元整"),
        Some(p) if p >= 0 => {
            out.extend(group_unit(group(p)));
            out.push_str("元整");
        }
        Some(-1) => out.push('整'),
        Some(_) => {}
    }
    out
}

/// A token of an amount in capitals, with the character it was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    /// 壹 to 玖.
    Digit(usize),
    /// 零.
    Zero,
    /// 拾佰仟: the exponent within a group, 1 to 3.
    Place(i32),
    /// 万 (4) or 亿 (8).
    Group(i32),
    /// 元 or 圆.
    Yuan,
    /// 角 (-1) or 分 (-2).
    Fraction(i32),
    /// 整 or 正, which only ends an amount.
    End,
}

fn token(c: char) -> Result<Token, String> {
    if let Some(d) = DIGITS.iter().position(|&x| x == c) {
        return Ok(if d == 0 { Token::Zero } else { Token::Digit(d) });
    }
    match c {
        '拾' => Ok(Token::Place(1)),
        '佰' => Ok(Token::Place(2)),
        '仟' => Ok(Token::Place(3)),
        '万' => Ok(Token::Group(4)),
        '亿' => Ok(Token::Group(8)),
        '元' | '圆' => Ok(Token::Yuan),
        '角' => Ok(Token::Fraction(-1)),
        '分' => Ok(Token::Fraction(-2)),
        '整' | '正' => Ok(Token::End),
        '〇' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百'
        | '千' | '两' => Err(format!(
            "unexpected character `{c}`: amounts in capitals use 零壹贰叁肆伍陆柒捌玖 and 拾佰仟"
        )),
        c if c.is_whitespace() => Err("unexpected space inside the amount".to_owned()),
        c => Err(format!("unexpected character `{c}`")),
    }
}

/// What the reader finds in order: digits at their places, and the 零 between them.
#[derive(Debug, Clone, Copy)]
enum Item {
    Digit { digit: usize, exp: i32 },
    Zero,
}

/// A digit with its place, as messages show it: `伍拾`, `伍仟万`, `伍角`.
fn written(digit: usize, exp: i32) -> String {
    let mut text = String::new();
    text.extend(DIGITS.get(digit));
    text + &place_name(exp)
}

/// Reads an amount in capital numerals back to its value: `人民币贰拾万零捌仟元整` → 208000.
///
/// Accepts every form the rules allow (see the module docs) and explains what is wrong with any
/// other, e.g. "`拾` cannot start an amount: write 壹拾".
pub fn parse_capital(text: &str) -> Result<Decimal, String> {
    let text = text.trim();
    let text = text.strip_prefix("人民币").unwrap_or(text).trim_start();
    let mut chars: Vec<char> = text.chars().collect();
    if chars.is_empty() {
        return Err("the amount is empty".to_owned());
    }
    if let Some(&last) = chars.last()
        && (last == '整' || last == '正')
    {
        chars.pop();
        match chars.last() {
            None => return Err(format!("`{last}` with no amount before it")),
            Some('分') => {
                return Err(format!(
                    "`{last}` after `分`: {last} is written only after `元` or `角`"
                ));
            }
            Some('元' | '圆' | '角') => {}
            Some(&p @ ('整' | '正')) => {
                return Err(format!("`{p}{last}`: write `{last}` once"));
            }
            Some(_) => return Err(format!("`{last}` must follow `元` or `角`")),
        }
    }
    let mut tokens = Vec::with_capacity(chars.len());
    for &c in &chars {
        tokens.push((token(c)?, c));
    }
    if let Some((_, c)) = tokens.iter().find(|(t, _)| *t == Token::End) {
        return Err(format!("`{c}` can only end an amount, after `元` or `角`"));
    }

    // 零元 in front of an amount under one yuan (零元伍角整, 零元零伍分), and 零元整 itself.
    let skip = match tokens.as_slice() {
        [(Token::Zero, _), (Token::Yuan, _)] => return Ok(Decimal::ZERO),
        [
            (Token::Zero, _),
            (Token::Yuan, _),
            (Token::Zero, _),
            (Token::Digit(_), _),
            (Token::Fraction(-2), _),
            ..,
        ] => 3,
        [(Token::Zero, _), (Token::Yuan, _), ..] => 2,
        _ => 0,
    };
    tokens.drain(..skip);

    let yuan = single(&tokens, Token::Yuan)?;
    let wan = single(&tokens, Token::Group(4))?;
    let yi = single(&tokens, Token::Group(8))?;
    if let (Some(wan), Some(yi)) = (wan, yi)
        && wan < yi
    {
        return Err("`亿` after `万`: amounts of 10^12 yuan or more are not supported".into());
    }
    let (integer, fraction) = match yuan {
        Some(at) => {
            let (integer, rest) = tokens.split_at(at);
            (integer, rest.get(1..).unwrap_or_default())
        }
        None => (&[][..], tokens.as_slice()),
    };
    if yuan.is_some() && integer.is_empty() {
        return Err("`元` with no amount before it".into());
    }

    let mut items = Vec::new();
    read_integer(integer, &mut items)?;
    read_fraction(fraction, yuan.is_some(), &mut items)?;
    value(&items)
}

/// The index of the one token of a kind, if any; an error when it is written twice.
fn single(tokens: &[(Token, char)], kind: Token) -> Result<Option<usize>, String> {
    let mut found = tokens.iter().enumerate().filter(|(_, (t, _))| *t == kind);
    let first = found.next();
    if let Some((_, (_, c))) = found.next() {
        return Err(format!("`{c}` is written twice"));
    }
    Ok(first.map(|(i, _)| i))
}

/// Reads the tokens before 元: groups closed by 亿 and 万, digits each followed by its place.
fn read_integer(tokens: &[(Token, char)], items: &mut Vec<Item>) -> Result<(), String> {
    // The group a token belongs to: 8 before 亿, 4 before 万, else 0.
    let group_of = |i: usize| {
        tokens
            .get(i..)
            .unwrap_or_default()
            .iter()
            .find_map(|(t, _)| match t {
                Token::Group(g) => Some(*g),
                _ => None,
            })
            .unwrap_or(0)
    };
    let mut digits_in_group = 0;
    let mut i = 0;
    while let Some(&(tok, c)) = tokens.get(i) {
        let next = tokens.get(i + 1).copied();
        match tok {
            Token::Digit(digit) => {
                let (place, step) = match next {
                    Some((Token::Place(p), _)) => (p, 2),
                    Some((Token::Digit(_) | Token::Zero, n)) => {
                        return Err(format!("`{n}` follows `{c}` with no place between them"));
                    }
                    _ => (0, 1),
                };
                items.push(Item::Digit {
                    digit,
                    exp: group_of(i) + place,
                });
                digits_in_group += 1;
                i += step;
            }
            Token::Zero => {
                match next {
                    None => return Err("`零` cannot come right before `元`".into()),
                    Some((Token::Zero, _)) => {
                        return Err("a run of zeros is written with one `零`".into());
                    }
                    Some((Token::Place(_), n)) => {
                        return Err(format!("`零` takes no place: `零{n}`"));
                    }
                    Some((Token::Group(_), n)) => {
                        return Err(format!("`零` cannot come right before `{n}`"));
                    }
                    _ => {}
                }
                if items.is_empty() {
                    return Err("`零` cannot start an amount".into());
                }
                items.push(Item::Zero);
                i += 1;
            }
            Token::Place(_) => {
                return Err(if i == 0 && c == '拾' {
                    "`拾` cannot start an amount: write 壹拾".into()
                } else if i == 0 {
                    format!("`{c}` cannot start an amount: write a digit before it")
                } else if c == '拾' {
                    "`拾` must follow a digit: write 壹拾".into()
                } else {
                    format!("`{c}` must follow a digit")
                });
            }
            Token::Group(_) => {
                if digits_in_group == 0 {
                    return Err(format!("`{c}` with no digit before it"));
                }
                digits_in_group = 0;
                i += 1;
            }
            // 元 and 角/分 are not in the slice before 元 except when written out of order.
            Token::Yuan | Token::Fraction(_) => {
                return Err(format!("`{c}` before `元`"));
            }
            Token::End => return Err(format!("`{c}` can only end an amount")),
        }
    }
    Ok(())
}

/// Reads the tokens after 元 (or the whole amount, under one yuan): digits followed by 角 or 分.
fn read_fraction(
    tokens: &[(Token, char)],
    after_yuan: bool,
    items: &mut Vec<Item>,
) -> Result<(), String> {
    let mut i = 0;
    while let Some(&(tok, c)) = tokens.get(i) {
        let next = tokens.get(i + 1).copied();
        match tok {
            Token::Digit(digit) => match next {
                Some((Token::Fraction(exp), _)) => {
                    items.push(Item::Digit { digit, exp });
                    i += 2;
                }
                _ if !after_yuan => return Err("missing `元` after the yuan amount".into()),
                _ => return Err(format!("`{c}` after `元` needs `角` or `分`")),
            },
            Token::Zero => {
                match next {
                    Some((Token::Digit(_), _)) => {}
                    Some((Token::Zero, _)) => {
                        return Err("a run of zeros is written with one `零`".into());
                    }
                    None => return Err("`零` cannot end an amount".into()),
                    Some((_, n)) => return Err(format!("`零` cannot come right before `{n}`")),
                }
                if items.is_empty() {
                    return Err("`零` cannot start an amount".into());
                }
                items.push(Item::Zero);
                i += 1;
            }
            Token::Fraction(_) => return Err(format!("`{c}` must follow a digit")),
            Token::Place(_) | Token::Group(_) if after_yuan => {
                return Err(format!("`{c}` after `元`"));
            }
            Token::Place(_) | Token::Group(_) => {
                return Err(if i == 0 && c == '拾' {
                    "`拾` cannot start an amount: write 壹拾".into()
                } else {
                    "missing `元` after the yuan amount".into()
                });
            }
            Token::Yuan => return Err(format!("`{c}` is written twice")),
            Token::End => return Err(format!("`{c}` can only end an amount")),
        }
    }
    Ok(())
}

/// Checks the order of places and the 零 between digits, and adds the amount up.
fn value(items: &[Item]) -> Result<Decimal, String> {
    let mut fen: i64 = 0;
    let mut prev: Option<(usize, i32)> = None;
    let mut zero_before = false;
    for item in items {
        match *item {
            Item::Zero => zero_before = true,
            Item::Digit { digit, exp } => {
                if let Some((pd, p)) = prev {
                    if exp >= p {
                        return Err(format!(
                            "`{}` comes after `{}`: places must go down",
                            place_name(exp),
                            place_name(p)
                        ));
                    }
                    let zeros = p - exp - 1;
                    if zero_before && zeros == 0 {
                        return Err(format!(
                            "`零` between `{}` and `{}`, but no place between them is zero",
                            written(pd, p),
                            written(digit, exp)
                        ));
                    }
                    if !zero_before && zeros > 0 && !zero_is_optional(exp + 1) {
                        return Err(format!(
                            "missing `零` before `{}`: the `{}` place is zero",
                            written(digit, exp),
                            place_name(exp + 1)
                        ));
                    }
                }
                let worth =
                    i64::try_from(digit).unwrap_or(0) * 10_i64.pow((exp + 2).unsigned_abs());
                fen += worth;
                prev = Some((digit, exp));
                zero_before = false;
            }
        }
    }
    if prev.is_none() {
        return Err("the amount has no digit".into());
    }
    Ok(Decimal::new(fen, 2))
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// (figure, canonical capitals): the DOMAIN examples from published contracts, the examples
    /// of 支付结算办法, and the edge cases the module docs promise.
    const CANONICAL: &[(&str, &str)] = &[
        ("1050000", "壹佰零伍万元整"),
        ("208000", "贰拾万零捌仟元整"),
        ("1008000", "壹佰万零捌仟元整"),
        ("733355", "柒拾叁万叁仟叁佰伍拾伍元整"),
        ("1025826.73", "壹佰零贰万伍仟捌佰贰拾陆元柒角叁分"),
        ("300000", "叁拾万元整"),
        ("250000", "贰拾伍万元整"),
        ("408000", "肆拾万零捌仟元整"),
        ("180000", "壹拾捌万元整"),
        ("336000", "叁拾叁万陆仟元整"),
        ("2100", "贰仟壹佰元整"),
        ("0.5", "伍角整"),
        ("0.05", "伍分"),
        ("0.55", "伍角伍分"),
        ("0", "零元整"),
        ("1", "壹元整"),
        ("10", "壹拾元整"),
        ("15", "壹拾伍元整"),
        ("100000000", "壹亿元整"),
        ("1.05", "壹元零伍分"),
        ("1.5", "壹元伍角整"),
        ("10.5", "壹拾元零伍角整"),
        ("10.05", "壹拾元零伍分"),
        ("1680.32", "壹仟陆佰捌拾元零叁角贰分"),
        ("107000.53", "壹拾万零柒仟元零伍角叁分"),
        ("325.04", "叁佰贰拾伍元零肆分"),
        ("6007.14", "陆仟零柒元壹角肆分"),
        ("1409.5", "壹仟肆佰零玖元伍角整"),
        ("1050", "壹仟零伍拾元整"),
        ("150300", "壹拾伍万零叁佰元整"),
        ("10000300", "壹仟万零叁佰元整"),
        ("100005678", "壹亿零伍仟陆佰柒拾捌元整"),
        ("100050000", "壹亿零伍万元整"),
        ("1050000000", "壹拾亿零伍仟万元整"),
        (
            "999999999999.99",
            "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分",
        ),
    ];

    /// Every canonical example is written exactly so, and reads back to its figure.
    #[test]
    fn canonical_examples_both_ways() {
        for &(figure, words) in CANONICAL {
            assert_eq!(to_capital(dec(figure)).as_deref(), Some(words), "{figure}");
            assert_eq!(parse_capital(words), Ok(dec(figure)), "{words}");
            assert_eq!(
                parse_capital(&format!("人民币{words}")),
                Ok(dec(figure)),
                "{words}"
            );
        }
    }

    /// The forms the rules allow besides the canonical one read to the same amount.
    #[test]
    fn legal_variants_are_read() {
        let variants = [
            ("贰拾万捌仟元整", "208000"),
            ("壹佰万捌仟元整", "1008000"),
            ("壹拾万柒仟元零伍角叁分", "107000.53"),
            ("壹拾万零柒仟元伍角叁分", "107000.53"),
            ("壹拾万柒仟元伍角叁分", "107000.53"),
            ("壹仟陆佰捌拾元叁角贰分", "1680.32"),
            ("壹亿伍仟陆佰柒拾捌元整", "100005678"),
            ("壹拾亿伍仟万元整", "1050000000"),
            ("壹拾元伍角整", "10.5"),
            ("叁拾万元正", "300000"),
            ("叁拾万元", "300000"),
            ("壹仟肆佰零玖元伍角", "1409.5"),
            ("壹仟肆佰零玖元伍角正", "1409.5"),
            ("叁拾万圆整", "300000"),
            ("零元伍角整", "0.5"),
            ("零元零伍分", "0.05"),
            ("零元伍分", "0.05"),
            ("零元", "0"),
            ("  人民币 叁拾万元整 ", "300000"),
            ("人民币壹佰零伍万元整", "1050000"),
        ];
        for (words, figure) in variants {
            assert_eq!(parse_capital(words), Ok(dec(figure)), "{words}");
        }
    }

    /// Malformed amounts are refused, and the reason names the fault.
    #[test]
    fn malformed_amounts_are_refused() {
        let cases = [
            ("拾万元整", "`拾` cannot start an amount: write 壹拾"),
            ("人民币拾元整", "`拾` cannot start an amount: write 壹拾"),
            ("叁拾万元x", "unexpected character `x`"),
            ("叁拾万元整x", "unexpected character `x`"),
            ("壹元伍角叁分整", "`整` after `分`"),
            ("壹元伍角叁分正", "`正` after `分`"),
            ("", "the amount is empty"),
            ("人民币", "the amount is empty"),
            ("整", "`整` with no amount before it"),
            ("元整", "`元` with no amount before it"),
            ("三十万元整", "unexpected character `三`"),
            ("叁拾万元整整", "write `整` once"),
            ("壹仟伍拾元整", "missing `零` before `伍拾`"),
            ("壹拾元伍分", "missing `零` before `伍分`"),
            ("壹仟万叁佰元整", "missing `零` before `叁佰`"),
            ("壹仟零伍佰元整", "`零` between `壹仟` and `伍佰`"),
            ("壹仟零零伍元整", "a run of zeros is written with one `零`"),
            ("壹拾零万元整", "`零` cannot come right before `万`"),
            ("壹拾零元整", "`零` cannot come right before `元`"),
            ("零壹元整", "`零` cannot start an amount"),
            ("壹拾壹佰元整", "`佰` comes after `拾`"),
            ("壹贰元整", "`贰` follows `壹`"),
            ("壹万壹万元整", "`万` is written twice"),
            ("壹万亿元整", "`亿` after `万`"),
            ("壹元壹元", "`元` is written twice"),
            ("壹佰整", "`整` must follow `元` or `角`"),
            ("壹佰", "missing `元`"),
            ("壹元伍", "`伍` after `元` needs `角` or `分`"),
            ("壹分伍角", "`角` comes after `分`"),
            ("壹亿万元整", "`万` with no digit before it"),
            ("壹佰拾元整", "`拾` must follow a digit"),
            ("壹元零", "`零` cannot end an amount"),
            ("壹 元", "unexpected space"),
            ("角", "`角` must follow a digit"),
        ];
        for (words, reason) in cases {
            match parse_capital(words) {
                Ok(v) => panic!("{words} was read as {v}"),
                Err(e) => assert!(e.contains(reason), "{words}: {e:?} lacks {reason:?}"),
            }
        }
    }

    /// Amounts that cannot be written give `None`.
    #[test]
    fn unwritable_amounts_give_none() {
        for figure in ["-1", "-0.01", "0.001", "1.005", "1000000000000", "1e15"] {
            let amount = Decimal::from_scientific(figure)
                .or_else(|_| Decimal::from_str(figure))
                .unwrap();
            assert_eq!(to_capital(amount), None, "{figure}");
        }
        assert_eq!(to_capital(dec("1.50")).as_deref(), Some("壹元伍角整"));
        assert_eq!(to_capital(dec("-0")).as_deref(), Some("零元整"));
    }

    /// A deterministic set of amounts: every 分 from 0.01 to 99999.99 stepping by a prime, the
    /// powers of ten, and amounts with zeros inside, up to 10^11.
    fn amounts() -> Vec<i64> {
        let mut fen: Vec<i64> = (1..=9_999_999).step_by(997).collect();
        let mut power = 1;
        while power < LIMIT_FEN {
            fen.extend([power, power + 1, power * 5 + 3, power * 9 + power / 100]);
            power *= 10;
        }
        // Two or three nonzero digits at every pair of places: every shape of zero run.
        for a in 0..14 {
            for b in 0..a {
                let hi = 10_i64.pow(a);
                let lo = 10_i64.pow(b);
                fen.extend([hi * 3 + lo * 7, hi * 9 + lo * 2 + 1, hi + lo * 11]);
            }
        }
        let mut x: i64 = 123;
        while x < LIMIT_FEN {
            fen.push(x);
            x = x * 7 + 3;
        }
        fen.retain(|&f| f < LIMIT_FEN);
        fen
    }

    /// Reading back what was written gives the amount, with and without the optional 零.
    #[test]
    fn round_trip() {
        let all = amounts();
        assert!(all.len() > 10_000);
        for fen in all {
            let amount = Decimal::new(fen, 2);
            let words = to_capital(amount).unwrap();
            assert_eq!(parse_capital(&words), Ok(amount), "{amount} → {words}");
            let short = write(fen, false);
            assert_eq!(parse_capital(&short), Ok(amount), "{amount} → {short}");
            assert!(!words.contains('圆') && !words.contains("零零"));
        }
    }
}
