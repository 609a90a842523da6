//! The C allocator's settings, for this process and the ones it starts (WebKit's web process,
//! ffmpeg): memory freed after a storybook is made or played goes back to the system.
//!
//! glibc's malloc raises its thresholds as big blocks come and go, and then keeps freed memory
//! for later: after one storybook was made, the app's process held some 65 MiB it no longer
//! used, and WebKit's web process tens of MiB more once the video was closed. With fixed
//! thresholds, blocks of 256 KiB and more (pictures, video frames) are mapped on their own and
//! returned when freed, and free memory at the top of the heap is returned past 256 KiB. Measured
//! with `make memory`; making a storybook was not measurably slower.

/// Blocks at least this big are mapped and unmapped on their own.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MMAP_THRESHOLD: i32 = 256 * 1024;
/// Free memory beyond this at the top of the heap is returned.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const TRIM_THRESHOLD: i32 = 256 * 1024;

/// The same settings for the processes the app starts, which read them from their environment.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const TUNABLES: (&str, &str) =
    ("GLIBC_TUNABLES", "glibc.malloc.mmap_threshold=262144:glibc.malloc.trim_threshold=262144");

/// Sets the allocator up for this process and, through the environment, for those it starts.
/// Must run at start-up, before any other thread exists. Settings already in the environment
/// (someone tuning glibc on purpose) are left as they are, for both.
pub fn return_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        let (name, value) = TUNABLES;
        if std::env::var_os(name).is_some() {
            return;
        }
        std::env::set_var(name, value);
        glibc::set(glibc::M_MMAP_THRESHOLD, MMAP_THRESHOLD);
        glibc::set(glibc::M_TRIM_THRESHOLD, TRIM_THRESHOLD);
    }
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
mod glibc {
    use std::ffi::c_int;

    // malloc.h
    pub const M_TRIM_THRESHOLD: c_int = -1;
    pub const M_MMAP_THRESHOLD: c_int = -3;

    extern "C" {
        fn mallopt(param: c_int, value: c_int) -> c_int;
    }

    /// One of malloc's settings. A value glibc refuses leaves its default, which works too, so
    /// the answer is not looked at (this runs before logging is set up).
    #[allow(unsafe_code)]
    pub fn set(param: c_int, value: c_int) {
        // SAFETY: mallopt takes two integers and changes malloc's own parameters under malloc's
        // lock; it touches no memory of ours and may be called at any time.
        unsafe { mallopt(param, value) };
    }
}
