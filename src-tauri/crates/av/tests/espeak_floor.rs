//! A computer without Festival still narrates, with espeak-ng, and says so honestly. The override
//! variable hides Festival, so this runs in its own test binary (environment changes are
//! process-wide).

mod common;

use std::sync::atomic::AtomicBool;

use model::VoiceType;

#[test]
fn without_festival_espeak_ng_narrates_and_is_offered_as_robotic() {
    common::require_tools();
    std::env::set_var("FESTIVAL", "/nonexistent/festival");

    let narrator = av::system_narrator().expect("espeak-ng is installed");
    assert_eq!(narrator.name(), "espeak-ng");

    let offers = av::voice_offers();
    assert_eq!(offers.iter().map(|offer| offer.voice).collect::<Vec<_>>(), VoiceType::ALL);
    for offer in &offers {
        assert_eq!(offer.engine, "espeak-ng (robotic)", "{offer:?}");
        assert!(offer.available && !offer.natural, "{offer:?}");
        assert!(offer.description.contains("robotic"), "{offer:?}");
        assert_eq!(
            offer.better_voice.as_deref(),
            Some("For a more natural voice: sudo apt install festival festvox-us-slt-hts")
        );
    }

    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("sample.wav");
    let sample = av::voice_sample(VoiceType::Grandparent, &out, &AtomicBool::new(false))
        .unwrap_or_else(|error| panic!("sample: {error}: {}", error.detail()));
    let length = av::read_wav(&out).expect("wav").duration_sec();
    assert!((2.0..8.0).contains(&length), "{length:.2} s");
    assert_eq!(sample.sentences.len(), 2);
}
