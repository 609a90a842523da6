//! Hex as Cognito speaks it: SALT and SRP_B are integers written in hex of any length
//! (odd lengths and leading zeros included), SRP_A goes out like `BigInteger.toString(16)`.

use zeroize::Zeroizing;

use crate::SrpError;

/// Parses hex text as a non-negative integer and returns its minimal big-endian bytes
/// (no leading zero bytes; zero is the empty slice). Odd lengths get a leading zero nibble.
pub(crate) fn decode_integer(field: &'static str, text: &str) -> Result<Zeroizing<Vec<u8>>, SrpError> {
    if text.is_empty() {
        return Err(SrpError::InvalidHex { field });
    }
    let digits = text.as_bytes();
    let mut bytes = Zeroizing::new(Vec::with_capacity(digits.len().div_ceil(2)));
    let (head, rest) = digits.split_at(digits.len() % 2);
    if let Some(&single) = head.first() {
        bytes.push(nibble(single).ok_or(SrpError::InvalidHex { field })?);
    }
    for pair in rest.chunks_exact(2) {
        let high = nibble(pair[0]).ok_or(SrpError::InvalidHex { field })?;
        let low = nibble(pair[1]).ok_or(SrpError::InvalidHex { field })?;
        bytes.push((high << 4) | low);
    }
    let leading_zeros = bytes.iter().take_while(|&&byte| byte == 0).count();
    bytes.drain(..leading_zeros);
    Ok(bytes)
}

fn nibble(digit: u8) -> Option<u8> {
    match digit {
        b'0'..=b'9' => Some(digit - b'0'),
        b'a'..=b'f' => Some(digit - b'a' + 10),
        b'A'..=b'F' => Some(digit - b'A' + 10),
        _ => None,
    }
}

/// Lowercase hex of an integer given as big-endian bytes, without leading zeros ("0" for zero),
/// the form amazon-cognito-identity-js sends SRP_A in.
pub(crate) fn encode_integer(big_endian: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(big_endian.len() * 2);
    for &byte in big_endian {
        text.push(char::from(DIGITS[usize::from(byte >> 4)]));
        text.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    let significant = text.trim_start_matches('0');
    if significant.is_empty() {
        "0".to_owned()
    } else {
        significant.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(text: &str) -> Result<Vec<u8>, SrpError> {
        decode_integer("SALT", text).map(|bytes| bytes.to_vec())
    }

    #[test]
    fn even_length_hex_is_read_big_endian() {
        assert_eq!(decode("36ef01c6"), Ok(vec![0x36, 0xef, 0x01, 0xc6]));
    }

    #[test]
    fn odd_length_hex_has_an_implied_leading_zero_nibble() {
        assert_eq!(decode("abc"), Ok(vec![0x0a, 0xbc]));
        assert_eq!(decode("7"), Ok(vec![0x07]));
    }

    #[test]
    fn leading_zero_bytes_normalise_through_the_integer() {
        assert_eq!(decode("0000ab"), Ok(vec![0xab]));
        assert_eq!(decode("00ab"), decode("ab"));
        assert_eq!(decode("000"), Ok(vec![]));
    }

    #[test]
    fn upper_and_lower_case_read_the_same() {
        assert_eq!(decode("DEADbeef"), decode("deadbeef"));
    }

    #[test]
    fn malformed_hex_is_an_error_naming_the_field() {
        for text in ["", "0x12", "12 34", "-1", "zz", "12\n", "1_0", "éé", "+1"] {
            assert_eq!(decode(text), Err(SrpError::InvalidHex { field: "SALT" }), "{text:?}");
        }
    }

    #[test]
    fn encoding_drops_leading_zeros_like_biginteger_to_string() {
        assert_eq!(encode_integer(&[0x00, 0x0a, 0xbc]), "abc");
        assert_eq!(encode_integer(&[0xb1, 0xce]), "b1ce");
        assert_eq!(encode_integer(&[0, 0]), "0");
        assert_eq!(encode_integer(&[]), "0");
    }
}
