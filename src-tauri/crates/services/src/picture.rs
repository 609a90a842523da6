//! A drawing arrives as base64 text from anyone holding a token: it is opened with limits on its
//! size in pixels and in memory before any pixel is decoded, so a small file that unpacks into
//! billions of pixels is refused instead of exhausting the server.

use std::io::Cursor;

use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine as _;
use image::{ImageFormat, ImageReader, RgbaImage};

/// How large a drawing the server opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PictureLimits {
    /// The longest side, in pixels (the app sends at most 1024).
    pub max_side: u32,
    /// The most memory decoding may take, in bytes.
    pub max_decode_bytes: u64,
}

impl Default for PictureLimits {
    fn default() -> Self {
        Self { max_side: 4096, max_decode_bytes: 160 * 1024 * 1024 }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PictureError {
    #[error("The picture is not base64 text (standard alphabet).")]
    NotBase64,
    #[error("The picture is empty.")]
    Empty,
    #[error("This is not a PNG or JPEG picture.")]
    NotPngOrJpeg,
    #[error("The picture is damaged or cut off ({0}).")]
    Damaged(String),
    #[error("The picture is {width} × {height} pixels; this server opens pictures of at most {max} pixels on a side.")]
    TooLarge { width: u32, height: u32, max: u32 },
    #[error("The picture would need more memory to open than this server allows.")]
    TooMuchMemory,
}

impl PictureError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotBase64 => "not_base64",
            Self::Empty | Self::NotPngOrJpeg => "not_a_picture",
            Self::Damaged(_) => "damaged_picture",
            Self::TooLarge { .. } | Self::TooMuchMemory => "picture_too_large",
        }
    }
}

/// Standard alphabet; padding optional, since some encoders leave it off.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// The pixels of a base64 PNG or JPEG (a `data:` URL prefix and line breaks are allowed).
pub fn decode_drawing(text: &str, limits: PictureLimits) -> Result<RgbaImage, PictureError> {
    let payload = match text.trim_start().strip_prefix("data:") {
        Some(url) => url.split_once(',').map_or("", |(_, data)| data),
        None => text,
    };
    let compact: String = payload.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    let bytes = BASE64.decode(compact.as_bytes()).map_err(|_| PictureError::NotBase64)?;
    if bytes.is_empty() {
        return Err(PictureError::Empty);
    }
    let reader = || -> Result<ImageReader<Cursor<&[u8]>>, PictureError> {
        let reader = ImageReader::new(Cursor::new(bytes.as_slice()))
            .with_guessed_format()
            .map_err(|err| PictureError::Damaged(err.to_string()))?;
        match reader.format() {
            Some(ImageFormat::Png | ImageFormat::Jpeg) => Ok(reader),
            _ => Err(PictureError::NotPngOrJpeg),
        }
    };
    let (width, height) =
        reader()?.into_dimensions().map_err(|err| PictureError::Damaged(err.to_string()))?;
    if width > limits.max_side || height > limits.max_side {
        return Err(PictureError::TooLarge { width, height, max: limits.max_side });
    }
    let mut reader = reader()?;
    let mut decode_limits = image::Limits::default();
    decode_limits.max_image_width = Some(limits.max_side);
    decode_limits.max_image_height = Some(limits.max_side);
    decode_limits.max_alloc = Some(limits.max_decode_bytes);
    reader.limits(decode_limits);
    match reader.decode() {
        Ok(picture) => Ok(picture.into_rgba8()),
        Err(image::ImageError::Limits(_)) => Err(PictureError::TooMuchMemory),
        Err(err) => Err(PictureError::Damaged(err.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = Vec::new();
        RgbaImage::new(width, height)
            .write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png)
            .expect("encode a png");
        bytes
    }

    #[test]
    fn a_png_opens_with_or_without_padding_and_as_a_data_url() {
        let encoded = base64::engine::general_purpose::STANDARD.encode(png(70, 40));
        let limits = PictureLimits::default();
        assert_eq!(decode_drawing(&encoded, limits).expect("padded").dimensions(), (70, 40));
        let unpadded = encoded.trim_end_matches('=');
        assert_eq!(decode_drawing(unpadded, limits).expect("unpadded").dimensions(), (70, 40));
        let url = format!("data:image/png;base64,{encoded}");
        assert_eq!(decode_drawing(&url, limits).expect("data url").dimensions(), (70, 40));
    }

    #[test]
    fn a_picture_over_the_side_limit_is_refused_before_decoding() {
        let encoded = base64::engine::general_purpose::STANDARD.encode(png(300, 20));
        let limits = PictureLimits { max_side: 256, ..PictureLimits::default() };
        assert_eq!(
            decode_drawing(&encoded, limits),
            Err(PictureError::TooLarge { width: 300, height: 20, max: 256 })
        );
    }

    #[test]
    fn text_and_other_formats_are_not_pictures() {
        let limits = PictureLimits::default();
        assert_eq!(decode_drawing("not base64!", limits), Err(PictureError::NotBase64));
        assert_eq!(decode_drawing("", limits), Err(PictureError::Empty));
        let gif = base64::engine::general_purpose::STANDARD.encode(b"GIF89a\x01\x00\x01\x00");
        assert_eq!(decode_drawing(&gif, limits), Err(PictureError::NotPngOrJpeg));
        let cut = base64::engine::general_purpose::STANDARD.encode(&png(70, 40)[..60]);
        assert!(matches!(decode_drawing(&cut, limits), Err(PictureError::Damaged(_))));
    }
}
