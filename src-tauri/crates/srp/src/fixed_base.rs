//! Powers of the fixed generator g by the Lim-Lee comb: one table per exponent length, built
//! once, turns g^e into about bits/ROWS squarings and as many multiplications instead of
//! `bits` squarings. Table entries are read by a constant-time scan, because e is a secret;
//! they are kept as bare Montgomery integers so the scan touches 384 bytes per entry rather
//! than a whole `FixedMontyForm` with its parameters.

use crypto_bigint::modular::FixedMontyParams;
use crypto_bigint::{Choice, CtAssign, Limb, Word, U3072};
use zeroize::Zeroize as _;

use crate::group::Element;

/// Rows of the comb: 2^ROWS table entries, ceil(bits / ROWS) squarings per power.
const ROWS: u32 = 6;

pub(crate) struct FixedBaseTable {
    /// Bits covered per row.
    columns: u32,
    /// entries[j] = product over the set bits i of j of g^(2^(i * columns)), in Montgomery form.
    entries: Vec<U3072>,
    params: FixedMontyParams<{ U3072::LIMBS }>,
}

impl FixedBaseTable {
    pub(crate) fn new(generator: &Element, exponent_bits: u32) -> Self {
        let columns = exponent_bits.div_ceil(ROWS);
        let one = Element::one(generator.params());
        let mut row_bases = Vec::with_capacity(ROWS as usize);
        let mut base = *generator;
        for _ in 0..ROWS {
            row_bases.push(base);
            base = base.square_repeat_vartime(columns);
        }
        let mut entries: Vec<Element> = Vec::with_capacity(1 << ROWS);
        entries.push(one);
        for index in 1usize..(1 << ROWS) {
            let top = usize::BITS - 1 - index.leading_zeros();
            let rest = index & !(1 << top);
            entries.push(entries[rest].mul(&row_bases[top as usize]));
        }
        Self {
            columns,
            entries: entries.iter().map(|entry| *entry.as_montgomery()).collect(),
            params: *generator.params(),
        }
    }

    /// g^e for e given as little-endian words; bits beyond the table's length are ignored.
    pub(crate) fn pow(&self, exponent: &[Word]) -> Element {
        let mut result = Element::one(&self.params);
        for column in (0..self.columns).rev() {
            if column + 1 != self.columns {
                result = result.square();
            }
            let mut index = 0u32;
            for row in 0..ROWS {
                index |= bit(exponent, row * self.columns + column) << row;
            }
            let mut chosen = self.select(index);
            result = result.mul(&Element::from_montgomery(chosen, &self.params));
            chosen.zeroize();
        }
        result
    }

    fn select(&self, index: u32) -> U3072 {
        let mut chosen = self.entries[0];
        for (position, entry) in (0u32..).zip(&self.entries) {
            chosen.ct_assign(entry, Choice::from_u32_eq(position, index));
        }
        chosen
    }
}

fn bit(words: &[Word], position: u32) -> u32 {
    let word = words.get((position / Limb::BITS) as usize).copied().unwrap_or(0);
    ((word >> (position % Limb::BITS)) & 1) as u32
}
