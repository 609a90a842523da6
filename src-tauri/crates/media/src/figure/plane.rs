//! A bare 2-D buffer for the segmentation passes, which work on single channels (darkness,
//! masks, labels) rather than on pictures.

#[derive(Debug, Clone, PartialEq)]
pub struct Plane<T> {
    pub width: usize,
    pub height: usize,
    pub data: Vec<T>,
}

impl<T: Copy> Plane<T> {
    pub fn filled(width: usize, height: usize, value: T) -> Self {
        Self { width, height, data: vec![value; width * height] }
    }

    pub fn from_fn(width: usize, height: usize, mut f: impl FnMut(usize, usize) -> T) -> Self {
        let mut data = Vec::with_capacity(width * height);
        for y in 0..height {
            for x in 0..width {
                data.push(f(x, y));
            }
        }
        Self { width, height, data }
    }

    #[cfg(test)]
    pub fn get(&self, x: usize, y: usize) -> T {
        self.data[y * self.width + x]
    }

    #[cfg(test)]
    pub fn set(&mut self, x: usize, y: usize, value: T) {
        self.data[y * self.width + x] = value;
    }

    pub fn map<U: Copy>(&self, f: impl Fn(T) -> U) -> Plane<U> {
        Plane { width: self.width, height: self.height, data: self.data.iter().map(|&v| f(v)).collect() }
    }

    pub fn zip_map<U: Copy, V: Copy>(&self, other: &Plane<U>, f: impl Fn(T, U) -> V) -> Plane<V> {
        debug_assert_eq!((self.width, self.height), (other.width, other.height));
        Plane {
            width: self.width,
            height: self.height,
            data: self.data.iter().zip(&other.data).map(|(&a, &b)| f(a, b)).collect(),
        }
    }

    /// The indexes of the pixels on the outer frame, each once.
    pub fn border_indexes(&self) -> impl Iterator<Item = usize> + '_ {
        let (w, h) = (self.width, self.height);
        let top_bottom = (0..w).flat_map(move |x| [x, (h - 1) * w + x]);
        let sides = (1..h.saturating_sub(1)).flat_map(move |y| [y * w, y * w + w - 1]);
        top_bottom.chain(sides).filter(move |_| w > 0 && h > 0)
    }
}

/// A yes/no plane (true = set).
pub type Mask = Plane<bool>;

impl Mask {
    pub fn count(&self) -> usize {
        self.data.iter().filter(|&&v| v).count()
    }

    pub fn and(&self, other: &Mask) -> Mask {
        self.zip_map(other, |a, b| a && b)
    }

    pub fn and_not(&self, other: &Mask) -> Mask {
        self.zip_map(other, |a, b| a && !b)
    }

    pub fn not(&self) -> Mask {
        self.map(|v| !v)
    }
}
