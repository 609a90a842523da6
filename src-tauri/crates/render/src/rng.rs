//! A tiny deterministic random source, so the same (seed, scene) always draws the same picture
//! on every computer.

/// SplitMix64: small, fast, and good enough for choosing where trees grow.
#[derive(Debug, Clone)]
pub struct Rng {
    state: u64,
}

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    /// A generator for one scene of one story.
    pub fn for_scene(seed: u64, index: usize) -> Self {
        Self::new(mix(seed, index as u64 ^ 0x5CE4_E000))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        finalize(self.state)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f32 {
        (self.next_u64() >> 40) as f32 / (1u64 << 24) as f32
    }

    /// Uniform in [low, high).
    pub fn range(&mut self, low: f32, high: f32) -> f32 {
        low + (high - low) * self.unit()
    }

    /// Uniform index in 0..len (0 when len is 0).
    pub fn index(&mut self, len: usize) -> usize {
        if len == 0 {
            0
        } else {
            (self.next_u64() % len as u64) as usize
        }
    }

    pub fn chance(&mut self, probability: f32) -> bool {
        self.unit() < probability
    }

    /// -1.0 or 1.0.
    pub fn sign(&mut self) -> f32 {
        if self.chance(0.5) {
            -1.0
        } else {
            1.0
        }
    }
}

/// Combines two values into a well-spread 64-bit hash.
pub fn mix(a: u64, b: u64) -> u64 {
    finalize(a.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ finalize(b.wrapping_add(0xD1B5_4A32_D192_ED03)))
}

fn finalize(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A hash of integer lattice coordinates to [0, 1), for noise.
pub fn lattice(seed: u64, x: i64, y: i64) -> f32 {
    let h = mix(mix(seed, x as u64), y as u64);
    (h >> 40) as f32 / (1u64 << 24) as f32
}
