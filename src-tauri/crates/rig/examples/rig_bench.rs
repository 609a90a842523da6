//! What a frame costs: for each fixture drawing at the app's cut-out size (at most 640 px), the
//! time to rig it once, then per frame the time to pose and bend the mesh (with the fold guard)
//! and to draw it into a 1280 x 720 video frame, over two seconds at 25 fps of every motion.
//!
//! `cargo run -p rig --release --example rig_bench`

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use image::{Rgba, RgbaImage};
use rig::{draw, Motion, Puppet, Texture};

const FPS: f32 = 25.0;
const FRAMES: usize = 50;
const RUNS: usize = 3;

fn ms(duration: Duration, frames: usize) -> f64 {
    duration.as_secs_f64() * 1000.0 / frames as f64
}

fn main() {
    println!("per frame, best of {RUNS} runs of {FRAMES} frames x {} motions", Motion::ALL.len());
    println!(
        "{:<14} {:>9} {:>9} {:>8} {:>9} {:>9} {:>9}",
        "fixture", "figure", "triangles", "rig ms", "deform", "draw", "total"
    );
    for name in common::FIXTURES {
        let figure = common::figure(name);
        let started = Instant::now();
        let puppet = Puppet::from_mask(&figure.mask).unwrap_or_else(|error| panic!("{name}: {error}"));
        let rig_time = started.elapsed();
        let texture = Texture::new(&figure.cut_out);
        let (w, h) = figure.mask.dimensions();
        let mut canvas = RgbaImage::from_pixel(1280, 720, Rgba([250, 247, 238, 255]));
        let clean = canvas.clone();
        // Centred in the frame; a 640-px-tall figure is cropped top and bottom, as a hero
        // close-up would be.
        let (dx, dy) = ((1280.0 - w as f32) / 2.0, (720.0 - h as f32) / 2.0);
        let (mut best_deform, mut best_draw) = (Duration::MAX, Duration::MAX);
        let mut moved = Vec::new();
        for _ in 0..RUNS {
            let (mut deform_time, mut draw_time) = (Duration::ZERO, Duration::ZERO);
            for motion in Motion::ALL {
                for i in 0..FRAMES {
                    let t = i as f32 / FPS;
                    let started = Instant::now();
                    let frame = puppet.frame(motion, t, 7);
                    deform_time += started.elapsed();
                    canvas.copy_from_slice(&clean);
                    let started = Instant::now();
                    moved.clear();
                    moved.extend(frame.positions.iter().map(|p| [p[0] + dx, p[1] + dy]));
                    draw(puppet.mesh(), &moved, &texture, &mut canvas);
                    draw_time += started.elapsed();
                }
            }
            best_deform = best_deform.min(deform_time);
            best_draw = best_draw.min(draw_time);
        }
        let frames = FRAMES * Motion::ALL.len();
        println!(
            "{:<14} {:>9} {:>9} {:>8.1} {:>6.2} ms {:>6.2} ms {:>6.2} ms",
            name,
            format!("{w}x{h}"),
            puppet.mesh().triangles.len(),
            rig_time.as_secs_f64() * 1000.0,
            ms(best_deform, frames),
            ms(best_draw, frames),
            ms(best_deform + best_draw, frames)
        );
    }
}
