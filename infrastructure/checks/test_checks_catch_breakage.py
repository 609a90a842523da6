"""The checks catch what they claim to: each test breaks one thing in a copy of the Terraform and
asserts the rule (or checkov, or parliament) reports it, in words that name the problem."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

import terraform_rules as rules
from checkov_check import CHECKOV, run_checkov
from conftest import TerraformCopy
from hcl_model import Module
from parliament_check import for_parliament, run_parliament
from terraform_rules import run_rule

CopyFactory = Callable[[], TerraformCopy]

STORY_ROUTE = (
    '  route_key          = "POST /api/v1/story/generate"\n'
    '  target             = "integrations/${aws_apigatewayv2_integration.services[0].id}"'
)
UNSCOPED_DYNAMODB_STATEMENT = """
  statement {
    sid       = "EveryRow"
    effect    = "Allow"
    actions   = ["dynamodb:Query"]
    resources = [aws_dynamodb_table.library.arn]
  }
"""


def problems_of(rule, module: Module) -> list[str]:
    return run_rule(rule, module)


def test_an_untouched_copy_passes_every_rule(terraform_copy: CopyFactory) -> None:
    module = terraform_copy().module()
    assert {rule.__name__: run_rule(rule, module) for rule in rules.RULES} == {
        rule.__name__: [] for rule in rules.RULES
    }


def test_a_dynamodb_statement_without_leading_keys_is_caught(terraform_copy: CopyFactory) -> None:
    copy = terraform_copy().replace(
        "iam.tf",
        '  statement {\n    sid    = "OwnTableRows"',
        UNSCOPED_DYNAMODB_STATEMENT + '\n  statement {\n    sid    = "OwnTableRows"',
    )
    found = problems_of(rules.signed_in_role_reaches_only_its_own_prefix_and_rows, copy.module())
    assert len(found) == 1, found
    assert "EveryRow" in found[0] and "dynamodb:LeadingKeys" in found[0]


def test_a_second_role_policy_without_leading_keys_is_caught_too(terraform_copy: CopyFactory) -> None:
    copy = terraform_copy().append(
        "iam.tf",
        'data "aws_iam_policy_document" "extra" {\n' + UNSCOPED_DYNAMODB_STATEMENT + "}\n\n"
        'resource "aws_iam_role_policy" "extra" {\n  role   = aws_iam_role.authenticated.id\n'
        "  policy = data.aws_iam_policy_document.extra.json\n}\n",
    )
    found = problems_of(rules.signed_in_role_reaches_only_its_own_prefix_and_rows, copy.module())
    assert any("aws_iam_policy_document.extra" in p and "dynamodb:LeadingKeys" in p for p in found), found


def test_user_password_auth_added_to_the_client_is_caught(terraform_copy: CopyFactory) -> None:
    copy = terraform_copy().replace(
        "auth.tf",
        "explicit_auth_flows = local.shape.client.explicit_auth_flows",
        'explicit_auth_flows = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_PASSWORD_AUTH"]',
    )
    found = problems_of(rules.desktop_client_is_public_and_srp_only, copy.module())
    assert len(found) == 1, found
    assert "extra ['ALLOW_USER_PASSWORD_AUTH']" in found[0]


def test_user_password_auth_added_to_the_shapes_file_is_caught(terraform_copy: CopyFactory) -> None:
    copy = terraform_copy()
    shape = json.loads(copy.shape.read_text())
    shape["client"]["explicit_auth_flows"].append("ALLOW_USER_PASSWORD_AUTH")
    copy.shape.write_text(json.dumps(shape))
    found = problems_of(rules.desktop_client_is_public_and_srp_only, copy.module())
    assert any("cloud-shape.json lists the client flows" in p for p in found), found
    assert any("extra ['ALLOW_USER_PASSWORD_AUTH']" in p for p in found), found


def test_flows_the_rules_cannot_evaluate_are_not_trusted(terraform_copy: CopyFactory) -> None:
    copy = terraform_copy().replace(
        "auth.tf",
        "explicit_auth_flows = local.shape.client.explicit_auth_flows",
        'explicit_auth_flows = concat(local.shape.client.explicit_auth_flows, ["ALLOW_USER_PASSWORD_AUTH"])',
    )
    found = problems_of(rules.desktop_client_is_public_and_srp_only, copy.module())
    assert len(found) == 1 and "cannot be evaluated" in found[0], found


def test_a_client_secret_is_caught(terraform_copy: CopyFactory) -> None:
    copy = terraform_copy().replace("auth.tf", "generate_secret     = false", "generate_secret     = true")
    found = problems_of(rules.desktop_client_is_public_and_srp_only, copy.module())
    assert found == [
        "aws_cognito_user_pool_client.desktop must set generate_secret = false: a desktop app cannot keep a secret"
    ]


def test_user_existence_errors_and_kept_tokens_are_caught(terraform_copy: CopyFactory) -> None:
    copy = (
        terraform_copy()
        .replace("auth.tf", 'prevent_user_existence_errors = "ENABLED"', 'prevent_user_existence_errors = "LEGACY"')
        .replace("auth.tf", "enable_token_revocation       = true", "enable_token_revocation       = false")
    )
    found = problems_of(rules.desktop_client_is_public_and_srp_only, copy.module())
    assert len(found) == 2, found
    assert "prevent_user_existence_errors" in found[0] and "enable_token_revocation" in found[1]


def test_a_weaker_password_policy_is_caught(terraform_copy: CopyFactory) -> None:
    copy = terraform_copy().replace(
        "auth.tf",
        "minimum_length                   = local.shape.password_policy.minimum_length",
        "minimum_length                   = 6",
    )
    found = problems_of(rules.password_policy_matches_the_shape, copy.module())
    assert found == ["aws_cognito_user_pool.users password_policy.minimum_length is 6, cloud-shape.json says 8"]


def test_guest_identities_are_caught(terraform_copy: CopyFactory) -> None:
    copy = terraform_copy().replace(
        "auth.tf", "allow_unauthenticated_identities = false", "allow_unauthenticated_identities = true"
    )
    found = problems_of(rules.identity_pool_refuses_guests, copy.module())
    assert found == ["aws_cognito_identity_pool.identities must set allow_unauthenticated_identities = false"]


def test_an_object_resource_outside_the_callers_prefix_is_caught(terraform_copy: CopyFactory) -> None:
    copy = terraform_copy().replace(
        "iam.tf",
        'resources = ["${aws_s3_bucket.media.arn}/$${cognito-identity.amazonaws.com:sub}/*"]',
        'resources = ["${aws_s3_bucket.media.arn}/*"]',
    )
    found = problems_of(rules.signed_in_role_reaches_only_its_own_prefix_and_rows, copy.module())
    assert len(found) == 1, found
    assert "{{aws_s3_bucket.media.arn}}/*, outside the caller's own prefix" in found[0]


def test_listing_without_the_prefix_condition_is_caught(terraform_copy: CopyFactory) -> None:
    copy = terraform_copy().replace(
        "iam.tf",
        '"$${cognito-identity.amazonaws.com:sub}",\n        "$${cognito-identity.amazonaws.com:sub}/*",',
        '"*",',
    )
    found = problems_of(rules.signed_in_role_reaches_only_its_own_prefix_and_rows, copy.module())
    assert len(found) == 1 and "StringLike s3:prefix" in found[0] and "['*']" in found[0], found


def test_another_service_in_the_signed_in_role_is_caught(terraform_copy: CopyFactory) -> None:
    copy = terraform_copy().replace(
        "iam.tf", '"dynamodb:ConditionCheckItem",', '"dynamodb:ConditionCheckItem",\n      "lambda:InvokeFunction",'
    )
    found = problems_of(rules.signed_in_role_reaches_only_its_own_prefix_and_rows, copy.module())
    assert any("['lambda']" in p for p in found), found


def test_a_trust_policy_without_the_amr_condition_is_caught(terraform_copy: CopyFactory) -> None:
    copy = terraform_copy().replace(
        "iam.tf",
        'variable = "cognito-identity.amazonaws.com:amr"\n      values   = ["authenticated"]',
        'variable = "cognito-identity.amazonaws.com:amr"\n      values   = ["unauthenticated"]',
    )
    found = problems_of(rules.trust_policy_admits_only_signed_in_identities_of_this_pool, copy.module())
    assert len(found) == 1 and "amr = authenticated" in found[0] and "unauthenticated" in found[0], found


def test_a_trust_policy_without_the_audience_condition_is_caught(terraform_copy: CopyFactory) -> None:
    copy = terraform_copy().replace(
        "iam.tf", 'variable = "cognito-identity.amazonaws.com:aud"', 'variable = "cognito-identity.amazonaws.com:sub"'
    )
    found = problems_of(rules.trust_policy_admits_only_signed_in_identities_of_this_pool, copy.module())
    assert len(found) == 1 and "cognito-identity.amazonaws.com:aud" in found[0], found


def test_an_authorizer_for_another_issuer_or_audience_is_caught(terraform_copy: CopyFactory) -> None:
    copy = (
        terraform_copy()
        .replace("services.tf", "issuer   = local.issuer", 'issuer   = "https://accounts.example.com"')
        .replace("services.tf", "audience = [aws_cognito_user_pool_client.desktop.id]", 'audience = ["any-client"]')
    )
    found = problems_of(rules.services_accept_only_this_pools_tokens, copy.module())
    assert len(found) == 2, found
    assert "https://accounts.example.com" in found[0] and "['any-client']" in found[1]


def test_a_story_route_without_the_authorizer_is_caught(terraform_copy: CopyFactory) -> None:
    copy = terraform_copy().replace(
        "services.tf",
        STORY_ROUTE + '\n  authorization_type = "JWT"',
        STORY_ROUTE + '\n  authorization_type = "NONE"',
    )
    found = problems_of(rules.services_accept_only_this_pools_tokens, copy.module())
    assert found == [
        "aws_apigatewayv2_route.story_generate (POST /api/v1/story/generate) must require the JWT authorizer"
    ]


def test_a_renamed_ttl_attribute_is_caught(terraform_copy: CopyFactory) -> None:
    copy = terraform_copy().replace(
        "tables.tf", "attribute_name = local.shape.tables.checkpoints.ttl_attribute", 'attribute_name = "expires_at"'
    )
    found = problems_of(rules.tables_follow_the_shape, copy.module())
    assert len(found) == 1 and "`ttl` attribute" in found[0] and "expires_at" in found[0], found


def test_a_missing_output_is_caught(terraform_copy: CopyFactory) -> None:
    copy = terraform_copy()
    outputs = copy.terraform / "outputs.tf"
    text = outputs.read_text()
    outputs.write_text(text[: text.index('output "jwks_url"')])
    found = problems_of(rules.outputs_cover_the_cloud_config, copy.module())
    assert len(found) == 1 and "['jwks_url'] are missing" in found[0], found


def test_a_policy_written_with_jsonencode_is_caught(terraform_copy: CopyFactory) -> None:
    copy = terraform_copy().replace(
        "iam.tf",
        "  policy = data.aws_iam_policy_document.authenticated.json",
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [] })',
    )
    found = problems_of(rules.every_policy_is_a_policy_document, copy.module())
    assert found == [
        "aws_iam_role_policy.authenticated.policy is not an aws_iam_policy_document's json, "
        "so neither parliament nor these rules can read it"
    ]


def test_a_terraform_that_stops_reading_the_shapes_file_is_caught(terraform_copy: CopyFactory) -> None:
    copy = terraform_copy().replace(
        "locals.tf",
        'jsondecode(file("${path.module}/../cloud-shape.json"))',
        'jsondecode(file("${path.module}/shape.json"))',
    )
    found = problems_of(rules.shape_is_read_from_the_shared_file, copy.module())
    assert len(found) == 1 and "drift apart" in found[0], found


def test_cors_on_the_bucket_is_caught(terraform_copy: CopyFactory) -> None:
    copy = terraform_copy().append(
        "storage.tf",
        'resource "aws_s3_bucket_cors_configuration" "media" {\n  bucket = aws_s3_bucket.media.id\n'
        '  cors_rule {\n    allowed_methods = ["GET"]\n    allowed_origins = ["*"]\n  }\n}\n',
    )
    found = problems_of(rules.media_bucket_is_private_and_tls_only, copy.module())
    assert found == ["the bucket has a CORS configuration; the desktop app is not a browser origin"]


def test_parliament_reports_an_object_action_on_the_bucket_arn() -> None:
    policy = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::nocomelon-media"}],
    }
    findings = run_parliament(for_parliament(policy))
    assert [finding["issue"] for finding in findings] == ["RESOURCE_MISMATCH"]


def test_parliament_accepts_the_callers_own_prefix_once_the_identity_is_stood_in_for() -> None:
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Action": "s3:GetObject",
                "Resource": "arn:aws:s3:::nocomelon-media/${cognito-identity.amazonaws.com:sub}/*",
            }
        ],
    }
    assert run_parliament(json.dumps(policy))[0]["issue"] == "RESOURCE_MISMATCH"
    assert run_parliament(for_parliament(policy)) == []


def test_checkov_fails_a_bucket_without_its_public_access_block(terraform_copy: CopyFactory) -> None:
    if not CHECKOV.exists():
        pytest.fail(f"checkov is not installed at {CHECKOV}; run infrastructure/checks/run.sh")
    copy = terraform_copy()
    storage = copy.terraform / "storage.tf"
    text = storage.read_text()
    start = text.index('resource "aws_s3_bucket_public_access_block" "media" {')
    end = text.index('resource "aws_s3_bucket_ownership_controls" "media" {')
    storage.write_text(text[:start] + text[end:])
    result = run_checkov(copy.terraform, "broken copy", [])
    assert result.failed >= 1
    assert any(problem.startswith("CKV2_AWS_6 failed on aws_s3_bucket.media") for problem in result.problems), (
        result.problems
    )


def test_checkov_refuses_a_skip_without_a_reason(terraform_copy: CopyFactory) -> None:
    if not CHECKOV.exists():
        pytest.fail(f"checkov is not installed at {CHECKOV}; run infrastructure/checks/run.sh")
    copy = terraform_copy()
    storage = copy.terraform / "storage.tf"
    lines = storage.read_text().splitlines()
    (index,) = [i for i, line in enumerate(lines) if "#checkov:skip=CKV2_AWS_62:" in line]
    lines[index] = "  #checkov:skip=CKV2_AWS_62:not needed"
    storage.write_text("\n".join(lines) + "\n")
    result = run_checkov(copy.terraform, "broken copy", [])
    assert result.failed == 0
    assert len(result.problems) == 1 and result.problems[0].startswith(
        "CKV2_AWS_62 is skipped on aws_s3_bucket.media with the reason 'not needed'"
    ), result.problems
