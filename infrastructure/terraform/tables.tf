# The library (one row per finished storybook) and the checkpoints (one row per run in progress),
# both keyed by the parent's identity id so IAM can keep each parent to their own rows (iam.tf).

resource "aws_dynamodb_table" "library" {
  #checkov:skip=CKV_AWS_119:Encrypted with the AWS managed key (aws/dynamodb); a customer managed key would have to be granted to every signed-in identity and adds a monthly key fee for no extra separation.
  name         = local.library_table_name
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = local.shape.tables.library.hash_key
  range_key    = local.shape.tables.library.range_key

  attribute {
    name = local.shape.tables.library.hash_key
    type = "S"
  }

  attribute {
    name = local.shape.tables.library.range_key
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled = true
  }

  deletion_protection_enabled = var.table_deletion_protection
}

resource "aws_dynamodb_table" "checkpoints" {
  #checkov:skip=CKV_AWS_119:Encrypted with the AWS managed key (aws/dynamodb); a customer managed key would have to be granted to every signed-in identity and adds a monthly key fee for no extra separation.
  name         = local.checkpoints_table_name
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = local.shape.tables.checkpoints.hash_key
  range_key    = local.shape.tables.checkpoints.range_key

  attribute {
    name = local.shape.tables.checkpoints.hash_key
    type = "S"
  }

  attribute {
    name = local.shape.tables.checkpoints.range_key
    type = "S"
  }

  # A run left unfinished is cleaned up once its checkpoint's `ttl` (epoch seconds) has passed.
  ttl {
    attribute_name = local.shape.tables.checkpoints.ttl_attribute
    enabled        = true
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled = true
  }

  deletion_protection_enabled = var.table_deletion_protection
}
