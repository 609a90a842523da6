//! Prints one story: `cargo run -p storyteller --example sample -- <theme> <age> <seed> [subject]`.
//! Optional environment: NAME, PET, PLACE, SETTING, MOOD, COLORS (comma separated).

use std::io::Write;

use model::{Customization, DrawingAnalysis, PaletteColor, PersonalContext, Theme};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let theme_name = args.first().map(String::as_str).unwrap_or("adventure");
    let Some(theme) = Theme::ALL.iter().copied().find(|t| t.as_str() == theme_name) else {
        eprintln!("Unknown theme {theme_name:?}; use one of adventure, friendship, bedtime, silly, brave.");
        std::process::exit(2);
    };
    let age: u8 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(5);
    let seed: u64 = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(1);
    let subject = args.get(3).cloned().unwrap_or_else(|| "a garlic monster".to_string());
    let env = |key: &str| std::env::var(key).unwrap_or_default();
    let colors = env("COLORS")
        .split(',')
        .filter(|c| !c.trim().is_empty())
        .enumerate()
        .map(|(i, name)| PaletteColor {
            hex: "#000000".into(),
            name: name.trim().into(),
            share: 1.0 / (i + 1) as f32,
        })
        .collect();
    let analysis = DrawingAnalysis {
        subject,
        setting: env("SETTING"),
        mood: env("MOOD"),
        colors,
        ..DrawingAnalysis::default()
    };
    let customization = Customization {
        theme,
        child_age: age,
        personal_context: PersonalContext { child_name: env("NAME"), pet: env("PET"), place: env("PLACE") },
        ..Customization::default()
    };
    let story = storyteller::write_story(&analysis, &customization, seed);
    // Writing stops quietly when the reader goes away (`| head`).
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "# {}\n", story.title);
    for (index, scene) in story.scenes.iter().enumerate() {
        if writeln!(out, "{}. [{}]\n{}\n", index + 1, scene.id, scene.text).is_err() {
            break;
        }
    }
}
