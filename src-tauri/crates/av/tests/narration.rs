//! Narration with the real espeak-ng (Festival's is in voices.rs).

mod common;

use std::process::Stdio;
use std::sync::atomic::AtomicBool;

use model::VoiceType;

#[test]
fn sentences_are_timed_from_the_real_audio() {
    let dir = tempfile::tempdir().expect("temp dir");
    let narration = common::narrate(
        "Mr. Fox found a kite. It was stuck high up in the branches of the old oak tree by the river! \"Can you help me?\" he asked.",
        VoiceType::Gentle,
        dir.path(),
    );
    let audio = av::read_wav(&narration.wav).expect("narration is a wav");
    assert!(narration.duration_sec > 2.0, "{}", narration.duration_sec);
    assert!((audio.duration_sec() - narration.duration_sec).abs() < 1e-6);

    let sentences = &narration.sentences;
    let texts: Vec<&str> = sentences.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Mr. Fox found a kite.",
            "It was stuck high up in the branches of the old oak tree by the river!",
            "\"Can you help me?\" he asked.",
        ]
    );
    assert_eq!(sentences[0].start_sec, 0.0);
    for sentence in sentences {
        assert!(sentence.end_sec > sentence.start_sec + 0.3, "{sentence:?}");
    }
    for pair in sentences.windows(2) {
        let gap = pair[1].start_sec - pair[0].end_sec;
        assert!((gap - av::SENTENCE_GAP_SEC).abs() < 0.005, "gap {gap}");
    }
    let last_end = sentences.last().map(|s| s.end_sec).unwrap_or_default();
    assert!((narration.duration_sec - last_end - av::TAIL_SEC).abs() < 0.005);
    // Sentence lengths follow what is said, not an even split.
    let lengths: Vec<f64> = sentences.iter().map(|s| s.end_sec - s.start_sec).collect();
    assert!(lengths[1] > lengths[0] * 1.8, "{lengths:?}");
    // Speech fills the sentences: the audio is loud inside them.
    let rate = f64::from(audio.sample_rate);
    let inside =
        &audio.samples[(sentences[1].start_sec * rate) as usize..(sentences[1].end_sec * rate) as usize];
    assert!(inside.iter().any(|s| s.abs() > 0.1));
}

#[test]
fn each_voice_sounds_different() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = "The little owl looked up at the big round moon.";
    let takes: Vec<(VoiceType, av::Audio)> = VoiceType::ALL
        .iter()
        .map(|voice| {
            let narration = common::narrate(text, *voice, &dir.path().join(voice.as_str()));
            (*voice, av::read_wav(&narration.wav).expect("wav"))
        })
        .collect();
    for (i, (voice_a, a)) in takes.iter().enumerate() {
        for (voice_b, b) in &takes[i + 1..] {
            assert_ne!(a.samples, b.samples, "{voice_a:?} and {voice_b:?} sound the same");
        }
    }
    let length = |voice: VoiceType| {
        takes.iter().find(|(v, _)| *v == voice).map(|(_, a)| a.duration_sec()).unwrap_or(0.0)
    };
    assert!(
        length(VoiceType::Grandparent) > length(VoiceType::Cheerful) * 1.15,
        "the grandparent speaks slower"
    );
}

#[test]
fn tricky_text_is_spoken_not_executed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text =
        "-rf / --help \"quoted\" and 'single' $(echo hi) `ls` ; & | > out.txt. Naïve café — 日本語 🎉!";
    let narration = common::narrate(text, VoiceType::Grandparent, dir.path());
    assert!(narration.duration_sec > 1.0, "{}", narration.duration_sec);
    let spoken: String = narration.sentences.iter().map(|s| s.text.clone()).collect::<Vec<_>>().join(" ");
    assert!(spoken.contains("-rf / --help"), "{spoken}");
    assert!(spoken.contains("日本語 🎉!"), "{spoken}");
    assert!(!dir.path().join("out.txt").exists());
    assert!(!std::path::Path::new("out.txt").exists());
}

#[test]
fn a_scene_without_words_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let result = av::narrate_scene(
        &common::narrator(),
        "... !!",
        VoiceType::Gentle,
        dir.path(),
        &AtomicBool::new(false),
    );
    let error = result.expect_err("nothing to say");
    assert_eq!(error.code(), "nothing_to_say");
}

/// What the narrator's own espeak-ng command makes of `stdin`, as phonemes (`-x`).
fn phonemes_heard(stdin: &str, dir: &std::path::Path) -> String {
    use std::io::Write;
    let mut command = common::narrator().command(VoiceType::Cheerful, &dir.join("heard.wav"));
    command.arg("-x").stdin(Stdio::piped()).stdout(Stdio::piped());
    let mut child = command.spawn().expect("espeak-ng starts");
    child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("write");
    let output = child.wait_with_output().expect("espeak-ng runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn espeak_reads_double_brackets_as_words_never_as_phonemes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = "[[z'i:z'i:]] hi";
    assert!(phonemes_heard(text, dir.path()).starts_with("z'i:z'i:"), "espeak-ng reads [[ ]] as phonemes");
    let heard = phonemes_heard(&av::EspeakNarrator::stdin_text(text), dir.path());
    assert!(!heard.starts_with("z'i:z'i:"), "{heard}");
    assert!(heard.ends_with("h'aI"), "{heard}");
}

#[test]
fn espeak_cannot_be_sped_up_by_a_control_character_in_the_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let narrator = common::narrator();
    let length = |text: &str, name: &str| {
        let wav = dir.path().join(name);
        av::Narrator::synthesize(&narrator, text, VoiceType::Gentle, &wav).expect("spoken");
        av::read_wav(&wav).expect("wav").duration_sec()
    };
    let plain = length("Hello there, hello there, hello there.", "plain.wav");
    // Control-A then "500S" is espeak-ng's command for 500 words a minute.
    let commanded = length("Hello there, \u{1}500S hello there, hello there.", "commanded.wav");
    assert!(commanded >= plain, "the speed command ran: {commanded:.2} s against {plain:.2} s");
}
