use std::sync::atomic::AtomicBool;
fn main() {
    let fx = std::path::Path::new("/work/shared/fixtures/drawings");
    let drawing = image::open(fx.join("boy-purple.png")).expect("d").to_rgba8();
    let mask = image::open(fx.join("boy-purple.mask.png")).expect("m").to_luma8();
    let fig = render::prepare_figure(&drawing, &mask).expect("fig");
    let narrator = av::system_narrator().expect("n");
    let dir = std::path::Path::new("/tmp/avreal");
    std::fs::create_dir_all(dir).expect("dir");
    for (i, style) in model::Style::ALL.iter().enumerate() {
        let spec = render::SceneSpec { index: i, count: 3, style: *style, setting: "a sunny meadow".into(), mood: "cheerful".into(), palette: vec![], seed: 7 };
        let layers = render::render_scene(&fig, &spec).expect("scene");
        let n = av::narrate_scene(narrator.as_ref(), "The purple boy walked across the meadow. He waved at the birds and smiled at the sun.", model::VoiceType::Gentle, &dir.join(format!("n{i}")), &AtomicBool::new(false)).expect("narr");
        let out = dir.join(format!("clip-{i}.mp4"));
        let t = std::time::Instant::now();
        av::render_clip(&av::ClipSpec { layers: &layers, narration: &n, out: &out }, &AtomicBool::new(false), &mut |_| {}).expect("clip");
        let frames = av::clip_frame_count(n.duration_sec);
        println!("{:?}: {} frames in {:.2}s size {}", style, frames, t.elapsed().as_secs_f64(), std::fs::metadata(&out).expect("m").len());
    }
}
