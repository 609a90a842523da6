//! The library's picture of a storybook: a JPEG of the first scene, from the video (its first
//! frame, before any subtitle appears) or from a scene picture.

use std::io::Cursor;
use std::path::Path;
use std::sync::atomic::AtomicBool;

use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageReader};

use crate::files::{self, absolute};
use crate::process::{self, Stdout};
use crate::{encoding, tool, AvError};

/// The thumbnail fits in this box, keeping the picture's shape.
pub const THUMBNAIL_WIDTH: u32 = 640;
pub const THUMBNAIL_HEIGHT: u32 = 360;
const JPEG_QUALITY: u8 = 85;

/// Writes a JPEG thumbnail of `video_or_image` (a video's first frame, or a picture) to
/// `out_jpeg`; the file appears only when complete.
pub fn thumbnail(video_or_image: &Path, out_jpeg: &Path) -> Result<(), AvError> {
    let out = absolute(out_jpeg)?;
    let out_dir = files::output_dir(&out)?;
    let partial = files::partial_beside(&out_dir, ".thumb-", ".jpg")?;
    let picture = match decode_picture(video_or_image) {
        Some(picture) => picture,
        None => first_frame(video_or_image)?,
    };
    let jpeg = encode_jpeg(&picture)?;
    std::fs::write(&partial, jpeg).map_err(|error| AvError::io("save the picture", &out, error))?;
    files::publish(partial, &out)
}

/// The file as a picture, if it is one (sniffed from its bytes).
fn decode_picture(path: &Path) -> Option<DynamicImage> {
    ImageReader::open(path).ok()?.with_guessed_format().ok()?.decode().ok()
}

fn encode_jpeg(picture: &DynamicImage) -> Result<Vec<u8>, AvError> {
    let small = picture.resize(THUMBNAIL_WIDTH, THUMBNAIL_HEIGHT, FilterType::Triangle).to_rgb8();
    let mut bytes = Vec::new();
    JpegEncoder::new_with_quality(Cursor::new(&mut bytes), JPEG_QUALITY)
        .encode_image(&small)
        .map_err(|error| AvError::BadLayers { detail: format!("thumbnail encoding: {error}") })?;
    Ok(bytes)
}

/// The video's first frame, scaled to fit the thumbnail, as RGB (ffmpeg converts with the
/// video's own colour matrix; its JPEG encoder would assume another and shift the colours).
fn first_frame(video: &Path) -> Result<DynamicImage, AvError> {
    let ffmpeg = tool::ffmpeg_path()?;
    let mut command = tool::command(&ffmpeg);
    command
        .args(encoding::common_args())
        .arg("-i")
        .arg(tool::ffmpeg_file_arg(video))
        .args(["-map", "0:v:0", "-frames:v", "1", "-vf"])
        .arg(format!("scale={THUMBNAIL_WIDTH}:{THUMBNAIL_HEIGHT}:force_original_aspect_ratio=decrease"))
        .args(["-pix_fmt", "rgb24", "-f", "image2pipe", "-c:v", "png", "pipe:1"]);
    let bad_input = |detail: String| AvError::BadInput { path: video.to_path_buf(), detail };
    let png = process::run(
        &mut command,
        "make the storybook picture",
        &AtomicBool::new(false),
        Stdout::Collect,
        None,
    )
    .map_err(|error| match error {
        AvError::ToolFailed { stderr_tail, .. } => bad_input(stderr_tail),
        other => other,
    })?;
    image::load_from_memory(&png).map_err(|error| bad_input(format!("first frame: {error}")))
}
