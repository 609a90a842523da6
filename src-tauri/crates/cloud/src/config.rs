//! The cloud settings file: where the app finds it and what makes it valid. Without one the app
//! runs on this computer only, so a missing file is not an error but a bad one is.

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The environment variable that points at the settings file.
pub const CONFIG_ENV: &str = "NOCOMELON_CONFIG";

/// Region, pools, bucket, tables and URLs of one NoComelon cloud.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct CloudConfig {
    pub region: String,
    pub user_pool_id: String,
    pub client_id: String,
    pub identity_pool_id: String,
    pub bucket: String,
    pub library_table: String,
    pub checkpoints_table: String,
    /// The story services; empty when the family's cloud runs none (drafting stays on the computer).
    #[serde(default)]
    pub services_url: String,
    /// One URL for every AWS service (a local emulator); absent for real AWS.
    #[serde(default)]
    pub endpoint_url: Option<String>,
    /// Where the user pool's signing keys are published; derived from the pool when absent.
    #[serde(default)]
    pub jwks_url: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("the settings file {path} can't be read ({reason})")]
    Unreadable { path: PathBuf, reason: String },
    #[error("the settings file {path} isn't valid: {reason}")]
    Invalid { path: PathBuf, reason: String },
    #[error("the settings file {path} has a bad \"{field}\": {reason}")]
    BadField { path: PathBuf, field: &'static str, reason: String },
}

impl CloudConfig {
    /// Finds and reads the settings: `explicit` (a `--config` path), else `$NOCOMELON_CONFIG`,
    /// else `<OS config dir>/nocomelon/cloud.json`. `Ok(None)` when there is no such file.
    pub fn locate(explicit: Option<&Path>) -> Result<Option<CloudConfig>, ConfigError> {
        let env_path = std::env::var_os(CONFIG_ENV).filter(|v| !v.is_empty()).map(PathBuf::from);
        let path = match (explicit, env_path) {
            (Some(path), _) => path.to_path_buf(),
            (None, Some(path)) => path,
            (None, None) => match default_path() {
                Some(path) => path,
                None => return Ok(None),
            },
        };
        Self::load_if_present(&path)
    }

    /// Reads `path`; `Ok(None)` if it does not exist.
    pub fn load_if_present(path: &Path) -> Result<Option<CloudConfig>, ConfigError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Self::parse(&text, path).map(Some),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(err) => Err(ConfigError::Unreadable { path: path.to_path_buf(), reason: err.to_string() }),
        }
    }

    /// Parses and checks settings text; `path` only names the file in errors.
    pub fn parse(text: &str, path: &Path) -> Result<CloudConfig, ConfigError> {
        let config: CloudConfig = serde_json::from_str(text)
            .map_err(|err| ConfigError::Invalid { path: path.to_path_buf(), reason: err.to_string() })?;
        config.validate(path)?;
        Ok(config)
    }

    fn validate(&self, path: &Path) -> Result<(), ConfigError> {
        let bad = |field: &'static str, reason: &str| ConfigError::BadField {
            path: path.to_path_buf(),
            field,
            reason: reason.to_owned(),
        };
        if !is_region(&self.region) {
            return Err(bad("region", "expected an AWS region such as eu-west-1"));
        }
        match self.user_pool_id.split_once('_') {
            Some((region, name))
                if region == self.region
                    && !name.is_empty()
                    && name.chars().all(|c| c.is_ascii_alphanumeric()) => {}
            _ => return Err(bad("user_pool_id", "expected <region>_<id> in the same region")),
        }
        match self.identity_pool_id.split_once(':') {
            Some((region, id)) if region == self.region && !id.is_empty() => {}
            _ => return Err(bad("identity_pool_id", "expected <region>:<id> in the same region")),
        }
        let required = [
            ("client_id", &self.client_id),
            ("bucket", &self.bucket),
            ("library_table", &self.library_table),
            ("checkpoints_table", &self.checkpoints_table),
        ];
        for (field, value) in required {
            if value.trim().is_empty() {
                return Err(bad(field, "must not be empty"));
            }
        }
        let urls = [
            ("services_url", Some(&self.services_url).filter(|url| !url.is_empty())),
            ("endpoint_url", self.endpoint_url.as_ref()),
            ("jwks_url", self.jwks_url.as_ref()),
        ];
        for (field, value) in urls {
            if let Some(url) = value {
                if !(url.starts_with("https://") || url.starts_with("http://")) {
                    return Err(bad(field, "expected an http:// or https:// URL"));
                }
            }
        }
        Ok(())
    }

    /// The settings from `terraform output -json` of infrastructure/terraform (every output is
    /// `{"value": …}`); checked like a settings file. `path` only names the file in errors.
    pub fn from_terraform_outputs(text: &str, path: &Path) -> Result<CloudConfig, ConfigError> {
        let outputs: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(text).map_err(|err| ConfigError::Invalid {
                path: path.to_path_buf(),
                reason: format!("not terraform output -json ({err})"),
            })?;
        let mut settings = serde_json::Map::new();
        for field in [
            "region",
            "user_pool_id",
            "client_id",
            "identity_pool_id",
            "bucket",
            "library_table",
            "checkpoints_table",
            "services_url",
            "jwks_url",
        ] {
            match outputs.get(field).map(|output| output.get("value").unwrap_or(output)) {
                Some(serde_json::Value::String(value)) => {
                    settings.insert(field.to_owned(), serde_json::Value::String(value.clone()));
                }
                Some(other) => {
                    return Err(ConfigError::BadField {
                        path: path.to_path_buf(),
                        field: output_name(field),
                        reason: format!("expected text, found {other}"),
                    })
                }
                None if field == "services_url" || field == "jwks_url" => {}
                None => {
                    return Err(ConfigError::BadField {
                        path: path.to_path_buf(),
                        field: output_name(field),
                        reason: "missing from the outputs (is this the output of infrastructure/terraform?)"
                            .into(),
                    })
                }
            }
        }
        Self::parse(&serde_json::Value::Object(settings).to_string(), path)
    }

    /// The provider name the identity pool knows this user pool by.
    pub fn login_provider(&self) -> String {
        format!("cognito-idp.{}.amazonaws.com/{}", self.region, self.user_pool_id)
    }

    /// The user pool's JWKS URL, given or derived.
    pub fn jwks_url(&self) -> String {
        match &self.jwks_url {
            Some(url) => url.clone(),
            None => format!("https://{}/.well-known/jwks.json", self.login_provider()),
        }
    }
}

/// `<OS config dir>/nocomelon/cloud.json`.
pub fn default_path() -> Option<PathBuf> {
    dirs::config_dir().map(|dir| dir.join("nocomelon").join("cloud.json"))
}

/// The output names, as `'static` field names for errors.
fn output_name(field: &str) -> &'static str {
    match field {
        "region" => "region",
        "user_pool_id" => "user_pool_id",
        "client_id" => "client_id",
        "identity_pool_id" => "identity_pool_id",
        "bucket" => "bucket",
        "library_table" => "library_table",
        "checkpoints_table" => "checkpoints_table",
        "services_url" => "services_url",
        _ => "jwks_url",
    }
}

fn is_region(region: &str) -> bool {
    let parts: Vec<&str> = region.split('-').collect();
    parts.len() >= 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
        && parts.last().is_some_and(|p| p.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> serde_json::Value {
        serde_json::json!({
            "region": "eu-west-1",
            "user_pool_id": "eu-west-1_AbC123",
            "client_id": "3n4b5c",
            "identity_pool_id": "eu-west-1:1c2d3e4f-0000-1111-2222-333344445555",
            "bucket": "nocomelon-media",
            "library_table": "nocomelon-library",
            "checkpoints_table": "nocomelon-checkpoints",
            "services_url": "https://api.example.org"
        })
    }

    fn write(dir: &Path, value: &serde_json::Value) -> PathBuf {
        let path = dir.join("cloud.json");
        std::fs::write(&path, value.to_string()).unwrap();
        path
    }

    #[test]
    fn a_good_file_loads() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), &sample());
        let config = CloudConfig::locate(Some(&path)).unwrap().unwrap();
        assert_eq!(config.user_pool_id, "eu-west-1_AbC123");
        assert_eq!(config.endpoint_url, None);
        assert_eq!(config.login_provider(), "cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123");
    }

    #[test]
    fn a_missing_file_means_this_computer_only() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(CloudConfig::locate(Some(&dir.path().join("nope.json"))).unwrap(), None);
    }

    #[test]
    fn invalid_json_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cloud.json");
        std::fs::write(&path, "{ not json").unwrap();
        let err = CloudConfig::locate(Some(&path)).unwrap_err();
        assert!(err.to_string().contains(&path.display().to_string()), "{err}");
    }

    #[test]
    fn a_missing_field_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let mut value = sample();
        value.as_object_mut().unwrap().remove("bucket");
        let err = CloudConfig::locate(Some(&write(dir.path(), &value))).unwrap_err();
        assert!(err.to_string().contains("bucket"), "{err}");
    }

    #[test]
    fn bad_region_and_pool_id_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let mut value = sample();
        value["region"] = "Europe".into();
        let err = CloudConfig::locate(Some(&write(dir.path(), &value))).unwrap_err();
        assert!(matches!(err, ConfigError::BadField { field: "region", .. }), "{err}");

        let mut value = sample();
        value["user_pool_id"] = "us-east-1_AbC123".into();
        let err = CloudConfig::locate(Some(&write(dir.path(), &value))).unwrap_err();
        assert!(matches!(err, ConfigError::BadField { field: "user_pool_id", .. }), "{err}");
    }

    #[test]
    fn a_directory_instead_of_a_file_is_unreadable_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let err = CloudConfig::locate(Some(dir.path())).unwrap_err();
        assert!(matches!(err, ConfigError::Unreadable { .. }), "{err}");
    }

    #[test]
    fn terraform_outputs_become_settings() {
        let outputs = serde_json::json!({
            "region": {"value": "eu-west-1", "type": "string", "sensitive": false},
            "user_pool_id": {"value": "eu-west-1_AbC123", "type": "string", "sensitive": false},
            "client_id": {"value": "abc123", "type": "string", "sensitive": false},
            "identity_pool_id": {"value": "eu-west-1:1111-2222", "type": "string", "sensitive": false},
            "bucket": {"value": "nocomelon-123-media", "type": "string", "sensitive": false},
            "library_table": {"value": "nocomelon-library", "type": "string", "sensitive": false},
            "checkpoints_table": {"value": "nocomelon-checkpoints", "type": "string", "sensitive": false},
            "services_url": {"value": "", "type": "string", "sensitive": false},
            "jwks_url": {"value": "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123/.well-known/jwks.json", "type": "string", "sensitive": false},
            "something_else": {"value": ["x"], "type": ["list", "string"], "sensitive": false}
        });
        let config = CloudConfig::from_terraform_outputs(&outputs.to_string(), Path::new("outputs.json"))
            .expect("a valid config");
        assert_eq!(config.user_pool_id, "eu-west-1_AbC123");
        assert_eq!(config.bucket, "nocomelon-123-media");
        assert_eq!(config.services_url, "", "no services: drafting stays on the computer");
        assert_eq!(config.endpoint_url, None);
        assert!(config.jwks_url.is_some());
    }

    #[test]
    fn terraform_outputs_missing_a_field_or_from_elsewhere_are_refused_with_the_field_named() {
        let missing = serde_json::json!({ "region": {"value": "eu-west-1"} });
        let error = CloudConfig::from_terraform_outputs(&missing.to_string(), Path::new("o.json"))
            .expect_err("incomplete")
            .to_string();
        assert!(error.contains("user_pool_id") && error.contains("missing"), "{error}");
        let not_outputs =
            CloudConfig::from_terraform_outputs("[1, 2]", Path::new("o.json")).expect_err("a list");
        assert!(not_outputs.to_string().contains("terraform output -json"), "{not_outputs}");
    }
}
