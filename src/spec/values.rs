//! Value types shared by the whole model: ids, dates, money, percentages, quantities, comparators.
//!
//! Each has a hand-written schema, because the derived ones are wrong for this domain: schemars
//! lets `Decimal` be a string or negative, and knows nothing of calendar dates.

use std::borrow::Cow;
use std::fmt;

use rust_decimal::Decimal;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An identifier that other parts of the spec refer to: ASCII letters, digits, `-`, `_` and `.`,
/// starting with a letter or digit. Ids end up in file names, so nothing else is allowed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Id(pub String);

impl Id {
    /// Whether a text is a valid id: the same test as [`ID_PATTERN`] and `maxLength: 64`.
    pub fn is_valid(text: &str) -> bool {
        let mut bytes = text.bytes();
        bytes.next().is_some_and(|b| b.is_ascii_alphanumeric())
            && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
            && text.len() <= 64
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        if Self::is_valid(&text) {
            Ok(Self(text))
        } else {
            Err(serde::de::Error::custom(format!(
                "`{text}` is not a valid id"
            )))
        }
    }
}

/// The pattern every id must match; the schema and the rules share it.
pub const ID_PATTERN: &str = "^[A-Za-z0-9][A-Za-z0-9_.-]*$";

impl Id {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl JsonSchema for Id {
    fn schema_name() -> Cow<'static, str> {
        "Id".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "title": "Identifier (标识)",
            "description": "ASCII letters, digits, `-`, `_` and `.`, starting with a letter or digit; at most 64 characters. Other parts of the spec refer to it.",
            "type": "string",
            "pattern": ID_PATTERN,
            "maxLength": 64,
        })
    }
}

/// A calendar date written `YYYY-MM-DD`; an impossible date such as 2023-02-30 is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Date(pub jiff::civil::Date);

impl<'de> Deserialize<'de> for Date {
    /// Only the RFC 3339 full-date form that the schema's `format: date` accepts, so the typed
    /// stage and the schema agree.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let shape_ok = text.len() == 10
            && text.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        let date = shape_ok
            .then(|| text.parse::<jiff::civil::Date>().ok())
            .flatten();
        date.map(Self).ok_or_else(|| {
            serde::de::Error::custom(format!("`{text}` is not a real date (YYYY-MM-DD)"))
        })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl JsonSchema for Date {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "format": "date" })
    }
}

/// Reads an exact decimal. The schema has already made it a number; what fails here is a
/// number that a decimal cannot hold (more than 28 significant digits, `1e400`).
fn exact<'de, D: Deserializer<'de>>(deserializer: D, what: &str) -> Result<Decimal, D::Error> {
    <Decimal as Deserialize>::deserialize(deserializer).map_err(|_| {
        serde::de::Error::custom(format!(
            "{what} is held exactly, in at most 28 significant digits: this number is too large or too precise"
        ))
    })
}

/// An amount of money in yuan (元), exact, never negative, with at most two decimals (分).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(pub Decimal);

impl Money {
    pub fn decimal(self) -> Decimal {
        self.0
    }
}

/// Rounds an amount to the fen (分), half away from zero, as accounts do.
pub fn fen(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

/// `percent`% of `amount`, exactly, before any rounding; `None` on overflow.
pub fn percent_of(amount: Decimal, percent: Decimal) -> Option<Decimal> {
    amount
        .checked_mul(percent)
        .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.2}", self.0)
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = exact(deserializer, "an amount")?;
        if value.is_sign_negative() && !value.is_zero() {
            return Err(serde::de::Error::custom(format!(
                "an amount cannot be negative, found {value}"
            )));
        }
        if value.normalize().scale() > 2 {
            return Err(serde::de::Error::custom(format!(
                "an amount has at most two decimals (分), found {value}"
            )));
        }
        Ok(Self(value))
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_string())
    }
}

impl JsonSchema for Money {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "Money".into()
    }
    /// `format: money` marks amounts in yuan, so that tools reading the schema (the language
    /// server's hover writes their 大写) tell them from other numbers. An annotation only:
    /// validators pass formats they do not know.
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "number", "minimum": 0, "format": "money" })
    }
}

/// A share in percent, from 0 to 100 (`30` is 30%).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Percent(pub Decimal);

impl Percent {
    pub fn decimal(self) -> Decimal {
        self.0
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}%", self.0.normalize())
    }
}

impl<'de> Deserialize<'de> for Percent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = exact(deserializer, "a percentage")?;
        if value < Decimal::ZERO || value > Decimal::ONE_HUNDRED {
            return Err(serde::de::Error::custom(format!(
                "a percentage lies between 0 and 100, found {value}"
            )));
        }
        Ok(Self(value))
    }
}

impl Serialize for Percent {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0.normalize().to_string())
    }
}

impl JsonSchema for Percent {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "Percent".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "number", "minimum": 0, "maximum": 100 })
    }
}

/// A non-negative quantity: a count, a score or a rate. Exact, never a float.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Quantity(pub Decimal);

impl Quantity {
    pub fn decimal(self) -> Decimal {
        self.0
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.normalize())
    }
}

impl<'de> Deserialize<'de> for Quantity {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = exact(deserializer, "a quantity")?;
        if value.is_sign_negative() && !value.is_zero() {
            return Err(serde::de::Error::custom(format!(
                "a quantity cannot be negative, found {value}"
            )));
        }
        Ok(Self(value))
    }
}

impl Serialize for Quantity {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0.normalize().to_string())
    }
}

impl JsonSchema for Quantity {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "Quantity".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "number", "minimum": 0 })
    }
}

/// Comparator (比较方式)
///
/// How a target's value binds: `at_least` is inclusive (以上, 不少于: "35位以上" is `at_least: 35`),
/// `more_than` is strict (多于: "500多" is `more_than: 500`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Comparator {
    /// At least, inclusive (不少于).
    AtLeast,
    /// More than, strict (多于).
    MoreThan,
    /// At most, inclusive (不多于).
    AtMost,
    /// Fewer than, strict (少于).
    FewerThan,
    /// Exactly (等于).
    Exactly,
}

impl Comparator {
    /// Whether an actual value meets a target value under this comparator.
    pub fn holds(self, actual: Decimal, target: Decimal) -> bool {
        match self {
            Self::AtLeast => actual >= target,
            Self::MoreThan => actual > target,
            Self::AtMost => actual <= target,
            Self::FewerThan => actual < target,
            Self::Exactly => actual == target,
        }
    }

    /// Whether the comparator puts a floor under the value (so the value is a lower bound).
    pub fn is_lower_bound(self) -> bool {
        matches!(self, Self::AtLeast | Self::MoreThan | Self::Exactly)
    }
}

/// Period (期间)
///
/// A span of days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// Start date (开始日期)
    ///
    /// The first day, `YYYY-MM-DD`.
    pub start: Date,
    /// End date (结束日期)
    ///
    /// The last day, `YYYY-MM-DD`, included.
    pub end: Date,
}

impl Period {
    pub fn contains(&self, date: Date) -> bool {
        self.start <= date && date <= self.end
    }
}
