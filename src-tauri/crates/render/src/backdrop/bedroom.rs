//! Home: a child's bedroom with a window onto the sky, a bed, a rug and a lamp that glows at
//! night.

use super::props;
use super::sky;
use super::weather;
use super::{Hook, World};
use crate::paint::{Canvas, Outline, Rgb};

const WALL: Rgb = Rgb::hex(0xFBE7CF);
const FLOOR: Rgb = Rgb::hex(0xD9A46C);
const FRAME: Rgb = Rgb::hex(0xFFFBF2);

pub fn paint(canvas: &mut Canvas, world: &mut World, outline: Option<Outline>, hook: &mut Hook) {
    let h = world.height;
    let w = world.width;
    let floor_y = h * 0.7;
    let dark = world.look.light.lamps_lit();
    // Indoors the lamp keeps things warm: only a little of the outside light comes in.
    let look = world.look;
    let room = move |c: Rgb| {
        let outside = look.lit(c);
        let warm = c.multiply(Rgb(1.0, 0.9, 0.78));
        if dark {
            outside.mix(warm, 0.45)
        } else {
            c.mix(outside, 0.5)
        }
    };

    let window = world.layout.sky;
    let (wx0, wy0, wx1, wy1) = window;
    let window_x = (wx0 + wx1) / 2.0;

    // The window's view first, with its weather, then the wall around it.
    let mut view = Canvas::new(w as u32, h as u32, world.look.sky_horizon);
    view.outline = outline;
    let horizon = world.layout.horizon;
    sky::paint(&mut view, world, horizon, hook);
    weather::veil_in(&mut view, world, window);
    weather::falling_in(&mut view, world, window);
    let wall = room(WALL.mix(world.accents[0], 0.12));
    let stripe = wall.mix(room(world.accents[1]), 0.18);
    canvas.shade(|x, y, _| {
        if x > wx0 && x < wx1 && y > wy0 && y < wy1 {
            view.get(x as usize, y as usize)
        } else if (x / 48.0).floor() as i32 % 2 == 0 {
            wall
        } else {
            stripe
        }
    });
    canvas.outline = outline;
    let frame = room(FRAME);
    let bar = 14.0;
    for (x0, y0, x1, y1) in [
        (wx0 - bar, wy0 - bar, wx1 + bar, wy0),
        (wx0 - bar, wy1, wx1 + bar, wy1 + bar),
        (wx0 - bar, wy0, wx0, wy1),
        (wx1, wy0, wx1 + bar, wy1),
        (window_x - bar / 2.0, wy0, window_x + bar / 2.0, wy1),
    ] {
        canvas.rect(x0, y0, x1, y1, frame);
    }
    let curtain = room(world.accents[0]);
    canvas.rounded_rect(wx0 - 70.0, wy0 - 30.0, wx0 + 10.0, wy1 + 40.0, 18.0, curtain);
    canvas.rounded_rect(wx1 - 10.0, wy0 - 30.0, wx1 + 70.0, wy1 + 40.0, 18.0, curtain);
    canvas.rounded_rect(wx0 - 90.0, wy0 - 44.0, wx1 + 90.0, wy0 - 28.0, 8.0, room(Rgb::hex(0xB07A4F)));

    // Floorboards.
    let floor = room(FLOOR);
    canvas.rect(-5.0, floor_y, w + 5.0, h + 5.0, floor);
    canvas.without_outline(|c| {
        for k in 0..6 {
            let y = floor_y + 22.0 + k as f32 * (k as f32 * 6.0 + 20.0);
            c.line((0.0, y), (w, y), 2.0, floor.scale(0.85));
        }
        c.rect(0.0, floor_y - 16.0, w, floor_y, room(Rgb::hex(0xFFF6EA)));
    });

    // A rug under the hero.
    let rug = room(world.accents[2]);
    canvas.ellipse(w * 0.5, h * 0.88, 360.0, 70.0, rug);
    canvas.without_outline(|c| c.ellipse(w * 0.5, h * 0.88, 300.0, 52.0, rug.mix(Rgb(1.0, 1.0, 1.0), 0.3)));

    let bed_left = world.rng.chance(0.5);
    bed(canvas, world, if bed_left { 40.0 } else { w - 40.0 }, floor_y + 60.0, bed_left, &room);
    let lamp_x = if bed_left { w - 150.0 } else { 150.0 };
    lamp(canvas, world, lamp_x, floor_y + 30.0, dark, &room);
    picture(canvas, if bed_left { wx1 + 200.0 } else { wx0 - 200.0 }, h * 0.25, &room);
    blocks(canvas, world, &room);
}

fn bed(canvas: &mut Canvas, world: &World, edge: f32, floor: f32, on_left: bool, room: &dyn Fn(Rgb) -> Rgb) {
    let dir = if on_left { 1.0 } else { -1.0 };
    let wood = room(Rgb::hex(0xB07A4F));
    let x0 = edge.min(edge + dir * 330.0);
    let x1 = edge.max(edge + dir * 330.0);
    let head_x = if on_left { x0 } else { x1 - 40.0 };
    canvas.rounded_rect(head_x, floor - 260.0, head_x + 40.0, floor + 10.0, 12.0, wood);
    canvas.rounded_rect(x0, floor - 110.0, x1, floor - 20.0, 10.0, room(Rgb::hex(0xFFFFFF)));
    let pillow_x = if on_left { x0 + 50.0 } else { x1 - 150.0 };
    canvas.rounded_rect(
        pillow_x,
        floor - 150.0,
        pillow_x + 100.0,
        floor - 100.0,
        22.0,
        room(Rgb::hex(0xFFFDF8)),
    );
    let blanket = room(world.accents[1]);
    let blanket_x0 = if on_left { x0 + 150.0 } else { x0 - 10.0 };
    let blanket_x1 = if on_left { x1 + 10.0 } else { x1 - 150.0 };
    canvas.rounded_rect(blanket_x0, floor - 118.0, blanket_x1, floor + 10.0, 16.0, blanket);
    canvas.without_outline(|c| {
        for k in 0..4 {
            let x = blanket_x0 + 25.0 + k as f32 * 45.0;
            c.circle(x, floor - 60.0, 9.0, blanket.mix(Rgb(1.0, 1.0, 1.0), 0.45));
        }
    });
    canvas.rect(x0 + 10.0, floor + 10.0, x0 + 26.0, floor + 40.0, wood);
    canvas.rect(x1 - 26.0, floor + 10.0, x1 - 10.0, floor + 40.0, wood);
}

fn lamp(canvas: &mut Canvas, world: &World, x: f32, floor: f32, on: bool, room: &dyn Fn(Rgb) -> Rgb) {
    let table = room(Rgb::hex(0xC98D5B));
    canvas.rounded_rect(x - 60.0, floor - 110.0, x + 60.0, floor + 10.0, 8.0, table);
    canvas.without_outline(|c| {
        c.line((x - 40.0, floor - 60.0), (x + 40.0, floor - 60.0), 3.0, table.scale(0.8))
    });
    canvas.rect(x - 5.0, floor - 190.0, x + 5.0, floor - 110.0, room(Rgb::hex(0x8C6A52)));
    let shade = room(world.accents[3].mix(Rgb(1.0, 1.0, 0.9), 0.4));
    canvas.polygon(
        &[
            (x - 30.0, floor - 250.0),
            (x + 30.0, floor - 250.0),
            (x + 55.0, floor - 185.0),
            (x - 55.0, floor - 185.0),
        ],
        shade,
    );
    if on {
        canvas.without_outline(|c| c.glow(x, floor - 210.0, 330.0, Rgb::hex(0xFFD98A), 0.45));
    }
}

fn picture(canvas: &mut Canvas, x: f32, y: f32, room: &dyn Fn(Rgb) -> Rgb) {
    canvas.rect(x - 70.0, y - 55.0, x + 70.0, y + 55.0, room(Rgb::hex(0xB07A4F)));
    canvas.rect(x - 58.0, y - 43.0, x + 58.0, y + 43.0, room(Rgb::hex(0xDFF1FB)));
    let hill = room(Rgb::hex(0x7CC656));
    canvas.without_outline(|c| {
        c.fill_shape((x - 58.0, y - 10.0, x + 58.0, y + 43.0), hill, 1.0, |px, py| {
            let inside = (px - x).abs().max(0.0) - 58.0;
            let below = py - (y + 43.0);
            let top = y + 10.0 + 12.0 * ((px - x) / 25.0).sin() - py;
            inside.max(below).max(top)
        });
    });
    props::sun(canvas, x + 30.0, y - 18.0, 12.0, room(Rgb::hex(0xFFD83A)), false);
}

fn blocks(canvas: &mut Canvas, world: &mut World, room: &dyn Fn(Rgb) -> Rgb) {
    let x = world.rng.range(world.width * 0.25, world.width * 0.75);
    let y = world.height * 0.97;
    for (k, (dx, dy)) in [(-40.0, 0.0), (0.0, 0.0), (-20.0, -40.0)].into_iter().enumerate() {
        let colour = room(world.accents[k + 3]);
        canvas.rounded_rect(x + dx - 19.0, y + dy - 40.0, x + dx + 19.0, y + dy, 4.0, colour);
    }
}
