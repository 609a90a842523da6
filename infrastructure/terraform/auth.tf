# Sign-in: the user pool parents sign in to (SRP, so the password never leaves the computer), the
# desktop app's public client, and the identity pool that turns a signed-in parent into AWS keys
# scoped to their own files and rows (see iam.tf).

resource "aws_cognito_user_pool" "users" {
  name = local.user_pool_name

  username_attributes      = ["email"]
  auto_verified_attributes = ["email"]
  deletion_protection      = var.user_pool_deletion_protection ? "ACTIVE" : "INACTIVE"

  password_policy {
    minimum_length                   = local.shape.password_policy.minimum_length
    require_uppercase                = local.shape.password_policy.require_uppercase
    require_lowercase                = local.shape.password_policy.require_lowercase
    require_numbers                  = local.shape.password_policy.require_numbers
    require_symbols                  = local.password_require_symbols
    temporary_password_validity_days = 7
  }

  mfa_configuration = var.mfa

  dynamic "software_token_mfa_configuration" {
    for_each = var.mfa == "OFF" ? [] : [true]
    content {
      enabled = true
    }
  }

  account_recovery_setting {
    recovery_mechanism {
      name     = "verified_email"
      priority = 1
    }
  }

  admin_create_user_config {
    allow_admin_create_user_only = !var.allow_self_sign_up
  }

  # A changed email address takes effect only once its code is confirmed, so a stolen session
  # cannot quietly move the account (and its password resets) to another inbox.
  user_attribute_update_settings {
    attributes_require_verification_before_update = ["email"]
  }

  verification_message_template {
    default_email_option = "CONFIRM_WITH_CODE"
  }

  username_configuration {
    case_sensitive = false
  }
}

resource "aws_cognito_user_pool_client" "desktop" {
  name         = local.client_name
  user_pool_id = aws_cognito_user_pool.users.id

  # A desktop app cannot keep a secret: anyone can read it out of the installed program.
  generate_secret     = false
  explicit_auth_flows = local.shape.client.explicit_auth_flows

  prevent_user_existence_errors = "ENABLED"
  enable_token_revocation       = true

  access_token_validity  = var.access_token_minutes
  id_token_validity      = var.access_token_minutes
  refresh_token_validity = var.refresh_token_days
  token_validity_units {
    access_token  = "minutes"
    id_token      = "minutes"
    refresh_token = "days"
  }

  read_attributes  = ["email", "email_verified"]
  write_attributes = ["email"]
}

resource "aws_cognito_identity_pool" "identities" {
  identity_pool_name = local.identity_pool_name

  allow_unauthenticated_identities = false
  allow_classic_flow               = false

  cognito_identity_providers {
    client_id     = aws_cognito_user_pool_client.desktop.id
    provider_name = aws_cognito_user_pool.users.endpoint
    # Ask the user pool on every exchange, so a signed-out or deleted parent gets no new keys.
    server_side_token_check = true
  }
}

resource "aws_cognito_identity_pool_roles_attachment" "identities" {
  identity_pool_id = aws_cognito_identity_pool.identities.id

  roles = {
    authenticated = aws_iam_role.authenticated.arn
  }
}
