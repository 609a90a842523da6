# The optional story services: the nocomelon-services router on Lambda behind an HTTP API whose JWT
# authorizer lets only this pool's signed-in parents reach recognition and story drafting. Off by
# default: the app drafts on the computer when no services URL is configured.

resource "aws_cloudwatch_log_group" "services_function" {
  count = local.services_count

  name              = "/aws/lambda/${var.name}-services"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.logs_kms_key_arn
  #checkov:skip=CKV_AWS_158:A customer managed key is optional (logs_kms_key_arn); without one CloudWatch Logs encrypts at rest with its own keys, and these logs hold no drawings or tokens.
}

resource "aws_cloudwatch_log_group" "services_access" {
  count = local.services_count

  name              = "/aws/apigateway/${var.name}-services"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.logs_kms_key_arn
  #checkov:skip=CKV_AWS_158:A customer managed key is optional (logs_kms_key_arn); without one CloudWatch Logs encrypts at rest with its own keys, and access logs hold no request bodies.
}

data "aws_iam_policy_document" "services_trust" {
  statement {
    sid     = "LambdaRunsTheServices"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "services" {
  count = local.services_count

  name               = "${var.name}-services"
  description        = "The NoComelon story services function: writes its own logs, nothing else."
  assume_role_policy = data.aws_iam_policy_document.services_trust.json
}

data "aws_iam_policy_document" "services_logs" {
  count = local.services_count

  statement {
    sid    = "OwnLogStreams"
    effect = "Allow"
    actions = [
      "logs:CreateLogStream",
      "logs:PutLogEvents",
    ]
    resources = ["${aws_cloudwatch_log_group.services_function[0].arn}:*"]
  }
}

resource "aws_iam_role_policy" "services_logs" {
  count = local.services_count

  name   = "own-logs"
  role   = aws_iam_role.services[0].id
  policy = data.aws_iam_policy_document.services_logs[0].json
}

resource "aws_lambda_function" "services" {
  count = local.services_count
  #checkov:skip=CKV_AWS_50:X-Ray would need xray:PutTraceSegments on every resource ("*") for a role kept to its own logs, and HTTP APIs do not pass traces in anyway.
  #checkov:skip=CKV_AWS_115:Reserving concurrency fails on new accounts (their whole quota is the unreservable minimum of 10); the stage's throttling bounds the load instead, and services_reserved_concurrency sets it where the quota allows.
  #checkov:skip=CKV_AWS_116:Only the HTTP API invokes the function, synchronously; a dead-letter queue catches failed asynchronous invocations, of which there are none.
  #checkov:skip=CKV_AWS_117:The function reaches no private resource; a VPC would only add a NAT gateway (about 32 USD a month) between it and the public AWS endpoints it calls.
  #checkov:skip=CKV_AWS_173:The environment holds public identifiers only (region, pool and client ids, the JWKS URL); Lambda encrypts it at rest with its service key.
  #checkov:skip=CKV_AWS_272:The package is built on the family's own computer from source; Lambda code signing needs an AWS Signer profile and a signing step that this self-hosted setup does not have.

  function_name = "${var.name}-services"
  description   = "NoComelon story services: drawing recognition and story drafting."
  role          = aws_iam_role.services[0].arn

  runtime          = "provided.al2023"
  handler          = "bootstrap"
  architectures    = [var.services_architecture]
  filename         = var.services_package
  source_code_hash = filebase64sha256(var.services_package)

  memory_size                    = var.services_memory_mb
  timeout                        = var.services_timeout_seconds
  reserved_concurrent_executions = var.services_reserved_concurrency

  environment {
    variables = merge(
      {
        NOCOMELON_REGION       = local.region
        NOCOMELON_USER_POOL_ID = aws_cognito_user_pool.users.id
        NOCOMELON_CLIENT_ID    = aws_cognito_user_pool_client.desktop.id
        NOCOMELON_JWKS_URL     = local.jwks_url
      },
      var.services_environment,
    )
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.services_function[0].name
  }

  lifecycle {
    precondition {
      condition     = can(filebase64sha256(var.services_package))
      error_message = "services_enabled needs services_package, the path of a readable zip holding the services' bootstrap, such as the one `cargo lambda build --release --features lambda -p services --arm64 --output-format zip` makes (see README.md)."
    }
  }

  depends_on = [aws_iam_role_policy.services_logs]
}

resource "aws_apigatewayv2_api" "services" {
  count = local.services_count

  name          = "${var.name}-services"
  description   = "NoComelon story services"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_authorizer" "cognito" {
  count = local.services_count

  api_id           = aws_apigatewayv2_api.services[0].id
  name             = "cognito-user-pool"
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]

  # Cognito access tokens carry no `aud`; for them the authorizer matches `client_id` against the
  # audience list, so only tokens issued to the desktop client get through.
  jwt_configuration {
    issuer   = local.issuer
    audience = [aws_cognito_user_pool_client.desktop.id]
  }
}

resource "aws_apigatewayv2_integration" "services" {
  count = local.services_count

  api_id                 = aws_apigatewayv2_api.services[0].id
  integration_type       = "AWS_PROXY"
  integration_method     = "POST"
  integration_uri        = aws_lambda_function.services[0].invoke_arn
  payload_format_version = "2.0"
  timeout_milliseconds   = 30000
}

resource "aws_apigatewayv2_route" "vision_analyze" {
  count = local.services_count

  api_id             = aws_apigatewayv2_api.services[0].id
  route_key          = "POST /api/v1/vision/analyze"
  target             = "integrations/${aws_apigatewayv2_integration.services[0].id}"
  authorization_type = "JWT"
  authorizer_id      = aws_apigatewayv2_authorizer.cognito[0].id
}

resource "aws_apigatewayv2_route" "story_generate" {
  count = local.services_count

  api_id             = aws_apigatewayv2_api.services[0].id
  route_key          = "POST /api/v1/story/generate"
  target             = "integrations/${aws_apigatewayv2_integration.services[0].id}"
  authorization_type = "JWT"
  authorizer_id      = aws_apigatewayv2_authorizer.cognito[0].id
}

resource "aws_apigatewayv2_route" "health" {
  count = local.services_count
  #checkov:skip=CKV_AWS_309:GET /health answers whether the services are up, before anyone signs in; it reads no user data and takes no input.

  api_id             = aws_apigatewayv2_api.services[0].id
  route_key          = "GET /health"
  target             = "integrations/${aws_apigatewayv2_integration.services[0].id}"
  authorization_type = "NONE"
}

resource "aws_apigatewayv2_stage" "services" {
  count = local.services_count

  api_id      = aws_apigatewayv2_api.services[0].id
  name        = "$default"
  auto_deploy = true

  default_route_settings {
    throttling_burst_limit = var.services_throttle_burst
    throttling_rate_limit  = var.services_throttle_rate
  }

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.services_access[0].arn
    format = jsonencode({
      requestId      = "$context.requestId"
      requestTime    = "$context.requestTime"
      routeKey       = "$context.routeKey"
      status         = "$context.status"
      responseLength = "$context.responseLength"
      latencyMs      = "$context.responseLatency"
      integration    = "$context.integrationErrorMessage"
      authorizer     = "$context.authorizer.error"
      sourceIp       = "$context.identity.sourceIp"
    })
  }
}

resource "aws_lambda_permission" "services_from_api" {
  count = local.services_count

  statement_id  = "AllowTheServicesApi"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.services[0].function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.services[0].execution_arn}/*"
}
