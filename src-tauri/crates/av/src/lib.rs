//! Sound and moving pictures for the storybook: narration (the platform's speech engine),
//! one clip per scene (Ken Burns background, drifting figure, burned-in subtitles, normalized
//! narration, opening with the crossfade from the scene before), the joined video, a thumbnail, and what a media file holds. Every long call
//! takes a cancel flag and reports progress; files appear at their final path only when complete.

mod assemble;
mod clip;
mod crossfade;
pub mod encoding;
mod error;
mod files;
pub mod frames;
pub mod loudness;
pub mod mp4;
mod narrate;
mod probe;
mod process;
mod soundtrack;
pub mod sprite;
pub mod subtitles;
mod thumbnail;
mod tool;

pub use assemble::{assemble, assemble_with_soundtrack, VideoInfo};
pub use clip::{
    clip_frame_count, clip_parallelism, refresh_crossfade, render_clip, scene_duration_sec,
    scene_frame_count, ClipInfo, ClipParallelism, ClipSpec, CLIP_LEAD_IN_SEC, CLIP_TAIL_SEC,
};
pub use crossfade::{PreviousScene, CROSSFADE_FRAMES, CROSSFADE_SEC};
pub use error::AvError;
pub use narrate::{
    choose_sapi_voices, choose_say_voices, ends_with_question, espeak_voice, festival_voice, narrate_scene,
    parse_sapi_voices, parse_say_voices, parse_voice_list, pause_sec, read_wav, sapi_voice, say_voice,
    split_pieces, split_sentences, system_narrator, voice_offers, voice_sample, voice_sample_with, write_wav,
    Audio, EspeakNarrator, EspeakVoice, FestivalNarrator, FestivalVoice, KnownFestivalVoice, Narrator, Pause,
    Piece, SapiNarrator, SapiQuality, SapiVoice, SayChoice, SayNarrator, SayQuality, SayVoice,
    SceneNarration, SentenceTiming, VoiceOffer, CLAUSE_GAP_SEC, ESPEAK_DEFAULT_SPEED, FESTIVAL_PACKAGES,
    KNOWN_FESTIVAL_VOICES, MAX_PIECES_PER_SCENE, MAX_PIECE_CHARS, PARAGRAPH_GAP_SEC, SENTENCE_GAP_SEC,
    TAIL_SEC, VOICE_SAMPLE_TEXT,
};
pub use probe::{probe, ProbeInfo, StreamInfo, VideoFrames};
pub use soundtrack::{encode_soundtrack, SoundtrackPart};
pub use subtitles::DrawnLines;
pub use thumbnail::{thumbnail, THUMBNAIL_HEIGHT, THUMBNAIL_WIDTH};
pub use tool::{ffmpeg_path, ffprobe_path};
