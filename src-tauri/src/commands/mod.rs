//! IPC commands: thin adapters that parse, call the core and map the error.

pub mod app;
pub mod library;
pub mod runs;
