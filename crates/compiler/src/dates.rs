//! Dates as authors write them, checked with `jiff` and kept as the calendar date they name.
//!
//! The bundle stores `YYYY-MM-DD`: the date the author wrote, in the author's own offset, never shifted to UTC
//! (an evening story in New York must not move to the next day).

use jiff::civil::{Date, DateTime, Time};
use jiff::fmt::strtime;
use jiff::Timestamp;

/// Checks a `YYYY-MM-DD` text and returns it, or `None` when it is not a real date.
pub fn parse_ymd(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let date: Date = text.parse().ok()?;
    Some(date.to_string())
}

/// The calendar date of a front matter `date`: RFC 3339, `YYYY-MM-DD`, or the forms real posts use
/// (`2010-10-22 11:33:15 -0400`, a one-digit hour, no offset).
pub fn parse_front_matter_date(text: &str) -> Option<String> {
    let text = text.trim();
    let day = parse_ymd(text.get(..10)?)?;
    let rest = text[10..].trim_start_matches(['T', 't', ' ']);
    if rest.is_empty() || text.parse::<Timestamp>().is_ok() || text.parse::<DateTime>().is_ok() {
        return Some(day);
    }
    const FORMATS: &[&str] = &["%H:%M:%S %z", "%H:%M %z", "%H:%M:%S%z", "%H:%M:%S %Z"];
    let time_ok =
        rest.parse::<Time>().is_ok() || FORMATS.iter().any(|f| strtime::parse(f, rest).is_ok());
    time_ok.then_some(day)
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
        ] {
            assert_eq!(parse_front_matter_date(text), None, "{text}");
        }
    }
}
