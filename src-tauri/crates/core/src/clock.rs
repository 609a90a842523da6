//! Timestamps as RFC 3339 UTC text with milliseconds, which sort the same as text and as time.

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{OffsetDateTime, UtcOffset};

pub fn now_rfc3339() -> String {
    format(now())
}

/// Now, or 1 ms after `previous` when the clock has not moved past it in whole milliseconds, so
/// `updated_at` always grows and "newest first" stays right even for edits within one
/// millisecond.
pub fn later_than(previous: &str) -> String {
    let now = now();
    match OffsetDateTime::parse(previous, &Rfc3339) {
        Ok(before) if before >= now => format(before + time::Duration::milliseconds(1)),
        _ => format(now),
    }
}

/// The current time in UTC, to the millisecond (what the text keeps).
fn now() -> OffsetDateTime {
    let now = OffsetDateTime::now_utc();
    now.replace_nanosecond(now.millisecond() as u32 * 1_000_000).unwrap_or(now)
}

/// Always three digits of milliseconds, so the text sorts as the time does.
fn format(moment: OffsetDateTime) -> String {
    let moment = moment.to_offset(UtcOffset::UTC);
    let layout = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");
    moment.format(layout).unwrap_or_else(|_| moment.unix_timestamp().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_than_always_moves_forward() {
        let future = "2999-01-01T00:00:00.000Z";
        let next = later_than(future);
        assert!(next.as_str() > future, "{next}");
        assert!(later_than(&now_rfc3339()) >= now_rfc3339().chars().take(10).collect::<String>());
    }

    #[test]
    fn saves_within_one_millisecond_still_move_forward() {
        let mut previous = now_rfc3339();
        for _ in 0..2000 {
            let next = later_than(&previous);
            assert!(next > previous, "{next} after {previous}");
            previous = next;
        }
    }

    #[test]
    fn text_has_a_fixed_width_so_it_sorts_as_time() {
        let whole_second = OffsetDateTime::from_unix_timestamp(1_700_000_000).expect("time");
        assert_eq!(format(whole_second), "2023-11-14T22:13:20.000Z");
        assert_eq!(format(whole_second + time::Duration::milliseconds(120)), "2023-11-14T22:13:20.120Z");
        assert!(OffsetDateTime::parse(&format(whole_second), &Rfc3339).is_ok());
    }
}
