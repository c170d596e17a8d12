//! Chinese working days: public holidays and make-up working days (调休), 2004–2026.
//!
//! The table is `data/cn-workdays/cn-2004-2026.csv` (from the MIT-licensed `chinesecalendar`
//! data, which transcribes the State Council's yearly holiday notices), embedded at build time
//! and parsed once. It lists only the dates that differ from the Monday–Friday rule: holidays are
//! days off whatever the weekday, workdays are weekend days worked in exchange. Outside the
//! covered years the Monday–Friday rule is all there is, and callers are told so.

use jiff::civil::{Date, Weekday};

/// The first year the table covers.
pub const FIRST_YEAR: i16 = 2004;
/// The last year the table covers; later years' notices are not yet published.
pub const LAST_YEAR: i16 = 2026;

const CSV: &str = include_str!("../data/cn-workdays/cn-2004-2026.csv");

/// How a listed date departs from the Monday–Friday rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayKind {
    /// A day off (法定节假日 and the days joined to it), whatever the weekday.
    Holiday,
    /// A weekend day that is a working day (调休).
    Workday,
}

impl DayKind {
    fn is_working(self) -> bool {
        self == Self::Workday
    }
}

/// The listed dates, in order. The table is parsed by the compiler: parsing it at run time
/// cost about 900,000 instructions, a tenth of checking a whole spec.
fn table() -> &'static [(Date, DayKind)] {
    &TABLE
}

static TABLE: [(Date, DayKind); ROWS] = parse(CSV.as_bytes());

/// Data rows: the lines after the header (the file ends with a newline).
#[allow(clippy::indexing_slicing)] // compile-time evaluation: out of bounds is a build error
const ROWS: usize = {
    let bytes = CSV.as_bytes();
    let mut lines = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\n' {
            lines += 1;
        }
        i += 1;
    }
    lines - 1
};

/// Parses `YYYY-MM-DD,kind,festival` rows after the header, at compile time: a malformed row, a
/// date that does not exist or rows out of order stop the build, so the table cannot be wrong
/// at run time. (Indexing here is compile-time evaluation: out of bounds is a build error.)
#[allow(clippy::indexing_slicing)]
const fn parse(csv: &[u8]) -> [(Date, DayKind); ROWS] {
    let mut rows = [(jiff::civil::date(2000, 1, 1), DayKind::Holiday); ROWS];
    // Skip the header.
    let mut at = 0;
    while csv[at] != b'\n' {
        at += 1;
    }
    at += 1;
    let mut row = 0;
    let mut last = 0;
    while row < ROWS {
        let year = digits(csv, at, 4);
        assert!(csv[at + 4] == b'-' && csv[at + 7] == b'-' && csv[at + 10] == b',');
        let month = digits(csv, at + 5, 2);
        let day = digits(csv, at + 8, 2);
        let date = jiff::civil::date(year as i16, month as i8, day as i8);
        at += 11;
        let kind = if csv[at] == b'h' {
            DayKind::Holiday
        } else {
            assert!(csv[at] == b'w', "kind is `holiday` or `workday`");
            DayKind::Workday
        };
        rows[row] = (date, kind);
        let this = year * 10_000 + month * 100 + day;
        assert!(this > last, "rows are in date order, once each");
        last = this;
        while csv[at] != b'\n' {
            at += 1;
        }
        at += 1;
        row += 1;
    }
    rows
}

/// The decimal number written by `len` digits at `at`.
#[allow(clippy::indexing_slicing)]
const fn digits(csv: &[u8], at: usize, len: usize) -> u32 {
    let mut n = 0;
    let mut i = 0;
    while i < len {
        let d = csv[at + i];
        assert!(d.is_ascii_digit(), "a date is written YYYY-MM-DD");
        n = n * 10 + (d - b'0') as u32;
        i += 1;
    }
    n
}

/// Whether the table covers the date's year.
pub fn is_covered(date: Date) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&date.year())
}

/// Whether the date is Monday to Friday.
pub fn is_weekday(date: Date) -> bool {
    !matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
}

/// How the table lists the date, if it does.
pub fn listed(date: Date) -> Option<DayKind> {
    let rows = table();
    rows.binary_search_by_key(&date, |&(d, _)| d)
        .ok()
        .and_then(|i| rows.get(i))
        .map(|&(_, kind)| kind)
}

/// Whether the date is a working day in mainland China: `Some` inside the covered years,
/// `None` outside them (where only [`is_weekday`] can be said).
pub fn is_working_day(date: Date) -> Option<bool> {
    is_covered(date).then(|| listed(date).map_or_else(|| is_weekday(date), DayKind::is_working))
}

/// Whether the date is a working day, falling back to Monday–Friday outside the covered years.
pub fn is_working_day_or_weekday(date: Date) -> bool {
    is_working_day(date).unwrap_or_else(|| is_weekday(date))
}

/// A count of working days, and whether the table covered every day counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkingDays {
    pub count: i64,
    /// False when some day counted lies outside [`FIRST_YEAR`]–[`LAST_YEAR`], where Monday to
    /// Friday were counted without holidays.
    pub covered: bool,
}

/// Counts the working days after `start` up to and including `end` (0 when `end` is not after
/// `start`), with the Monday–Friday rule outside the covered years.
pub fn working_days_after(start: Date, end: Date) -> WorkingDays {
    let Ok(first) = start.tomorrow() else {
        // `start` is the last representable day: nothing comes after it.
        return WorkingDays {
            count: 0,
            covered: true,
        };
    };
    if end < first {
        return WorkingDays {
            count: 0,
            covered: true,
        };
    }
    let mut count = weekdays_between(first, end);
    // Each listed date in range corrects the Monday–Friday count by what the table says.
    let rows = table();
    let from = rows.partition_point(|&(d, _)| d < first);
    for &(date, kind) in rows.iter().skip(from).take_while(|&&(d, _)| d <= end) {
        count += i64::from(kind.is_working()) - i64::from(is_weekday(date));
    }
    WorkingDays {
        count,
        covered: is_covered(first) && is_covered(end),
    }
}

/// The `n`th working day after `start` (so `n = 2` is the last day of "within 2 working days"),
/// and whether the table covered every day passed; `None` past the last representable date.
pub fn nth_working_day_after(start: Date, n: u32) -> Option<(Date, bool)> {
    let mut day = start;
    let mut covered = true;
    let mut left = n;
    while left > 0 {
        day = day.tomorrow().ok()?;
        covered &= is_covered(day);
        if is_working_day_or_weekday(day) {
            left -= 1;
        }
    }
    Some((day, covered))
}

/// Monday-to-Friday days from `first` to `last`, both included (`first <= last`).
fn weekdays_between(first: Date, last: Date) -> i64 {
    let days = first
        .until(last)
        .map_or(0, |span| i64::from(span.get_days()))
        + 1;
    let full_weeks = days / 7;
    let mut count = full_weeks * 5;
    let mut day = first;
    for _ in 0..days % 7 {
        if is_weekday(day) {
            count += 1;
        }
        match day.tomorrow() {
            Ok(next) => day = next,
            Err(_) => break,
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    /// Every row of the embedded file parses, and the table is in the covered years.
    #[test]
    fn every_row_parses() {
        let rows = CSV.lines().skip(1).filter(|l| !l.is_empty()).count();
        assert_eq!(table().len(), rows);
        assert!(table().iter().all(|&(d, _)| is_covered(d)));
        assert_eq!(table().first().map(|r| r.0.year()), Some(FIRST_YEAR));
        assert_eq!(table().last().map(|r| r.0.year()), Some(LAST_YEAR));
    }

    /// Make-up working days fall on weekends, as the notices set them.
    #[test]
    fn workdays_are_weekend_days() {
        for &(d, kind) in table() {
            if kind == DayKind::Workday {
                assert!(!is_weekday(d), "{d} is a weekday listed as a make-up day");
            }
        }
    }

    /// Holidays, make-up days and ordinary days of real years.
    #[test]
    fn real_dates() {
        // Spring Festival 2016: Saturday 6 February was worked, Monday 8 February was not.
        assert_eq!(is_working_day(date(2016, 2, 6)), Some(true));
        assert_eq!(is_working_day(date(2016, 2, 8)), Some(false));
        assert_eq!(is_working_day(date(2016, 2, 14)), Some(true));
        assert_eq!(is_working_day(date(2016, 2, 15)), Some(true));
        // National Day 2024, a Tuesday; the Saturday after was worked.
        assert_eq!(is_working_day(date(2024, 10, 1)), Some(false));
        assert_eq!(is_working_day(date(2024, 10, 12)), Some(true));
        // A Sunday that is also a New Year holiday, and an ordinary weekend.
        assert_eq!(is_working_day(date(2023, 12, 31)), Some(false));
        assert_eq!(is_working_day(date(2024, 1, 6)), Some(false));
        assert_eq!(is_working_day(date(2024, 1, 8)), Some(true));
        // Outside the table nothing is said.
        assert_eq!(is_working_day(date(2003, 10, 1)), None);
        assert_eq!(is_working_day(date(2027, 1, 4)), None);
    }

    /// Counting skips holidays and counts make-up days.
    #[test]
    fn counts_working_days() {
        // Signed Friday 5 Feb 2016: Sat 6 and Sun 14 were make-up days, 7–13 the holiday.
        let n = working_days_after(date(2016, 2, 5), date(2016, 2, 15));
        assert_eq!(
            n,
            WorkingDays {
                count: 3,
                covered: true
            }
        );
        assert_eq!(
            nth_working_day_after(date(2016, 2, 5), 2),
            Some((date(2016, 2, 14), true))
        );
        // Signed Monday 30 Sep 2024: the holiday runs to 7 October.
        assert_eq!(
            nth_working_day_after(date(2024, 9, 30), 2),
            Some((date(2024, 10, 9), true))
        );
        assert_eq!(
            working_days_after(date(2024, 9, 30), date(2024, 10, 7)).count,
            0
        );
        // A plain week.
        assert_eq!(
            working_days_after(date(2024, 3, 1), date(2024, 3, 8)).count,
            5
        );
        // An empty range.
        assert_eq!(
            working_days_after(date(2024, 3, 8), date(2024, 3, 1)).count,
            0
        );
        assert_eq!(
            working_days_after(date(2024, 3, 8), date(2024, 3, 8)).count,
            0
        );
    }

    /// The count over a whole year matches a day-by-day count.
    #[test]
    fn count_matches_day_by_day() {
        let (start, end) = (date(2015, 12, 20), date(2017, 1, 10));
        let mut day = start;
        let mut slow = 0;
        while day < end {
            day = day.tomorrow().unwrap();
            slow += i64::from(is_working_day(day).unwrap());
        }
        assert_eq!(working_days_after(start, end).count, slow);
        // 2016 had 250 working days: 261 weekdays, 17 of them off, 6 weekend days worked.
        assert_eq!(
            working_days_after(date(2015, 12, 31), date(2016, 12, 31)).count,
            250
        );
    }

    /// Outside the table, Monday to Friday are counted and the caller is told.
    #[test]
    fn falls_back_outside_the_table() {
        // Thursday 31 Dec 2026 to Monday 4 Jan 2027: Friday 1 January counts, untold.
        assert_eq!(
            working_days_after(date(2026, 12, 31), date(2027, 1, 4)),
            WorkingDays {
                count: 2,
                covered: false
            }
        );
        assert_eq!(
            nth_working_day_after(date(2026, 12, 30), 2),
            Some((date(2027, 1, 1), false))
        );
        assert_eq!(
            nth_working_day_after(date(2026, 12, 28), 2),
            Some((date(2026, 12, 30), true))
        );
        assert_eq!(nth_working_day_after(date(9999, 12, 31), 1), None);
    }
}
