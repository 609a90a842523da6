//! The checked-in OpenAPI document is the one the code generates, and it tells a client or a
//! fuzzer the truth about the requests the server takes.

use std::path::PathBuf;

fn checked_in() -> (PathBuf, String) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("openapi.json");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    (path, text)
}

#[test]
fn the_checked_in_document_is_the_generated_one() {
    let (path, text) = checked_in();
    let generated = services::openapi::document();
    assert!(
        text == generated,
        "{} differs from what the code generates. Regenerate it from the repository's root with\n  \
         cargo run -p services --bin nocomelon-services -- --print-openapi > src-tauri/crates/services/openapi.json\n\
         and review the difference.",
        path.display()
    );
}

#[test]
fn the_program_prints_the_same_document() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_nocomelon-services"))
        .arg("--print-openapi")
        .output()
        .expect("run the binary");
    assert!(output.status.success());
    assert_eq!(String::from_utf8(output.stdout).expect("utf-8"), services::openapi::document());
}

#[test]
fn the_document_states_the_limits_and_the_security_of_each_operation() {
    let doc: serde_json::Value = serde_json::from_str(&services::openapi::document()).expect("JSON");
    let schemas = &doc["components"]["schemas"];
    let age = &schemas["StoryRequest"]["properties"]["child_age"];
    assert_eq!(
        (age["type"].as_str(), age["minimum"].as_u64(), age["maximum"].as_u64()),
        (Some("integer"), Some(0), Some(255))
    );
    let seed = &schemas["StoryRequest"]["properties"]["seed"];
    assert_eq!((seed["minimum"].as_u64(), seed["maximum"].as_u64()), (Some(0), Some(u64::MAX)), "{seed}");
    assert!(seed["format"].is_null(), "not int64, which stops at 2^63 - 1: {seed}");
    let required = |schema: &str| -> Vec<String> {
        let list = schemas[schema]["required"]
            .as_array()
            .unwrap_or_else(|| panic!("{schema} lists required fields"));
        list.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect()
    };
    assert_eq!(required("StoryRequest"), ["drawing", "theme", "voice_type", "child_age"]);
    assert_eq!(required("AnalyzeRequest"), ["image_base64"]);
    assert_eq!(required("DrawingFacts"), ["subject", "setting", "mood"]);
    assert_eq!(schemas["AnalyzeRequest"]["properties"]["image_base64"]["type"], "string");

    for path in ["/api/v1/vision/analyze", "/api/v1/story/generate"] {
        let operation = &doc["paths"][path]["post"];
        assert_eq!(operation["security"][0]["cognito_access_token"], serde_json::json!([]), "{path}");
        let responses = operation["responses"].as_object().expect("responses");
        for status in ["200", "400", "401", "413", "415", "422", "429", "500", "503"] {
            assert!(responses.contains_key(status), "{path} documents {status}");
        }
        assert!(operation["responses"]["429"]["headers"]["Retry-After"].is_object(), "{path}");
        assert_eq!(
            operation["responses"]["401"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/Problem"
        );
    }
    assert!(doc["paths"]["/health"]["get"]["security"].is_null(), "the health check needs no token");
    let scheme = &doc["components"]["securitySchemes"]["cognito_access_token"];
    assert_eq!((scheme["scheme"].as_str(), scheme["bearerFormat"].as_str()), (Some("bearer"), Some("JWT")));
}
