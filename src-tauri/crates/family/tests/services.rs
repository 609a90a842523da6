//! The app's service client against the real `nocomelon-services` over HTTP, with real tokens
//! from the emulator's user pool: a signed-in family's Recognize and Script steps are answered by
//! the service and say so; a stale token is renewed once; a server that is down, slow, failing
//! or talking nonsense leaves the parent with an answer from this computer and the reason; and
//! the server refuses every token that is not this app's access token.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use cloud::{CloudConfig, CloudSession, MemorySecretStore, SignInStep};
use cloud_testkit::Emulator;
use family::Family;
use model::{Customization, Engine};
use nocomelon_core::{Core, DataDir};
use services::{RunningServer, ServerBuilder, TrustedPool};
use services_api::wire::{self, StoryRequest};
use services_api::{OnDeviceRecognizer, OnDeviceStoryWriter, ProviderError, Recognizer, StoryWriter};
use services_client::{RetryPolicy, ServiceClient, TokenFuture, TokenSource};
use zeroize::Zeroizing;

const EMAIL: &str = "dad@example.org";
const PASSWORD: &str = "Dinosaur7";

/// A quick policy, so the failing cases do not wait out the real 30 s.
fn quick(request_timeout: Duration) -> RetryPolicy {
    RetryPolicy { first_pause: Duration::from_millis(50), request_timeout, ..RetryPolicy::default() }
}

async fn emulator_with_parent() -> Emulator {
    let emulator = Emulator::start().await;
    let (session, _) = emulator.memory_session(&emulator.subdir("sign-up"));
    emulator.confirmed_user(&session, EMAIL, PASSWORD).await;
    emulator
}

fn trusted(config: &CloudConfig) -> TrustedPool {
    let text = serde_json::to_string(config).expect("config as JSON");
    TrustedPool::parse(&text, std::path::Path::new("cloud.json")).expect("the server trusts the pool")
}

async fn server(
    config: &CloudConfig,
    recognizer: Arc<dyn Recognizer>,
    writer: Arc<dyn StoryWriter>,
) -> RunningServer {
    ServerBuilder::new(trusted(config), recognizer, writer)
        .bind("127.0.0.1:0".parse().expect("address"))
        .await
        .expect("the server starts")
}

fn url_of(address: SocketAddr) -> String {
    format!("http://{address}")
}

/// A computer signed in to a cloud whose settings name `services_url`.
async fn signed_in(emulator: &Emulator, services_url: &str, name: &str) -> (Family, Arc<CloudSession>) {
    let config = CloudConfig { services_url: services_url.to_owned(), ..emulator.config.clone() };
    let data = emulator.subdir(name);
    let session = Arc::new(
        CloudSession::builder(config, &data).secret_store(Arc::new(MemorySecretStore::new())).build(),
    );
    let step = session.sign_in(EMAIL, PASSWORD).await.expect("sign-in");
    assert!(matches!(step, SignInStep::SignedIn(_)), "{step:?}");
    let core = Arc::new(Core::open(DataDir::at(data).expect("data dir")).expect("core"));
    let family = Family::with_session(core, Arc::clone(&session));
    family.settle_account().await.expect("attached");
    (family, session)
}

/// A run from a real drawing with the parent's choices made, ready for Recognize and Script.
fn drawing_run(core: &Core) -> String {
    let run_id = core.ingest_paths(&[fixtures::drawing("boy-purple.png")]).remove(0).run.expect("run").id;
    let choices = Customization { child_age: 5, ..Customization::default() };
    core.save_customization(&run_id, choices).expect("choices saved");
    run_id
}

/// Core calls block (the service client waits on the runtime), so tests make them as the
/// window does: on a blocking thread.
async fn on_core<T: Send + 'static>(core: &Arc<Core>, work: impl FnOnce(&Core) -> T + Send + 'static) -> T {
    let core = Arc::clone(core);
    tokio::task::spawn_blocking(move || work(&core)).await.expect("the core call ends")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signed_in_the_service_recognizes_and_writes_and_the_app_says_so() {
    let emulator = emulator_with_parent().await;
    let running = server(&emulator.config, Arc::new(OnDeviceRecognizer), Arc::new(OnDeviceStoryWriter)).await;
    let (family, _) = signed_in(&emulator, &url_of(running.local_addr()), "laptop").await;
    let core = Arc::clone(family.core());
    let run_id = drawing_run(&core);

    let id = run_id.clone();
    let recognition = on_core(&core, move |core| core.analyze_drawing(&id)).await.expect("recognized");
    assert_eq!(recognition.answered.engine, Engine::Service, "{:?}", recognition.answered);
    assert_eq!(recognition.answered.fallback_reason, None);
    assert!(recognition.answered.other_available, "the parent may ask this computer instead");
    assert_eq!(recognition.analysis.source, model::AnalysisSource::Service);
    assert!(!recognition.analysis.setting_suggestions.is_empty(), "{:?}", recognition.analysis);

    let id = run_id.clone();
    let drafted = on_core(&core, move |core| core.draft_story(&id, false, None)).await.expect("drafted");
    assert_eq!(drafted.answered.engine, Engine::Service);
    assert!(drafted.script.scenes.len() >= 4, "{:?}", drafted.script);
    let id = run_id.clone();
    let stored = on_core(&core, move |core| core.run(&id)).await.expect("run");
    assert_eq!(stored.script.as_ref(), Some(&drafted.script), "the service's story is the one kept");
    assert_eq!(stored.story_engine, Engine::Service, "and the Script step can say who wrote it");

    // The parent's "ask this computer instead" makes no call and says so.
    let id = run_id.clone();
    let local = on_core(&core, move |core| core.draft_story(&id, true, Some(Engine::OnDevice)))
        .await
        .expect("drafted");
    assert_eq!((local.answered.engine, local.answered.fallback_reason), (Engine::OnDevice, None));

    // Called straight from async code on a runtime thread, the blocking seam still answers.
    let direct = core.draft_story(&run_id, false, None).expect("drafted from a runtime thread");
    assert_eq!(direct.answered.engine, Engine::Service);

    // Signed out, the computer answers with no call made and nothing else to offer.
    family.sign_out(false).await.expect("signed out");
    running.shutdown().await;
    let id = run_id.clone();
    let alone = on_core(&core, move |core| core.draft_story(&id, true, None)).await.expect("drafted");
    assert_eq!(
        (alone.answered.engine, alone.answered.fallback_reason, alone.answered.other_available),
        (Engine::OnDevice, None, false)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stale_token_is_renewed_once_and_the_request_tried_again() {
    let emulator = emulator_with_parent().await;
    let running = server(&emulator.config, Arc::new(OnDeviceRecognizer), Arc::new(OnDeviceStoryWriter)).await;
    // The pool hands out access tokens that expired two minutes ago...
    emulator.set(serde_json::json!({"token_seconds": -120})).await;
    let (family, session) = signed_in(&emulator, &url_of(running.local_addr()), "laptop").await;
    // ...which this computer, its clock an hour behind, still takes for fresh; renewed ones last.
    emulator.set(serde_json::json!({"token_seconds": 3600})).await;
    session.clock().set_skew_millis(-3_600_000);
    let core = Arc::clone(family.core());
    let run_id = drawing_run(&core);
    let stale = session.access_token().await.expect("a token").to_string();
    assert!(expires_at(&stale) < now_unix() - 60, "the first token is already expired");

    let drafted = on_core(&core, move |core| core.draft_story(&run_id, false, None)).await.expect("drafted");
    assert_eq!(drafted.answered.engine, Engine::Service, "{:?}", drafted.answered);
    let renewed = session.access_token().await.expect("a token").to_string();
    assert_ne!(renewed, stale, "the service's 401 renewed the token");
    assert!(expires_at(&renewed) > now_unix() + 600, "with one that lasts");
}

fn expires_at(token: &str) -> i64 {
    cloud_testkit::jwt_claims(token)["exp"].as_i64().expect("an exp claim")
}

fn now_unix() -> i64 {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("after 1970");
    i64::try_from(now.as_secs()).expect("a sane clock")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_the_service_down_or_slow_this_computer_answers_and_says_why() {
    let emulator = emulator_with_parent().await;
    let slow =
        server(&emulator.config, Arc::new(OnDeviceRecognizer), Arc::new(Slow(Duration::from_secs(3)))).await;
    let (family, session) = signed_in(&emulator, &url_of(slow.local_addr()), "laptop").await;
    let core = Arc::clone(family.core());
    let run_id = drawing_run(&core);

    // Slow: each attempt times out; after the last the computer writes the story.
    core.use_service(family::service_with(&session, quick(Duration::from_millis(700))));
    let id = run_id.clone();
    let drafted = on_core(&core, move |core| core.draft_story(&id, false, None)).await.expect("drafted");
    assert_eq!(drafted.answered.engine, Engine::OnDevice);
    let reason = drafted.answered.fallback_reason.expect("the window is told why");
    assert!(reason.contains("did not answer in time"), "{reason}");
    assert!(!drafted.script.scenes.is_empty());

    // Down: nothing listens at the address any more.
    slow.shutdown().await;
    let id = run_id.clone();
    let recognition = on_core(&core, move |core| core.analyze_drawing(&id)).await.expect("recognized");
    assert_eq!(recognition.answered.engine, Engine::OnDevice);
    let reason = recognition.answered.fallback_reason.expect("the window is told why");
    assert!(reason.contains("could not be reached"), "{reason}");
    assert!(recognition.found, "the outline is still found on the computer");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_service_that_fails_twice_is_tried_again_and_its_third_answer_kept() {
    let emulator = emulator_with_parent().await;
    let flaky = Arc::new(FailsFirst { failures: 2, calls: AtomicUsize::new(0) });
    let running = server(&emulator.config, Arc::new(OnDeviceRecognizer), flaky.clone()).await;
    let (family, session) = signed_in(&emulator, &url_of(running.local_addr()), "laptop").await;
    let core = Arc::clone(family.core());
    core.use_service(family::service_with(&session, quick(Duration::from_secs(30))));
    let run_id = drawing_run(&core);

    let drafted = on_core(&core, move |core| core.draft_story(&run_id, false, None)).await.expect("drafted");
    assert_eq!((drafted.answered.engine, drafted.answered.fallback_reason), (Engine::Service, None));
    assert_eq!(flaky.calls.load(Ordering::SeqCst), 3, "two 500s, then the answer");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_the_app_cannot_use_is_not_kept_and_the_reason_is_plain() {
    let emulator = emulator_with_parent().await;
    // A service whose engine uses words not meant for a small child (its server refuses the
    // story too, and the app would not keep it if it did not).
    let unkind = server(&emulator.config, Arc::new(OnDeviceRecognizer), Arc::new(Unkind)).await;
    let (family, session) = signed_in(&emulator, &url_of(unkind.local_addr()), "laptop").await;
    let core = Arc::clone(family.core());
    let run_id = drawing_run(&core);
    let id = run_id.clone();
    let drafted = on_core(&core, move |core| core.draft_story(&id, false, None)).await.expect("drafted");
    assert_eq!(drafted.answered.engine, Engine::OnDevice);
    assert!(!drafted.script.scenes.iter().any(|scene| scene.text.contains("kill")), "{:?}", drafted.script);
    let reason = drafted.answered.fallback_reason.expect("why");
    assert!(reason.contains("not for a small child"), "{reason}");

    // A "service" that answers 200 with something that is not JSON at all.
    let nonsense = NonsenseServer::start();
    let config = CloudConfig { services_url: nonsense.url(), ..session.config().clone() };
    let other = Arc::new(
        CloudSession::builder(config, &emulator.subdir("desk"))
            .secret_store(Arc::new(MemorySecretStore::new()))
            .build(),
    );
    other.sign_in(EMAIL, PASSWORD).await.expect("sign-in");
    core.use_service(family::service_with(&other, quick(Duration::from_secs(5))));
    let drafted = on_core(&core, move |core| core.draft_story(&run_id, false, None)).await.expect("drafted");
    assert_eq!(drafted.answered.engine, Engine::OnDevice);
    let reason = drafted.answered.fallback_reason.expect("why");
    assert!(reason.contains("can't use"), "{reason}");
    assert_eq!(nonsense.requests.load(Ordering::SeqCst), 1, "a wrong answer is not asked for again");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_refuses_any_token_but_this_apps_access_token() {
    let emulator = emulator_with_parent().await;
    let running = server(&emulator.config, Arc::new(OnDeviceRecognizer), Arc::new(OnDeviceStoryWriter)).await;
    let (session, _) = emulator.memory_session(&emulator.subdir("laptop"));
    session.sign_in(EMAIL, PASSWORD).await.expect("sign-in");
    let access = session.access_token().await.expect("access token").to_string();
    let id_token = session.id_token().await.expect("id token").to_string();
    let url = url_of(running.local_addr());
    let request = StoryRequest::for_run(&model::DrawingAnalysis::default(), &Customization::default(), 1);

    assert!(ask_with(&url, &access, &request).await.is_ok(), "the real access token is taken");
    let forged = {
        let mut parts: Vec<String> = access.split('.').map(str::to_owned).collect();
        parts[2] = parts[2].chars().rev().collect();
        parts.join(".")
    };
    for (what, token) in
        [("an id token", id_token.as_str()), ("a forged signature", forged.as_str()), ("no token", "")]
    {
        assert_eq!(ask_with(&url, token, &request).await, Err(ProviderError::Unauthorized), "{what}");
    }

    // The same real token at a server trusting another app client of the pool.
    let other_client = CloudConfig { client_id: "another-app-client".into(), ..emulator.config.clone() };
    let strict = server(&other_client, Arc::new(OnDeviceRecognizer), Arc::new(OnDeviceStoryWriter)).await;
    assert_eq!(
        ask_with(&url_of(strict.local_addr()), &access, &request).await,
        Err(ProviderError::Unauthorized),
        "a token for another client"
    );
}

/// Asks for a story with exactly `token`, renewed to the same token.
async fn ask_with(
    url: &str,
    token: &str,
    request: &StoryRequest,
) -> Result<wire::StoryScript, ProviderError> {
    let client = ServiceClient::new(
        url,
        Arc::new(FixedToken(token.to_owned())),
        tokio::runtime::Handle::current(),
        quick(Duration::from_secs(10)),
    )?;
    client.generate(request, &AtomicBool::new(false)).await
}

struct FixedToken(String);

impl TokenSource for FixedToken {
    fn access_token(&self, _renewed: bool) -> TokenFuture<'_> {
        Box::pin(async move { Ok(Zeroizing::new(self.0.clone())) })
    }
}

struct Slow(Duration);

impl StoryWriter for Slow {
    fn write(&self, request: &StoryRequest, cancel: &AtomicBool) -> Result<wire::StoryScript, ProviderError> {
        std::thread::sleep(self.0);
        OnDeviceStoryWriter.write(request, cancel)
    }
}

struct FailsFirst {
    failures: usize,
    calls: AtomicUsize,
}

impl StoryWriter for FailsFirst {
    fn write(&self, request: &StoryRequest, cancel: &AtomicBool) -> Result<wire::StoryScript, ProviderError> {
        if self.calls.fetch_add(1, Ordering::SeqCst) < self.failures {
            return Err(ProviderError::Failing { status: 500 });
        }
        OnDeviceStoryWriter.write(request, cancel)
    }
}

struct Unkind;

impl StoryWriter for Unkind {
    fn write(
        &self,
        _request: &StoryRequest,
        _cancel: &AtomicBool,
    ) -> Result<wire::StoryScript, ProviderError> {
        Ok(wire::StoryScript {
            title: "A dark tale".into(),
            scenes: vec![wire::Scene { id: "s1".into(), text: "The wolf wanted to kill the boy.".into() }],
        })
    }
}

/// A server that answers every request with 200 and a body that is not JSON.
struct NonsenseServer {
    address: SocketAddr,
    requests: Arc<AtomicUsize>,
}

impl NonsenseServer {
    fn start() -> NonsenseServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
        let address = listener.local_addr().expect("address");
        let requests = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&requests);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let mut stream = stream;
                let mut buffer = [0u8; 65536];
                let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
                let _ = stream.read(&mut buffer);
                counted.fetch_add(1, Ordering::SeqCst);
                let body = "{\"title\": \"Half a sto";
                let _ = write!(
                    stream,
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
            }
        });
        NonsenseServer { address, requests }
    }

    fn url(&self) -> String {
        url_of(self.address)
    }
}
