//! The one SRP group Cognito uses (RFC 3526 3072-bit MODP prime N, g = 2, SHA-256) and
//! everything that depends only on it, computed once per process: Montgomery parameters,
//! k = H(pad(N) || pad(g)) and the fixed-base tables for powers of g.

use std::sync::OnceLock;

use crypto_bigint::modular::{FixedMontyForm, FixedMontyParams};
use crypto_bigint::{Odd, U1024, U1280, U256, U3072};
use sha2::{Digest, Sha256};

use crate::fixed_base::FixedBaseTable;
use crate::pad::pad;

/// An integer mod N in Montgomery form.
pub(crate) type Element = FixedMontyForm<{ U3072::LIMBS }>;

/// Bytes of N, the largest value SRP_B may take before reduction.
pub(crate) const MODULUS_BYTES: usize = 384;

/// Exponents a and b are 128 random bytes.
pub(crate) const SECRET_BITS: u32 = 1024;
/// x and u are SHA-256 digests.
pub(crate) const DIGEST_BITS: u32 = 256;
/// a + u*x < 2^1024 + 2^512 fits in 1025 bits; the bound is fixed so its length leaks nothing.
pub(crate) const SESSION_EXPONENT_BITS: u32 = 1025;

pub(crate) const N_HEX: &str = concat!(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74",
    "020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F1437",
    "4FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED",
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF05",
    "98DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB",
    "9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B",
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF695581718",
    "3995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33",
    "A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7",
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864",
    "D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E2",
    "08E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
);
const N: U3072 = U3072::from_be_hex(N_HEX);
const ODD_N: Odd<U3072> = Odd::<U3072>::from_be_hex(N_HEX);
const G: u8 = 2;

pub(crate) struct Group {
    params: FixedMontyParams<{ U3072::LIMBS }>,
    k: Element,
    secret_powers: FixedBaseTable,
    digest_powers: FixedBaseTable,
}

static GROUP: OnceLock<Group> = OnceLock::new();

/// Builds the per-process tables now (a few milliseconds) so that the first sign-in does not
/// pay for them; call it off the UI thread while the parent types the password. Optional:
/// everything builds itself on first use.
pub fn precompute() {
    group();
}

pub(crate) fn group() -> &'static Group {
    GROUP.get_or_init(Group::build)
}

impl Group {
    fn build() -> Self {
        let params = FixedMontyParams::new_vartime(ODD_N);
        let k = Element::new(&uint_from_be(&multiplier_digest()), &params);
        let generator = Element::new(&U3072::from_u8(G), &params);
        Self {
            params,
            k,
            secret_powers: FixedBaseTable::new(&generator, SECRET_BITS),
            digest_powers: FixedBaseTable::new(&generator, DIGEST_BITS),
        }
    }

    pub(crate) fn k(&self) -> &Element {
        &self.k
    }

    /// g^e for a 1024-bit secret exponent (a, or the server's b).
    pub(crate) fn g_pow_secret(&self, exponent: &U1024) -> Element {
        self.secret_powers.pow(exponent.as_words())
    }

    /// g^e for a 256-bit exponent (x).
    pub(crate) fn g_pow_digest(&self, exponent: &U256) -> Element {
        self.digest_powers.pow(exponent.as_words())
    }

    /// base^e for the session exponent a + u*x (at most 1025 bits), in constant time.
    pub(crate) fn pow_session(&self, base: &Element, exponent: &U1280) -> Element {
        base.pow_bounded_exp(exponent, SESSION_EXPONENT_BITS)
    }

    /// Reduces an integer below 2^3072 modulo N (one conditional subtraction: 2^3072 < 2N).
    pub(crate) fn reduce(&self, value: &U3072) -> U3072 {
        let (difference, borrow) = value.borrowing_sub(&N, crypto_bigint::Limb::ZERO);
        if borrow.0 == 0 {
            difference
        } else {
            *value
        }
    }

    /// Converts an integer below N into Montgomery form.
    pub(crate) fn element(&self, value: &U3072) -> Element {
        Element::new(value, &self.params)
    }
}

/// k = H(pad(N) || pad(g)) as digest bytes.
fn multiplier_digest() -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(pad(N.to_be_bytes().as_ref()).as_slice());
    hasher.update(pad(&[G]).as_slice());
    hasher.finalize().into()
}

/// Big-endian bytes (at most 384) as a 3072-bit integer.
pub(crate) fn uint_from_be(bytes: &[u8]) -> U3072 {
    let mut buffer = zeroize::Zeroizing::new([0u8; MODULUS_BYTES]);
    let start = MODULUS_BYTES.saturating_sub(bytes.len());
    let tail = &bytes[bytes.len().saturating_sub(MODULUS_BYTES)..];
    buffer[start..].copy_from_slice(tail);
    U3072::from_be_slice(buffer.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn k_is_the_documented_value() {
        let k_hex: String = multiplier_digest().iter().map(|byte| format!("{byte:02x}")).collect();
        assert_eq!(k_hex, "538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6");
    }

    #[test]
    fn n_is_the_rfc_3526_prime_with_its_top_bit_set() {
        let bytes = N.to_be_bytes();
        assert_eq!(bytes.as_ref().len(), MODULUS_BYTES);
        assert_eq!(pad(bytes.as_ref()).len(), MODULUS_BYTES + 1, "pad(N) gains a 00 byte");
        assert_eq!(&bytes.as_ref()[..8], &[0xff; 8]);
        assert_eq!(&bytes.as_ref()[MODULUS_BYTES - 8..], &[0xff; 8]);
    }

    #[test]
    fn fixed_base_powers_agree_with_plain_exponentiation() {
        let group = group();
        let generator = group.element(&U3072::from_u8(G));
        let exponents = [
            U1024::ZERO,
            U1024::ONE,
            U1024::from_u64(0xdead_beef),
            U1024::MAX,
            U1024::from_be_hex(&"5a".repeat(128)),
            U1024::ONE.shl_vartime(1023),
        ];
        for exponent in exponents {
            assert_eq!(group.g_pow_secret(&exponent), generator.pow(&exponent), "{exponent}");
        }
        for exponent in [U256::ZERO, U256::ONE, U256::MAX, U256::from_be_hex(&"c3".repeat(32))] {
            assert_eq!(group.g_pow_digest(&exponent), generator.pow(&exponent), "{exponent}");
        }
    }

    #[test]
    fn reduce_subtracts_n_only_when_needed() {
        let group = group();
        assert_eq!(group.reduce(&N), U3072::ZERO);
        assert_eq!(group.reduce(&U3072::MAX), U3072::MAX.wrapping_sub(&N));
        assert_eq!(group.reduce(&U3072::from_u8(5)), U3072::from_u8(5));
        let below = N.wrapping_sub(&U3072::ONE);
        assert_eq!(group.reduce(&below), below);
    }

    #[test]
    fn uint_from_be_reads_short_inputs_as_small_numbers() {
        assert_eq!(uint_from_be(&[1, 0]), U3072::from_u16(256));
        assert_eq!(uint_from_be(&[]), U3072::ZERO);
    }
}
