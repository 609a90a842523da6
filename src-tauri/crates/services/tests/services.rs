//! The two services and the health check over real HTTP, with the on-device engine behind them
//! and a real drawing: what the app gets back is what it can use.

mod support;

use services_api::checks::{check_facts, check_story};
use services_api::wire::{AnalyzeResponse, Health, StoryScript, ANALYZE_PATH, GENERATE_PATH, HEALTH_PATH};
use support::{drawing_base64, story_request, token_for, Services};

#[tokio::test]
async fn the_health_check_answers_without_a_token() {
    let services = Services::start().await;
    let response = services.http.get(services.url(HEALTH_PATH)).send().await.expect("answer");
    assert_eq!(response.status(), 200);
    let health: Health = serde_json::from_str(&response.text().await.expect("body")).expect("Health");
    assert_eq!(health.status, "ok");
    assert_eq!(health.version, env!("CARGO_PKG_VERSION"));
}

#[tokio::test]
async fn a_real_drawing_is_recognized_and_a_story_written_from_it() {
    let services = Services::start().await;
    let token = token_for("parent-1");
    let body = serde_json::json!({ "image_base64": drawing_base64("pig.png") });
    let response = services.post(ANALYZE_PATH, Some(&token), &body).await;
    assert_eq!(response.status(), 200);
    let analyzed: AnalyzeResponse =
        serde_json::from_str(&response.text().await.expect("body")).expect("shape");
    assert!(uuid::Uuid::parse_str(&analyzed.run_id).is_ok(), "a fresh run id: {}", analyzed.run_id);
    assert_eq!(check_facts(&analyzed.drawing), Ok(()));
    assert!(!analyzed.drawing.colors.is_empty(), "the pig's ink colours are named: {:?}", analyzed.drawing);
    assert!(
        !analyzed.drawing.setting_suggestions.is_empty(),
        "suggestions for the parent: {:?}",
        analyzed.drawing
    );

    // The parent names the figure, as the app does, and asks for a story.
    let mut drawing = analyzed.drawing;
    drawing.subject = "a pink pig".into();
    let mut request = story_request();
    request["drawing"] = serde_json::to_value(&drawing).expect("facts as JSON");
    let response = services.post(GENERATE_PATH, Some(&token), &request).await;
    assert_eq!(response.status(), 200);
    let script: StoryScript = serde_json::from_str(&response.text().await.expect("body")).expect("a story");
    assert!(!script.title.is_empty() && !script.scenes.is_empty(), "{script:?}");
    assert_eq!(check_story(&script.clone().into()), Ok(()));
    let text: String = script.scenes.iter().map(|scene| scene.text.as_str()).collect();
    assert!(text.contains("Mia"), "the child's name is in the story: {text}");
    assert!(text.to_lowercase().contains("pig"), "the drawing is the hero: {text}");
}

#[tokio::test]
async fn the_same_seed_gives_the_same_story_and_another_seed_another() {
    let services = Services::start().await;
    let token = token_for("parent-1");
    let story = |seed: u64| {
        let mut request = story_request();
        request["seed"] = seed.into();
        let (services, token) = (&services, &token);
        async move {
            let response = services.post(GENERATE_PATH, Some(token), &request).await;
            assert_eq!(response.status(), 200);
            serde_json::from_str::<StoryScript>(&response.text().await.expect("body")).expect("a story")
        }
    };
    let first = story(7).await;
    assert_eq!(story(7).await, first);
    assert_ne!(story(8).await, first);
}

#[tokio::test]
async fn a_user_id_in_the_body_is_ignored() {
    let services = Services::start().await;
    let token = token_for("parent-1");
    let plain = services.post(GENERATE_PATH, Some(&token), &story_request()).await;
    assert_eq!(plain.status(), 200);
    let plain = plain.text().await.expect("body");

    // The web version's client sent a user_id; naming someone else changes nothing.
    let mut request = story_request();
    request["user_id"] = "someone-else".into();
    request["drawing"]["user_id"] = "someone-else".into();
    let named = services.post(GENERATE_PATH, Some(&token), &request).await;
    assert_eq!(named.status(), 200);
    assert_eq!(named.text().await.expect("body"), plain);

    // And a user id in the body does not stand in for a token.
    let without_token = services.post(GENERATE_PATH, None, &request).await;
    assert_eq!(without_token.status(), 401);
}

#[tokio::test]
async fn a_request_id_is_echoed_or_made_up() {
    let services = Services::start().await;
    let given = services
        .http
        .get(services.url(HEALTH_PATH))
        .header("x-request-id", "app-7f3a")
        .send()
        .await
        .expect("answer");
    assert_eq!(given.headers()["x-request-id"], "app-7f3a");

    let made_up = services.http.get(services.url(HEALTH_PATH)).send().await.expect("answer");
    let id = made_up.headers()["x-request-id"].to_str().expect("ascii").to_owned();
    assert!(uuid::Uuid::parse_str(&id).is_ok(), "a fresh id: {id}");

    let refused = services.post(GENERATE_PATH, None, &story_request()).await;
    assert!(refused.headers().contains_key("x-request-id"), "errors carry the id too");
}

#[tokio::test]
async fn the_examples_in_the_openapi_document_are_answered() {
    let doc: serde_json::Value = serde_json::from_str(&services::openapi::document()).expect("JSON");
    let services = Services::start().await;
    let token = token_for("parent-1");
    for path in [ANALYZE_PATH, GENERATE_PATH] {
        let example = &doc["paths"][path]["post"]["requestBody"]["content"]["application/json"]["example"];
        assert!(example.is_object(), "{path} has an example request");
        let response = services.post(path, Some(&token), example).await;
        assert_eq!(response.status(), 200, "{path}: {}", response.text().await.unwrap_or_default());
    }
}

#[tokio::test]
async fn whole_numbers_written_with_a_point_are_taken_as_integers() {
    let services = Services::start().await;
    let token = token_for("parent-1");
    let plain = services.post(GENERATE_PATH, Some(&token), &story_request()).await;
    let mut request = story_request();
    request["child_age"] = serde_json::json!(5.0);
    request["seed"] = serde_json::json!(7.0);
    let pointed = services.post(GENERATE_PATH, Some(&token), &request).await;
    assert_eq!(pointed.status(), 200);
    assert_eq!(pointed.text().await.expect("body"), plain.text().await.expect("body"));

    request["child_age"] = serde_json::json!(5.5);
    assert_eq!(services.post(GENERATE_PATH, Some(&token), &request).await.status(), 422);
}
