//! The burned-in subtitles: an ASS script with a large, rounded, outlined style at the bottom
//! centre, one line per spoken sentence, timed from the narration's measured sentence times.
//! libass (through ffmpeg's `ass` filter) draws each line once; the frame maker blends it in,
//! which costs far less than running the filter on every frame.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::sync::OnceLock;

use crate::frames::{HEIGHT, WIDTH};
use crate::narrate::SentenceTiming;
use crate::process;
use crate::sprite::Sprite;
use crate::{encoding, tool, AvError};

/// One clear RGBA frame as ffmpeg hands it back with a line drawn on it.
const FRAME_RGBA_BYTES: usize = WIDTH * HEIGHT * 4;

/// Font size in pixels of the 720-pixel-high frame.
pub const FONT_SIZE: u32 = 50;
/// How long the last sentence stays up after its voice ends, unless the clip ends first.
const LAST_LINE_HOLD_SEC: f64 = 0.6;
/// Lines fade in and out over this long.
pub const FADE_SEC: f64 = 0.12;

/// Rounded, friendly families tried in order (Linux asks fontconfig which are installed).
const ROUNDED_FAMILIES: &[&str] =
    &["Nunito", "Quicksand", "Varela Round", "Comic Neue", "M PLUS Rounded 1c", "Baloo 2", "Ubuntu"];
const FALLBACK_FAMILY: &str = "DejaVu Sans";

/// The font family the subtitles use on this computer.
pub fn subtitle_font() -> &'static str {
    static FONT: OnceLock<String> = OnceLock::new();
    FONT.get_or_init(|| {
        if cfg!(target_os = "macos") {
            "Arial Rounded MT Bold".to_owned()
        } else if cfg!(windows) {
            "Segoe UI".to_owned()
        } else {
            installed_rounded_family().unwrap_or_else(|| FALLBACK_FAMILY.to_owned())
        }
    })
}

fn installed_rounded_family() -> Option<String> {
    let output = crate::tool::command("fc-list").args([":", "family"]).output().ok()?;
    let listed = String::from_utf8_lossy(&output.stdout);
    let installed: Vec<&str> = listed.lines().flat_map(|line| line.split(',')).map(str::trim).collect();
    ROUNDED_FAMILIES.iter().find(|family| installed.contains(family)).map(|family| (*family).to_owned())
}

/// A subtitle line drawn by libass, and when it shows within the clip.
#[derive(Debug, Clone, PartialEq)]
pub struct Caption {
    pub sprite: Sprite,
    pub start_sec: f64,
    pub end_sec: f64,
}

impl Caption {
    /// How visible the line is at `seconds` into the clip: fading in, fully shown, fading out.
    pub fn opacity(&self, seconds: f64) -> f32 {
        let rise = (seconds - self.start_sec) / FADE_SEC;
        let fall = (self.end_sec - seconds) / FADE_SEC;
        rise.min(fall).clamp(0.0, 1.0) as f32
    }
}

/// When each sentence's line shows: `offset_sec` after the clip starts plus its narration start,
/// until the next sentence begins (the last one a little after its voice ends); nothing runs
/// past `clip_end_sec`.
pub fn caption_spans(sentences: &[SentenceTiming], offset_sec: f64, clip_end_sec: f64) -> Vec<(f64, f64)> {
    sentences
        .iter()
        .enumerate()
        .map(|(index, sentence)| {
            let start = (offset_sec + sentence.start_sec).clamp(0.0, clip_end_sec);
            let end = match sentences.get(index + 1) {
                Some(next) => offset_sec + next.start_sec,
                None => offset_sec + sentence.end_sec + LAST_LINE_HOLD_SEC,
            }
            .clamp(start, clip_end_sec);
            (start, end)
        })
        .collect()
}

/// The ASS script libass draws the lines from: sentence `i` alone on screen from second `i` to
/// second `i + 1`, so one frame per second of a clear 1 fps video captures each line once.
pub fn ass_script(lines: &[&str], font: &str) -> String {
    let mut script = String::new();
    let _ = write!(
        script,
        "[Script Info]\n\
         ScriptType: v4.00+\n\
         PlayResX: 1280\n\
         PlayResY: 720\n\
         WrapStyle: 0\n\
         ScaledBorderAndShadow: yes\n\
         \n\
         [V4+ Styles]\n\
         Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, \
         Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, \
         Alignment, MarginL, MarginR, MarginV, Encoding\n\
         Style: Story,{font},{FONT_SIZE},&H00FFFFFF,&H00FFFFFF,&H00402818,&H80000000,-1,0,0,0,100,100,0.5,0,1,\
         3.5,1.5,2,100,100,36,1\n\
         \n\
         [Events]\n\
         Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n",
        font = ass_field(font),
    );
    for (index, line) in lines.iter().enumerate() {
        let _ = writeln!(
            script,
            "Dialogue: 0,{},{},Story,,0,0,0,,{}",
            ass_time(index as f64),
            ass_time(index as f64 + 1.0),
            ass_text(line)
        );
    }
    script
}

/// Subtitle lines drawn by libass, kept by their text, so a whole story's lines can be drawn in
/// one ffmpeg run before its clips are made (each run spends most of its time starting up).
#[derive(Debug, Clone, Default)]
pub struct DrawnLines {
    /// `None` for a line that draws nothing visible.
    sprites: HashMap<String, Option<Sprite>>,
}

impl DrawnLines {
    /// Draws every distinct line in `texts`.
    pub fn draw(texts: &[String], cancel: &AtomicBool) -> Result<Self, AvError> {
        let ffmpeg = tool::ffmpeg_path()?;
        let work = tempfile::Builder::new()
            .prefix("nocomelon-lines-")
            .tempdir()
            .map_err(|error| AvError::io("create a work folder", std::env::temp_dir(), error))?;
        Self::draw_with(&ffmpeg, texts, work.path(), cancel)
    }

    /// Has libass (ffmpeg's `ass` filter, fontconfig fonts) draw each line once onto a clear
    /// frame. Each frame is cut down to its line's sprite as it arrives, so a story's worth of
    /// lines never holds more than a few full frames at once.
    fn draw_with(
        ffmpeg: &Path,
        texts: &[String],
        work_dir: &Path,
        cancel: &AtomicBool,
    ) -> Result<Self, AvError> {
        let mut distinct = HashSet::new();
        let lines: Vec<&str> =
            texts.iter().map(String::as_str).filter(|text| distinct.insert(*text)).collect();
        if lines.is_empty() {
            return Ok(Self::default());
        }
        let script_path = work_dir.join("captions.ass");
        std::fs::write(&script_path, ass_script(&lines, subtitle_font()))
            .map_err(|error| AvError::io("save the subtitles", &script_path, error))?;
        let count = lines.len();
        let mut command = tool::command(ffmpeg);
        command
            .current_dir(work_dir)
            .args(encoding::common_args())
            .args(["-f", "lavfi", "-i"])
            .arg(format!("color=c=black@0:s={WIDTH}x{HEIGHT}:r=1:d={count},format=rgba"))
            .args(["-vf", "ass=filename=captions.ass:alpha=1", "-frames:v", &count.to_string()])
            .args(["-f", "rawvideo", "-pix_fmt", "rgba", "pipe:1"]);
        let mut sprites = HashMap::with_capacity(count);
        let mut waiting = lines.iter();
        let frames =
            process::run_records(&mut command, "draw the subtitles", cancel, FRAME_RGBA_BYTES, |frame| {
                if let Some(line) = waiting.next() {
                    sprites.insert((*line).to_owned(), Sprite::from_premultiplied_rgba(frame, WIDTH, HEIGHT));
                }
            })?;
        if frames != count {
            return Err(AvError::ToolFailed {
                action: "draw the subtitles",
                stderr_tail: format!("{frames} of {count} lines came back"),
            });
        }
        Ok(Self { sprites })
    }

    /// `sentences`' lines timed by [`caption_spans`]; `None` when one of them was not drawn.
    pub fn captions(
        &self,
        sentences: &[SentenceTiming],
        offset_sec: f64,
        clip_end_sec: f64,
    ) -> Option<Vec<Caption>> {
        let spans = caption_spans(sentences, offset_sec, clip_end_sec);
        let mut captions = Vec::new();
        for (sentence, (start_sec, end_sec)) in sentences.iter().zip(spans) {
            if let Some(sprite) = self.sprites.get(&sentence.text)? {
                captions.push(Caption { sprite: sprite.clone(), start_sec, end_sec });
            }
        }
        Some(captions)
    }
}

/// `sentences` as captions timed by [`caption_spans`]: from `drawn` when it has their lines,
/// otherwise drawn now.
pub fn render_captions(
    ffmpeg: &Path,
    sentences: &[SentenceTiming],
    offset_sec: f64,
    clip_end_sec: f64,
    drawn: Option<&DrawnLines>,
    work_dir: &Path,
    cancel: &AtomicBool,
) -> Result<Vec<Caption>, AvError> {
    if let Some(captions) = drawn.and_then(|drawn| drawn.captions(sentences, offset_sec, clip_end_sec)) {
        return Ok(captions);
    }
    let texts: Vec<String> = sentences.iter().map(|sentence| sentence.text.clone()).collect();
    let drawn = DrawnLines::draw_with(ffmpeg, &texts, work_dir, cancel)?;
    Ok(drawn.captions(sentences, offset_sec, clip_end_sec).unwrap_or_default())
}

/// `H:MM:SS.cc`.
fn ass_time(seconds: f64) -> String {
    let centis = (seconds.max(0.0) * 100.0).round() as u64;
    format!("{}:{:02}:{:02}.{:02}", centis / 360_000, centis / 6000 % 60, centis / 100 % 60, centis % 100)
}

/// Story text made inert for ASS: no override blocks, no escape sequences, one line (libass
/// wraps it).
fn ass_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '{' => out.push('('),
            '}' => out.push(')'),
            // A word joiner after the backslash keeps "\N", "\h" and friends from forming.
            '\\' => out.push_str("\\\u{2060}"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A style field: commas separate fields, so none may appear inside one.
fn ass_field(value: &str) -> String {
    value.chars().filter(|c| *c != ',' && !c.is_control()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(text: &str, start_sec: f64, end_sec: f64) -> SentenceTiming {
        SentenceTiming { text: text.into(), start_sec, end_sec }
    }

    #[test]
    fn lines_follow_the_voice_and_hold_until_the_next_one() {
        let spans = caption_spans(&[sentence("Hello.", 0.0, 1.2), sentence("Bye.", 1.5, 2.0)], 0.25, 3.0);
        assert_eq!(spans, vec![(0.25, 1.75), (1.75, 2.85)]);
        assert_eq!(caption_spans(&[sentence("Long.", 0.0, 9.0)], 0.25, 5.0), vec![(0.25, 5.0)]);
    }

    #[test]
    fn each_line_has_its_own_second_in_the_script() {
        let script = ass_script(&["Hello.", "Bye."], "DejaVu Sans");
        let events: Vec<&str> = script.lines().filter(|line| line.starts_with("Dialogue:")).collect();
        assert_eq!(events[0], "Dialogue: 0,0:00:00.00,0:00:01.00,Story,,0,0,0,,Hello.");
        assert_eq!(events[1], "Dialogue: 0,0:00:01.00,0:00:02.00,Story,,0,0,0,,Bye.");
        assert!(script.contains("Style: Story,DejaVu Sans,50,"));
        assert!(script.contains("PlayResX: 1280\nPlayResY: 720"));
    }

    #[test]
    fn lines_drawn_ahead_are_timed_for_each_clip_and_a_missing_one_means_drawing_again() {
        let visible = Sprite::from_premultiplied_rgba(&[255u8; WIDTH * HEIGHT * 4], WIDTH, HEIGHT);
        let drawn =
            DrawnLines { sprites: HashMap::from([("Hello.".to_owned(), visible), ("...".to_owned(), None)]) };
        let sentences = [sentence("Hello.", 0.0, 1.2), sentence("...", 1.5, 2.0)];
        let captions = drawn.captions(&sentences, 0.25, 3.0).expect("all lines drawn");
        assert_eq!(captions.len(), 1, "a line that shows nothing is left out");
        assert_eq!((captions[0].start_sec, captions[0].end_sec), (0.25, 1.75));
        assert!(drawn.captions(&[sentence("Bye.", 0.0, 1.0)], 0.25, 3.0).is_none());
    }

    #[test]
    fn captions_fade_in_and_out() {
        let caption = Caption {
            sprite: Sprite::from_premultiplied_rgba(&[255u8; WIDTH * HEIGHT * 4], WIDTH, HEIGHT)
                .expect("visible"),
            start_sec: 1.0,
            end_sec: 3.0,
        };
        assert_eq!(caption.opacity(0.9), 0.0);
        assert!((caption.opacity(1.06) - 0.5).abs() < 0.01);
        assert_eq!(caption.opacity(2.0), 1.0);
        assert_eq!(caption.opacity(3.0), 0.0);
    }

    #[test]
    fn story_text_cannot_inject_ass_commands() {
        assert_eq!(ass_text("{\\b1}Hi\\Nthere\n"), "(\\\u{2060}b1)Hi\\\u{2060}Nthere ");
        assert_eq!(ass_field("Evil,Font"), "EvilFont");
    }

    #[test]
    fn times_are_in_centiseconds() {
        assert_eq!(ass_time(3723.456), "1:02:03.46");
        assert_eq!(ass_time(-1.0), "0:00:00.00");
    }
}
