//! The rig on simple drawn shapes whose answer is known: a plus sign has four limbs, a star
//! five, a disc none (and still bounces); the outline and the mesh stay on the figure.

use image::{GrayImage, Luma};
use model::{JointKind, LimbKind};
use rig::{build_rig, trace_outlines, Mesh, MeshOptions, Motion, Puppet};

fn mask(size: u32, inside: impl Fn(f32, f32) -> bool) -> GrayImage {
    GrayImage::from_fn(size, size, |x, y| {
        Luma([if inside(x as f32 + 0.5, y as f32 + 0.5) { 255 } else { 0 }])
    })
}

/// A plus sign of bars 24 px thick, 200 px across, with a round middle.
fn plus() -> GrayImage {
    mask(240, |x, y| {
        let (dx, dy) = (x - 120.0, y - 120.0);
        let bars = (dx.abs() < 12.0 && dy.abs() < 100.0) || (dy.abs() < 12.0 && dx.abs() < 100.0);
        bars || dx.hypot(dy) < 30.0
    })
}

/// A five-armed star: a body disc with five rounded arms.
fn star() -> GrayImage {
    mask(300, |x, y| {
        let (dx, dy) = (x - 150.0, y - 150.0);
        if dx.hypot(dy) < 45.0 {
            return true;
        }
        (0..5).any(|k| {
            let a = -std::f32::consts::FRAC_PI_2 + k as f32 * std::f32::consts::TAU / 5.0;
            let (ux, uy) = (a.cos(), a.sin());
            let along = dx * ux + dy * uy;
            let across = (dx * uy - dy * ux).abs();
            (0.0..125.0).contains(&along) && across < 13.0
        })
    })
}

fn disc() -> GrayImage {
    mask(200, |x, y| (x - 100.0).hypot(y - 100.0) < 80.0)
}

#[test]
fn a_plus_sign_has_four_limbs_around_its_middle() {
    let rig = build_rig(&plus()).expect("rigs");
    assert_eq!(rig.limbs.len(), 4, "{rig:?}");
    let root = rig.root().expect("a root");
    assert!((root.x - 120.0).abs() < 6.0 && (root.y - 120.0).abs() < 6.0, "root at {},{}", root.x, root.y);
    // The bottom bar leaves the lower half pointing down: a leg; the others are arms (no
    // round head on top, and a bar is too long to be a stem).
    assert_eq!(rig.count(LimbKind::Leg), 1, "{rig:?}");
    assert_eq!(rig.count(LimbKind::Arm), 3, "{rig:?}");
    assert!(!rig.has_head());
}

#[test]
fn a_star_has_five_limbs() {
    let rig = build_rig(&star()).expect("rigs");
    assert_eq!(rig.limbs.len(), 5, "{rig:?}");
    for limb in &rig.limbs {
        // Each limb runs outwards: its tip is farther from the middle than its base.
        let base = rig.joint(limb.joints[0]).expect("base");
        let tip = rig.joint(limb.joints[limb.joints.len() - 1]).expect("tip");
        let from_middle = |x: f32, y: f32| (x - 150.0).hypot(y - 150.0);
        assert!(from_middle(tip.x, tip.y) > from_middle(base.x, base.y) + 40.0, "{limb:?}");
        // It starts where the arm narrows out of the body (the disc is 45 px; the arms widen
        // it where they join), not at the middle.
        assert!(
            from_middle(base.x, base.y) > 20.0,
            "a limb starts at the body's edge, not its middle: {limb:?}"
        );
    }
}

#[test]
fn a_disc_has_no_limbs_but_still_moves() {
    let mask = disc();
    let rig = build_rig(&mask).expect("rigs");
    assert!(rig.limbs.is_empty(), "{rig:?}");
    let root = rig.root().expect("a root");
    assert!((root.x - 100.0).abs() < 4.0 && (root.y - 100.0).abs() < 4.0);
    assert!(rig.joints.iter().all(|j| j.kind == JointKind::Body), "a body and nothing else: {rig:?}");
    assert!(rig.joints.len() >= 3, "a body that can bend: {rig:?}");

    let puppet = Puppet::with_rig(&mask, rig).expect("meshes");
    for motion in [Motion::Hop, Motion::Wave, Motion::Dance] {
        let moved = (0..25).any(|i| {
            let frame = puppet.frame(motion, i as f32 * 0.04, 1);
            frame
                .positions
                .iter()
                .zip(&puppet.mesh().vertices)
                .any(|(p, q)| (p[0] - q[0]).hypot(p[1] - q[1]) > 2.0)
        });
        assert!(moved, "a limbless figure still {motion:?}s");
    }
}

#[test]
fn outlines_and_mesh_stay_on_the_figure() {
    let mask = star();
    let outlines = trace_outlines(&mask);
    assert_eq!(outlines.len(), 1);
    let pixels = mask.pixels().filter(|p| p.0[0] == 255).count() as f32;
    assert!((outlines[0].signed_area() - pixels).abs() < 0.01 * pixels);

    let options = MeshOptions::for_mask(&mask);
    let mesh = Mesh::from_mask(&mask, &options).expect("meshes");
    let max_area = options.spacing * options.spacing * 0.5;
    let mut area = 0.0;
    for (t, twice) in mesh.triangles.iter().zip(mesh.signed_areas(&mesh.vertices)) {
        assert!(twice > 0.0);
        assert!(twice * 0.5 <= max_area * 1.01, "triangle {t:?} is larger than the set size");
        area += twice * 0.5;
        for f in [[1.0f32 / 3.0, 1.0 / 3.0, 1.0 / 3.0], [0.6, 0.2, 0.2], [0.2, 0.6, 0.2], [0.2, 0.2, 0.6]] {
            let p = t.iter().zip(f).fold([0.0f32; 2], |acc, (&i, w)| {
                let v = mesh.vertices[i as usize];
                [acc[0] + w * v[0], acc[1] + w * v[1]]
            });
            // No triangle reaches more than a pixel off the figure.
            let near = (-1..=1).any(|dy| {
                (-1..=1).any(|dx| {
                    let (x, y) = (p[0] as i64 + dx, p[1] as i64 + dy);
                    x >= 0 && y >= 0 && x < 300 && y < 300 && mask.get_pixel(x as u32, y as u32).0[0] == 255
                })
            });
            assert!(near, "triangle {t:?} has a point at {p:?} off the figure");
        }
    }
    assert!((area - pixels).abs() < 0.02 * pixels, "mesh area {area} vs {pixels} figure pixels");
}

#[test]
fn a_parents_rig_is_checked_and_used() {
    let mask = plus();
    let mut rig = build_rig(&mask).expect("rigs");
    // A parent drags the root a little: the puppet follows the edited rig.
    rig.joints[0].x += 3.0;
    let puppet = Puppet::with_rig(&mask, rig.clone()).expect("an edited rig binds");
    assert_eq!(puppet.rig(), &rig);
    // A rig that names a joint that does not exist is refused with a reason.
    rig.limbs[0].joints.push(999);
    assert!(Puppet::with_rig(&mask, rig).is_err());
    assert!(matches!(build_rig(&GrayImage::new(20, 20)), Err(rig::RigError::EmptyMask)));
}
