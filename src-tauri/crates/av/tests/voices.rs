//! The storyteller's voices with the real engines: Festival with its recorded-speaker voice, and
//! espeak-ng. Pace, pauses and the rise of a question are measured from the audio itself.

mod common;

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use model::VoiceType;

const FESTIVAL_INSTALL: &str =
    "these tests need Festival and its voice: sudo apt install festival festvox-us-slt-hts";

fn festival() -> av::FestivalNarrator {
    av::FestivalNarrator::new().unwrap_or_else(|error| panic!("{error} ({FESTIVAL_INSTALL})"))
}

fn narrate_with(narrator: &dyn av::Narrator, text: &str, voice: VoiceType, dir: &Path) -> av::SceneNarration {
    av::narrate_scene(narrator, text, voice, dir, &AtomicBool::new(false))
        .unwrap_or_else(|error| panic!("{} narration failed: {error}: {}", narrator.name(), error.detail()))
}

/// Seconds from the first to the last sample louder than about -40 dBFS.
fn speech_sec(audio: &av::Audio) -> f64 {
    let loud = |sample: &f32| sample.abs() > 0.01;
    match (audio.samples.iter().position(loud), audio.samples.iter().rposition(loud)) {
        (Some(first), Some(last)) => (last + 1 - first) as f64 / f64::from(audio.sample_rate),
        _ => 0.0,
    }
}

fn words(text: &str) -> f64 {
    text.split_whitespace().count() as f64
}

/// A pitch track: for each 10 ms, the frequency whose period the 50 ms around it repeats best
/// (normalized autocorrelation between 50 and 400 Hz, the shortest period nearly as good as the
/// best), or `None` where the sound is quiet or not voiced.
fn pitch_track(audio: &av::Audio) -> Vec<Option<f64>> {
    let rate = f64::from(audio.sample_rate);
    let (frame, hop) = ((0.05 * rate) as usize, (0.01 * rate) as usize);
    let (shortest, longest) = ((rate / 400.0) as usize, (rate / 50.0) as usize);
    let peak = audio.samples.iter().fold(0.0f32, |peak, sample| peak.max(sample.abs()));
    let mut track = Vec::new();
    let mut start = 0;
    while start + frame <= audio.samples.len() {
        let window = &audio.samples[start..start + frame];
        start += hop;
        let level = window.iter().map(|s| s.abs()).fold(0.0f32, f32::max);
        if level < peak * 0.1 {
            track.push(None);
            continue;
        }
        let scores: Vec<f64> = (shortest..=longest)
            .map(|lag| {
                let (mut cross, mut a2, mut b2) = (0.0f64, 0.0f64, 0.0f64);
                for (a, b) in window.iter().zip(&window[lag..]) {
                    cross += f64::from(*a) * f64::from(*b);
                    a2 += f64::from(*a).powi(2);
                    b2 += f64::from(*b).powi(2);
                }
                if a2 > 0.0 && b2 > 0.0 {
                    cross / (a2 * b2).sqrt()
                } else {
                    0.0
                }
            })
            .collect();
        let best = scores.iter().copied().fold(f64::MIN, f64::max);
        if best < 0.6 {
            track.push(None);
            continue;
        }
        let mut at = scores.iter().position(|score| *score >= best * 0.9).unwrap_or(0);
        while at + 1 < scores.len() && scores[at + 1] > scores[at] {
            at += 1;
        }
        track.push(Some(rate / (shortest + at) as f64));
    }
    track
}

fn median(values: &mut [f64]) -> f64 {
    assert!(!values.is_empty(), "no voiced sound to measure");
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// How a take ends: the median pitch of its last 0.12 s of voiced sound, and the low point
/// (20th percentile) of the pitch over its last 0.6 s.
fn ending(audio: &av::Audio) -> (f64, f64) {
    let track = pitch_track(audio);
    let last = track.iter().rposition(Option::is_some).expect("some voiced sound");
    let mut end: Vec<f64> = track[last.saturating_sub(12)..=last].iter().flatten().copied().collect();
    let mut tail: Vec<f64> = track[last.saturating_sub(60)..=last].iter().flatten().copied().collect();
    tail.sort_by(f64::total_cmp);
    (median(&mut end), tail[tail.len() / 5])
}

#[test]
fn festival_reads_a_sentence_at_a_storytellers_pace() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = "The little owl looked up at the big round moon.";
    let narration = narrate_with(&festival(), text, VoiceType::Gentle, dir.path());
    let audio = av::read_wav(&narration.wav).expect("narration is a wav");
    let speech = speech_sec(&audio);
    let pace = words(text) * 60.0 / speech;
    // Ten short words: about 3 to 6 seconds, read more slowly than the 190 words a minute or so
    // of someone reading short words aloud briskly, but not drawled.
    assert!((3.0..6.0).contains(&speech), "{speech:.2} s of speech");
    assert!((110.0..180.0).contains(&pace), "{pace:.0} words a minute");
    let rate = f64::from(audio.sample_rate);
    let sentence = &narration.sentences[0];
    let inside = &audio.samples[(sentence.start_sec * rate) as usize..(sentence.end_sec * rate) as usize];
    assert!(inside.iter().any(|s| s.abs() > 0.1), "the sentence is spoken out loud");
}

/// `text` spoken by Festival's packaged voice as it comes (its own pace), through its own
/// `text2wave`, into `dir/default.wav`.
fn festival_default_take(text: &str, dir: &Path) -> av::Audio {
    let text_file = dir.join("default.txt");
    std::fs::write(&text_file, text).expect("write text");
    let out = dir.join("default.wav");
    let status = Command::new("text2wave")
        .args(["-mode", "fundamental", "-eval", "(voice_cmu_us_slt_arctic_hts)", "-o"])
        .arg(&out)
        .arg(&text_file)
        .status()
        .unwrap_or_else(|error| panic!("text2wave: {error} ({FESTIVAL_INSTALL})"));
    assert!(status.success(), "text2wave failed: {status}");
    av::read_wav(&out).expect("text2wave wrote a wav")
}

#[test]
fn every_narrator_reads_slower_than_the_engines_own_pace() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = "Every morning the little fox ran down to the river to say hello to the ducks.";
    let festival = festival();
    let festival_own = speech_sec(&festival_default_take(text, dir.path()));

    let espeak = common::narrator();
    let espeak_own_wav = dir.path().join("espeak-default.wav");
    let mut command = Command::new("espeak-ng");
    command.args(["-v", "en-us", "-w"]).arg(&espeak_own_wav).arg("--stdin");
    let mut child = command.stdin(std::process::Stdio::piped()).spawn().expect("espeak-ng starts");
    std::io::Write::write_all(&mut child.stdin.take().expect("stdin"), text.as_bytes()).expect("write");
    assert!(child.wait().expect("espeak-ng runs").success());
    let espeak_own = speech_sec(&av::read_wav(&espeak_own_wav).expect("wav"));

    for (narrator, own) in [(&festival as &dyn av::Narrator, festival_own), (&espeak, espeak_own)] {
        for voice in VoiceType::ALL {
            let take_dir = dir.path().join(format!("{}-{}", narrator.name(), voice.as_str()));
            let narration = narrate_with(narrator, text, voice, &take_dir);
            let ours = speech_sec(&av::read_wav(&narration.wav).expect("wav"));
            assert!(
                ours > own * 1.1,
                "{} {voice:?}: {:.0} words a minute, the engine's own pace is {:.0}",
                narrator.name(),
                words(text) * 60.0 / ours,
                words(text) * 60.0 / own
            );
        }
    }
}

#[test]
fn a_question_rises_at_its_end_and_a_statement_does_not() {
    let dir = tempfile::tempdir().expect("temp dir");
    let espeak = common::narrator();
    let festival = festival();
    for narrator in [&festival as &dyn av::Narrator, &espeak] {
        for voice in VoiceType::ALL {
            let heard = |text: &str, name: &str| {
                let take_dir = dir.path().join(format!("{}-{}-{name}", narrator.name(), voice.as_str()));
                let narration = narrate_with(narrator, text, voice, &take_dir);
                ending(&av::read_wav(&narration.wav).expect("wav"))
            };
            let (question_end, question_low) = heard("Will you come and play with me today?", "question");
            let (statement_end, statement_low) = heard("You will come and play with me today.", "statement");
            let name = narrator.name();
            assert!(
                question_end > question_low * 1.2,
                "{name} {voice:?}: the question ends at {question_end:.0} Hz, its low point {question_low:.0} Hz"
            );
            assert!(
                statement_end < statement_low * 1.1,
                "{name} {voice:?}: the statement ends at {statement_end:.0} Hz, its low point {statement_low:.0} Hz"
            );
            assert!(
                question_end > statement_end * 1.15,
                "{name} {voice:?}: the question ends at {question_end:.0} Hz, the statement at {statement_end:.0} Hz"
            );
        }
    }
}

#[test]
fn festival_voices_sound_different_and_the_grandparent_is_lowest() {
    let dir = tempfile::tempdir().expect("temp dir");
    let festival = festival();
    let text = "The wind hummed softly through the tall green grass.";
    let pitch_of = |voice: VoiceType| {
        let narration = narrate_with(&festival, text, voice, &dir.path().join(voice.as_str()));
        let audio = av::read_wav(&narration.wav).expect("wav");
        let mut voiced: Vec<f64> = pitch_track(&audio).into_iter().flatten().collect();
        (median(&mut voiced), speech_sec(&audio))
    };
    let (gentle, gentle_sec) = pitch_of(VoiceType::Gentle);
    let (cheerful, cheerful_sec) = pitch_of(VoiceType::Cheerful);
    let (grandparent, grandparent_sec) = pitch_of(VoiceType::Grandparent);
    assert!(cheerful > gentle * 1.02, "cheerful {cheerful:.0} Hz, gentle {gentle:.0} Hz");
    assert!(grandparent < gentle * 0.92, "grandparent {grandparent:.0} Hz, gentle {gentle:.0} Hz");
    assert!(
        grandparent_sec > gentle_sec && gentle_sec > cheerful_sec,
        "{grandparent_sec} {gentle_sec} {cheerful_sec}"
    );
}

#[test]
fn festival_speaks_tricky_text_without_running_any_of_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text =
        "(voice_kal_diphone) \"quoted\" $(echo hi) `ls` ; & | > out.txt. Naïve café — 日本語 🎉! (exit 7)";
    let narration = narrate_with(&festival(), text, VoiceType::Cheerful, dir.path());
    assert!(narration.duration_sec > 2.0, "{}", narration.duration_sec);
    let spoken: Vec<&str> = narration.sentences.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(spoken.join(" "), text);
    assert!(!dir.path().join("out.txt").exists());
    let only_other_scripts = narrate_with(&festival(), "日本語。", VoiceType::Gentle, &dir.path().join("ja"));
    assert_eq!(only_other_scripts.sentences.len(), 1, "the words stay as a subtitle");
}

#[test]
fn cancelling_stops_festival_at_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let festival = festival();
    let text = "Once upon a time a little fox walked all the way around the big blue lake. ".repeat(40);
    let out = dir.path().join("long.wav");
    let cancel = AtomicBool::new(false);
    let (result, stopped_after) = std::thread::scope(|scope| {
        let speaking = scope.spawn(|| {
            let result =
                av::Narrator::synthesize_cancellable(&festival, &text, VoiceType::Gentle, &out, &cancel);
            (result, Instant::now())
        });
        std::thread::sleep(Duration::from_millis(700));
        let cancelled_at = Instant::now();
        cancel.store(true, Ordering::Relaxed);
        let (result, returned_at) = speaking.join().expect("the speaking thread ends");
        (result, returned_at.saturating_duration_since(cancelled_at))
    });
    assert!(matches!(result, Err(av::AvError::Cancelled)), "{result:?}");
    assert!(
        stopped_after < Duration::from_millis(500),
        "Festival stopped {stopped_after:?} after the cancel"
    );
    assert!(!out.with_extension("txt").exists(), "the words file is removed");
}

#[test]
fn the_system_narrator_on_linux_is_festival_when_it_is_installed() {
    festival();
    let narrator = av::system_narrator().expect("a narrator");
    assert_eq!(narrator.name(), "festival:cmu_us_slt_arctic_hts");
}

#[test]
fn the_offers_name_festival_as_it_is_installed_and_say_how_it_sounds() {
    festival();
    let offers = av::voice_offers();
    assert_eq!(offers.iter().map(|offer| offer.voice).collect::<Vec<_>>(), VoiceType::ALL);
    for offer in &offers {
        assert_eq!(offer.engine, "Festival (natural)", "{offer:?}");
        assert!(offer.natural && offer.available && offer.better_voice.is_none(), "{offer:?}");
        assert!(!offer.description.is_empty() && !offer.label.is_empty(), "{offer:?}");
    }
    assert!(offers[2].description.contains("lowered"), "{:?}", offers[2]);
    // Looked up once: asking again is instant.
    let started = Instant::now();
    assert_eq!(av::voice_offers(), offers);
    assert!(started.elapsed() < Duration::from_millis(50), "{:?}", started.elapsed());
}

#[test]
fn each_voice_sample_is_a_short_story_beat_read_as_a_story_is() {
    let dir = tempfile::tempdir().expect("temp dir");
    festival();
    let espeak = common::narrator();
    for voice in VoiceType::ALL {
        let out = dir.path().join(format!("samples/{}.wav", voice.as_str()));
        let sample = av::voice_sample(voice, &out, &AtomicBool::new(false))
            .unwrap_or_else(|error| panic!("{voice:?} sample: {error}: {}", error.detail()));
        let espeak_out = dir.path().join(format!("samples/espeak-{}.wav", voice.as_str()));
        let espeak_sample = av::voice_sample_with(&espeak, voice, &espeak_out, &AtomicBool::new(false))
            .unwrap_or_else(|error| panic!("{voice:?} espeak-ng sample: {error}"));
        for (sample, out) in [(&sample, &out), (&espeak_sample, &espeak_out)] {
            assert_eq!(sample.wav, *out);
            let audio = av::read_wav(out).expect("the sample is a wav");
            let length = audio.duration_sec();
            assert!((2.0..8.0).contains(&length), "{voice:?} sample lasts {length:.2} s");
            assert!((length - sample.duration_sec).abs() < 1e-6);
            let texts: Vec<&str> = sample.sentences.iter().map(|s| s.text.as_str()).collect();
            assert_eq!(texts, ["A little fox found a shiny key.", "What could it open?"]);
            let gap = sample.sentences[1].start_sec - sample.sentences[0].end_sec;
            assert!((gap - av::SENTENCE_GAP_SEC).abs() < 0.005, "gap {gap}");
        }
    }
    let left: Vec<String> = common::files_in(&dir.path().join("samples"));
    assert_eq!(left.len(), 6, "only the samples are left: {left:?}");
}

#[test]
fn a_cancelled_sample_leaves_nothing_behind() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("sample.wav");
    let result = av::voice_sample(VoiceType::Gentle, &out, &AtomicBool::new(true));
    assert!(matches!(result, Err(av::AvError::Cancelled)), "{result:?}");
    assert!(common::files_in(dir.path()).is_empty(), "{:?}", common::files_in(dir.path()));
}
