//! Contact sheets to look at as a parent would: for each fixture drawing, the figure with its
//! mesh and skeleton drawn over it (top row; joints: red head, black body, blue arms, green legs,
//! orange tail, purple other), then one row of frames per motion.
//!
//! `cargo run -p rig --release --example rig_sheet [out-dir]` (default /tmp/rig-check).

#[path = "../tests/common/mod.rs"]
mod common;

use image::imageops::{self, FilterType};
use image::{Rgba, RgbaImage};
use model::JointKind;
use rig::{draw, Motion, Puppet, Texture};

const PANEL_HEIGHT: u32 = 300;
const PAPER: Rgba<u8> = Rgba([250, 247, 238, 255]);

fn motions_for(name: &str) -> [Motion; 3] {
    match name {
        "boy-purple" => [Motion::Walk, Motion::Wave, Motion::Jump],
        "girl-pencil" => [Motion::Dance, Motion::Wave, Motion::Spin],
        "pig" => [Motion::Walk, Motion::Wave, Motion::Wiggle],
        "bug-six-arms" => [Motion::Walk, Motion::Dance, Motion::Wave],
        _ => [Motion::Hop, Motion::Walk, Motion::Sleep],
    }
}

fn line(image: &mut RgbaImage, a: [f32; 2], b: [f32; 2], width: f32, colour: Rgba<u8>) {
    let steps = ((b[0] - a[0]).hypot(b[1] - a[1]) * 2.0).ceil().max(1.0) as usize;
    for i in 0..=steps {
        let t = i as f32 / steps as f32;
        disc(image, [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])], width / 2.0, colour);
    }
}

fn disc(image: &mut RgbaImage, c: [f32; 2], r: f32, colour: Rgba<u8>) {
    let (w, h) = (image.width() as i32, image.height() as i32);
    let (x0, x1) = ((c[0] - r).floor() as i32, (c[0] + r).ceil() as i32);
    let (y0, y1) = ((c[1] - r).floor() as i32, (c[1] + r).ceil() as i32);
    for y in y0.max(0)..=y1.min(h - 1) {
        for x in x0.max(0)..=x1.min(w - 1) {
            if (x as f32 + 0.5 - c[0]).hypot(y as f32 + 0.5 - c[1]) <= r.max(0.6) {
                image.put_pixel(x as u32, y as u32, colour);
            }
        }
    }
}

fn kind_colour(kind: JointKind) -> Rgba<u8> {
    match kind {
        JointKind::Head => Rgba([220, 30, 30, 255]),
        JointKind::Body => Rgba([20, 20, 20, 255]),
        JointKind::Arm => Rgba([30, 90, 230, 255]),
        JointKind::Leg => Rgba([20, 160, 60, 255]),
        JointKind::Tail => Rgba([240, 140, 0, 255]),
        JointKind::Other => Rgba([150, 40, 200, 255]),
    }
}

fn skeleton(image: &mut RgbaImage, puppet: &Puppet, joints: &[[f32; 2]], scale: f32) {
    let rig = puppet.rig();
    for (i, joint) in rig.joints.iter().enumerate() {
        if let Some(p) = joint.parent.and_then(|id| rig.joints.iter().position(|j| j.id == id)) {
            line(image, joints[p], joints[i], 3.0 * scale, Rgba([255, 255, 255, 255]));
            line(image, joints[p], joints[i], 1.6 * scale, kind_colour(joint.kind));
        }
    }
    for (i, joint) in rig.joints.iter().enumerate() {
        disc(image, joints[i], 4.5 * scale, Rgba([255, 255, 255, 255]));
        disc(image, joints[i], 3.2 * scale, kind_colour(joint.kind));
    }
}

fn to_height(image: &RgbaImage, height: u32) -> RgbaImage {
    let width = ((image.width() as f32 * height as f32 / image.height() as f32).round() as u32).max(1);
    imageops::resize(image, width, height, FilterType::Triangle)
}

fn main() {
    let out = std::env::args().nth(1).unwrap_or_else(|| "/tmp/rig-check".into());
    std::fs::create_dir_all(&out).unwrap_or_else(|error| panic!("cannot create {out}: {error}"));
    for name in common::FIXTURES {
        let figure = common::figure(name);
        let puppet = match Puppet::from_mask(&figure.mask) {
            Ok(puppet) => puppet,
            Err(error) => {
                println!("{name}: no rig: {error}");
                continue;
            }
        };
        let rig = puppet.rig();
        let counts: Vec<String> = [
            ("arms", model::LimbKind::Arm),
            ("legs", model::LimbKind::Leg),
            ("tails", model::LimbKind::Tail),
            ("other", model::LimbKind::Other),
        ]
        .iter()
        .map(|(word, kind)| format!("{} {word}", rig.count(*kind)))
        .collect();
        println!(
            "{name}: {} joints, {}{}; mesh {} vertices, {} triangles",
            rig.joints.len(),
            counts.join(", "),
            if rig.has_head() { ", a head" } else { ", no head" },
            puppet.mesh().vertices.len(),
            puppet.mesh().triangles.len()
        );
        let texture = Texture::new(&figure.cut_out);
        let (w, h) = figure.mask.dimensions();
        let long = w.max(h) as f32;
        let scale = long / 400.0;

        // The still: figure, mesh, skeleton.
        let mut still = RgbaImage::from_pixel(w, h, PAPER);
        draw(puppet.mesh(), &puppet.mesh().vertices, &texture, &mut still);
        for &(a, b) in &puppet.mesh().edges() {
            let (p, q) = (puppet.mesh().vertices[a as usize], puppet.mesh().vertices[b as usize]);
            line(&mut still, p, q, 0.8 * scale, Rgba([170, 170, 170, 255]));
        }
        let rest: Vec<[f32; 2]> = rig.joints.iter().map(|j| [j.x, j.y]).collect();
        skeleton(&mut still, &puppet, &rest, scale);
        let mut rows = vec![vec![to_height(&still, PANEL_HEIGHT)]];

        let pad = 0.45 * long;
        for motion in motions_for(name) {
            let mut row = Vec::new();
            let mut bends = Vec::new();
            for t in [0.15f32, 0.45, 0.75, 1.05, 1.35] {
                let mut canvas = RgbaImage::from_pixel(w + 2 * pad as u32, h + 2 * pad as u32, PAPER);
                let pose = puppet.pose(motion, t, 7);
                let frame = puppet.deform(&pose);
                bends.push(format!("{:.2}", frame.bend));
                let moved: Vec<[f32; 2]> = frame.positions.iter().map(|p| [p[0] + pad, p[1] + pad]).collect();
                draw(puppet.mesh(), &moved, &texture, &mut canvas);
                let joints: Vec<[f32; 2]> = puppet
                    .skin()
                    .posed_joints(&pose.with_bend(frame.bend))
                    .iter()
                    .map(|p| [p[0] + pad, p[1] + pad])
                    .collect();
                skeleton(&mut canvas, &puppet, &joints, scale * 0.6);
                row.push(to_height(&canvas, PANEL_HEIGHT));
            }
            println!("  row: {} (bending used: {})", motion.as_str(), bends.join(" "));
            rows.push(row);
        }

        let gap = 6;
        let sheet_w =
            rows.iter().map(|r| r.iter().map(|p| p.width() + gap).sum::<u32>()).max().unwrap_or(1) + gap;
        let sheet_h = rows.len() as u32 * (PANEL_HEIGHT + gap) + gap;
        let mut sheet = RgbaImage::from_pixel(sheet_w, sheet_h, Rgba([90, 90, 90, 255]));
        for (r, row) in rows.iter().enumerate() {
            let mut x = gap;
            for panel in row {
                imageops::replace(
                    &mut sheet,
                    panel,
                    i64::from(x),
                    i64::from(gap + r as u32 * (PANEL_HEIGHT + gap)),
                );
                x += panel.width() + gap;
            }
        }
        let path = format!("{out}/{name}.png");
        sheet.save(&path).unwrap_or_else(|error| panic!("cannot write {path}: {error}"));
        println!("  wrote {path}");
    }
}
