//! The app signs S3 and DynamoDB requests only with the identity pool's credentials: AWS keys, a
//! profile, a region or an endpoint in the environment of whoever runs it change nothing. This
//! file is a test binary of its own because it changes the process environment.

use std::collections::HashMap;

use aws_sdk_dynamodb::types::AttributeValue;
use cloud::{CloudClients, SignInStep};
use cloud_testkit::Emulator;

const PASSWORD: &str = "Dinosaur7";
const ENVIRONMENT_KEY: &str = "environment-key-never-used";
const PROFILE_KEY: &str = "profile-key-never-used";

fn string_list(value: &serde_json::Value) -> Vec<String> {
    value
        .as_array()
        .map(|keys| keys.iter().filter_map(|k| k.as_str().map(str::to_owned)).collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn aws_keys_profiles_and_endpoints_in_the_environment_are_ignored() {
    let emulator = Emulator::start().await;
    let aws_home = emulator.subdir("aws-home");
    let credentials_file = aws_home.join("credentials");
    let config_file = aws_home.join("config");
    std::fs::write(
        &credentials_file,
        format!("[default]\naws_access_key_id = {PROFILE_KEY}\naws_secret_access_key = profile-secret\n"),
    )
    .expect("write the profile's credentials");
    std::fs::write(&config_file, "[default]\nregion = ap-south-1\nendpoint_url = http://127.0.0.1:9\n")
        .expect("write the profile's config");
    let environment = [
        ("AWS_ACCESS_KEY_ID", ENVIRONMENT_KEY.to_owned()),
        ("AWS_SECRET_ACCESS_KEY", "environment-secret".to_owned()),
        ("AWS_SESSION_TOKEN", "environment-session-token".to_owned()),
        ("AWS_PROFILE", "default".to_owned()),
        ("AWS_SHARED_CREDENTIALS_FILE", credentials_file.display().to_string()),
        ("AWS_CONFIG_FILE", config_file.display().to_string()),
        ("AWS_REGION", "ap-south-1".to_owned()),
        ("AWS_DEFAULT_REGION", "ap-south-1".to_owned()),
        ("AWS_ENDPOINT_URL", "http://127.0.0.1:9".to_owned()),
        ("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9".to_owned()),
        ("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:9".to_owned()),
    ];
    for (name, value) in &environment {
        std::env::set_var(name, value);
    }

    // Hour-long credentials are reused, so every signed request should carry the same key.
    emulator.set(serde_json::json!({ "credentials_seconds": 3600 })).await;
    let (session, _) = emulator.memory_session(&emulator.subdir("app"));
    let email = "family@example.org";
    emulator.confirmed_user(&session, email, PASSWORD).await;
    let step = session.sign_in(email, PASSWORD).await.expect("sign-in");
    assert!(matches!(step, SignInStep::SignedIn(_)), "{step:?}");
    let before = emulator.signers().await;

    let clients = CloudClients::new(&session);
    let drawing = b"\x89PNG a child's drawing".to_vec();
    clients.put_object("drawings/run-1.png", drawing.clone(), "image/png").await.expect("S3 put");
    assert_eq!(clients.get_object("drawings/run-1.png").await.expect("S3 get"), drawing);
    let item = HashMap::from([("title".to_owned(), AttributeValue::S("The Brave Dinosaur".into()))]);
    clients.put_library_item("book-1", item).await.expect("DynamoDB put");
    assert!(clients.get_library_item("book-1").await.expect("DynamoDB get").is_some());

    let issued = session.credentials_provider().credentials().await.expect("identity-pool credentials");
    let after = emulator.signers().await;
    for service in ["s3", "dynamodb"] {
        let earlier = string_list(&before[service]);
        let new: Vec<String> =
            string_list(&after[service]).into_iter().filter(|key| !earlier.contains(key)).collect();
        assert_eq!(new, vec![issued.access_key_id().to_owned()], "{service} was signed by {new:?}");
    }
    let every_signer = after.to_string();
    assert!(!every_signer.contains(ENVIRONMENT_KEY), "the environment's key signed a request: {after}");
    assert!(!every_signer.contains(PROFILE_KEY), "the profile's key signed a request: {after}");
}
