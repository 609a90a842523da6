//! Prints how fast stories are written: `cargo run --release -p storyteller --example bench`.

use std::time::Instant;

use model::{Customization, DrawingAnalysis, PersonalContext, Theme};

fn main() {
    let analysis = DrawingAnalysis { subject: "a garlic monster".into(), ..DrawingAnalysis::default() };
    let mut count = 0usize;
    let mut characters = 0usize;
    let started = Instant::now();
    for seed in 0..2_000u64 {
        for theme in Theme::ALL {
            let customization = Customization {
                theme,
                child_age: 2 + (seed % 9) as u8,
                personal_context: PersonalContext {
                    child_name: "Maya".into(),
                    pet: "dog named Biscuit".into(),
                    place: "the park".into(),
                },
                ..Customization::default()
            };
            let story = storyteller::write_story(&analysis, &customization, seed);
            characters += story.scenes.iter().map(|s| s.text.len()).sum::<usize>();
            count += 1;
        }
    }
    let elapsed = started.elapsed();
    println!(
        "{count} stories in {:.2} s: {:.0} stories/s, {:.1} µs per story, {:.0} characters per story",
        elapsed.as_secs_f64(),
        count as f64 / elapsed.as_secs_f64(),
        elapsed.as_secs_f64() * 1e6 / count as f64,
        characters as f64 / count as f64
    );
}
