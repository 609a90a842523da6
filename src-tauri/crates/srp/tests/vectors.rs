//! Known answers from amazon-cognito-identity-js and pycognito (vectors/vectors.json, made by
//! vectors/generate.sh): SRP_A and PASSWORD_CLAIM_SIGNATURE for the same a, salt, B,
//! password, SECRET_BLOCK and TIMESTAMP, plus the TIMESTAMP table.

use serde::Deserialize;
use srp::{cognito_timestamp, SrpClient};

#[derive(Deserialize)]
struct Document {
    reference: String,
    vectors: Vec<Vector>,
    timestamps: Vec<TimestampCase>,
}

#[derive(Deserialize)]
struct Vector {
    name: String,
    a_hex: String,
    user_pool_id: String,
    user_id_for_srp: String,
    password: String,
    salt_hex: String,
    srp_b_hex: String,
    secret_block_b64: String,
    timestamp: String,
    amazon_cognito_identity_js: Answer,
    pycognito: Answer,
    libraries_agree: bool,
    disagreement: Option<String>,
}

#[derive(Deserialize)]
struct Answer {
    srp_a_hex: String,
    signature_b64: String,
}

#[derive(Deserialize)]
struct TimestampCase {
    unix_seconds: i64,
    timestamp: String,
}

fn document() -> Document {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/vectors/vectors.json");
    let text = std::fs::read_to_string(path).unwrap_or_else(|err| panic!("{path}: {err}"));
    serde_json::from_str(&text).unwrap_or_else(|err| panic!("{path}: {err}"))
}

fn hex_bytes(text: &str) -> Vec<u8> {
    let padded = if text.len() % 2 == 1 { format!("0{text}") } else { text.to_owned() };
    (0..padded.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&padded[i..i + 2], 16).unwrap_or_else(|err| panic!("{text}: {err}")))
        .collect()
}

fn answer(vector: &Vector) -> (String, String) {
    let client = SrpClient::with_secret(&vector.user_pool_id, &hex_bytes(&vector.a_hex))
        .unwrap_or_else(|err| panic!("{}: {err}", vector.name));
    let claim = client
        .password_claim(
            &vector.user_id_for_srp,
            &vector.password,
            &vector.salt_hex,
            &vector.srp_b_hex,
            &vector.secret_block_b64,
            &vector.timestamp,
        )
        .unwrap_or_else(|err| panic!("{}: {err}", vector.name));
    assert_eq!(claim.timestamp, vector.timestamp, "{}: TIMESTAMP goes back as signed", vector.name);
    assert_eq!(
        claim.secret_block, vector.secret_block_b64,
        "{}: SECRET_BLOCK goes back unchanged",
        vector.name
    );
    (client.srp_a_hex(), claim.signature_b64)
}

#[test]
fn the_design_doc_known_answer() {
    let document = document();
    let vector = &document.vectors[0];
    assert_eq!(vector.a_hex, "01".repeat(128));
    let (srp_a, signature) = answer(vector);
    assert!(srp_a.starts_with("b1ce118779e27c1c015d7a22"), "{srp_a}");
    assert_eq!(signature, "apNSb5GZpJciVc6cVNkDf4elCMoWUZcH4aukLlMPiFA=");
}

#[test]
fn every_vector_matches_amazon_cognito_identity_js() {
    let document = document();
    assert_eq!(document.reference, "amazon-cognito-identity-js");
    assert!(document.vectors.len() >= 17);
    for vector in &document.vectors {
        let (srp_a, signature) = answer(vector);
        assert_eq!(srp_a, vector.amazon_cognito_identity_js.srp_a_hex, "{}", vector.name);
        assert_eq!(signature, vector.amazon_cognito_identity_js.signature_b64, "{}", vector.name);
    }
}

/// pycognito hashes SALT as the hex text it got, so a salt starting with a 00 byte that the
/// integer drops gives it other bytes than Cognito and the reference client hash: there we
/// match amazon-cognito-identity-js and differ from pycognito. Everywhere else all three agree.
#[test]
fn every_vector_matches_pycognito_where_the_libraries_agree() {
    let document = document();
    let mut disagreeing = 0;
    for vector in &document.vectors {
        let (srp_a, signature) = answer(vector);
        assert_eq!(srp_a, vector.pycognito.srp_a_hex, "{}", vector.name);
        if vector.libraries_agree {
            assert_eq!(signature, vector.pycognito.signature_b64, "{}", vector.name);
        } else {
            disagreeing += 1;
            let reason = vector.disagreement.as_deref().unwrap_or_default();
            assert!(reason.contains("leading 00"), "{}: {reason}", vector.name);
            assert!(vector.salt_hex.starts_with("00"), "{}", vector.name);
            assert_ne!(signature, vector.pycognito.signature_b64, "{}", vector.name);
        }
    }
    assert!(disagreeing >= 2, "the leading-00 salt divergence is covered");
}

#[test]
fn timestamps_match_the_reference_formatters_for_every_day_weekday_and_month() {
    let document = document();
    let mut days = std::collections::BTreeSet::new();
    let mut weekdays = std::collections::BTreeSet::new();
    let mut months = std::collections::BTreeSet::new();
    for case in &document.timestamps {
        let text = cognito_timestamp(case.unix_seconds);
        assert_eq!(text, case.timestamp, "{}", case.unix_seconds);
        let fields: Vec<&str> = text.split(' ').collect();
        weekdays.insert(fields[0].to_owned());
        months.insert(fields[1].to_owned());
        days.insert(fields[2].parse::<u32>().unwrap_or(0));
    }
    assert_eq!(weekdays.len(), 7);
    assert_eq!(months.len(), 12);
    assert_eq!(days, (1..=31).collect());
}
