//! Where each element of a scene's plan goes and when it is painted: companions on the ground
//! beside the hero and facing it, small things at its feet, flying things beside its head,
//! houses and trees behind it, hills and mountains on the horizon, the sun, moon and stars in
//! the sky, boats and sea animals in the sea. Nothing is put over the middle of the hero, and
//! everything is big enough to read at a glance in a 1280x720 frame.

use model::ScenePlan;
use planner::{element_named, Kind};

use crate::backdrop::{BodyKind, Depth, Setting, World};
use crate::elements::{drawing, paint_facing_left, Draw, Spot};
use crate::paint::{Canvas, Outline};
use crate::rng::{mix, Rng};

/// A box in frame pixels: (x0, y0, x1, y1).
type Rect = (f32, f32, f32, f32);

/// The part of the frame the hero's drawing covers at some moment of the scene.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct HeroBox(pub(crate) Rect);

impl HeroBox {
    fn centre(&self) -> f32 {
        (self.0 .0 + self.0 .2) / 2.0
    }

    /// The middle of the hero, which nothing may cover: all but a sixth at each side, where a
    /// drawing's edge is mostly paper.
    fn core(&self) -> Rect {
        let (x0, y0, x1, y1) = self.0;
        let side = (x1 - x0) / 6.0;
        (x0 + side, y0, x1 - side, y1)
    }
}

/// Where and how an element of a given name belongs.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    /// An animal or person on the ground beside the hero.
    Companion,
    /// A flying animal or person beside the hero's head.
    Flyer,
    /// A sea animal: in the sea at the seaside, elsewhere beside the hero in its own splash.
    Swimmer,
    /// A thing on the ground near the hero.
    Near,
    /// Something lying flat on the ground in front (a pond).
    Flat,
    /// High in the air above the ground (a kite, a balloon).
    Aloft,
    /// A building or tree behind the hero.
    Back,
    /// On the horizon (hills, mountains).
    Far,
    /// In the sky.
    Sky,
    /// On the water at the seaside, near the hero elsewhere.
    Boat,
}

/// How big an element is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Size {
    /// A share of the hero's height (characters stand in proportion to the hero).
    Hero(f32),
    /// Pixels of a 720-pixel-high frame.
    Px(f32),
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Part {
    role: Role,
    size: Size,
    /// Width over height.
    aspect: f32,
}

const fn part(role: Role, size: Size, aspect: f32) -> Part {
    Part { role, size, aspect }
}

use Role::{Aloft, Back, Boat, Companion, Far, Flat, Flyer, Near, Sky, Swimmer};
use Size::{Hero, Px};

/// How each catalogue element is placed; names not listed take their kind's way.
const PARTS: &[(&str, Part)] = &[
    ("owl", part(Companion, Hero(0.42), 0.82)),
    ("rabbit", part(Companion, Hero(0.42), 0.92)),
    ("tortoise", part(Companion, Hero(0.3), 1.56)),
    ("turtle", part(Companion, Hero(0.3), 2.0)),
    ("squirrel", part(Companion, Hero(0.42), 0.94)),
    ("robin", part(Companion, Hero(0.3), 1.14)),
    ("bird", part(Flyer, Hero(0.28), 1.72)),
    ("deer", part(Companion, Hero(0.8), 0.89)),
    ("crab", part(Companion, Hero(0.3), 1.74)),
    ("dolphin", part(Swimmer, Hero(0.5), 1.37)),
    ("fish", part(Swimmer, Hero(0.34), 1.13)),
    ("seagull", part(Flyer, Hero(0.26), 2.75)),
    ("mouse", part(Companion, Hero(0.28), 1.49)),
    ("dog", part(Companion, Hero(0.5), 1.25)),
    ("cat", part(Companion, Hero(0.45), 0.81)),
    ("duck", part(Companion, Hero(0.38), 1.22)),
    ("frog", part(Companion, Hero(0.3), 1.35)),
    ("bear", part(Companion, Hero(0.72), 0.77)),
    ("horse", part(Companion, Hero(0.85), 1.22)),
    ("cow", part(Companion, Hero(0.72), 1.28)),
    ("pig", part(Companion, Hero(0.5), 1.27)),
    ("sheep", part(Companion, Hero(0.5), 1.37)),
    ("hen", part(Companion, Hero(0.4), 0.97)),
    ("fox", part(Companion, Hero(0.5), 1.35)),
    ("hedgehog", part(Companion, Hero(0.28), 1.57)),
    ("snail", part(Companion, Hero(0.26), 1.58)),
    ("butterfly", part(Flyer, Hero(0.2), 1.24)),
    ("bee", part(Flyer, Hero(0.18), 1.11)),
    ("ladybird", part(Flyer, Hero(0.16), 1.26)),
    ("firefly", part(Flyer, Hero(0.16), 1.23)),
    ("whale", part(Swimmer, Hero(0.6), 1.72)),
    ("octopus", part(Companion, Hero(0.45), 1.34)),
    ("penguin", part(Companion, Hero(0.55), 0.76)),
    ("dragon", part(Companion, Hero(0.9), 1.43)),
    ("unicorn", part(Companion, Hero(0.85), 1.1)),
    ("child", part(Companion, Hero(0.72), 0.51)),
    ("grandma", part(Companion, Hero(0.92), 0.53)),
    ("grandpa", part(Companion, Hero(0.95), 0.56)),
    ("parent", part(Companion, Hero(1.0), 0.54)),
    ("king", part(Companion, Hero(1.0), 0.58)),
    ("queen", part(Companion, Hero(1.0), 0.51)),
    ("knight", part(Companion, Hero(0.95), 0.6)),
    ("wizard", part(Companion, Hero(1.0), 0.52)),
    ("fairy", part(Flyer, Hero(0.42), 0.67)),
    ("kite", part(Aloft, Px(130.0), 0.8)),
    ("balloon", part(Aloft, Px(170.0), 0.5)),
    ("bubbles", part(Aloft, Px(130.0), 1.0)),
    ("hat", part(Near, Px(75.0), 1.3)),
    ("scarf", part(Near, Px(75.0), 1.2)),
    ("teapot", part(Near, Px(90.0), 1.3)),
    ("cup", part(Near, Px(64.0), 1.2)),
    ("cake", part(Near, Px(95.0), 1.1)),
    ("book", part(Near, Px(70.0), 1.3)),
    ("chest", part(Near, Px(110.0), 1.4)),
    ("map", part(Near, Px(80.0), 1.3)),
    ("blanket", part(Near, Px(70.0), 2.2)),
    ("bed", part(Near, Px(160.0), 1.7)),
    ("pillow", part(Near, Px(64.0), 1.5)),
    ("lantern", part(Near, Px(110.0), 0.6)),
    ("boat", part(Boat, Px(160.0), 1.4)),
    ("clock", part(Near, Px(130.0), 0.8)),
    ("ball", part(Near, Px(70.0), 1.0)),
    ("basket", part(Near, Px(90.0), 1.2)),
    ("shell", part(Near, Px(60.0), 1.2)),
    ("bench", part(Near, Px(120.0), 1.9)),
    ("key", part(Near, Px(60.0), 1.6)),
    ("crown", part(Near, Px(64.0), 1.3)),
    ("umbrella", part(Near, Px(180.0), 1.0)),
    ("bucket", part(Near, Px(80.0), 1.0)),
    ("present", part(Near, Px(90.0), 1.0)),
    ("teddy", part(Near, Px(115.0), 0.9)),
    ("bell", part(Near, Px(80.0), 0.9)),
    ("gate", part(Near, Px(160.0), 1.3)),
    ("ladder", part(Near, Px(240.0), 0.45)),
    ("rocket", part(Near, Px(260.0), 0.5)),
    ("train", part(Near, Px(140.0), 2.4)),
    ("car", part(Near, Px(130.0), 1.8)),
    ("bicycle", part(Near, Px(130.0), 1.6)),
    ("drum", part(Near, Px(85.0), 1.1)),
    ("candle", part(Near, Px(80.0), 0.5)),
    ("telescope", part(Near, Px(150.0), 1.0)),
    ("apple", part(Near, Px(60.0), 1.0)),
    ("strawberry", part(Near, Px(60.0), 0.9)),
    ("cookie", part(Near, Px(56.0), 1.0)),
    ("sandwich", part(Near, Px(60.0), 1.3)),
    ("acorn", part(Near, Px(56.0), 0.9)),
    ("feather", part(Near, Px(80.0), 0.5)),
    ("leaf", part(Near, Px(60.0), 1.0)),
    ("flag", part(Near, Px(180.0), 0.7)),
    ("stick", part(Near, Px(80.0), 1.3)),
    ("letter", part(Near, Px(60.0), 1.4)),
    ("house", part(Back, Px(240.0), 1.1)),
    ("tower", part(Back, Px(320.0), 0.5)),
    ("castle", part(Back, Px(300.0), 1.3)),
    ("bridge", part(Back, Px(150.0), 2.6)),
    ("tent", part(Back, Px(180.0), 1.3)),
    ("barn", part(Back, Px(240.0), 1.2)),
    ("lighthouse", part(Back, Px(340.0), 0.45)),
    ("windmill", part(Back, Px(320.0), 0.8)),
    ("treehouse", part(Back, Px(340.0), 0.9)),
    ("nest", part(Near, Px(70.0), 1.5)),
    ("tree", part(Back, Px(340.0), 0.9)),
    ("flower", part(Near, Px(95.0), 0.6)),
    ("bush", part(Near, Px(110.0), 1.7)),
    ("rock", part(Near, Px(85.0), 1.4)),
    ("pond", part(Flat, Px(70.0), 3.5)),
    ("river", part(Back, Px(80.0), 5.0)),
    ("hill", part(Far, Px(150.0), 2.8)),
    ("mountain", part(Far, Px(280.0), 1.5)),
    ("cave", part(Back, Px(230.0), 1.3)),
    ("mushroom", part(Near, Px(95.0), 0.9)),
    ("waterfall", part(Back, Px(300.0), 0.8)),
    ("sun", part(Sky, Px(120.0), 1.0)),
    ("moon", part(Sky, Px(100.0), 1.0)),
    ("star", part(Sky, Px(64.0), 1.0)),
    ("cloud", part(Sky, Px(100.0), 2.0)),
    ("comet", part(Sky, Px(90.0), 1.6)),
    ("rainbow", part(Sky, Px(320.0), 1.9)),
];

/// An element's width over its height, as it is placed.
pub(crate) fn aspect_of(name: &str) -> f32 {
    part_of(name).aspect
}

fn part_of(name: &str) -> Part {
    if let Some((_, known)) = PARTS.iter().find(|(n, _)| *n == name) {
        return *known;
    }
    match element_named(name).map(|e| e.kind) {
        Some(Kind::Animal | Kind::Person) => part(Companion, Hero(0.5), 1.0),
        Some(Kind::Building) => part(Back, Px(240.0), 1.0),
        Some(Kind::Nature) => part(Near, Px(100.0), 1.0),
        Some(Kind::Sky) => part(Sky, Px(90.0), 1.0),
        Some(Kind::Object) | None => part(Near, Px(80.0), 1.0),
    }
}

/// When an element is painted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pass {
    /// Inside the backdrop, at this depth.
    Behind(Depth),
    /// Over the finished backdrop (still behind the hero's layer).
    Front,
}

/// Which elements must keep clear of each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    Sky,
    Far,
    Back,
    Sea,
    Front,
}

/// One element, placed.
struct Item {
    name: String,
    draw: Draw,
    spot: Spot,
    pass: Pass,
    /// Front elements are painted far to near, then flying things.
    order: f32,
    face_left: bool,
    aspect: f32,
    /// How strong the outline is, as a share of the style's.
    line: f32,
    seed: u64,
}

/// A scene's elements, placed and ready to paint.
pub(crate) struct Stage {
    items: Vec<Item>,
    /// The plan's elements that have a drawing, in the plan's order.
    pub(crate) drawn: Vec<String>,
}

/// What the placement of one element asks for.
struct Want {
    group: Group,
    size: f32,
    aspect: f32,
    ys: Ys,
    /// How far along the frame it may go.
    span: (f32, f32),
    /// How much covering the hero's middle costs.
    core_cost: f32,
    /// How much standing anywhere in front of the hero costs.
    hero_cost: f32,
    /// Where it would rather be, and how much that matters per frame width away.
    pull: (f32, f32),
}

/// The heights an element may stand at.
enum Ys {
    /// On this ground line.
    Ground(f32),
    /// Centred on one of these heights.
    Centres(Vec<f32>),
}

impl Stage {
    /// Places every element of `plan` around the hero. Takes the backdrop's own sun or moon
    /// and rainbow when the plan draws its own in their place. Where things go changes with
    /// `seed` (the scene's); how each looks comes from `story_seed`, so the child, the dog or
    /// the hat is the same on every page.
    pub(crate) fn arrange(
        plan: &ScenePlan,
        world: &mut World,
        hero: HeroBox,
        seed: u64,
        story_seed: u64,
    ) -> Stage {
        let mut names: Vec<&str> = Vec::new();
        for name in plan.elements() {
            if !names.contains(&name) {
                names.push(name);
            }
        }
        let mut drawn = Vec::new();
        let mut wanted: Vec<(&str, Draw, Part)> = Vec::new();
        for name in names {
            // The castle world already stands its castle on the hill behind the hero.
            if name == "castle" && world.setting == Setting::Castle {
                drawn.push(name.to_string());
                continue;
            }
            match drawing(name) {
                Some(draw) => {
                    drawn.push(name.to_string());
                    wanted.push((name, draw, part_of(name)));
                }
                None => tracing::warn!(element = name, "no drawing for a planned element; it is left out"),
            }
        }
        // The most important first: companions, then things near the hero, then the rest.
        let rank = |role: Role| match role {
            Companion | Swimmer => 0,
            Flyer => 1,
            Near | Flat | Boat => 2,
            Aloft => 3,
            Back => 4,
            Far => 5,
            Sky => 6,
        };
        wanted.sort_by_key(|(_, _, part)| rank(part.role));

        let mut placer = Placer::new(world, hero, seed);
        let mut items = Vec::new();
        for (name, draw, part) in wanted {
            let item_seed = mix(story_seed, name_hash(name));
            if let Some(item) = placer.celestial(world, name, draw, item_seed) {
                items.push(item);
                continue;
            }
            if name == "rainbow" {
                world.rainbow = false;
            }
            let item = placer.place(world, name, draw, part, item_seed);
            tracing::debug!(
                element = %item.name,
                x = item.spot.x,
                ground = item.spot.ground,
                size = item.spot.size,
                "placed"
            );
            items.push(item);
        }
        Stage { items, drawn }
    }

    /// Paints the elements that belong at `depth` of the backdrop.
    pub(crate) fn paint_at(
        &self,
        depth: Depth,
        canvas: &mut Canvas,
        world: &World,
        outline: Option<Outline>,
    ) {
        for item in self.items.iter().filter(|i| i.pass == Pass::Behind(depth)) {
            paint_item(item, canvas, world, outline);
        }
    }

    /// Paints the elements in front of the backdrop, far to near.
    pub(crate) fn paint_front(&self, canvas: &mut Canvas, world: &World, outline: Option<Outline>) {
        let mut front: Vec<&Item> = self.items.iter().filter(|i| i.pass == Pass::Front).collect();
        front.sort_by(|a, b| a.order.total_cmp(&b.order));
        for item in front {
            paint_item(item, canvas, world, outline);
        }
    }
}

fn paint_item(item: &Item, canvas: &mut Canvas, world: &World, outline: Option<Outline>) {
    let saved = canvas.outline;
    canvas.outline = outline.filter(|_| item.line > 0.0).map(|o| Outline { width: o.width * item.line, ..o });
    let mut rng = Rng::new(item.seed);
    if item.face_left {
        let size = item.spot.size;
        let reach = (size * (item.aspect * 0.65 + 0.15), size * 1.2, size * 0.15);
        paint_facing_left(canvas, world, item.draw, item.spot, &mut rng, reach);
    } else {
        (item.draw)(canvas, world, item.spot, &mut rng);
    }
    canvas.outline = saved;
}

fn name_hash(name: &str) -> u64 {
    name.bytes().fold(0xCBF2_9CE4_8422_2325u64, |h, b| (h ^ b as u64).wrapping_mul(0x1_0000_0100_01B3))
}

struct Placer {
    hero: HeroBox,
    hero_height: f32,
    taken: Vec<(Group, Rect)>,
    rng: Rng,
    width: f32,
    height: f32,
}

/// Clear space kept between a drawing and the frame's edges.
const MARGIN: f32 = 8.0;

impl Placer {
    fn new(world: &World, hero: HeroBox, seed: u64) -> Self {
        let mut taken = Vec::new();
        if let Some(body) = world.body {
            let r = body.radius * 1.4;
            taken.push((Group::Sky, (body.x - r, body.y - r, body.x + r, body.y + r)));
        }
        Self {
            hero,
            hero_height: (hero.0 .3 - hero.0 .1).max(1.0),
            taken,
            rng: Rng::new(mix(seed, 0x57A6E)),
            width: world.width,
            height: world.height,
        }
    }

    /// A sun or moon the plan names goes where the sky's own one is, in its place.
    fn celestial(&mut self, world: &mut World, name: &str, draw: Draw, seed: u64) -> Option<Item> {
        let body = world.body.as_mut()?;
        let kind = match name {
            "sun" => BodyKind::Sun,
            "moon" => BodyKind::Moon,
            _ => return None,
        };
        if body.kind != kind {
            return None;
        }
        body.disc = false;
        let size = body.radius * if kind == BodyKind::Sun { 2.6 } else { 2.3 };
        let spot = Spot { x: body.x, ground: body.y + size / 2.0, size };
        Some(Item {
            name: name.to_string(),
            draw,
            spot,
            pass: Pass::Behind(Depth::Sky),
            order: 0.0,
            face_left: false,
            aspect: 1.0,
            line: 0.0,
            seed,
        })
    }

    fn place(&mut self, world: &World, name: &str, draw: Draw, part: Part, seed: u64) -> Item {
        let layout = world.layout;
        let (w, h) = (self.width, self.height);
        let hero = self.hero;
        let indoors = layout.indoors;
        let (sky_x0, sky_top, sky_x1, _) = layout.sky;
        let full = (MARGIN, w - MARGIN);
        let window = (sky_x0 + 4.0, sky_x1 - 4.0);
        let hero_ground = hero.0 .3.min(h * 0.975);
        let near_ground = (hero_ground + h * 0.03).min(h * 0.985);
        let mut size = match part.size {
            Hero(share) => share * self.hero_height,
            Px(px) => px * h / 720.0,
        };
        let beside_hero = (hero.centre(), 0.6);
        let anywhere = (w * self.rng.range(0.15, 0.85), 0.3);
        let at_sea = layout.sea.filter(|_| matches!(part.role, Swimmer | Boat));
        let role = match part.role {
            Swimmer | Boat if at_sea.is_some() => part.role,
            Swimmer => Companion,
            Boat => Near,
            other => other,
        };
        // High enough in the sky that hills and trees do not hide it.
        let sky_centres = |size: f32| {
            let top = sky_top + size / 2.0 + 6.0;
            let bottom = (sky_top + (layout.sky.3 - sky_top) * 0.6).min(layout.horizon - size / 2.0 - 24.0);
            (0..3).map(|k| top + (bottom - top).max(0.0) * k as f32 / 2.0).collect::<Vec<f32>>()
        };
        let (want, pass, order, line, faces) = match role {
            Companion => {
                size = size.clamp(110.0 * h / 720.0, h * 0.62);
                let want = Want {
                    group: Group::Front,
                    size,
                    aspect: part.aspect,
                    ys: Ys::Ground(hero_ground),
                    span: full,
                    core_cost: 60.0,
                    hero_cost: 1.0,
                    pull: beside_hero,
                };
                (want, Pass::Front, hero_ground, 1.0, true)
            }
            Flyer => {
                size = size.max(70.0 * h / 720.0);
                let centres = vec![h * 0.24, h * 0.34, h * 0.44];
                let want = Want {
                    group: Group::Front,
                    size,
                    aspect: part.aspect,
                    ys: Ys::Centres(centres),
                    span: full,
                    core_cost: 60.0,
                    hero_cost: 1.0,
                    pull: (hero.centre(), 0.5),
                };
                (want, Pass::Front, h * 2.0, 1.0, true)
            }
            Near | Flat => {
                let flat = role == Flat;
                let ground = if flat { h * 0.985 } else { near_ground };
                let want = Want {
                    group: Group::Front,
                    size,
                    aspect: part.aspect,
                    ys: Ys::Ground(ground),
                    span: full,
                    core_cost: 60.0,
                    hero_cost: 1.0,
                    pull: (hero.centre(), 0.35),
                };
                (want, Pass::Front, if flat { 0.0 } else { ground }, 1.0, false)
            }
            Aloft => {
                let want = Want {
                    group: Group::Front,
                    size,
                    aspect: part.aspect,
                    ys: Ys::Centres(vec![h * 0.14, h * 0.22]),
                    span: full,
                    core_cost: 60.0,
                    hero_cost: 1.0,
                    pull: (hero.centre(), 0.3),
                };
                (want, Pass::Front, h * 2.0, 1.0, false)
            }
            Swimmer | Boat => {
                let ground = at_sea.unwrap_or(near_ground);
                let want = Want {
                    group: Group::Sea,
                    size: size.max(110.0 * h / 720.0),
                    aspect: part.aspect,
                    ys: Ys::Ground(ground),
                    span: full,
                    core_cost: 20.0,
                    hero_cost: 2.0,
                    pull: (hero.centre(), 0.2),
                };
                (want, Pass::Behind(Depth::Sea), ground, 0.85, role == Swimmer)
            }
            Back => {
                let (ground, span, depth) = if indoors {
                    size = size.min((layout.back_ground - sky_top) * 0.6);
                    (layout.back_ground, window, Depth::Far)
                } else {
                    (layout.back_ground, full, Depth::Back)
                };
                let want = Want {
                    group: Group::Back,
                    size,
                    aspect: part.aspect,
                    ys: Ys::Ground(ground),
                    span,
                    core_cost: 3.0,
                    hero_cost: 1.5,
                    pull: anywhere,
                };
                (want, Pass::Behind(depth), ground, 0.85, false)
            }
            Far => {
                if indoors {
                    size = size.min((layout.far_ground - sky_top) * 0.55);
                }
                let want = Want {
                    group: Group::Far,
                    size,
                    aspect: part.aspect,
                    ys: Ys::Ground(layout.far_ground),
                    span: if indoors { window } else { full },
                    core_cost: 1.0,
                    hero_cost: 0.5,
                    pull: anywhere,
                };
                (want, Pass::Behind(Depth::Far), 0.0, 0.7, false)
            }
            Sky => {
                if indoors {
                    size *= 0.55;
                }
                // A rainbow stands on the horizon behind everything; a sun named after dark is
                // setting, as low as the sky's own things go, never high in a night sky.
                let setting_sun = name == "sun" && world.look.light.is_dark();
                let (group, ys, core_cost, hero_cost) = if name == "rainbow" {
                    size = size.min((layout.horizon - sky_top) * 0.9);
                    (Group::Far, Ys::Ground(layout.horizon + size * 0.1), 0.5, 0.3)
                } else if setting_sun {
                    let lowest = sky_centres(size).pop().unwrap_or(sky_top + size);
                    (Group::Sky, Ys::Centres(vec![lowest]), 4.0, 1.0)
                } else {
                    (Group::Sky, Ys::Centres(sky_centres(size)), 4.0, 1.0)
                };
                let want = Want {
                    group,
                    size,
                    aspect: part.aspect,
                    ys,
                    span: if indoors { window } else { full },
                    core_cost,
                    hero_cost,
                    pull: anywhere,
                };
                (want, Pass::Behind(Depth::Sky), 0.0, 0.0, false)
            }
        };
        let (x, ground, size) = self.choose(&want);
        let face_left = faces && x > hero.centre();
        Item {
            name: name.to_string(),
            draw,
            spot: Spot { x, ground, size },
            pass,
            order,
            face_left,
            aspect: part.aspect,
            line,
            seed,
        }
    }

    /// The best free place for `want`: clear of the hero's middle and of what is already
    /// placed, shrinking the element a little at a time when the page is crowded.
    fn choose(&mut self, want: &Want) -> (f32, f32, f32) {
        let hero = self.hero;
        let core = hero.core();
        let mut size = want.size;
        let mut best = (f32::MAX, 0.0, 0.0);
        for _ in 0..6 {
            let width = (size * want.aspect).min(want.span.1 - want.span.0);
            let grounds: Vec<f32> = match &want.ys {
                Ys::Ground(ground) => vec![*ground],
                Ys::Centres(centres) => centres.iter().map(|c| c + size / 2.0).collect(),
            };
            best = (f32::MAX, 0.0, 0.0);
            let (lo, hi) = (want.span.0 + width / 2.0, want.span.1 - width / 2.0);
            let steps = ((hi - lo) / 8.0).ceil().max(0.0) as usize;
            for &ground in &grounds {
                for k in 0..=steps {
                    let x =
                        if steps == 0 { (lo + hi) / 2.0 } else { lo + (hi - lo) * k as f32 / steps as f32 };
                    let rect = (x - width / 2.0, ground - size, x + width / 2.0, ground);
                    let area = (width * size).max(1.0);
                    let mut crowding = want.core_cost * overlap(rect, core) / area;
                    for (group, taken) in &self.taken {
                        if *group == want.group {
                            let smaller = area.min(rect_area(*taken)).max(1.0);
                            crowding += 4.0 * overlap(rect, *taken) / smaller;
                        }
                    }
                    let cost = crowding
                        + want.hero_cost * overlap(rect, hero.0) / area
                        + want.pull.1 * (x - want.pull.0).abs() / self.width;
                    if cost < best.0 {
                        best = (cost, x, ground);
                    }
                }
            }
            // Good enough when it barely overlaps anything; otherwise try a little smaller.
            let crowding = best.0 - want.pull.1 * (best.1 - want.pull.0).abs() / self.width;
            if crowding < 0.35 {
                break;
            }
            size *= 0.86;
        }
        let (_, x, ground) = best;
        let width = (size * want.aspect).min(want.span.1 - want.span.0);
        self.taken.push((want.group, (x - width / 2.0, ground - size, x + width / 2.0, ground)));
        (x, ground, size)
    }
}

fn rect_area(r: Rect) -> f32 {
    (r.2 - r.0).max(0.0) * (r.3 - r.1).max(0.0)
}

fn overlap(a: Rect, b: Rect) -> f32 {
    let w = (a.2.min(b.2) - a.0.max(b.0)).max(0.0);
    let h = (a.3.min(b.3) - a.1.max(b.1)).max(0.0);
    w * h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backdrop::{Light, Setting};
    use model::{TimeOfDay, Weather};

    fn world(setting: Setting, time: TimeOfDay) -> World {
        World::new(setting, Light::new(time, ""), Weather::Clear, &[], 7, 1)
    }

    fn plan(characters: &[&str], props: &[&str]) -> ScenePlan {
        let mut all = vec!["hero".to_string()];
        all.extend(characters.iter().map(|c| c.to_string()));
        ScenePlan {
            characters: all,
            props: props.iter().map(|p| p.to_string()).collect(),
            ..ScenePlan::default()
        }
    }

    /// A hero in the middle of the page, 420 pixels tall and 300 wide.
    const HERO: HeroBox = HeroBox((490.0, 240.0, 790.0, 660.0));

    #[test]
    fn companions_stand_beside_the_hero_facing_it_and_clear_of_its_middle() {
        let mut w = world(Setting::Meadow, TimeOfDay::Morning);
        let stage = Stage::arrange(&plan(&["dog", "owl", "fox"], &[]), &mut w, HERO, 3, 3);
        let core = HERO.core();
        let mut sides = Vec::new();
        for item in &stage.items {
            let width = item.spot.size * item.aspect;
            let rect = (
                item.spot.x - width / 2.0,
                item.spot.ground - item.spot.size,
                item.spot.x + width / 2.0,
                item.spot.ground,
            );
            assert!(overlap(rect, core) < 0.05 * rect_area(rect), "{} covers the hero", item.name);
            assert!(item.spot.size >= 110.0, "{} is too small to read ({})", item.name, item.spot.size);
            assert!((item.spot.ground - 660.0).abs() < 20.0, "{} stands on the hero's ground", item.name);
            let right_of_hero = item.spot.x > HERO.centre();
            assert_eq!(item.face_left, right_of_hero, "{} faces the hero", item.name);
            sides.push(right_of_hero);
        }
        assert!(sides.contains(&true) && sides.contains(&false), "companions on both sides");
    }

    #[test]
    fn a_companion_looks_the_same_on_every_page_of_a_story() {
        let looks = |scene_seed: u64, story_seed: u64| {
            let mut w = world(Setting::Meadow, TimeOfDay::Morning);
            let stage = Stage::arrange(&plan(&["child", "dog"], &[]), &mut w, HERO, scene_seed, story_seed);
            stage.items.iter().map(|item| (item.name.clone(), item.seed)).collect::<Vec<_>>()
        };
        assert_eq!(looks(3, 9), looks(4, 9), "another page of the same story");
        assert_ne!(looks(3, 9), looks(3, 10), "another story");
    }

    #[test]
    fn buildings_and_trees_stand_behind_and_sky_things_in_the_sky() {
        let mut w = world(Setting::Park, TimeOfDay::Midday);
        let stage = Stage::arrange(&plan(&[], &["house", "tree", "cloud", "teapot"]), &mut w, HERO, 3, 3);
        let pass = |name: &str| stage.items.iter().find(|i| i.name == name).map(|i| (i.pass, i.spot));
        let (house, house_spot) = pass("house").expect("a house is placed");
        assert_eq!(house, Pass::Behind(Depth::Back));
        assert!(house_spot.ground < 500.0);
        assert_eq!(pass("tree").map(|p| p.0), Some(Pass::Behind(Depth::Back)));
        let (cloud, cloud_spot) = pass("cloud").expect("a cloud is placed");
        assert_eq!(cloud, Pass::Behind(Depth::Sky));
        assert!(cloud_spot.ground <= w.layout.horizon);
        let (teapot, teapot_spot) = pass("teapot").expect("a teapot is placed");
        assert_eq!(teapot, Pass::Front);
        assert!(teapot_spot.ground > 650.0, "small things stand at the hero's feet");
    }

    #[test]
    fn a_named_sun_or_moon_takes_the_skys_own_place() {
        let mut day = world(Setting::Meadow, TimeOfDay::Midday);
        let body = day.body.expect("a clear midday has a sun");
        let stage = Stage::arrange(&plan(&[], &["sun"]), &mut day, HERO, 3, 3);
        assert!(!day.body.expect("the sun stays").disc, "the backdrop no longer paints its disc");
        assert_eq!(stage.items[0].spot.x, body.x);
        let mut night = world(Setting::Meadow, TimeOfDay::Night);
        Stage::arrange(&plan(&[], &["moon"]), &mut night, HERO, 3, 3);
        assert!(!night.body.expect("the moon stays").disc);
    }

    #[test]
    fn a_drawn_rainbow_replaces_the_weathers_own() {
        let mut w =
            World::new(Setting::Meadow, Light::new(TimeOfDay::Afternoon, ""), Weather::Rainbow, &[], 7, 1);
        assert!(w.rainbow);
        let stage = Stage::arrange(&plan(&[], &["rainbow"]), &mut w, HERO, 3, 3);
        assert_eq!(stage.drawn.contains(&"rainbow".to_string()), !w.rainbow, "exactly one rainbow");
    }
}
