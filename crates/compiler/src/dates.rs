//! Dates as authors write them, checked with `jiff` and kept as the calendar date they name.
//!
//! The bundle stores `YYYY-MM-DD`: the date the author wrote, in the author's own offset, never shifted to UTC
//! (an evening story in New York must not move to the next day).

use jiff::civil::Date;

/// Checks a `YYYY-MM-DD` text and returns it, or `None` when it is not a real date.
pub fn parse_ymd(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let date: Date = text.parse().ok()?;
    Some(date.to_string())
}

/// The calendar date of a front matter date, in every form Jekyll and Hugo accept: a bare date; a date and a
/// time joined by `T` or a space; the time with or without seconds and fractions of a second, its hour in one
/// digit or two; then no zone (the author's own calendar date is kept, as for any other), `Z`, `UTC` or `GMT`,
/// or an offset with or without a colon and a space before it (`+02:00`, `+0200`, `-04`). The date is kept as
/// the author wrote it, never moved to another zone.
pub fn parse_front_matter_date(text: &str) -> Option<String> {
    let text = text.trim();
    let day = parse_ymd(text.get(..10)?)?;
    let rest = &text[10..];
    if rest.is_empty() {
        return Some(day);
    }
    let rest = rest.strip_prefix(['T', 't', ' '])?.trim_start_matches(' ');
    let time_len = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.' || c == ','))
        .unwrap_or(rest.len());
    let (time, zone) = rest.split_at(time_len);
    (valid_time(time) && valid_zone(zone.trim_start_matches(' '))).then_some(day)
}

/// `H:MM`, `HH:MM:SS`, `HH:MM:SS.fff` (a comma too, as ISO 8601 allows).
fn valid_time(time: &str) -> bool {
    let (clock, fraction) = match time.split_once(['.', ',']) {
        Some((clock, fraction)) => (clock, Some(fraction)),
        None => (time, None),
    };
    if fraction.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    let parts: Vec<&str> = clock.split(':').collect();
    let number = |s: &str, len: std::ops::RangeInclusive<usize>, max: u32| {
        len.contains(&s.len())
            && s.bytes().all(|b| b.is_ascii_digit())
            && s.parse::<u32>().is_ok_and(|n| n <= max)
    };
    match parts.as_slice() {
        [h, m] => fraction.is_none() && number(h, 1..=2, 23) && number(m, 2..=2, 59),
        // 60: a leap second.
        [h, m, sec] => number(h, 1..=2, 23) && number(m, 2..=2, 59) && number(sec, 2..=2, 60),
        _ => false,
    }
}

/// Nothing, `Z`, `UTC`, `GMT`, or `±HH`, `±HHMM`, `±HH:MM`.
fn valid_zone(zone: &str) -> bool {
    if zone.is_empty() || ["Z", "z", "UTC", "GMT"].contains(&zone) {
        return true;
    }
    let Some(offset) = zone.strip_prefix(['+', '-']) else {
        return false;
    };
    let digit = |i: usize| offset.as_bytes().get(i).is_some_and(u8::is_ascii_digit);
    let (hours, minutes) = match offset.len() {
        2 if digit(0) && digit(1) => (&offset[..2], "00"),
        4 if (0..4).all(digit) => (&offset[..2], &offset[2..]),
        5 if digit(0) && digit(1) && offset.as_bytes()[2] == b':' && digit(3) && digit(4) => {
            (&offset[..2], &offset[3..])
        }
        _ => return false,
    };
    hours.parse::<u32>().is_ok_and(|h| h <= 23) && minutes.parse::<u32>().is_ok_and(|m| m <= 59)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_forms_real_posts_use() {
        for text in [
            "2023-11-01",
            "2023-11-01T09:30:00Z",
            "2010-10-22T11:33:15-04:00",
            "2010-10-22 11:33:15 -0400",
            "2010-10-22 8:32:24 -0400",
            "2010-10-22 11:33:15",
            "2010-10-22 11:33",
            // Every form Jekyll and Hugo accept.
            "2020-10-12 17:00:00 +02:00",
            "2020-10-12 17:00:00 +0200",
            "2020-10-12 17:00:00+02:00",
            "2020-10-12T17:00:00.123456+02:00",
            "2020-10-12T17:00:00,5Z",
            "2020-10-12T17:00:00Z",
            "2020-10-12t17:00:00z",
            "2020-10-12 17:00:00 UTC",
            "2020-10-12 17:00 -04",
            "2020-10-12T17:00",
            "2020-10-12 23:59:60Z",
        ] {
            assert_eq!(
                parse_front_matter_date(text).as_deref(),
                Some(&text[..10]),
                "{text}"
            );
        }
    }

    #[test]
    fn keeps_the_authors_calendar_date() {
        assert_eq!(
            parse_front_matter_date("2023-11-01T23:30:00-05:00").as_deref(),
            Some("2023-11-01")
        );
    }

    #[test]
    fn refuses_what_is_not_a_date() {
        for text in [
            "2023-02-30",
            "yesterday",
            "2023/11/01",
            "2023-11-01 noon",
            "11-01-2023",
            "2020-10-12 25:00:00",
            "2020-10-12 17:60",
            "2020-10-12 17:00:00 +2:00",
            "2020-10-12 17:00:00 +25:00",
            "2020-10-12 17:00:00 PST8",
            "2020-10-12 17:00:00.",
            "2020-10-12T",
            "2020-10-1217:00",
        ] {
            assert_eq!(parse_front_matter_date(text), None, "{text}");
        }
    }
}
