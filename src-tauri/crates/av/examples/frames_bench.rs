//! Times the frame maker alone (no encoder) on a storybook-sized scene: the background zoom, the
//! figure and both together, per frame.
//!
//! `cargo run -p av --release --example frames_bench`

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

fn layers(with_figure: bool) -> SceneLayers {
    let background = RgbaImage::from_fn(1280, 720, |x, y| {
        Rgba([(x % 251) as u8, (y % 241) as u8, ((x / 3 + y / 5) % 256) as u8, 255])
    });
    let figure = if with_figure { figure() } else { RgbaImage::new(0, 0) };
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
        start: place(430.0, 420.0, 0.75, 3.5),
        end: place(470.0, 410.0, 0.77, 1.0),
    }
}

fn main() -> Result<(), av::AvError> {
    let frames = 400;
    let mut out = vec![0u8; FRAME_BYTES];
    for (label, with_figure) in [("background only", false), ("with figure", true)] {
        let maker = FrameMaker::new(&layers(with_figure), frames)?;
        let started = Instant::now();
        let mut checksum = 0u64;
        for index in 0..frames {
            maker.frame_yuv420(index, &mut out);
            checksum = checksum.wrapping_add(u64::from(out[(index * 7919) % FRAME_BYTES]));
        }
        let per_frame = started.elapsed().as_secs_f64() * 1000.0 / frames as f64;
        println!("{label:<16} {per_frame:6.3} ms/frame  (checksum {checksum})");
    }
    Ok(())
}
