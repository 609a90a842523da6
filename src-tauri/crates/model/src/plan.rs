//! What one scene's picture shows, in words both the story and the picture agree on: the place,
//! the time of day and weather, who is there, what things are there and what the hero does. The
//! planner reads it from the scene's text; the renderer draws from it.

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::rig::Motion;

/// The character that stands for the child's own drawing in `ScenePlan::characters`.
pub const HERO: &str = "hero";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type, Default)]
#[serde(rename_all = "snake_case")]
pub enum TimeOfDay {
    #[default]
    Morning,
    Midday,
    Afternoon,
    /// Sunset and dusk.
    Evening,
    Night,
}

impl TimeOfDay {
    pub const ALL: [TimeOfDay; 5] =
        [Self::Morning, Self::Midday, Self::Afternoon, Self::Evening, Self::Night];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Morning => "morning",
            Self::Midday => "midday",
            Self::Afternoon => "afternoon",
            Self::Evening => "evening",
            Self::Night => "night",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type, Default)]
#[serde(rename_all = "snake_case")]
pub enum Weather {
    #[default]
    Clear,
    Cloudy,
    Windy,
    Rain,
    Snow,
    Fog,
    Rainbow,
}

impl Weather {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Clear => "clear",
            Self::Cloudy => "cloudy",
            Self::Windy => "windy",
            Self::Rain => "rain",
            Self::Snow => "snow",
            Self::Fog => "fog",
            Self::Rainbow => "rainbow",
        }
    }
}

/// What the hero does in a scene, as a picture (and, later, a motion) can show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type, Default)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    #[default]
    Walk,
    Run,
    Jump,
    Dance,
    Climb,
    Swim,
    Fly,
    Dig,
    Wave,
    Hug,
    Look,
    Sit,
    Sleep,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Walk => "walk",
            Self::Run => "run",
            Self::Jump => "jump",
            Self::Dance => "dance",
            Self::Climb => "climb",
            Self::Swim => "swim",
            Self::Fly => "fly",
            Self::Dig => "dig",
            Self::Wave => "wave",
            Self::Hug => "hug",
            Self::Look => "look",
            Self::Sit => "sit",
            Self::Sleep => "sleep",
        }
    }

    /// How the child's figure moves while the scene tells of this: the nearest of the motions
    /// a drawing can make without changing shape (a drawing cannot swim, so it wiggles).
    pub fn motion(self) -> Motion {
        match self {
            Self::Walk | Self::Run => Motion::Walk,
            Self::Jump => Motion::Jump,
            Self::Dance => Motion::Dance,
            Self::Climb | Self::Fly => Motion::Hop,
            Self::Swim | Self::Dig | Self::Sit => Motion::Wiggle,
            Self::Wave | Self::Hug => Motion::Wave,
            Self::Look => Motion::Peek,
            Self::Sleep => Motion::Sleep,
        }
    }
}

/// One scene's picture, planned. Element names (`characters`, `props`) come from the planner's
/// catalogue, every one of which the renderer can draw.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Type, Default)]
pub struct ScenePlan {
    /// The place, as the parent or the story gave it ("the castle", "a sunny meadow").
    pub setting: String,
    /// The feeling of the page ("mysterious", "cheerful"); it colours the light.
    pub mood: String,
    pub time_of_day: TimeOfDay,
    pub weather: Weather,
    /// `HERO` first, then each companion the scene names ("owl", "dog", "child").
    pub characters: Vec<String>,
    /// The things the scene names ("kite", "tower", "teapot").
    pub props: Vec<String>,
    pub action: Action,
}

impl ScenePlan {
    /// Every element the picture must contain besides the hero and the backdrop.
    pub fn elements(&self) -> impl Iterator<Item = &str> {
        self.characters.iter().chain(&self.props).map(String::as_str).filter(|name| *name != HERO)
    }
}
