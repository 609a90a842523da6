//! `pad()`: the bytes of Java's `BigInteger.toByteArray()` for a non-negative integer, which
//! Cognito hashes for N, g, A, B, salt, S and u. Not RFC 5054 fixed-width padding.

use zeroize::Zeroizing;

/// Minimal big-endian bytes with one `00` prepended when the top bit is set; zero is `[00]`.
/// Leading zero bytes in the input are ignored (the value is what counts).
pub(crate) fn pad(big_endian: &[u8]) -> Zeroizing<Vec<u8>> {
    let leading_zeros = big_endian.iter().take_while(|&&byte| byte == 0).count();
    let significant = &big_endian[leading_zeros..];
    let mut padded = Zeroizing::new(Vec::with_capacity(significant.len() + 1));
    match significant.first() {
        None => padded.push(0),
        Some(&top) if top & 0x80 != 0 => padded.push(0),
        Some(_) => {}
    }
    padded.extend_from_slice(significant);
    padded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_is_a_single_zero_byte() {
        assert_eq!(pad(&[]).as_slice(), [0x00]);
        assert_eq!(pad(&[0, 0, 0]).as_slice(), [0x00]);
    }

    #[test]
    fn top_bit_clear_is_kept_as_is() {
        assert_eq!(pad(&[0x7f]).as_slice(), [0x7f]);
        assert_eq!(pad(&[0x02]).as_slice(), [0x02]);
        assert_eq!(pad(&[0x01, 0x00]).as_slice(), [0x01, 0x00]);
    }

    #[test]
    fn top_bit_set_gets_one_zero_byte() {
        assert_eq!(pad(&[0x80]).as_slice(), [0x00, 0x80]);
        assert_eq!(pad(&[0xff, 0xff]).as_slice(), [0x00, 0xff, 0xff]);
    }

    #[test]
    fn leading_zero_bytes_are_stripped_before_the_top_bit_rule() {
        assert_eq!(pad(&[0x00, 0x00, 0x7f]).as_slice(), [0x7f]);
        assert_eq!(pad(&[0x00, 0x00, 0x80, 0x01]).as_slice(), [0x00, 0x80, 0x01]);
        // An already padded value is a fixed point.
        assert_eq!(pad(&[0x00, 0x80]).as_slice(), [0x00, 0x80]);
    }

    #[test]
    fn matches_java_for_a_spread_of_small_values() {
        // BigInteger.valueOf(v).toByteArray() for non-negative v, computed by the rule
        // "bit length / 8 + 1 bytes".
        for value in [0u32, 1, 127, 128, 255, 256, 32767, 32768, 65535, 65536, 0x00ff_ffff, 0x0080_0000] {
            let bit_length = 32 - value.leading_zeros();
            let java_len = usize::try_from(bit_length / 8 + 1).unwrap_or(5);
            let java = &value.to_be_bytes()[..];
            let expected: Vec<u8> =
                if java_len > 4 { [&[0u8][..], java].concat() } else { java[4 - java_len..].to_vec() };
            assert_eq!(pad(&value.to_be_bytes()).as_slice(), expected.as_slice(), "{value}");
        }
    }
}
