//! Timestamps as RFC 3339 UTC text with milliseconds, which sort the same as text and as time.

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

pub fn now_rfc3339() -> String {
    format(OffsetDateTime::now_utc())
}

/// Now, or 1 ms after `previous` when the clock has not moved past it, so `updated_at` always
/// grows and "newest first" stays right even for edits within one millisecond.
pub fn later_than(previous: &str) -> String {
    let now = OffsetDateTime::now_utc();
    match OffsetDateTime::parse(previous, &Rfc3339) {
        Ok(before) if before >= now => format(before + time::Duration::milliseconds(1)),
        _ => format(now),
    }
}

fn format(moment: OffsetDateTime) -> String {
    let moment = moment.replace_nanosecond(moment.millisecond() as u32 * 1_000_000).unwrap_or(moment);
    moment.format(&Rfc3339).unwrap_or_else(|_| moment.unix_timestamp().to_string())
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
}
