//! One connection from accept to close: read the head within its limits, answer it, and make
//! sure every way it can end frees the slot.

use std::net::TcpStream;
use std::time::Instant;

use crate::gate::Pass;
use crate::head::{self, HeadError};
use crate::limits::Limits;
use crate::response::{self, Status};
use crate::site::Site;

pub(crate) fn handle(stream: &TcpStream, pass: &Pass, site: &Site, limits: &Limits, accepted_at: Instant) {
    if let Err(error) = stream.set_write_timeout(Some(limits.write_timeout)) {
        tracing::debug!(%error, "a media connection could not be set up");
        return;
    }
    let outcome = match head::read(stream, limits.max_head_bytes, accepted_at + limits.head_deadline) {
        Ok(request) => {
            pass.request_received();
            response::answer(stream, &request, site)
        }
        Err(HeadError::ClientLeft) => Ok(()),
        Err(HeadError::TooLarge) => response::refuse(stream, Status::HeadTooLarge),
        Err(HeadError::TimedOut) => response::refuse(stream, Status::RequestTimeout),
        Err(HeadError::Malformed) => response::refuse(stream, Status::BadRequest),
        Err(HeadError::Io(error)) => Err(error),
    };
    if let Err(error) = outcome {
        tracing::debug!(%error, "a media request ended early");
    }
}
