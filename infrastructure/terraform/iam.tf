# What a signed-in parent's AWS keys may do: their own S3 prefix and their own DynamoDB rows, both
# named by the identity id `${cognito-identity.amazonaws.com:sub}`, and nothing else.

data "aws_iam_policy_document" "authenticated_trust" {
  statement {
    sid     = "SignedInIdentitiesOfThisPool"
    effect  = "Allow"
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = ["cognito-identity.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "cognito-identity.amazonaws.com:aud"
      values   = [aws_cognito_identity_pool.identities.id]
    }

    condition {
      test     = "ForAnyValue:StringLike"
      variable = "cognito-identity.amazonaws.com:amr"
      values   = ["authenticated"]
    }
  }
}

resource "aws_iam_role" "authenticated" {
  name                 = "${var.name}-signed-in"
  description          = "A signed-in NoComelon parent: their own media prefix and table rows only."
  assume_role_policy   = data.aws_iam_policy_document.authenticated_trust.json
  max_session_duration = 3600
}

data "aws_iam_policy_document" "authenticated" {
  statement {
    sid    = "OwnMediaObjects"
    effect = "Allow"
    actions = [
      "s3:GetObject",
      "s3:PutObject",
      "s3:DeleteObject",
      "s3:AbortMultipartUpload",
      "s3:ListMultipartUploadParts",
    ]
    resources = ["${aws_s3_bucket.media.arn}/$${cognito-identity.amazonaws.com:sub}/*"]
  }

  statement {
    sid       = "ListOwnMediaPrefix"
    effect    = "Allow"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.media.arn]

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values = [
        "$${cognito-identity.amazonaws.com:sub}",
        "$${cognito-identity.amazonaws.com:sub}/*",
      ]
    }
  }

  statement {
    sid    = "OwnTableRows"
    effect = "Allow"
    actions = [
      "dynamodb:GetItem",
      "dynamodb:BatchGetItem",
      "dynamodb:Query",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "dynamodb:DeleteItem",
      "dynamodb:BatchWriteItem",
      "dynamodb:ConditionCheckItem",
    ]
    resources = [
      aws_dynamodb_table.library.arn,
      aws_dynamodb_table.checkpoints.arn,
    ]

    condition {
      test     = "ForAllValues:StringEquals"
      variable = "dynamodb:LeadingKeys"
      values   = ["$${cognito-identity.amazonaws.com:sub}"]
    }
  }
}

resource "aws_iam_role_policy" "authenticated" {
  name   = "own-media-and-rows"
  role   = aws_iam_role.authenticated.id
  policy = data.aws_iam_policy_document.authenticated.json
}
