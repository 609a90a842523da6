//! The parent's choices on the Customize step.

use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type, Default)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    #[default]
    Adventure,
    Friendship,
    Bedtime,
    Silly,
    Brave,
}

impl Theme {
    pub const ALL: [Theme; 5] = [Self::Adventure, Self::Friendship, Self::Bedtime, Self::Silly, Self::Brave];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Adventure => "adventure",
            Self::Friendship => "friendship",
            Self::Bedtime => "bedtime",
            Self::Silly => "silly",
            Self::Brave => "brave",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type, Default)]
#[serde(rename_all = "snake_case")]
pub enum Style {
    /// Clean outline, flat colour.
    #[default]
    Storybook,
    /// Soft edges on textured paper.
    Watercolor,
    /// Waxy strokes on rough paper.
    Crayon,
}

impl Style {
    pub const ALL: [Style; 3] = [Self::Storybook, Self::Watercolor, Self::Crayon];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Storybook => "storybook",
            Self::Watercolor => "watercolor",
            Self::Crayon => "crayon",
        }
    }
}

/// The narrator. Each maps to a voice of the platform's TTS engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type, Default)]
#[serde(rename_all = "snake_case")]
pub enum VoiceType {
    /// Read calmly, at a storyteller's pace.
    #[default]
    Gentle,
    /// Read a little higher and livelier.
    Cheerful,
    /// Read lower and slower, like a grandparent at bedtime.
    Grandparent,
}

impl VoiceType {
    pub const ALL: [VoiceType; 3] = [Self::Gentle, Self::Cheerful, Self::Grandparent];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Gentle => "gentle",
            Self::Cheerful => "cheerful",
            Self::Grandparent => "grandparent",
        }
    }
}

/// The child's age in years; stories are written for 2..=10.
pub type ChildAge = u8;

/// Names and places that make the story the child's own. Every field is optional.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type, Default)]
pub struct PersonalContext {
    pub child_name: String,
    pub pet: String,
    pub place: String,
}

impl PersonalContext {
    pub fn is_empty(&self) -> bool {
        self.child_name.trim().is_empty() && self.pet.trim().is_empty() && self.place.trim().is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Customization {
    pub theme: Theme,
    pub style: Style,
    pub voice_type: VoiceType,
    pub child_age: ChildAge,
    pub personal_context: PersonalContext,
}

impl Customization {
    pub const MIN_AGE: ChildAge = 2;
    pub const MAX_AGE: ChildAge = 10;

    /// The age clamped into the range stories are written for.
    pub fn age(&self) -> ChildAge {
        self.child_age.clamp(Self::MIN_AGE, Self::MAX_AGE)
    }
}

impl Default for Customization {
    fn default() -> Self {
        Self {
            theme: Theme::default(),
            style: Style::default(),
            voice_type: VoiceType::default(),
            child_age: 5,
            personal_context: PersonalContext::default(),
        }
    }
}
