variable "region" {
  description = "The AWS region everything is created in."
  type        = string
  default     = "us-east-1"
}

variable "name" {
  description = "Prefix of every resource name (the pool is <name>-users, the tables <name>-library and <name>-checkpoints)."
  type        = string
  default     = "nocomelon"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}[a-z0-9]$", var.name))
    error_message = "The name must be 3 to 32 lowercase letters, digits or hyphens, starting with a letter and not ending with a hyphen (it becomes part of an S3 bucket name)."
  }
}

variable "bucket_name" {
  description = "The media bucket's name; empty means <name>-<account id>-media, which no other account can take."
  type        = string
  default     = ""
}

variable "tags" {
  description = "Extra tags for every resource."
  type        = map(string)
  default     = {}
}

# --- Sign-in -------------------------------------------------------------------------------------

variable "password_require_symbols" {
  description = "Require a symbol in passwords; null keeps the app's policy from cloud-shape.json (no)."
  type        = bool
  default     = null
}

variable "mfa" {
  description = "TOTP (authenticator app) second factor: OFF, OPTIONAL (each parent chooses) or ON (everyone)."
  type        = string
  default     = "OPTIONAL"

  validation {
    condition     = contains(["OFF", "OPTIONAL", "ON"], var.mfa)
    error_message = "mfa must be OFF, OPTIONAL or ON."
  }
}

variable "allow_self_sign_up" {
  description = "Let anyone with the app create an account; false means only an administrator creates accounts (AdminCreateUser)."
  type        = bool
  default     = true
}

variable "user_pool_deletion_protection" {
  description = "Refuse to delete the user pool (and every account in it) until this is turned off."
  type        = bool
  default     = true
}

variable "access_token_minutes" {
  description = "How long an access or ID token is valid, in minutes (5 to 1440)."
  type        = number
  default     = 60

  validation {
    condition     = var.access_token_minutes >= 5 && var.access_token_minutes <= 1440
    error_message = "Cognito accepts 5 to 1440 minutes."
  }
}

variable "refresh_token_days" {
  description = "How long a parent stays signed in without typing the password again, in days (1 to 3650)."
  type        = number
  default     = 30

  validation {
    condition     = var.refresh_token_days >= 1 && var.refresh_token_days <= 3650
    error_message = "Cognito accepts 1 to 3650 days."
  }
}

# --- Storage -------------------------------------------------------------------------------------

variable "noncurrent_version_days" {
  description = "Days a replaced or deleted drawing, picture, narration or video is kept before it is gone for good."
  type        = number
  default     = 30

  validation {
    condition     = var.noncurrent_version_days >= 1
    error_message = "Keep old versions at least one day."
  }
}

variable "table_deletion_protection" {
  description = "Refuse to delete the library and checkpoints tables until this is turned off."
  type        = bool
  default     = true
}

# --- Story services (optional) --------------------------------------------------------------------

variable "services_enabled" {
  description = "Deploy the nocomelon-services router (recognition and story drafting) to Lambda behind an HTTP API."
  type        = bool
  default     = false
}

variable "services_package" {
  description = "Path to the Lambda zip (a `bootstrap` built from nocomelon-services with its `lambda` feature); required when services_enabled."
  type        = string
  default     = ""
}

variable "services_architecture" {
  description = "The CPU the package was built for: arm64 (cheaper) or x86_64."
  type        = string
  default     = "arm64"

  validation {
    condition     = contains(["arm64", "x86_64"], var.services_architecture)
    error_message = "services_architecture must be arm64 or x86_64."
  }
}

variable "services_memory_mb" {
  description = "Memory of the services function in MB (CPU grows with it)."
  type        = number
  default     = 512
}

variable "services_timeout_seconds" {
  description = "How long one request may run; the HTTP API gives up after 30 seconds anyway."
  type        = number
  default     = 29

  validation {
    condition     = var.services_timeout_seconds >= 1 && var.services_timeout_seconds <= 29
    error_message = "Use 1 to 29 seconds: API Gateway stops waiting at 30."
  }
}

variable "services_reserved_concurrency" {
  description = "Most requests served at once; null (the default) leaves the account's pool shared, because new accounts may reserve none."
  type        = number
  default     = null
}

variable "services_environment" {
  description = "Extra environment variables for the services function (no secrets: they are visible to anyone who can read the function)."
  type        = map(string)
  default     = {}
}

variable "services_throttle_burst" {
  description = "Requests the API accepts in one burst before it answers 429."
  type        = number
  default     = 20
}

variable "services_throttle_rate" {
  description = "Requests per second the API accepts on average before it answers 429."
  type        = number
  default     = 10
}

variable "log_retention_days" {
  description = "Days the services' function and access logs are kept."
  type        = number
  default     = 365

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "CloudWatch Logs accepts 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653 days."
  }
}

variable "logs_kms_key_arn" {
  description = "A customer managed KMS key for the services' log groups; null uses CloudWatch Logs' own encryption. The key policy must allow logs.<region>.amazonaws.com."
  type        = string
  default     = null
}
