//! Who recognizes drawings, writes stories and speaks them. The core is given these when it is
//! built (the engine on this computer by default) and, while a family is signed in with a
//! service, the service's too; it asks the service first and falls back to this computer when
//! the service fails, saying which answered and why. Every answer passes the same checks before
//! the core keeps it, whoever wrote it.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use model::{Answered, Engine};
use services_api::checks::AnswerError;
use services_api::{OnDeviceRecognizer, OnDeviceStoryWriter, ProviderError, Recognizer, StoryWriter};

use crate::CoreError;

/// Makes the narrator when a render needs one (a missing speech engine is reported then, not
/// when the app opens).
pub trait NarratorSource: Send + Sync {
    fn narrator(&self) -> Result<Box<dyn av::Narrator>, av::AvError>;
}

/// The platform's own voices (espeak-ng, SAPI, `say`).
pub struct SystemNarrator;

impl NarratorSource for SystemNarrator {
    fn narrator(&self) -> Result<Box<dyn av::Narrator>, av::AvError> {
        av::system_narrator()
    }
}

/// What the core runs on this computer.
#[derive(Clone)]
pub struct Providers {
    pub recognizer: Arc<dyn Recognizer>,
    pub story_writer: Arc<dyn StoryWriter>,
    pub narrator: Arc<dyn NarratorSource>,
}

impl Default for Providers {
    fn default() -> Self {
        Self {
            recognizer: Arc::new(OnDeviceRecognizer),
            story_writer: Arc::new(OnDeviceStoryWriter),
            narrator: Arc::new(SystemNarrator),
        }
    }
}

/// The family's vision and story service, as the signed-in session reaches it.
#[derive(Clone)]
pub struct Service {
    pub recognizer: Arc<dyn Recognizer>,
    pub story_writer: Arc<dyn StoryWriter>,
}

/// The providers in use: this computer's always, the service's while one is set.
pub(crate) struct Answerers {
    pub(crate) local: Providers,
    service: RwLock<Option<Service>>,
    asking: Mutex<HashMap<String, Arc<AtomicBool>>>,
}

impl Answerers {
    pub(crate) fn new(local: Providers) -> Self {
        Self { local, service: RwLock::default(), asking: Mutex::default() }
    }

    pub(crate) fn set_service(&self, service: Option<Service>) {
        *self.service.write().unwrap_or_else(PoisonError::into_inner) = service;
    }

    pub(crate) fn service(&self) -> Option<Service> {
        self.service.read().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// A cancel flag for a request made for `run_id`, cleared when the guard goes.
    pub(crate) fn begin(&self, run_id: &str) -> Asking<'_> {
        let flag = Arc::new(AtomicBool::new(false));
        self.asking
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(run_id.to_owned(), Arc::clone(&flag));
        Asking { answerers: self, run_id: run_id.to_owned(), flag }
    }

    /// Stops the request being made for `run_id`; true if there was one.
    pub(crate) fn cancel(&self, run_id: &str) -> bool {
        let asking = self.asking.lock().unwrap_or_else(PoisonError::into_inner);
        asking.get(run_id).map(|flag| flag.store(true, Ordering::Relaxed)).is_some()
    }
}

pub(crate) struct Asking<'a> {
    answerers: &'a Answerers,
    run_id: String,
    pub(crate) flag: Arc<AtomicBool>,
}

impl Drop for Asking<'_> {
    fn drop(&mut self) {
        let mut asking = self.answerers.asking.lock().unwrap_or_else(PoisonError::into_inner);
        if asking.get(&self.run_id).is_some_and(|flag| Arc::ptr_eq(flag, &self.flag)) {
            asking.remove(&self.run_id);
        }
    }
}

/// Asks the service (unless the parent chose this computer, or there is none) and falls back to
/// this computer's provider; `check` is what every answer must pass before it is kept.
pub(crate) fn ask<P: ?Sized, T>(
    service: Option<&P>,
    local: &P,
    prefer: Option<Engine>,
    cancel: &AtomicBool,
    call: impl Fn(&P, &AtomicBool) -> Result<T, ProviderError>,
    check: impl Fn(&T) -> Result<(), AnswerError>,
) -> Result<(T, Answered), CoreError> {
    let other_available = service.is_some();
    let mut fallback_reason = None;
    if let Some(service) = service.filter(|_| prefer != Some(Engine::OnDevice)) {
        let answer = call(service, cancel).and_then(|answer| {
            check(&answer).map_err(|error| ProviderError::Unusable(error.to_string()))?;
            Ok(answer)
        });
        match answer {
            Ok(answer) => {
                return Ok((
                    answer,
                    Answered { engine: Engine::Service, fallback_reason: None, other_available },
                ))
            }
            Err(ProviderError::Cancelled) => return Err(CoreError::Cancelled),
            Err(error) => {
                tracing::warn!(code = error.code(), %error, "the service gave no answer; this computer answers");
                fallback_reason = Some(error.to_string());
            }
        }
    }
    let answer = call(local, cancel).map_err(|error| match error {
        ProviderError::Cancelled => CoreError::Cancelled,
        other => CoreError::Refused { code: other.code(), message: other.to_string() },
    })?;
    check(&answer)
        .map_err(|error| CoreError::Refused { code: "engine_failed", message: error.to_string() })?;
    Ok((answer, Answered { engine: Engine::OnDevice, fallback_reason, other_available }))
}

#[cfg(test)]
mod tests {
    use super::*;

    type Call = dyn Fn(&AtomicBool) -> Result<u32, ProviderError>;

    fn asked(
        service: Option<&Call>,
        local: &Call,
        prefer: Option<Engine>,
    ) -> Result<(u32, Answered), CoreError> {
        let check = |answer: &u32| if *answer == 0 { Err(AnswerError::SceneCount(0)) } else { Ok(()) };
        ask(service, local, prefer, &AtomicBool::new(false), |provider, cancel| provider(cancel), check)
    }

    #[test]
    fn the_service_answers_when_it_can_and_this_computer_when_it_cannot() {
        let local: &Call = &|_| Ok(1);
        let (answer, answered) = asked(Some(&|_| Ok(2)), local, None).expect("answered");
        assert_eq!((answer, answered.engine, answered.fallback_reason), (2, Engine::Service, None));

        let down: &Call = &|_| Err(ProviderError::Unreachable("connection refused".into()));
        let (answer, answered) = asked(Some(down), local, None).expect("answered");
        assert_eq!((answer, answered.engine), (1, Engine::OnDevice));
        let reason = answered.fallback_reason.expect("the reason is kept for the window");
        assert!(reason.contains("could not be reached"), "{reason}");
        assert!(answered.other_available);
    }

    #[test]
    fn an_answer_that_fails_the_checks_is_not_kept() {
        let (answer, answered) = asked(Some(&|_| Ok(0)), &|_| Ok(1), None).expect("answered");
        assert_eq!((answer, answered.engine), (1, Engine::OnDevice));
        assert!(answered.fallback_reason.is_some_and(|reason| reason.contains("can't use")));
    }

    #[test]
    fn the_parents_choice_of_this_computer_makes_no_call() {
        let never: &Call = &|_| panic!("the service was asked");
        let (_, answered) = asked(Some(never), &|_| Ok(1), Some(Engine::OnDevice)).expect("answered");
        assert_eq!(
            (answered.engine, answered.fallback_reason, answered.other_available),
            (Engine::OnDevice, None, true)
        );
        let (_, alone) = asked(None, &|_| Ok(1), None).expect("answered");
        assert!(!alone.other_available, "no service: nothing else to ask");
    }

    #[test]
    fn cancelling_stops_without_falling_back() {
        let cancelled: &Call = &|_| Err(ProviderError::Cancelled);
        let never: &Call = &|_| panic!("fell back after a cancel");
        assert!(matches!(asked(Some(cancelled), never, None), Err(CoreError::Cancelled)));
    }
}
