//! What a parent sees when a program av needs is missing. The override variables point at
//! nothing, so this runs in its own test binary (environment changes are process-wide).

use std::sync::atomic::AtomicBool;

#[test]
fn missing_programs_are_named_with_what_to_install() {
    std::env::set_var("ESPEAK_NG", "/nonexistent/espeak-ng");
    std::env::set_var("FESTIVAL", "/nonexistent/festival");
    std::env::set_var("FFMPEG", "/nonexistent/ffmpeg");
    std::env::set_var("FFPROBE", "/nonexistent/ffprobe");

    let narrator = av::system_narrator().err().expect("espeak-ng is reported missing");
    assert_eq!(narrator.code(), "tool_missing");
    assert_eq!(narrator.to_string(), "Narration needs espeak-ng: sudo apt install espeak-ng");
    let festival = av::FestivalNarrator::new().expect_err("Festival is reported missing");
    assert_eq!(
        festival.to_string(),
        "Natural narration needs Festival: sudo apt install festival festvox-us-slt-hts"
    );
    let offers = av::voice_offers();
    assert!(offers.iter().all(|offer| !offer.available), "{offers:?}");
    assert!(
        offers.iter().all(|offer| offer.description.contains("sudo apt install espeak-ng")),
        "{offers:?}"
    );

    let ffmpeg = av::ffmpeg_path().expect_err("ffmpeg is reported missing");
    assert_eq!(ffmpeg.to_string(), "Making videos needs ffmpeg: sudo apt install ffmpeg");

    let dir = tempfile::tempdir().expect("temp dir");
    let clip = dir.path().join("clip.mp4");
    std::fs::write(&clip, b"x").expect("write");
    let assemble = av::assemble(&[clip], &dir.path().join("out.mp4"), &AtomicBool::new(false), &mut |_| {})
        .expect_err("nothing can be joined without ffmpeg");
    assert_eq!(assemble.code(), "tool_missing");
    let probe = av::probe(&dir.path().join("clip.mp4")).expect_err("nothing can be probed without ffprobe");
    assert_eq!(probe.to_string(), "Making videos needs ffprobe: sudo apt install ffmpeg");
}
