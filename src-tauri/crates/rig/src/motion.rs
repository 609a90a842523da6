//! What a figure does in a scene, written on joint kinds (legs step, arms wave, a tail wags, the
//! body bounces) rather than on particular joints, so every motion fits every rig: a boy, a pig
//! on four legs, a bug with six arms, and a garlic bulb with no limbs at all, which still
//! bounces, leans and squashes.

use std::f32::consts::{FRAC_PI_2, PI, TAU};

pub use model::Motion;
use model::{JointKind, LimbKind, Rig};

/// A posed figure: a turn at each joint plus how the whole figure moves.
#[derive(Debug, Clone, PartialEq)]
pub struct Pose {
    /// Rotation at each joint, in the rig's joint order, in radians; positive turns clockwise on
    /// screen. A joint's turn carries everything beyond it (the shoulder carries the arm).
    pub angles: Vec<f32>,
    /// Squash and stretch (x, y) about `pivot`, applied first.
    pub scale: [f32; 2],
    /// Whole-figure turn about `pivot`, in radians, clockwise on screen.
    pub turn: f32,
    /// The point scaling and turning keep in place (usually between the feet).
    pub pivot: [f32; 2],
    /// Whole-figure shift, in pixels, applied last.
    pub offset: [f32; 2],
}

impl Pose {
    /// The drawing as it is.
    pub fn rest(joints: usize) -> Self {
        Self {
            angles: vec![0.0; joints],
            scale: [1.0, 1.0],
            turn: 0.0,
            pivot: [0.0, 0.0],
            offset: [0.0, 0.0],
        }
    }

    /// The same pose with every joint turn scaled by `amount` (0 = no bending, 1 = as
    /// posed); the whole-figure move stays, since moving the figure as a whole never folds it.
    pub fn with_bend(&self, amount: f32) -> Self {
        Self { angles: self.angles.iter().map(|a| a * amount).collect(), ..self.clone() }
    }
}

/// What the motions need to know about a figure, read once from its rig and mesh.
#[derive(Debug, Clone)]
pub(crate) struct Anatomy {
    joints: usize,
    limbs: Vec<LimbInfo>,
    /// The joint the head turns on.
    neck: Option<usize>,
    /// The spine joint whose turn bends the upper body.
    bend: Option<usize>,
    height: f32,
    width: f32,
    /// Between the feet: the bottom of the figure under the body's centre.
    ground: [f32; 2],
    centre: [f32; 2],
    /// For an animal seen from the side, +1 when its head is to the right, -1 to the left.
    facing: Option<f32>,
}

#[derive(Debug, Clone)]
struct LimbInfo {
    kind: LimbKind,
    /// Joint indices, base to tip.
    joints: Vec<usize>,
    /// -1 left of the body's centre, +1 right of it.
    side: f32,
    /// Direction of the limb's first bone at rest, radians (y down).
    rest: f32,
    base: [f32; 2],
}

impl Anatomy {
    pub fn new(rig: &Rig, bounds: [f32; 4]) -> Self {
        let index = |id: u32| rig.joints.iter().position(|j| j.id == id);
        let root = rig.joints.iter().position(|j| j.parent.is_none()).unwrap_or(0);
        let root_pos = rig.joints.get(root).map_or([0.0, 0.0], |j| [j.x, j.y]);
        let pos = |i: usize| [rig.joints[i].x, rig.joints[i].y];
        let limbs: Vec<LimbInfo> = rig
            .limbs
            .iter()
            .filter_map(|limb| {
                let joints: Vec<usize> = limb.joints.iter().filter_map(|&id| index(id)).collect();
                let first = *joints.first()?;
                let base = pos(first);
                let next = joints.get(1).map_or(base, |&j| pos(j));
                let rest = if next == base {
                    (base[1] - root_pos[1]).atan2(base[0] - root_pos[0])
                } else {
                    (next[1] - base[1]).atan2(next[0] - base[0])
                };
                let tip = pos(*joints.last()?);
                let side =
                    if (tip[0] - root_pos[0]).abs() < 1e-3 { 1.0 } else { (tip[0] - root_pos[0]).signum() };
                Some(LimbInfo { kind: limb.kind, joints, side, rest, base })
            })
            .collect();
        let neck = rig.joints.iter().position(|j| {
            j.kind == JointKind::Head
                && j.parent.and_then(index).is_none_or(|p| rig.joints[p].kind != JointKind::Head)
        });
        // The upper body bends at the last spine joint that still has a spine joint after it.
        let spine_child = |i: usize| {
            rig.joints.iter().any(|j| {
                j.parent == Some(rig.joints[i].id) && matches!(j.kind, JointKind::Body | JointKind::Head)
            })
        };
        let bend = rig
            .joints
            .iter()
            .enumerate()
            .filter(|(i, j)| *i != root && j.kind == JointKind::Body && spine_child(*i))
            .map(|(i, _)| i)
            .next_back()
            .or_else(|| neck.and_then(|n| rig.joints[n].parent.and_then(index)).filter(|&p| p != root));
        // Seen from the side when the head is more beside the body than above it.
        let heads: Vec<[f32; 2]> =
            rig.joints.iter().filter(|j| j.kind == JointKind::Head).map(|j| [j.x, j.y]).collect();
        let facing = (!heads.is_empty()).then(|| {
            let n = heads.len() as f32;
            let hx = heads.iter().map(|h| h[0]).sum::<f32>() / n;
            let hy = heads.iter().map(|h| h[1]).sum::<f32>() / n;
            ((hx - root_pos[0]).abs() > (hy - root_pos[1]).abs()).then(|| (hx - root_pos[0]).signum())
        });
        let facing = facing.flatten();
        let [x0, y0, x1, y1] = bounds;
        Self {
            joints: rig.joints.len(),
            limbs,
            neck,
            bend,
            height: (y1 - y0).max(1.0),
            width: (x1 - x0).max(1.0),
            ground: [root_pos[0], y1],
            centre: root_pos,
            facing,
        }
    }

    fn of(&self, kind: LimbKind) -> impl Iterator<Item = (usize, &LimbInfo)> {
        self.limbs.iter().filter(move |l| l.kind == kind).enumerate()
    }

    fn has(&self, kind: LimbKind) -> bool {
        self.limbs.iter().any(|l| l.kind == kind)
    }
}

/// Reproducible numbers from a seed (splitmix64), so the same seed gives the same motion.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }
}

fn wrap(angle: f32) -> f32 {
    (angle + PI).rem_euclid(TAU) - PI
}

fn smoothstep(t: f32) -> f32 {
    let t = t.clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

/// How the motion plays for this seed.
struct Beat {
    tempo: f32,
    phase: f32,
    /// +1 or -1: which way to turn, which side to enter from, which side to droop.
    hand: f32,
    pick: u64,
}

impl Beat {
    fn new(seed: u64) -> Self {
        let mut dice = Dice(seed ^ 0x6E6F_636F_6D65_6C6F);
        let tempo = 0.9 + 0.2 * dice.unit();
        let phase = dice.unit() * TAU;
        let hand = if dice.next() & 1 == 0 { 1.0 } else { -1.0 };
        let pick = dice.next();
        Self { tempo, phase, hand, pick }
    }
}

/// Builds poses: joint turns accumulate, and each limb's turns aim it relative to its own rest
/// direction, so "raise the arm" means the same on a figure with arms down or arms out.
struct Poser<'a> {
    anatomy: &'a Anatomy,
    pose: Pose,
}

impl<'a> Poser<'a> {
    fn new(anatomy: &'a Anatomy) -> Self {
        let mut pose = Pose::rest(anatomy.joints);
        pose.pivot = anatomy.ground;
        Self { anatomy, pose }
    }

    fn turn(&mut self, joint: usize, angle: f32) {
        if let Some(a) = self.pose.angles.get_mut(joint) {
            *a += angle;
        }
    }

    /// Turn a limb at its base so it points `fraction` of the way to `target` (radians).
    fn aim(&mut self, limb: &LimbInfo, target: f32, fraction: f32) {
        let delta = wrap(target - limb.rest).clamp(-2.4, 2.4);
        self.turn(limb.joints[0], delta * fraction);
    }

    /// Bend a limb at its middle joints, `angle` shared out along the chain.
    fn bend(&mut self, limb: &LimbInfo, angle: f32) {
        let inner = &limb.joints[1..limb.joints.len().saturating_sub(1)];
        let n = inner.len().max(1) as f32;
        for &j in inner {
            self.turn(j, angle / n);
        }
    }

    /// A whip-like wave along a limb (tails, antennae): each joint a little later.
    fn wag(&mut self, limb: &LimbInfo, amplitude: f32, phase: f32) {
        for (k, &j) in limb.joints.iter().enumerate().take(limb.joints.len().saturating_sub(1)) {
            self.turn(j, amplitude * (phase - 0.7 * k as f32).sin() / (1.0 + 0.3 * k as f32));
        }
    }

    fn head(&mut self, angle: f32) {
        if let Some(n) = self.anatomy.neck {
            self.turn(n, angle);
        }
    }

    fn lean(&mut self, angle: f32) {
        if let Some(b) = self.anatomy.bend {
            self.turn(b, angle);
        }
    }

    /// Antennae, ears and hair bob along with everything.
    fn loose_parts(&mut self, amplitude: f32, phase: f32) {
        let anatomy = self.anatomy;
        for (k, limb) in anatomy.of(LimbKind::Other) {
            self.wag(limb, amplitude, phase + 1.3 * k as f32);
        }
        for (k, limb) in anatomy.of(LimbKind::Tail) {
            self.wag(limb, amplitude * 1.6, phase * 2.0 + k as f32);
        }
    }
}

/// Straight up, and up and out to one side at `from_vertical` radians.
const UP: f32 = -FRAC_PI_2;
const DOWN: f32 = FRAC_PI_2;

fn up_and_out(side: f32, from_vertical: f32) -> f32 {
    UP + side * from_vertical
}

/// The pose of `motion` at `t` seconds for this seed.
pub(crate) fn pose(motion: Motion, anatomy: &Anatomy, t: f32, seed: u64) -> Pose {
    let beat = Beat::new(seed);
    let mut p = Poser::new(anatomy);
    let h = anatomy.height;
    let limbless = anatomy.limbs.is_empty();
    match motion {
        Motion::Walk => {
            let ph = TAU * 1.1 * beat.tempo * t + beat.phase;
            let s = ph.sin();
            for (i, leg) in anatomy.of(LimbKind::Leg) {
                let step = if i % 2 == 0 { 1.0 } else { -1.0 };
                let lift = (step * s).max(0.0);
                match anatomy.facing {
                    Some(facing) => {
                        p.turn(leg.joints[0], 0.35 * step * s * facing);
                        p.bend(leg, -0.45 * lift * facing);
                    }
                    None => {
                        p.turn(leg.joints[0], 0.12 * step * s);
                        p.bend(leg, 0.5 * lift * -leg.side);
                    }
                }
            }
            for (_, arm) in anatomy.of(LimbKind::Arm) {
                p.turn(arm.joints[0], 0.3 * s * arm.side);
                p.bend(arm, 0.15 * arm.side);
            }
            p.pose.offset[1] = -0.025 * h * s.abs();
            p.head(0.06 * (2.0 * ph).sin());
            p.loose_parts(0.25, 2.0 * ph);
            if limbless {
                p.pose.turn = 0.09 * s;
                p.pose.offset[1] = -0.04 * h * s.abs();
                p.pose.scale = [1.0 + 0.02 * ph.cos().abs(), 1.0 - 0.03 * ph.cos().abs()];
                p.lean(0.1 * s);
            } else {
                p.pose.turn = 0.03 * s;
            }
        }
        Motion::Hop => {
            let period = 0.7 / beat.tempo;
            let cycle = (t / period + beat.phase / TAU).fract();
            let (height, squash) = hop_curve(cycle, 0.15, 0.85);
            p.pose.offset[1] = -0.12 * h * height;
            p.pose.scale = [1.0 + 0.06 * squash - 0.02 * height, 1.0 - 0.1 * squash + 0.04 * height];
            for (_, leg) in anatomy.of(LimbKind::Leg) {
                let inward = anatomy.facing.map_or(-leg.side, |f| -f);
                p.bend(leg, 0.5 * height * inward);
            }
            for (_, arm) in anatomy.of(LimbKind::Arm) {
                p.aim(arm, up_and_out(arm.side, 1.0), 0.45 * height);
            }
            p.head(-0.05 * height * beat.hand);
            p.loose_parts(0.3, TAU * cycle);
            p.lean(0.06 * squash * beat.hand);
        }
        Motion::Wave => {
            let raise = smoothstep(t / 0.5);
            let flap = (TAU * 2.2 * beat.tempo * t).sin();
            let arms: Vec<&LimbInfo> = anatomy.of(LimbKind::Arm).map(|(_, l)| l).collect();
            let front_legs: Vec<&LimbInfo> = anatomy
                .of(LimbKind::Leg)
                .map(|(_, l)| l)
                .filter(|l| anatomy.facing.is_some_and(|f| (l.base[0] - anatomy.centre[0]) * f > 0.0))
                .collect();
            let waver = if !arms.is_empty() {
                Some(arms[(beat.pick % arms.len() as u64) as usize])
            } else if !front_legs.is_empty() {
                front_legs.iter().copied().max_by(|a, b| {
                    let f = anatomy.facing.unwrap_or(1.0);
                    (a.base[0] * f).total_cmp(&(b.base[0] * f))
                })
            } else {
                anatomy.limbs.first()
            };
            match waver {
                Some(limb) => {
                    let side = anatomy.facing.unwrap_or(limb.side);
                    let target = if limb.kind == LimbKind::Arm {
                        up_and_out(side, 0.8)
                    } else {
                        up_and_out(side, 1.2)
                    };
                    p.aim(limb, target, raise);
                    p.turn(limb.joints[0], raise * 0.18 * flap);
                    p.bend(limb, raise * 0.5 * flap);
                    p.head(0.1 * raise * side);
                    p.lean(-0.04 * raise * side);
                    p.pose.turn = -0.02 * raise * side;
                    for other in anatomy.limbs.iter().filter(|l| l.joints[0] != limb.joints[0]) {
                        if other.kind == LimbKind::Arm {
                            p.turn(other.joints[0], 0.06 * (TAU * 0.8 * t).sin() * other.side);
                        }
                    }
                }
                None => {
                    let sway = (TAU * 0.8 * beat.tempo * t + beat.phase).sin();
                    p.pose.turn = 0.1 * sway;
                    p.pose.scale = [1.0 + 0.03 * sway.abs(), 1.0 - 0.04 * sway.abs()];
                    p.lean(0.12 * sway);
                }
            }
            p.loose_parts(0.2, TAU * 1.1 * t);
        }
        Motion::Jump => {
            let period = 1.6 / beat.tempo;
            let cycle = (t / period + beat.phase / TAU).fract();
            let crouch = bump(cycle, 0.0, 0.3);
            let (air, _) = hop_curve(cycle, 0.3, 0.8);
            let land = bump(cycle, 0.8, 1.0);
            let squash = crouch.max(land);
            p.pose.offset[1] = -0.3 * h * air;
            p.pose.scale = [1.0 + 0.08 * squash - 0.03 * air, 1.0 - 0.14 * squash + 0.06 * air];
            for (_, arm) in anatomy.of(LimbKind::Arm) {
                p.aim(arm, DOWN + 0.4 * arm.side, 0.5 * crouch);
                p.aim(arm, up_and_out(arm.side, 0.6), 0.85 * air);
            }
            for (_, leg) in anatomy.of(LimbKind::Leg) {
                let inward = anatomy.facing.map_or(-leg.side, |f| -f);
                p.bend(leg, (0.4 * crouch + 0.6 * air) * inward);
            }
            p.head(-0.08 * air * beat.hand + 0.05 * crouch * beat.hand);
            p.lean(0.1 * crouch * beat.hand);
            p.loose_parts(0.35, TAU * cycle);
        }
        Motion::Dance => {
            let ph = TAU * beat.tempo * t + beat.phase;
            p.pose.turn = 0.12 * ph.sin();
            p.pose.offset = [0.04 * anatomy.width * ph.sin(), -0.03 * h * (2.0 * ph).sin().abs()];
            for (_, arm) in anatomy.of(LimbKind::Arm) {
                let up = 0.5 + 0.5 * (ph + if arm.side > 0.0 { PI } else { 0.0 }).sin();
                p.aim(arm, up_and_out(arm.side, 0.7), 0.8 * up);
                p.bend(arm, 0.4 * (2.0 * ph).sin() * arm.side);
            }
            for (i, leg) in anatomy.of(LimbKind::Leg) {
                let step = if i % 2 == 0 { 0.0 } else { PI };
                let inward = anatomy.facing.map_or(-leg.side, |f| -f);
                p.bend(leg, 0.35 * (ph + step).sin().max(0.0) * inward);
                p.turn(leg.joints[0], 0.08 * (ph + step).sin());
            }
            p.head(0.15 * (ph + FRAC_PI_2).sin());
            p.lean(0.1 * (ph + 0.4).sin());
            p.loose_parts(0.4, 2.0 * ph);
            if limbless {
                let beat2 = (2.0 * ph).sin();
                p.pose.scale = [1.0 + 0.04 * beat2 * beat2, 1.0 - 0.06 * beat2 * beat2];
                p.lean(0.08 * ph.sin());
            }
        }
        Motion::Spin => {
            let period = 2.0 / beat.tempo;
            let cycle = (t / period).fract();
            let q = ((cycle - 0.1) / 0.7).clamp(0.0, 1.0);
            let fling = (PI * q).sin();
            p.pose.pivot = anatomy.centre;
            p.pose.turn = beat.hand * TAU * smoothstep(q);
            p.pose.offset[1] = -0.08 * h * fling;
            for (_, arm) in anatomy.of(LimbKind::Arm) {
                let out = if arm.side > 0.0 { 0.0 } else { PI };
                p.aim(arm, out, 0.8 * fling);
            }
            for (_, leg) in anatomy.of(LimbKind::Leg) {
                p.turn(leg.joints[0], 0.15 * fling * leg.side);
            }
            p.head(-0.1 * fling * beat.hand);
            p.loose_parts(0.3 * fling + 0.05, TAU * cycle * 2.0);
            if limbless {
                p.pose.scale = [1.0 + 0.05 * fling, 1.0 - 0.05 * fling];
                p.lean(-0.1 * fling * beat.hand);
            }
        }
        Motion::Sleep => {
            let breath = (TAU * 0.25 * beat.tempo * t + beat.phase).sin();
            p.pose.scale = [1.0 - 0.012 * breath, 1.0 + 0.025 * breath];
            p.pose.turn = 0.015 * breath;
            p.head(beat.hand * 0.22 + 0.03 * breath);
            p.lean(0.02 * breath);
            for (_, leg) in anatomy.of(LimbKind::Leg) {
                let inward = anatomy.facing.map_or(-leg.side, |f| -f);
                p.bend(leg, (0.2 + 0.04 * breath) * inward);
            }
            for (_, arm) in anatomy.of(LimbKind::Arm) {
                p.aim(arm, DOWN, 0.35 + 0.03 * breath);
            }
            for (_, limb) in anatomy.of(LimbKind::Other) {
                p.bend(limb, 0.25 * limb.side);
                p.turn(limb.joints[0], 0.12 * limb.side + 0.03 * breath);
            }
            for (_, tail) in anatomy.of(LimbKind::Tail) {
                p.bend(tail, 0.3 + 0.05 * breath);
            }
        }
        Motion::Wiggle => {
            let ph = TAU * 3.0 * beat.tempo * t + beat.phase;
            p.pose.turn = 0.08 * ph.sin();
            p.pose.scale = [1.0 + 0.04 * (2.0 * ph).sin(), 1.0 - 0.04 * (2.0 * ph).sin()];
            for (k, arm) in anatomy.of(LimbKind::Arm) {
                p.turn(arm.joints[0], 0.45 * (ph + 1.3 * k as f32).sin());
                p.bend(arm, 0.3 * (ph + k as f32 + 1.0).sin());
            }
            for (i, leg) in anatomy.of(LimbKind::Leg) {
                p.turn(leg.joints[0], 0.12 * (ph + PI * i as f32).sin());
            }
            p.head(0.12 * (ph + 1.0).sin());
            p.lean(0.1 * (ph + 0.5).sin());
            p.loose_parts(0.4, ph);
        }
        Motion::Peek => {
            let enter = beat.hand;
            let arrive = 1.0 / beat.tempo;
            let q = smoothstep(t / arrive);
            let settle = (t - arrive).max(0.0);
            p.pose.offset[0] = enter * anatomy.width * 0.9 * (1.0 - q);
            // Leaning with the top leading while sliding in, a damped rock on arrival.
            let wobble = if t > arrive { 0.06 * (-3.0 * settle).exp() * (8.0 * settle).sin() } else { 0.0 };
            p.pose.turn = -enter * (0.2 * (1.0 - q) + 0.05) + wobble;
            p.head(-enter * 0.15);
            let stride = (TAU * 2.0 * t).sin() * (1.0 - q);
            for (i, leg) in anatomy.of(LimbKind::Leg) {
                p.turn(leg.joints[0], 0.3 * stride * if i % 2 == 0 { 1.0 } else { -1.0 });
            }
            let arms: Vec<&LimbInfo> = anatomy.of(LimbKind::Arm).map(|(_, l)| l).collect();
            let leading = arms.iter().copied().min_by(|a, b| (a.side * enter).total_cmp(&(b.side * enter)));
            for arm in &arms {
                p.turn(arm.joints[0], 0.25 * stride * arm.side);
            }
            if let Some(arm) = leading {
                let hello = smoothstep((t - arrive) / 0.4);
                p.aim(arm, up_and_out(arm.side, 0.9), hello);
                p.bend(arm, hello * 0.4 * (TAU * 2.0 * t).sin());
            }
            p.loose_parts(0.25, TAU * 1.5 * t);
            if limbless || !anatomy.has(LimbKind::Arm) {
                p.lean(-enter * 0.12 * (1.0 - q) + 0.05 * (TAU * 0.7 * t).sin());
            }
        }
        Motion::Still => {}
    }
    p.pose
}

/// One hop: off the ground between `up` and `down` of the cycle (height 0..1, a parabola),
/// squashed (0..1) just before and after.
fn hop_curve(cycle: f32, up: f32, down: f32) -> (f32, f32) {
    if cycle >= up && cycle <= down {
        let q = (cycle - up) / (down - up);
        (4.0 * q * (1.0 - q), 0.0)
    } else if cycle < up {
        (0.0, (PI * cycle / up).sin().max(0.0))
    } else {
        (0.0, (PI * (cycle - down) / (1.0 - down)).sin().max(0.0))
    }
}

/// A smooth rise and fall between `from` and `to` of the cycle, 0 outside.
fn bump(cycle: f32, from: f32, to: f32) -> f32 {
    if cycle < from || cycle > to {
        0.0
    } else {
        (PI * (cycle - from) / (to - from)).sin().max(0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_snake_case() {
        for motion in Motion::ALL {
            let json = serde_json::to_string(&motion).expect("serialises");
            assert_eq!(json, format!("\"{}\"", motion.as_str()));
            let back: Motion = serde_json::from_str(&json).expect("reads back");
            assert_eq!(back, motion);
        }
    }

    #[test]
    fn seeds_vary_and_repeat() {
        let a = Beat::new(7);
        let b = Beat::new(7);
        let c = Beat::new(8);
        assert_eq!((a.tempo, a.phase, a.hand, a.pick), (b.tempo, b.phase, b.hand, b.pick));
        assert_ne!((a.tempo, a.phase), (c.tempo, c.phase));
        assert!((0.9..=1.1).contains(&a.tempo));
    }

    #[test]
    fn curves_stay_in_range() {
        for i in 0..=100 {
            let c = i as f32 / 100.0;
            let (height, squash) = hop_curve(c, 0.15, 0.85);
            assert!((0.0..=1.0).contains(&height) && (0.0..=1.0).contains(&squash));
            assert!((0.0..=1.0).contains(&bump(c, 0.2, 0.6)));
        }
        assert!((wrap(3.0 * PI) - PI).abs() < 1e-4 || (wrap(3.0 * PI) + PI).abs() < 1e-4);
    }
}
