//! The S3 and DynamoDB clients signed with identity-pool credentials, and the few calls the app
//! makes through them today: objects under the family's identity prefix and library items under
//! its identity id.

use std::collections::HashMap;

use aws_credential_types::provider::SharedCredentialsProvider;
use aws_sdk_dynamodb::types::AttributeValue;

use crate::error::{api_error, CloudError};
use crate::identity::{with_credential_retry, IdentityCredentials};
use crate::session::CloudSession;

/// S3 and DynamoDB for the signed-in family.
#[derive(Debug, Clone)]
pub struct CloudClients {
    session: CloudSession,
    credentials: IdentityCredentials,
    s3: aws_sdk_s3::Client,
    dynamodb: aws_sdk_dynamodb::Client,
}

impl CloudClients {
    pub fn new(session: &CloudSession) -> Self {
        let credentials = session.credentials_provider();
        let shared = SharedCredentialsProvider::new(credentials.clone());
        let config = session.config();
        Self {
            s3: crate::aws::s3(config, session.clock(), session.call_limits(), shared.clone()),
            dynamodb: crate::aws::dynamodb(config, session.clock(), session.call_limits(), shared),
            credentials,
            session: session.clone(),
        }
    }

    pub fn s3(&self) -> &aws_sdk_s3::Client {
        &self.s3
    }

    pub fn dynamodb(&self) -> &aws_sdk_dynamodb::Client {
        &self.dynamodb
    }

    pub fn credentials(&self) -> &IdentityCredentials {
        &self.credentials
    }

    /// The bucket every object of the family lives in.
    pub fn bucket(&self) -> &str {
        &self.session.config().bucket
    }

    /// `<identity-id>/`: the prefix under which everything of the family lives.
    pub async fn family_prefix(&self) -> Result<String, CloudError> {
        Ok(format!("{}/", self.session.identity_id().await?))
    }

    /// `<identity-id>/<relative_key>`, refusing keys that would leave the prefix.
    pub async fn object_key(&self, relative_key: &str) -> Result<String, CloudError> {
        if relative_key.is_empty()
            || relative_key.starts_with('/')
            || relative_key.split('/').any(|part| part == ".." || part.is_empty())
        {
            return Err(CloudError::InvalidInput(format!("\"{relative_key}\" is not a valid storage path")));
        }
        Ok(format!("{}/{relative_key}", self.session.identity_id().await?))
    }

    /// Stores bytes at `<identity-id>/<relative_key>`; returns the full key.
    pub async fn put_object(
        &self,
        relative_key: &str,
        body: Vec<u8>,
        content_type: &str,
    ) -> Result<String, CloudError> {
        let key = self.object_key(relative_key).await?;
        let bucket = &self.session.config().bucket;
        with_credential_retry(&self.credentials, || {
            self.s3
                .put_object()
                .bucket(bucket)
                .key(&key)
                .content_type(content_type)
                .body(aws_sdk_s3::primitives::ByteStream::from(body.clone()))
                .send()
        })
        .await
        .map_err(|e| CloudError::from(api_error(e)))?;
        Ok(key)
    }

    /// Reads the bytes at `<identity-id>/<relative_key>`.
    pub async fn get_object(&self, relative_key: &str) -> Result<Vec<u8>, CloudError> {
        let key = self.object_key(relative_key).await?;
        let bucket = &self.session.config().bucket;
        let out =
            with_credential_retry(&self.credentials, || self.s3.get_object().bucket(bucket).key(&key).send())
                .await
                .map_err(|e| CloudError::from(api_error(e)))?;
        let bytes = out.body.collect().await.map_err(|e| CloudError::Network { detail: e.to_string() })?;
        Ok(bytes.into_bytes().to_vec())
    }

    /// Writes a library item keyed by this family's identity id and `id`.
    pub async fn put_library_item(
        &self,
        id: &str,
        mut attributes: HashMap<String, AttributeValue>,
    ) -> Result<(), CloudError> {
        let identity_id = self.session.identity_id().await?;
        attributes.insert("user_id".into(), AttributeValue::S(identity_id));
        attributes.insert("id".into(), AttributeValue::S(id.to_owned()));
        let table = &self.session.config().library_table;
        with_credential_retry(&self.credentials, || {
            self.dynamodb.put_item().table_name(table).set_item(Some(attributes.clone())).send()
        })
        .await
        .map_err(|e| CloudError::from(api_error(e)))?;
        Ok(())
    }

    /// Reads this family's library item `id`.
    pub async fn get_library_item(
        &self,
        id: &str,
    ) -> Result<Option<HashMap<String, AttributeValue>>, CloudError> {
        let identity_id = self.session.identity_id().await?;
        let table = &self.session.config().library_table;
        let out = with_credential_retry(&self.credentials, || {
            self.dynamodb
                .get_item()
                .table_name(table)
                .key("user_id", AttributeValue::S(identity_id.clone()))
                .key("id", AttributeValue::S(id.to_owned()))
                .consistent_read(true)
                .send()
        })
        .await
        .map_err(|e| CloudError::from(api_error(e)))?;
        Ok(out.item)
    }
}
