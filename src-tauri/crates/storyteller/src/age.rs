//! How a child's age shapes a story: sentence length, vocabulary and the number of scenes. Kept in
//! one place so every theme grows up the same way.

use model::ChildAge;

/// The reading level a story is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Band {
    /// Ages 2-3: very short sentences, simple words, repetition.
    Toddler,
    /// Ages 4-6: medium sentences.
    Preschool,
    /// Ages 7-10: richer sentences and vocabulary, more scenes.
    Reader,
}

impl Band {
    pub(crate) fn for_age(age: ChildAge) -> Self {
        match age {
            0..=3 => Self::Toddler,
            4..=6 => Self::Preschool,
            _ => Self::Reader,
        }
    }

    /// Position in `#(toddler|preschool|reader)` choices.
    pub(crate) fn index(self) -> usize {
        match self {
            Self::Toddler => 0,
            Self::Preschool => 1,
            Self::Reader => 2,
        }
    }

    /// How many scenes a story for this band has, inclusive.
    pub(crate) fn scene_range(self) -> (usize, usize) {
        match self {
            Self::Toddler => (4, 5),
            Self::Preschool => (5, 6),
            Self::Reader => (6, 8),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_follow_the_age_brackets() {
        assert_eq!(Band::for_age(2), Band::Toddler);
        assert_eq!(Band::for_age(3), Band::Toddler);
        assert_eq!(Band::for_age(4), Band::Preschool);
        assert_eq!(Band::for_age(6), Band::Preschool);
        assert_eq!(Band::for_age(7), Band::Reader);
        assert_eq!(Band::for_age(10), Band::Reader);
    }

    #[test]
    fn older_children_get_at_least_as_many_scenes() {
        let ranges: Vec<_> =
            [Band::Toddler, Band::Preschool, Band::Reader].iter().map(|b| b.scene_range()).collect();
        for pair in ranges.windows(2) {
            assert!(pair[0].0 <= pair[1].0 && pair[0].1 <= pair[1].1);
        }
        assert!(ranges.iter().all(|(low, high)| 4 <= *low && low <= high && *high <= 8));
    }
}
