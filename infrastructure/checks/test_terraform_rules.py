"""The Terraform as written keeps every rule of terraform_rules.py, and says what the app needs."""

from __future__ import annotations

import json

import pytest

from hcl_model import SHAPE_FILE, Module, Ref
from iam_documents import statements
from terraform_rules import CONFIG_OUTPUTS, IDENTITY, RULES, run_rule


@pytest.mark.parametrize("rule", RULES, ids=[rule.__name__ for rule in RULES])
def test_the_terraform_keeps_the_rule(module: Module, rule) -> None:
    assert run_rule(rule, module) == []


def test_the_terraform_reads_the_same_shapes_file_as_the_emulator(module: Module) -> None:
    assert module.locals["shape"] == '${jsondecode(file("${path.module}/../cloud-shape.json"))}'
    assert module.shape() == json.loads(SHAPE_FILE.read_text())


def test_the_user_pool_asks_for_8_characters_with_upper_lower_and_a_number(module: Module) -> None:
    pool = module.evaluate(module.resource("aws_cognito_user_pool.users").body)
    policy = pool["password_policy"][0]
    assert {
        key: policy[key]
        for key in ("minimum_length", "require_uppercase", "require_lowercase", "require_numbers", "require_symbols")
    } == {
        "minimum_length": 8,
        "require_uppercase": True,
        "require_lowercase": True,
        "require_numbers": True,
        "require_symbols": False,
    }
    assert pool["name"] == "nocomelon-users"
    assert pool["mfa_configuration"] == "OPTIONAL"
    assert pool["admin_create_user_config"] == [{"allow_admin_create_user_only": False}]


def test_the_desktop_client_is_public_and_signs_in_with_srp_only(module: Module) -> None:
    client = module.evaluate(module.resource("aws_cognito_user_pool_client.desktop").body)
    assert client["explicit_auth_flows"] == ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    assert client["generate_secret"] is False
    assert client["prevent_user_existence_errors"] == "ENABLED"
    assert client["enable_token_revocation"] is True
    assert client["token_validity_units"] == [
        {"access_token": "minutes", "id_token": "minutes", "refresh_token": "days"}
    ]


def test_the_signed_in_role_gets_its_own_prefix_and_rows_only(module: Module) -> None:
    found = statements(module, module.data["aws_iam_policy_document.authenticated"])
    by_sid = {statement["Sid"]: statement for statement in found}
    assert set(by_sid) == {"OwnMediaObjects", "ListOwnMediaPrefix", "OwnTableRows"}
    assert by_sid["OwnMediaObjects"]["Resource"] == ["{{aws_s3_bucket.media.arn}}/" + IDENTITY + "/*"]
    assert by_sid["ListOwnMediaPrefix"]["Resource"] == ["{{aws_s3_bucket.media.arn}}"]
    assert by_sid["ListOwnMediaPrefix"]["Condition"] == {"StringLike": {"s3:prefix": [IDENTITY, IDENTITY + "/*"]}}
    assert by_sid["OwnTableRows"]["Resource"] == [
        "{{aws_dynamodb_table.library.arn}}",
        "{{aws_dynamodb_table.checkpoints.arn}}",
    ]
    assert by_sid["OwnTableRows"]["Condition"] == {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": [IDENTITY]}}


def test_only_signed_in_identities_of_this_pool_may_assume_the_role(module: Module) -> None:
    (trust,) = statements(module, module.data["aws_iam_policy_document.authenticated_trust"])
    assert trust["Principal"] == {"Federated": ["cognito-identity.amazonaws.com"]}
    assert trust["Action"] == ["sts:AssumeRoleWithWebIdentity"]
    assert trust["Condition"] == {
        "StringEquals": {"cognito-identity.amazonaws.com:aud": ["{{aws_cognito_identity_pool.identities.id}}"]},
        "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": ["authenticated"]},
    }


def test_the_api_trusts_this_pools_tokens_for_the_desktop_client(module: Module) -> None:
    authorizer = module.evaluate(module.resource("aws_apigatewayv2_authorizer.cognito").body)
    jwt = authorizer["jwt_configuration"][0]
    assert (
        jwt["issuer"]
        == "https://cognito-idp.{{data.aws_region.current.name}}.amazonaws.com/{{aws_cognito_user_pool.users.id}}"
    )
    assert jwt["audience"] == [Ref("aws_cognito_user_pool_client.desktop.id")]


def test_checkpoints_expire_by_their_ttl_attribute(module: Module) -> None:
    table = module.evaluate(module.resource("aws_dynamodb_table.checkpoints").body)
    assert table["ttl"] == [{"attribute_name": "ttl", "enabled": True}]
    assert (table["hash_key"], table["range_key"]) == ("user_id", "run_id")
    library = module.evaluate(module.resource("aws_dynamodb_table.library").body)
    assert (library["hash_key"], library["range_key"]) == ("user_id", "id")
    assert "ttl" not in library


def test_the_outputs_are_exactly_what_config_import_reads(module: Module) -> None:
    assert sorted(module.outputs) == sorted(CONFIG_OUTPUTS)
    assert module.evaluate(module.outputs["services_url"].body["value"]) == ""
    assert module.evaluate(module.outputs["jwks_url"].body["value"]) == (
        "https://cognito-idp.{{data.aws_region.current.name}}.amazonaws.com/{{aws_cognito_user_pool.users.id}}/.well-known/jwks.json"
    )
