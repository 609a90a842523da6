//! The skeleton found in a child's figure, as plain data: it lives here rather than in the rig
//! engine so a parent's corrections can be saved with a draft, printed by the command line and
//! shown in the window without any of them depending on the engine that found it.

use serde::{Deserialize, Serialize};
use specta::Type;

/// What part of the figure a joint belongs to; motions are written in these terms, so one motion
/// fits a boy, a pig, a six-armed bug and a garlic bulb alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum JointKind {
    Head,
    Body,
    Arm,
    Leg,
    Tail,
    /// Antennae, pigtails, ears, wings: whatever else sticks out.
    Other,
}

/// What kind of appendage a chain of joints is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum LimbKind {
    Arm,
    Leg,
    Tail,
    Other,
}

impl LimbKind {
    /// The kind its joints carry.
    pub fn joint_kind(self) -> JointKind {
        match self {
            Self::Arm => JointKind::Arm,
            Self::Leg => JointKind::Leg,
            Self::Tail => JointKind::Tail,
            Self::Other => JointKind::Other,
        }
    }
}

/// A motion for a story scene. Each is a loop or a short act, given by time in seconds and a
/// seed (which arm waves, which way to spin, the tempo, within a tenth either way).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Motion {
    /// Walking on the spot: legs step, arms swing, the body bobs.
    Walk,
    /// Hopping on the spot, squashing on each landing.
    Hop,
    /// Raising one arm (or a front leg) and waving it.
    Wave,
    /// Crouching, leaping high with arms up, and landing.
    Jump,
    /// Swaying to a beat, arms up in turn.
    Dance,
    /// A twirl all the way round with arms out.
    Spin,
    /// Breathing slowly with the head drooped.
    Sleep,
    /// A quick shimmy of everything.
    Wiggle,
    /// Sliding in from the side, leaning, then settling and waving.
    Peek,
    /// Standing as drawn: the figure only glides and sways, as a whole.
    Still,
}

impl Motion {
    /// Every motion that moves the figure's parts (all but [`Motion::Still`]).
    pub const ALL: [Motion; 9] = [
        Motion::Walk,
        Motion::Hop,
        Motion::Wave,
        Motion::Jump,
        Motion::Dance,
        Motion::Spin,
        Motion::Sleep,
        Motion::Wiggle,
        Motion::Peek,
    ];

    /// The motion's name, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Motion::Walk => "walk",
            Motion::Hop => "hop",
            Motion::Wave => "wave",
            Motion::Jump => "jump",
            Motion::Dance => "dance",
            Motion::Spin => "spin",
            Motion::Sleep => "sleep",
            Motion::Wiggle => "wiggle",
            Motion::Peek => "peek",
            Motion::Still => "still",
        }
    }
}

/// One joint, in the pixel coordinates of the figure's mask (the drawing's, when the mask is the
/// drawing's size).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Type)]
pub struct Joint {
    pub id: u32,
    pub x: f32,
    pub y: f32,
    /// `None` only for the root, the body's centre.
    pub parent: Option<u32>,
    pub kind: JointKind,
}

/// An appendage: its joints from where it leaves the body to its tip.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Limb {
    pub kind: LimbKind,
    pub joints: Vec<u32>,
}

/// A figure's skeleton: a tree of joints rooted at the body's centre, and the limbs among them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type, Default)]
pub struct Rig {
    pub joints: Vec<Joint>,
    pub limbs: Vec<Limb>,
}

impl Rig {
    /// The joint with this id.
    pub fn joint(&self, id: u32) -> Option<&Joint> {
        self.joints.iter().find(|joint| joint.id == id)
    }

    /// The root joint (the one without a parent), if there is exactly one.
    pub fn root(&self) -> Option<&Joint> {
        let mut roots = self.joints.iter().filter(|joint| joint.parent.is_none());
        match (roots.next(), roots.next()) {
            (Some(root), None) => Some(root),
            _ => None,
        }
    }

    /// How many limbs of this kind the rig has.
    pub fn count(&self, kind: LimbKind) -> usize {
        self.limbs.iter().filter(|limb| limb.kind == kind).count()
    }

    /// Whether the rig has a head.
    pub fn has_head(&self) -> bool {
        self.joints.iter().any(|joint| joint.kind == JointKind::Head)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_with_snake_case_kinds() {
        let rig = Rig {
            joints: vec![
                Joint { id: 0, x: 10.0, y: 20.5, parent: None, kind: JointKind::Body },
                Joint { id: 1, x: 4.0, y: 30.0, parent: Some(0), kind: JointKind::Leg },
            ],
            limbs: vec![Limb { kind: LimbKind::Leg, joints: vec![1] }],
        };
        let json = serde_json::to_string(&rig).expect("a rig serialises");
        assert!(json.contains(r#""kind":"leg""#), "{json}");
        assert!(json.contains(r#""parent":null"#), "{json}");
        let back: Rig = serde_json::from_str(&json).expect("and reads back");
        assert_eq!(back, rig);
        assert_eq!(back.root().map(|joint| joint.id), Some(0));
        assert_eq!(back.count(LimbKind::Leg), 1);
        assert!(!back.has_head());
    }
}
