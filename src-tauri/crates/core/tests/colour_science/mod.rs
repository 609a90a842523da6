//! Colour measured the way the standard measures it, for the colour tests: sRGB to CIELAB
//! (D65 white) and the CIEDE2000 colour difference (Sharma, Wu and Dalal, "The CIEDE2000
//! colour-difference formula: implementation notes, supplementary test data, and mathematical
//! observations", Color Research & Application 30(1), 2005), checked on that paper's pairs.

#![allow(dead_code)]

/// A CIELAB colour: lightness 0..=100, green-red `a`, blue-yellow `b`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lab {
    pub l: f64,
    pub a: f64,
    pub b: f64,
}

impl Lab {
    /// Distance from grey, the CIELAB chroma C*ab.
    pub fn chroma(&self) -> f64 {
        self.a.hypot(self.b)
    }

    /// The CIELAB hue angle h_ab in degrees, 0..360.
    pub fn hue(&self) -> f64 {
        self.b.atan2(self.a).to_degrees().rem_euclid(360.0)
    }
}

/// An sRGB-encoded colour with channels in 0..=1, through linear light and CIE XYZ, to CIELAB
/// relative to the D65 white of sRGB (so sRGB white is exactly L 100, a 0, b 0).
pub fn srgb_to_lab(rgb: [f64; 3]) -> Lab {
    let linear = rgb.map(|c| {
        let c = c.clamp(0.0, 1.0);
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    });
    // IEC 61966-2-1 primaries and D65 white.
    const M: [[f64; 3]; 3] = [
        [0.412_456_4, 0.357_576_1, 0.180_437_5],
        [0.212_672_9, 0.715_152_2, 0.072_175_0],
        [0.019_333_9, 0.119_192_0, 0.950_304_1],
    ];
    let xyz = M.map(|row| row[0] * linear[0] + row[1] * linear[1] + row[2] * linear[2]);
    let white = M.map(|row| row[0] + row[1] + row[2]);
    let f = |t: f64| {
        const DELTA: f64 = 6.0 / 29.0;
        if t > DELTA * DELTA * DELTA {
            t.cbrt()
        } else {
            t / (3.0 * DELTA * DELTA) + 4.0 / 29.0
        }
    };
    let [fx, fy, fz] = [0, 1, 2].map(|i| f(xyz[i] / white[i]));
    Lab { l: 116.0 * fy - 16.0, a: 500.0 * (fx - fy), b: 200.0 * (fy - fz) }
}

/// [`srgb_to_lab`] of 8-bit channels.
pub fn srgb8_to_lab(rgb: [u8; 3]) -> Lab {
    srgb_to_lab(rgb.map(|c| f64::from(c) / 255.0))
}

/// The CIEDE2000 colour difference ΔE00 (kL = kC = kH = 1).
pub fn delta_e_2000(first: Lab, second: Lab) -> f64 {
    let c_bar = (first.chroma() + second.chroma()) / 2.0;
    let c_bar7 = c_bar.powi(7);
    let g = 0.5 * (1.0 - (c_bar7 / (c_bar7 + 25f64.powi(7))).sqrt());
    // a' stretched by G, then C' and h' from it.
    let prime = |lab: Lab| {
        let a = (1.0 + g) * lab.a;
        let c = a.hypot(lab.b);
        let h = if a == 0.0 && lab.b == 0.0 { 0.0 } else { lab.b.atan2(a).to_degrees().rem_euclid(360.0) };
        (c, h)
    };
    let ((c1, h1), (c2, h2)) = (prime(first), prime(second));

    let delta_l = second.l - first.l;
    let delta_c = c2 - c1;
    let delta_h_angle = if c1 * c2 == 0.0 {
        0.0
    } else {
        let difference = h2 - h1;
        if difference > 180.0 {
            difference - 360.0
        } else if difference < -180.0 {
            difference + 360.0
        } else {
            difference
        }
    };
    let delta_h = 2.0 * (c1 * c2).sqrt() * (delta_h_angle / 2.0).to_radians().sin();

    let l_mean = (first.l + second.l) / 2.0;
    let c_mean = (c1 + c2) / 2.0;
    let h_mean = if c1 * c2 == 0.0 {
        h1 + h2
    } else if (h1 - h2).abs() <= 180.0 {
        (h1 + h2) / 2.0
    } else if h1 + h2 < 360.0 {
        (h1 + h2 + 360.0) / 2.0
    } else {
        (h1 + h2 - 360.0) / 2.0
    };
    let cos = |degrees: f64| degrees.to_radians().cos();
    let t = 1.0 - 0.17 * cos(h_mean - 30.0) + 0.24 * cos(2.0 * h_mean) + 0.32 * cos(3.0 * h_mean + 6.0)
        - 0.20 * cos(4.0 * h_mean - 63.0);
    let delta_theta = 30.0 * (-((h_mean - 275.0) / 25.0).powi(2)).exp();
    let c_mean7 = c_mean.powi(7);
    let r_c = 2.0 * (c_mean7 / (c_mean7 + 25f64.powi(7))).sqrt();
    let l_offset = (l_mean - 50.0).powi(2);
    let s_l = 1.0 + 0.015 * l_offset / (20.0 + l_offset).sqrt();
    let s_c = 1.0 + 0.045 * c_mean;
    let s_h = 1.0 + 0.015 * c_mean * t;
    let r_t = -(2.0 * delta_theta).to_radians().sin() * r_c;

    let (l, c, h) = (delta_l / s_l, delta_c / s_c, delta_h / s_h);
    (l * l + c * c + h * h + r_t * c * h).sqrt()
}

/// The smaller angle between two hues, in degrees (0..=180).
pub fn hue_distance(first: f64, second: f64) -> f64 {
    let difference = (first - second).rem_euclid(360.0);
    difference.min(360.0 - difference)
}

#[test]
fn ciede2000_gives_the_published_differences_of_sharma_wu_and_dalal() {
    // Table 1 of the paper: L1 a1 b1, L2 a2 b2, ΔE00. The pairs include the ones that catch the
    // usual mistakes: hue means across 0°, hue differences across ±180°, zero chroma, and the
    // blue region's rotation term.
    #[rustfmt::skip]
    let pairs: [([f64; 3], [f64; 3], f64); 17] = [
        ([50.0, 2.6772, -79.7751], [50.0, 0.0, -82.7485], 2.0425),
        ([50.0, 3.1571, -77.2803], [50.0, 0.0, -82.7485], 2.8615),
        ([50.0, -1.3802, -84.2814], [50.0, 0.0, -82.7485], 1.0000),
        ([50.0, 0.0, 0.0], [50.0, -1.0, 2.0], 2.3669),
        ([50.0, 2.49, -0.001], [50.0, -2.49, 0.0009], 7.1792),
        ([50.0, 2.49, -0.001], [50.0, -2.49, 0.0011], 7.2195),
        ([50.0, -0.001, 2.49], [50.0, 0.0009, -2.49], 4.8045),
        ([50.0, -0.001, 2.49], [50.0, 0.0011, -2.49], 4.7461),
        ([50.0, 2.5, 0.0], [50.0, 0.0, -2.5], 4.3065),
        ([50.0, 2.5, 0.0], [73.0, 25.0, -18.0], 27.1492),
        ([50.0, 2.5, 0.0], [61.0, -5.0, 29.0], 22.8977),
        ([50.0, 2.5, 0.0], [56.0, -27.0, -3.0], 31.9030),
        ([60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644),
        ([63.0109, -31.0961, -5.8663], [62.8187, -29.7946, -4.0864], 1.2630),
        ([22.7233, 20.0904, -46.6940], [23.0331, 14.9730, -42.5619], 2.0373),
        ([90.8027, -2.0831, 1.4410], [91.1528, -1.6435, 0.0447], 1.4441),
        ([2.0776, 0.0795, -1.1350], [0.9033, -0.0636, -0.5514], 0.9082),
    ];
    for (first, second, published) in pairs {
        let lab = |v: [f64; 3]| Lab { l: v[0], a: v[1], b: v[2] };
        for (one, other) in [(lab(first), lab(second)), (lab(second), lab(first))] {
            let found = delta_e_2000(one, other);
            assert!(
                (found - published).abs() < 5e-5,
                "ΔE00 of {one:?} and {other:?} is {found:.4}, published {published:.4}"
            );
        }
    }
}

#[test]
fn srgb_converts_to_the_known_cielab_values() {
    // White is the reference white; the primaries as every colour calculator gives them.
    let close = |lab: Lab, expected: [f64; 3]| {
        (lab.l - expected[0]).abs() < 0.02
            && (lab.a - expected[1]).abs() < 0.02
            && (lab.b - expected[2]).abs() < 0.02
    };
    let white = srgb8_to_lab([255, 255, 255]);
    assert!(close(white, [100.0, 0.0, 0.0]), "{white:?}");
    let red = srgb8_to_lab([255, 0, 0]);
    assert!(close(red, [53.24, 80.09, 67.20]), "{red:?}");
    let green = srgb8_to_lab([0, 255, 0]);
    assert!(close(green, [87.73, -86.18, 83.18]), "{green:?}");
    let blue = srgb8_to_lab([0, 0, 255]);
    assert!(close(blue, [32.30, 79.19, -107.86]), "{blue:?}");
    let grey = srgb8_to_lab([119, 119, 119]);
    assert!(grey.chroma() < 1e-9 && (grey.l - 50.0).abs() < 0.2, "{grey:?}");
}
