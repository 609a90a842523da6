//! Times the frame maker alone (no encoder) on a storybook-sized scene: the background zoom, the
//! figure and both together, per frame.
//!
//! `cargo run -p av --release --example frames_bench [figure.png ...]`: with no figure a drawn
//! blob stands in; figures written by `render_all` (`<name>-figure.png`) time real ones. Each
//! figure is timed still and, when it can be rigged, walking by its rig.

use std::time::Instant;

use av::frames::{FrameMaker, FRAME_BYTES};
use image::{Rgba, RgbaImage};
use render::{Placement, SceneLayers};

fn figure() -> RgbaImage {
    RgbaImage::from_fn(520, 600, |x, y| {
        let dx = (x as f32 - 260.0) / 220.0;
        let dy = (y as f32 - 300.0) / 270.0;
        let inside = dx * dx + dy * dy + 0.3 * (dx * 9.0).sin() * (dy * 7.0).cos();
        if inside < 1.0 {
            Rgba([(150 + x % 40) as u8, 70, (200 - y % 50) as u8, 255])
        } else if inside < 1.06 {
            Rgba([40, 20, 60, ((1.06 - inside) / 0.06 * 255.0) as u8])
        } else {
            Rgba([0, 0, 0, 0])
        }
    })
}

fn layers(figure: RgbaImage) -> SceneLayers {
    let background = RgbaImage::from_fn(1280, 720, |x, y| {
        Rgba([(x % 251) as u8, (y % 241) as u8, ((x / 3 + y / 5) % 256) as u8, 255])
    });
    // Scaled as the app scales its hero: about 60 % of the frame's height.
    let scale = if figure.height() == 0 { 1.0 } else { 430.0 / figure.height() as f32 };
    let place = |x: f32, y: f32, scale: f32, tilt: f32| Placement {
        center_x: x,
        center_y: y,
        scale,
        rotation_deg: tilt,
        flip: true,
    };
    SceneLayers {
        background,
        figure,
        start: place(430.0, 420.0, scale, 3.5),
        end: place(470.0, 410.0, scale * 1.03, 1.0),
        drawn: Vec::new(),
        animation: None,
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let frames = 400;
    let mut out = vec![0u8; FRAME_BYTES];
    let mut figures = vec![("background only".to_owned(), RgbaImage::new(0, 0))];
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        figures.push(("drawn blob".to_owned(), figure()));
    }
    for path in paths {
        let name = std::path::Path::new(&path).file_stem().map(|n| n.to_string_lossy().into_owned());
        figures.push((name.unwrap_or_default(), image::open(&path)?.to_rgba8()));
    }
    // The fastest of several rounds: on a shared machine the slower rounds measure the neighbours.
    let rounds = 8;
    let mut scenes = Vec::new();
    for (label, figure) in figures {
        let walking =
            render::find_rig(&figure).and_then(|rig| render::animate(&figure, &rig, model::Motion::Walk, 1));
        let still = layers(figure);
        let moving = walking.map(|animation| SceneLayers { animation: Some(animation), ..still.clone() });
        scenes.push((label.clone(), still));
        scenes.extend(moving.map(|scene| (format!("{label} walking"), scene)));
    }
    for (label, scene) in scenes {
        let maker = FrameMaker::new(&scene, frames)?;
        let mut best = f64::INFINITY;
        let mut checksum = 0u64;
        for round in 0..rounds {
            let started = Instant::now();
            for index in (round..frames).step_by(rounds) {
                maker.frame_yuv420(index, &mut out);
                checksum = checksum.wrapping_add(u64::from(out[(index * 7919) % FRAME_BYTES]));
            }
            let made = (round..frames).step_by(rounds).count() as f64;
            best = best.min(started.elapsed().as_secs_f64() * 1000.0 / made);
        }
        println!("{label:<22} {best:6.3} ms/frame  (checksum {checksum})");
    }
    Ok(())
}
