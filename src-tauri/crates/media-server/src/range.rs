//! The Range header per RFC 9110 §14: which bytes of a file a request asks for. Players seek with
//! a single range; several ranges get the whole file, which §14.2 allows in place of a
//! `multipart/byteranges` body and which no player needs.

/// What to send for a Range header and a file of a given size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Selection {
    /// 200 with the whole file: no Range, a Range that does not parse, or several ranges.
    Whole,
    /// 206 with the bytes `first..=last`.
    Part { first: u64, last: u64 },
    /// 416: no requested range overlaps the file, or one is backwards.
    Unsatisfiable,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Spec {
    /// `first-` or `first-last`.
    From { first: u64, last: Option<u64> },
    /// `-length`: the last `length` bytes.
    Suffix { length: u64 },
}

pub(crate) fn select(header: Option<&str>, size: u64) -> Selection {
    // §14.2: an unknown unit or a value that does not parse is ignored, not an error.
    let Some(specs) = header.and_then(parse) else {
        return Selection::Whole;
    };
    // §14.1.1: an int-range whose last-pos is below its first-pos is invalid; §14.2 lets a
    // server reject such a request, and 416 tells the client exactly that.
    if specs.iter().any(|spec| matches!(spec, Spec::From { first, last: Some(last) } if last < first)) {
        return Selection::Unsatisfiable;
    }
    let mut satisfiable = specs.iter().filter_map(|spec| within(*spec, size));
    match (specs.len(), satisfiable.next()) {
        (_, None) => Selection::Unsatisfiable,
        (1, Some((first, last))) => Selection::Part { first, last },
        _ => Selection::Whole,
    }
}

/// `bytes=` followed by a comma-separated list of range-specs; `None` if anything does not parse.
fn parse(value: &str) -> Option<Vec<Spec>> {
    let (unit, set) = value.split_once('=')?;
    if !unit.eq_ignore_ascii_case("bytes") {
        return None;
    }
    let mut specs = Vec::new();
    // §5.6.1: list elements are separated by commas with optional whitespace; empty ones count
    // for nothing.
    for element in set.split(',').map(|element| element.trim_matches([' ', '\t'])) {
        if element.is_empty() {
            continue;
        }
        let (first, last) = element.split_once('-')?;
        specs.push(match (first, last) {
            ("", length) => Spec::Suffix { length: digits(length)? },
            (first, "") => Spec::From { first: digits(first)?, last: None },
            (first, last) => Spec::From { first: digits(first)?, last: Some(digits(last)?) },
        });
    }
    (!specs.is_empty()).then_some(specs)
}

/// `1*DIGIT`; a number too large for u64 is still a number (beyond any file), so it saturates.
fn digits(text: &str) -> Option<u64> {
    if text.is_empty() || !text.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    Some(
        text.bytes()
            .fold(0u64, |value, digit| value.saturating_mul(10).saturating_add(u64::from(digit - b'0'))),
    )
}

/// The inclusive byte span a spec covers in a file of `size` bytes, if it covers any.
fn within(spec: Spec, size: u64) -> Option<(u64, u64)> {
    let end = size.checked_sub(1)?;
    match spec {
        Spec::From { first, last } => (first <= end).then(|| (first, last.map_or(end, |last| last.min(end)))),
        Spec::Suffix { length: 0 } => None,
        Spec::Suffix { length } => Some((size - length.min(size), end)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIZE: u64 = 10;

    fn part(first: u64, last: u64) -> Selection {
        Selection::Part { first, last }
    }

    #[test]
    fn single_ranges_select_their_bytes_with_the_end_clamped_to_the_file() {
        assert_eq!(select(Some("bytes=2-5"), SIZE), part(2, 5));
        assert_eq!(select(Some("bytes=0-"), SIZE), part(0, 9));
        assert_eq!(select(Some("bytes=7-"), SIZE), part(7, 9));
        assert_eq!(select(Some("bytes=-3"), SIZE), part(7, 9));
        assert_eq!(select(Some("bytes=-30"), SIZE), part(0, 9));
        assert_eq!(select(Some("bytes=8-100"), SIZE), part(8, 9));
        assert_eq!(select(Some("bytes=3-99999999999999999999999"), SIZE), part(3, 9));
        assert_eq!(select(Some("Bytes=4-4"), SIZE), part(4, 4));
        assert_eq!(select(Some("bytes= 1-2 ,"), SIZE), part(1, 2));
    }

    #[test]
    fn ranges_outside_the_file_or_backwards_are_unsatisfiable() {
        for header in ["bytes=10-", "bytes=20-30", "bytes=-0", "bytes=5-2", "bytes=20-,30-", "bytes=0-1,5-2"]
        {
            assert_eq!(select(Some(header), SIZE), Selection::Unsatisfiable, "{header}");
        }
        assert_eq!(select(Some("bytes=0-"), 0), Selection::Unsatisfiable, "an empty file has no bytes");
        assert_eq!(select(Some("bytes=-5"), 0), Selection::Unsatisfiable);
    }

    #[test]
    fn values_that_do_not_parse_are_ignored() {
        for header in [
            "bytes=abc",
            "bytes=",
            "bytes=,",
            "bytes=-",
            "bytes=1-2-3",
            "bytes 0-1",
            "items=0-1",
            "bytes=+1-2",
        ] {
            assert_eq!(select(Some(header), SIZE), Selection::Whole, "{header}");
        }
        assert_eq!(select(None, SIZE), Selection::Whole);
    }

    #[test]
    fn several_ranges_select_the_whole_file_when_any_of_them_is_satisfiable() {
        assert_eq!(select(Some("bytes=0-1,4-5"), SIZE), Selection::Whole);
        assert_eq!(select(Some("bytes=0-1, 20-30"), SIZE), Selection::Whole);
    }
}
