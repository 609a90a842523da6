//! A progress line on stderr: redrawn in place on a terminal, one line per step otherwise.

use std::io::{IsTerminal, Write};

use nocomelon_core::api::RenderProgress;

pub struct ProgressBar {
    terminal: bool,
    last_line: String,
}

const WIDTH: usize = 30;

impl ProgressBar {
    pub fn new() -> Self {
        Self { terminal: std::io::stderr().is_terminal(), last_line: String::new() }
    }

    pub fn show(&mut self, step: &RenderProgress) {
        let scene = step.scene.map(|n| format!(" (scene {n} of {})", step.scene_count)).unwrap_or_default();
        let message = format!("{}{scene}", step.message);
        let mut stderr = std::io::stderr();
        if self.terminal {
            let filled = ((step.percent / 100.0) * WIDTH as f32).round() as usize;
            let bar = format!("{}{}", "#".repeat(filled.min(WIDTH)), " ".repeat(WIDTH - filled.min(WIDTH)));
            let _ = write!(stderr, "\r[{bar}] {:>3.0}% {message:<50}", step.percent);
            let _ = stderr.flush();
        } else if message != self.last_line {
            let _ = writeln!(stderr, "{:>3.0}% {message}", step.percent);
            self.last_line = message;
        }
    }

    pub fn finish(&mut self) {
        if self.terminal {
            eprintln!();
        }
    }
}
