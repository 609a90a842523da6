//! IPC commands: thin adapters that parse, call the core and map the error.

pub mod account;
pub mod app;
pub mod engine;
pub mod library;
pub mod runs;
