# The media bucket: each parent's drawings, pictures, narration and videos under their identity id
# (see iam.tf). Private, encrypted, versioned, TLS-only; no CORS, because the desktop app is not a
# browser origin.

resource "aws_s3_bucket" "media" {
  #checkov:skip=CKV_AWS_18:Server access logs would need a second bucket that itself must be logged; CloudTrail data events can be turned on account-wide when a family needs an audit trail.
  #checkov:skip=CKV_AWS_144:One region is the point of a family's own small cloud; versioning and the app's local copy cover accidental loss, and replication would double the storage bill.
  #checkov:skip=CKV2_AWS_62:Nothing reacts to uploads: the desktop app drives every step itself, so event notifications would have no subscriber.
  bucket = local.bucket_name
}

resource "aws_s3_bucket_public_access_block" "media" {
  bucket = aws_s3_bucket.media.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "media" {
  bucket = aws_s3_bucket.media.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

# SSE-KMS with the AWS managed key (aws/s3) rather than SSE-S3 (AES256): every use of the key is
# recorded in CloudTrail, and the managed key's policy already lets in-account principals use it
# through S3, so the signed-in parents' role needs no KMS permission. A customer managed key would
# have to be granted to every signed-in identity; the bucket key keeps KMS requests (and their
# cost) to a trickle.
resource "aws_s3_bucket_server_side_encryption_configuration" "media" {
  bucket = aws_s3_bucket.media.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_versioning" "media" {
  bucket = aws_s3_bucket.media.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "media" {
  bucket = aws_s3_bucket.media.id

  rule {
    id     = "tidy-uploads-and-old-versions"
    status = "Enabled"

    filter {}

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }

    noncurrent_version_expiration {
      noncurrent_days = var.noncurrent_version_days
    }

    # Once the last old version has expired, the delete marker left behind goes too.
    expiration {
      expired_object_delete_marker = true
    }
  }

  depends_on = [aws_s3_bucket_versioning.media]
}

data "aws_iam_policy_document" "media_bucket" {
  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.media.arn,
      "${aws_s3_bucket.media.arn}/*",
    ]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "media" {
  bucket = aws_s3_bucket.media.id
  policy = data.aws_iam_policy_document.media_bucket.json

  # S3 refuses a bucket policy while the public access block is still being applied.
  depends_on = [aws_s3_bucket_public_access_block.media]
}
