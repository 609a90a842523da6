//! Writes pages of every catalogue drawing (animals, people, everything) for looking them over,
//! in a day and a night light.
//!
//! cargo run -p render --release --example drawings -- <out_dir> [storybook|watercolor|crayon] [cell]

use std::path::PathBuf;

use model::{Style, TimeOfDay};
use planner::{Kind, ELEMENTS};
use render::drawing_sheet;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(out_dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: drawings <out_dir> [style]");
        std::process::exit(2);
    };
    let style = match args.next().as_deref() {
        Some("watercolor") => Style::Watercolor,
        Some("crayon") => Style::Crayon,
        _ => Style::Storybook,
    };
    let cell: u32 = args.next().and_then(|c| c.parse().ok()).unwrap_or(220);
    if let Err(e) = std::fs::create_dir_all(&out_dir) {
        eprintln!("drawings: cannot create {}: {e}", out_dir.display());
        std::process::exit(1);
    }
    let named = |kinds: &[Kind]| -> Vec<&str> {
        ELEMENTS.iter().filter(|e| kinds.contains(&e.kind)).map(|e| e.name).collect()
    };
    let pages = [
        ("animals", named(&[Kind::Animal]), 7),
        ("people", named(&[Kind::Person]), 5),
        ("things", named(&[Kind::Object, Kind::Building, Kind::Nature, Kind::Sky]), 10),
    ];
    for (page, names, columns) in pages {
        for (time, light) in [(TimeOfDay::Midday, "day"), (TimeOfDay::Night, "night")] {
            let sheet = drawing_sheet(&names, columns, cell, time, style);
            let path = out_dir.join(format!("{page}-{light}-{}.png", style.as_str()));
            if let Err(e) = sheet.save(&path) {
                eprintln!("drawings: cannot write {}: {e}", path.display());
                std::process::exit(1);
            }
            println!("{}", path.display());
        }
    }
}
