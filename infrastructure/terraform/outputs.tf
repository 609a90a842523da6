# The app's cloud config, one output per key: `terraform output -json > cloud-outputs.json`, then
# `nocomelon config import cloud-outputs.json`. Keep these names in step with the app's config.

output "region" {
  description = "The region every resource is in."
  value       = local.region
}

output "user_pool_id" {
  description = "The user pool parents sign in to."
  value       = aws_cognito_user_pool.users.id
}

output "client_id" {
  description = "The desktop app's public client (no secret)."
  value       = aws_cognito_user_pool_client.desktop.id
}

output "identity_pool_id" {
  description = "The identity pool that exchanges sign-ins for scoped AWS keys."
  value       = aws_cognito_identity_pool.identities.id
}

output "bucket" {
  description = "The media bucket."
  value       = aws_s3_bucket.media.id
}

output "library_table" {
  description = "The storybook library table."
  value       = aws_dynamodb_table.library.name
}

output "checkpoints_table" {
  description = "The run checkpoints table."
  value       = aws_dynamodb_table.checkpoints.name
}

output "services_url" {
  description = "The story services' base URL; empty when services_enabled is false (the app then drafts on the computer)."
  value       = var.services_enabled ? aws_apigatewayv2_api.services[0].api_endpoint : ""
}

output "jwks_url" {
  description = "Where the user pool publishes the keys its tokens are signed with."
  value       = local.jwks_url
}
