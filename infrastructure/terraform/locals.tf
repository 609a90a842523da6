# The names and shapes shared with the local emulator (infrastructure/local/provision.py): one file,
# so the cloud a family applies and the one the tests run against cannot drift apart.
locals {
  shape = jsondecode(file("${path.module}/../cloud-shape.json"))

  region     = data.aws_region.current.name
  account_id = data.aws_caller_identity.current.account_id

  user_pool_name     = "${var.name}${local.shape.suffixes.user_pool}"
  client_name        = "${var.name}${local.shape.suffixes.client}"
  identity_pool_name = "${var.name}${local.shape.suffixes.identity_pool}"
  # Bucket names are global across every AWS account, so the account id keeps a family's
  # "nocomelon" bucket from colliding with everyone else's.
  bucket_name            = var.bucket_name != "" ? var.bucket_name : "${var.name}-${local.account_id}${local.shape.suffixes.bucket}"
  library_table_name     = "${var.name}${local.shape.suffixes.library_table}"
  checkpoints_table_name = "${var.name}${local.shape.suffixes.checkpoints_table}"

  password_require_symbols = var.password_require_symbols == null ? local.shape.password_policy.require_symbols : var.password_require_symbols

  # Who signs the parents' tokens, and where its public keys are: the services' authorizer and the
  # app's cloud config both need them.
  issuer   = "https://cognito-idp.${local.region}.amazonaws.com/${aws_cognito_user_pool.users.id}"
  jwks_url = "${local.issuer}/.well-known/jwks.json"

  services_count = var.services_enabled ? 1 : 0
}

data "aws_region" "current" {}

data "aws_caller_identity" "current" {}
