//! Records the target triple so the ffmpeg sidecar (bundled as `ffmpeg-<target-triple>`) can be found.

fn main() {
    let target = std::env::var("TARGET").unwrap_or_default();
    println!("cargo:rustc-env=AV_TARGET_TRIPLE={target}");
    println!("cargo:rerun-if-changed=build.rs");
}
