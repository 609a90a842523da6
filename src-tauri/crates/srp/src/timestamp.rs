//! TIMESTAMP for PASSWORD_VERIFIER: `EEE MMM d HH:mm:ss UTC yyyy`, English, UTC, day not
//! padded. Formatted by hand: a locale or a padded day makes Cognito refuse the sign-in.

pub(crate) const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
pub(crate) const MONTHS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// Formats a Unix time (seconds, UTC) the way Cognito expects, e.g.
/// `Mon Nov 2 09:05:07 UTC 2026`. Pass a clock corrected by the server's `Date` skew.
pub fn cognito_timestamp(unix_seconds: i64) -> String {
    let days = unix_seconds.div_euclid(86_400);
    let second_of_day = unix_seconds.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    // 1970-01-01 was a Thursday.
    let weekday = WEEKDAYS[(days.rem_euclid(7) as usize + 4) % 7];
    format!(
        "{weekday} {month} {day} {hours:02}:{minutes:02}:{seconds:02} UTC {year}",
        month = MONTHS[(month - 1) as usize],
        hours = second_of_day / 3600,
        minutes = second_of_day % 3600 / 60,
        seconds = second_of_day % 60,
    )
}

/// Days since 1970-01-01 to a proleptic Gregorian (year, month 1-12, day 1-31), after
/// Howard Hinnant's `civil_from_days`. `days` comes from seconds / 86400, so |days| < 2^47
/// and nothing below can overflow.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468; // days since 0000-03-01
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153; // March = 0
    let day = (day_of_year - (153 * month_index + 2) / 5 + 1) as u32;
    let month = if month_index < 10 { month_index + 3 } else { month_index - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_examples() {
        assert_eq!(cognito_timestamp(1_739_212_212), "Mon Feb 10 18:30:12 UTC 2025");
        assert_eq!(cognito_timestamp(1_793_610_307), "Mon Nov 2 09:05:07 UTC 2026");
    }

    #[test]
    fn single_digit_days_are_not_padded_and_times_are() {
        assert_eq!(cognito_timestamp(0), "Thu Jan 1 00:00:00 UTC 1970");
        assert_eq!(cognito_timestamp(-1), "Wed Dec 31 23:59:59 UTC 1969");
        assert_eq!(cognito_timestamp(951_868_799), "Tue Feb 29 23:59:59 UTC 2000");
    }

    /// Independent check: walk day by day from 1970-01-01 with a month-length table and a
    /// weekday counter, over several 400-year eras' worth of leap rules (1900, 2000, 2100).
    #[test]
    fn every_day_from_1890_to_2110_matches_a_day_by_day_calendar_walk() {
        fn is_leap(year: i64) -> bool {
            (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        }
        fn month_length(year: i64, month: u32) -> u32 {
            match month {
                2 if is_leap(year) => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            }
        }
        let mut date = (1890_i64, 1_u32, 1_u32);
        // 1890-01-01 was a Wednesday.
        let mut weekday = 3_usize;
        let first_day = -29_219_i64;
        for days in first_day..first_day + 80_353 {
            let seconds = days * 86_400 + (days.rem_euclid(86_400 / 7)) * 7;
            let second_of_day = seconds.rem_euclid(86_400);
            let expected = format!(
                "{} {} {} {:02}:{:02}:{:02} UTC {}",
                WEEKDAYS[weekday],
                MONTHS[(date.1 - 1) as usize],
                date.2,
                second_of_day / 3600,
                second_of_day % 3600 / 60,
                second_of_day % 60,
                date.0
            );
            assert_eq!(cognito_timestamp(seconds), expected);
            weekday = (weekday + 1) % 7;
            date.2 += 1;
            if date.2 > month_length(date.0, date.1) {
                date.2 = 1;
                date.1 += 1;
                if date.1 > 12 {
                    date.1 = 1;
                    date.0 += 1;
                }
            }
        }
        assert_eq!(date, (2110, 1, 1));
    }

    #[test]
    fn extreme_times_do_not_panic() {
        for seconds in [i64::MIN, i64::MIN + 1, i64::MAX, i64::MAX - 86_400] {
            let text = cognito_timestamp(seconds);
            assert!(text.contains(" UTC "), "{text}");
        }
    }
}
