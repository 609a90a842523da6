//! Renders every fixture drawing in every style over the scenes of a few short stories (planned
//! from their words, so the pictures show companions, things, times of day and weather), writes
//! the stills as PNG and prints how long each step took.
//!
//! cargo run -p render --release --example render_all -- <out_dir> [fixtures_dir]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use image::{DynamicImage, GrayImage, ImageDecoder, ImageReader, Luma, RgbaImage};
use model::{PaletteColor, ScenePlan, Style};
use planner::{plan_story, StoryContext};
use render::{placeholder_scene, prepare_figure, render_scene, SceneSpec};

/// Drawings are used at the size ingest would keep them.
const MAX_LONG_SIDE: u32 = 2048;

/// Short stories: (setting, mood, scenes).
const STORIES: [(&str, &str, [&str; 4]); 7] = [
    (
        "the forest",
        "cheerful",
        [
            "One morning the little hero set off into the woods with a friendly fox and a wise old owl.",
            "At lunchtime they met a rabbit under a tall tree and shared a picnic basket and a cake.",
            "In the afternoon a windy breeze carried a kite over the hills while a squirrel watched.",
            "As the sun went down, a deer and a hedgehog said goodnight beside a little house.",
        ],
    ),
    (
        "the beach",
        "happy",
        [
            "In the morning the hero ran along the sand with a crab and a seagull.",
            "At noon a dolphin jumped beside a little boat and a whale waved hello.",
            "In the afternoon they built a sandcastle with a bucket and found a shell by the lighthouse.",
            "At sunset a turtle and a penguin watched the sun go down over the sea.",
        ],
    ),
    (
        "a castle",
        "mysterious",
        [
            "One foggy morning the hero came to a tall tower where a knight stood guard.",
            "At midday the king and the queen welcomed everyone with a teapot and a crown.",
            "In the evening a wizard showed them a dragon sleeping by the castle.",
            "That night a fairy and an owl flew under the moon and the stars.",
        ],
    ),
    (
        "grandpa's farm",
        "playful",
        [
            "In the morning the hero fed a cow, a pig and a hen with grandpa.",
            "At lunch it began to rain, and a duck and a frog splashed by the pond.",
            "In the afternoon a rainbow came out over the barn and a horse ran in the field.",
            "In the evening the sheep and the dog walked home past the windmill.",
        ],
    ),
    (
        "my bedroom",
        "sleepy",
        [
            "In the evening the hero played with a teddy and a ball while mum read a book.",
            "It began to snow outside, and a cat curled up on the pillow.",
            "At bedtime a mouse brought a candle and a lantern glowed.",
            "That night the moon looked in through the window as everyone went to sleep.",
        ],
    ),
    (
        "a flower garden",
        "calm",
        [
            "One sunny morning a butterfly and a bee danced over the flowers.",
            "At midday a ladybird and a snail rested by a mushroom.",
            "In the afternoon a robin sang in the tree and a unicorn came to visit.",
            "At night fireflies glowed around grandma, an octopus and a bird.",
        ],
    ),
    (
        "outer space",
        "curious",
        [
            "One morning the hero climbed into a rocket with a brave little dog.",
            "They zoomed past a comet and waved at a smiling star.",
            "On the moon they found a tree house, a tree and a mountain.",
            "At bedtime they looked through a telescope at the clouds and flew home.",
        ],
    ),
];

fn main() {
    if let Err(message) = run() {
        eprintln!("render_all: {message}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let out_dir = PathBuf::from(args.next().ok_or("usage: render_all <out_dir> [fixtures_dir]")?);
    let fixtures = args.next().map(PathBuf::from).unwrap_or_else(fixtures::drawings_dir);
    std::fs::create_dir_all(&out_dir).map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;

    let names = ["boy-purple", "girl-pencil", "pig", "bug-six-arms", "garlic-photo"];
    let mut scene_times = Vec::new();
    let mut composite_times = Vec::new();
    let mut scene_cpu_times = Vec::new();
    for (d, name) in names.iter().enumerate() {
        let drawing = load_drawing(&fixtures.join(format!("{name}.png")))?;
        let mask_path = fixtures.join(format!("{name}.mask.png"));
        let mask = match load_full_size_mask(&mask_path, &drawing) {
            Some(mask) => mask,
            None => threshold_mask(&drawing),
        };
        let started = Instant::now();
        let figure = prepare_figure(&drawing, &mask).map_err(|e| format!("{name}: {e}"))?;
        let prepare = started.elapsed();
        println!("{name}: {}x{} prepared in {}", drawing.width(), drawing.height(), ms(prepare));
        save(&figure.figure().clone(), &out_dir.join(format!("{name}-figure.png")))?;
        save(&figure.plate().clone(), &out_dir.join(format!("{name}-plate.png")))?;
        let ink = figure.ink_color();
        let palette = vec![PaletteColor {
            hex: format!("#{:02x}{:02x}{:02x}", ink[0], ink[1], ink[2]),
            name: "ink".into(),
            share: 1.0,
        }];

        for (s, style) in Style::ALL.into_iter().enumerate() {
            let (setting, mood, texts) = STORIES[(d * 3 + s * 2) % STORIES.len()];
            let context = StoryContext { setting, mood, ..StoryContext::default() };
            let plans = plan_story(&texts, &context);
            let count = plans.len();
            for (index, plan) in plans.into_iter().enumerate() {
                let time = plan.time_of_day.as_str();
                let weather = plan.weather.as_str();
                let spec = SceneSpec {
                    index,
                    count,
                    style,
                    plan,
                    palette: palette.clone(),
                    seed: 1000 + d as u64,
                    motion: None,
                };
                let started = Instant::now();
                let cpu_before = thread_cpu_time();
                let layers = render_scene(&figure, &spec).map_err(|e| format!("{name}: {e}"))?;
                let scene_time = started.elapsed();
                let scene_cpu =
                    thread_cpu_time().zip(cpu_before).map(|(after, before)| after.saturating_sub(before));
                if let Some(cpu) = scene_cpu {
                    scene_cpu_times.push(cpu);
                }
                let started = Instant::now();
                let still = layers.composite(0.5);
                let composite_time = started.elapsed();
                scene_times.push(scene_time);
                composite_times.push(composite_time);
                let slug: String =
                    setting.chars().map(|c| if c.is_alphanumeric() { c } else { '_' }).collect();
                let file = out_dir.join(format!("{name}-{}-{index}-{slug}-{time}.png", style.as_str()));
                save(&still, &file)?;
                println!(
                    "  {:<10} scene {index} {setting:<16} {mood:<10} {time:<9} {weather:<7} render_scene {:>9} (cpu {:>9})  composite {:>8}  drawn: {}",
                    style.as_str(),
                    ms(scene_time),
                    scene_cpu.map_or_else(|| "n/a".to_string(), ms),
                    ms(composite_time),
                    layers.drawn.join(", ")
                );
            }
        }
    }
    let spec = SceneSpec {
        index: 2,
        count: 5,
        style: Style::Storybook,
        plan: ScenePlan::default(),
        palette: vec![],
        seed: 9,
        motion: None,
    };
    let started = Instant::now();
    let card = placeholder_scene(&spec);
    println!("placeholder_scene {}", ms(started.elapsed()));
    save(&card.composite(0.0), &out_dir.join("placeholder.png"))?;

    summary("render_scene wall", &mut scene_times);
    summary("render_scene cpu", &mut scene_cpu_times);
    summary("composite", &mut composite_times);
    Ok(())
}

/// Time this thread has spent on a CPU (Linux), which other programs' load does not inflate.
fn thread_cpu_time() -> Option<Duration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos: u64 = text.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
}

fn ms(duration: Duration) -> String {
    format!("{:.1} ms", duration.as_secs_f64() * 1000.0)
}

fn summary(label: &str, times: &mut [Duration]) {
    if times.is_empty() {
        return;
    }
    times.sort();
    let mean = times.iter().sum::<Duration>() / times.len() as u32;
    println!(
        "{label}: {} runs, mean {}, median {}, max {}",
        times.len(),
        ms(mean),
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1])
    );
}

fn save(image: &RgbaImage, path: &Path) -> Result<(), String> {
    image.save(path).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Decodes by content (two fixtures are JPEG under a .png name), applies the EXIF orientation
/// and shrinks to the size ingest keeps.
fn load_drawing(path: &Path) -> Result<RgbaImage, String> {
    let reader = ImageReader::open(path)
        .and_then(|r| r.with_guessed_format())
        .map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    let mut decoder = reader.into_decoder().map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let orientation = decoder.orientation().map_err(|e| format!("{}: {e}", path.display()))?;
    let mut image =
        DynamicImage::from_decoder(decoder).map_err(|e| format!("cannot decode {}: {e}", path.display()))?;
    image.apply_orientation(orientation);
    if image.width().max(image.height()) > MAX_LONG_SIDE {
        image = image.resize(MAX_LONG_SIDE, MAX_LONG_SIDE, image::imageops::FilterType::Triangle);
    }
    Ok(image.to_rgba8())
}

/// The hand-checked mask when it has the drawing's size.
fn load_full_size_mask(path: &Path, drawing: &RgbaImage) -> Option<GrayImage> {
    let mask = image::open(path).ok()?.to_luma8();
    (mask.dimensions() == drawing.dimensions()).then_some(mask)
}

/// A simple figure mask: ink darker than the local paper, closed up, with everything not
/// reachable from the page's edge counted as figure; the largest such region wins.
fn threshold_mask(drawing: &RgbaImage) -> GrayImage {
    let scale = (drawing.width().max(drawing.height()) as f32 / 600.0).max(1.0);
    let (w, h) = ((drawing.width() as f32 / scale) as usize, (drawing.height() as f32 / scale) as usize);
    let small = image::imageops::resize(drawing, w as u32, h as u32, image::imageops::FilterType::Triangle);
    let darkness: Vec<f32> = small.pixels().map(|p| p[0].min(p[1]).min(p[2]) as f32).collect();
    let local = box_blur(&box_blur(&darkness, w, h, 20), w, h, 20);
    let ink: Vec<bool> = darkness.iter().zip(&local).map(|(v, bg)| *v < bg - 28.0).collect();
    let closed = grow(&ink, w, h, 3);

    // Paper: everything not ink that the page's edge can reach.
    let mut paper = vec![false; w * h];
    let mut stack: Vec<usize> = Vec::new();
    for x in 0..w {
        stack.extend([x, (h - 1) * w + x]);
    }
    for y in 0..h {
        stack.extend([y * w, y * w + w - 1]);
    }
    while let Some(i) = stack.pop() {
        if paper[i] || closed[i] {
            continue;
        }
        paper[i] = true;
        let (x, y) = (i % w, i / w);
        if x > 0 {
            stack.push(i - 1);
        }
        if x + 1 < w {
            stack.push(i + 1);
        }
        if y > 0 {
            stack.push(i - w);
        }
        if y + 1 < h {
            stack.push(i + w);
        }
    }
    // The largest region of non-paper that does not touch the edge (edges are desks and shadows).
    let mut label = vec![0u32; w * h];
    let mut best = (0usize, 0u32);
    let mut next = 1u32;
    for start in 0..w * h {
        if paper[start] || label[start] != 0 {
            continue;
        }
        let mut size = 0;
        let mut touches_edge = false;
        stack.push(start);
        label[start] = next;
        while let Some(i) = stack.pop() {
            size += 1;
            let (x, y) = (i % w, i / w);
            touches_edge |= x == 0 || y == 0 || x + 1 == w || y + 1 == h;
            let neighbours = [
                (x > 0).then(|| i - 1),
                (x + 1 < w).then(|| i + 1),
                (y > 0).then(|| i - w),
                (y + 1 < h).then(|| i + w),
            ];
            for n in neighbours.into_iter().flatten() {
                if !paper[n] && label[n] == 0 {
                    label[n] = next;
                    stack.push(n);
                }
            }
        }
        if !touches_edge && size > best.0 {
            best = (size, next);
        }
        next += 1;
    }
    let mut mask = GrayImage::new(drawing.width(), drawing.height());
    for (x, y, pixel) in mask.enumerate_pixels_mut() {
        let sx = ((x as f32 / scale) as usize).min(w - 1);
        let sy = ((y as f32 / scale) as usize).min(h - 1);
        *pixel = Luma([if best.1 != 0 && label[sy * w + sx] == best.1 { 255 } else { 0 }]);
    }
    mask
}

fn box_blur(values: &[f32], w: usize, h: usize, r: usize) -> Vec<f32> {
    let mut rows = vec![0.0; w * h];
    for y in 0..h {
        for x in 0..w {
            let (lo, hi) = (x.saturating_sub(r), (x + r + 1).min(w));
            rows[y * w + x] = values[y * w + lo..y * w + hi].iter().sum::<f32>() / (hi - lo) as f32;
        }
    }
    let mut out = vec![0.0; w * h];
    for y in 0..h {
        let (lo, hi) = (y.saturating_sub(r), (y + r + 1).min(h));
        for x in 0..w {
            out[y * w + x] = (lo..hi).map(|yy| rows[yy * w + x]).sum::<f32>() / (hi - lo) as f32;
        }
    }
    out
}

fn grow(set: &[bool], w: usize, h: usize, r: usize) -> Vec<bool> {
    let mut out = vec![false; w * h];
    for y in 0..h {
        for x in 0..w {
            if set[y * w + x] {
                for yy in y.saturating_sub(r)..(y + r + 1).min(h) {
                    for xx in x.saturating_sub(r)..(x + r + 1).min(w) {
                        out[yy * w + xx] = true;
                    }
                }
            }
        }
    }
    out
}
