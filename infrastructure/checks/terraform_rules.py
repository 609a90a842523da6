"""The project's own rules for infrastructure/terraform: what checkov and parliament cannot know.

checkov knows AWS best practice and parliament knows IAM grammar; neither knows that this app's
parents must only ever reach their own S3 prefix and their own DynamoDB rows, that the desktop
client must stay a public SRP-only client, or that the local emulator must be built from the same
cloud-shape.json. Each rule returns a list of problems in plain words (empty when it holds), so
the tests can show that a broken copy of the Terraform is caught.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from hcl_model import (
    SHAPE_EXPRESSION,
    Block,
    HclError,
    Module,
    Ref,
    Unresolved,
    as_list,
)
from iam_documents import PolicyError, policy_arguments, statements

IDENTITY = "${cognito-identity.amazonaws.com:sub}"
DESKTOP_FLOWS = {"ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"}
CONFIG_OUTPUTS = (
    "region",
    "user_pool_id",
    "client_id",
    "identity_pool_id",
    "bucket",
    "library_table",
    "checkpoints_table",
    "services_url",
    "jwks_url",
)
S3_OBJECT_ACTIONS = {
    "s3:GetObject",
    "s3:PutObject",
    "s3:DeleteObject",
    "s3:AbortMultipartUpload",
    "s3:ListMultipartUploadParts",
}
S3_LIST_ACTIONS = {"s3:ListBucket", "s3:ListBucketMultipartUploads"}
DYNAMODB_ITEM_ACTIONS = {
    "dynamodb:GetItem",
    "dynamodb:BatchGetItem",
    "dynamodb:Query",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
    "dynamodb:BatchWriteItem",
    "dynamodb:ConditionCheckItem",
}
SIGNED_IN_ROUTES = {"POST /api/v1/vision/analyze", "POST /api/v1/story/generate"}
OPEN_ROUTES = {"GET /health"}

Problems = list[str]


def _one(module: Module, resource_type: str, problems: Problems) -> Block | None:
    blocks = module.resources_of_type(resource_type)
    if len(blocks) != 1:
        problems.append(f"expected exactly one {resource_type}, found {len(blocks)}")
        return None
    return blocks[0]


def _block(value: Any) -> dict[str, Any]:
    items = as_list(value)
    return items[0] if len(items) == 1 and isinstance(items[0], dict) else {}


def _ref_to(value: Any, pattern: str) -> re.Match[str] | None:
    return re.fullmatch(pattern, value.expression) if isinstance(value, Ref) else None


def _unproven(value: Any) -> bool:
    return isinstance(value, Unresolved) or (isinstance(value, list) and any(_unproven(v) for v in value))


# --- the shapes file --------------------------------------------------------------------------


def shape_is_read_from_the_shared_file(module: Module) -> Problems:
    raw = module.locals.get("shape")
    if raw is None:
        return ["locals has no `shape`: the Terraform must read the names and shapes from cloud-shape.json"]
    if raw != "${" + SHAPE_EXPRESSION + "}":
        return [f"local.shape is {raw!r}, not {SHAPE_EXPRESSION}: the Terraform and the emulator would drift apart"]
    return []


def names_follow_the_shape(module: Module) -> Problems:
    problems: Problems = []
    shape = module.shape()
    name = module.evaluate(module.variables["name"].body.get("default")) if "name" in module.variables else None
    if not isinstance(name, str):
        return ["var.name needs a default (the resource name prefix)"]
    expected = {
        ("aws_cognito_user_pool", "name"): name + shape["suffixes"]["user_pool"],
        ("aws_cognito_user_pool_client", "name"): name + shape["suffixes"]["client"],
        ("aws_cognito_identity_pool", "identity_pool_name"): name + shape["suffixes"]["identity_pool"],
    }
    for (resource_type, argument), want in expected.items():
        block = _one(module, resource_type, problems)
        if block is not None:
            got = module.evaluate(block.body.get(argument))
            if got != want:
                problems.append(f"{block.address}.{argument} is {got}, expected {want} (cloud-shape.json)")
    tables = {str(module.evaluate(b.body.get("name"))): b for b in module.resources_of_type("aws_dynamodb_table")}
    for key in ("library_table", "checkpoints_table"):
        if name + shape["suffixes"][key] not in tables:
            problems.append(
                f"no DynamoDB table named {name + shape['suffixes'][key]} (cloud-shape.json); found {sorted(tables)}"
            )
    bucket = _one(module, "aws_s3_bucket", problems)
    if bucket is not None:
        got = module.evaluate(bucket.body.get("bucket"))
        if not (isinstance(got, str) and got.startswith(name) and got.endswith(shape["suffixes"]["bucket"])):
            problems.append(f"the bucket is named {got}, expected {name}...{shape['suffixes']['bucket']}")
    return problems


# --- sign-in ----------------------------------------------------------------------------------


def password_policy_matches_the_shape(module: Module) -> Problems:
    problems: Problems = []
    pool = _one(module, "aws_cognito_user_pool", problems)
    if pool is None:
        return problems
    want = module.shape()["password_policy"]
    policy = _block(module.evaluate(pool.body.get("password_policy")))
    if not policy:
        return [f"{pool.address} has no password_policy block"]
    for key, value in want.items():
        got = policy.get(key)
        if _unproven(got):
            problems.append(f"{pool.address} password_policy.{key} cannot be evaluated ({got})")
        elif got != value:
            problems.append(f"{pool.address} password_policy.{key} is {got}, cloud-shape.json says {value}")
    body = module.evaluate(pool.body)
    if body.get("username_attributes") != ["email"]:
        problems.append(f"{pool.address} must use the email address as the username")
    if body.get("auto_verified_attributes") != ["email"]:
        problems.append(f"{pool.address} must verify email addresses")
    recovery = _block(body.get("account_recovery_setting"))
    mechanisms = [m.get("name") for m in as_list(recovery.get("recovery_mechanism"))]
    if mechanisms != ["verified_email"]:
        problems.append(f"{pool.address} must recover accounts by verified email only, not {mechanisms}")
    return problems


def desktop_client_is_public_and_srp_only(module: Module) -> Problems:
    problems: Problems = []
    shape_flows = module.shape()["client"]["explicit_auth_flows"]
    if set(shape_flows) != DESKTOP_FLOWS or len(shape_flows) != len(DESKTOP_FLOWS):
        problems.append(
            f"cloud-shape.json lists the client flows {shape_flows}; the app allows exactly {sorted(DESKTOP_FLOWS)}"
        )
    clients = module.resources_of_type("aws_cognito_user_pool_client")
    if not clients:
        problems.append("there is no aws_cognito_user_pool_client")
    for client in clients:
        body = module.evaluate(client.body)
        flows = body.get("explicit_auth_flows")
        if _unproven(flows) or not isinstance(flows, list):
            problems.append(
                f"{client.address}.explicit_auth_flows cannot be evaluated ({flows}); write the list or use local.shape"
            )
        elif set(flows) != DESKTOP_FLOWS or len(flows) != len(DESKTOP_FLOWS):
            extra = sorted(set(flows) - DESKTOP_FLOWS)
            missing = sorted(DESKTOP_FLOWS - set(flows))
            problems.append(
                f"{client.address}.explicit_auth_flows must be exactly {sorted(DESKTOP_FLOWS)} (extra {extra}, missing {missing})"
            )
        elif flows != shape_flows:
            problems.append(f"{client.address}.explicit_auth_flows {flows} differ from cloud-shape.json {shape_flows}")
        if body.get("generate_secret") is not False:
            problems.append(f"{client.address} must set generate_secret = false: a desktop app cannot keep a secret")
        if body.get("prevent_user_existence_errors") != "ENABLED":
            problems.append(f'{client.address} must set prevent_user_existence_errors = "ENABLED"')
        if body.get("enable_token_revocation") is not True:
            problems.append(f"{client.address} must set enable_token_revocation = true")
        for oauth in ("allowed_oauth_flows", "callback_urls", "allowed_oauth_flows_user_pool_client"):
            if body.get(oauth):
                problems.append(f"{client.address} sets {oauth}; the desktop app signs in with SRP, not OAuth")
        units = _block(body.get("token_validity_units"))
        for token in ("access_token", "id_token", "refresh_token"):
            if f"{token}_validity" not in body:
                problems.append(f"{client.address} must set {token}_validity")
            if token not in units:
                problems.append(f"{client.address} must set token_validity_units.{token}")
    return problems


def identity_pool_refuses_guests(module: Module) -> Problems:
    problems: Problems = []
    pool = _one(module, "aws_cognito_identity_pool", problems)
    if pool is None:
        return problems
    body = module.evaluate(pool.body)
    if body.get("allow_unauthenticated_identities") is not False:
        problems.append(f"{pool.address} must set allow_unauthenticated_identities = false")
    if body.get("allow_classic_flow") is not False:
        problems.append(f"{pool.address} must set allow_classic_flow = false")
    providers = as_list(body.get("cognito_identity_providers"))
    if len(providers) != 1:
        problems.append(f"{pool.address} must trust exactly one provider, the desktop client; found {len(providers)}")
    for provider in providers:
        if not _ref_to(provider.get("client_id"), r"aws_cognito_user_pool_client\.[\w-]+\.id"):
            problems.append(f"{pool.address} must trust the desktop client, not {provider.get('client_id')}")
        if not _ref_to(provider.get("provider_name"), r"aws_cognito_user_pool\.[\w-]+\.endpoint"):
            problems.append(
                f"{pool.address} must name the user pool's endpoint as the provider, not {provider.get('provider_name')}"
            )
    for unexpected in (
        "supported_login_providers",
        "openid_connect_provider_arns",
        "saml_provider_arns",
        "developer_provider_name",
    ):
        if body.get(unexpected):
            problems.append(f"{pool.address} sets {unexpected}; only the user pool may sign parents in")
    attachment = _one(module, "aws_cognito_identity_pool_roles_attachment", problems)
    if attachment is not None:
        attached = module.evaluate(attachment.body)
        roles = attached.get("roles")
        if not isinstance(roles, dict) or set(roles) != {"authenticated"}:
            problems.append(f"{attachment.address} must attach only an authenticated role, found {roles}")
        if attached.get("role_mapping"):
            problems.append(f"{attachment.address} must not map other roles")
    return problems


# --- the signed-in role -----------------------------------------------------------------------


def _authenticated_role(module: Module, problems: Problems) -> Block | None:
    attachment = _one(module, "aws_cognito_identity_pool_roles_attachment", problems)
    if attachment is None:
        return None
    roles = module.evaluate(attachment.body).get("roles")
    match = _ref_to(roles.get("authenticated") if isinstance(roles, dict) else None, r"aws_iam_role\.([\w-]+)\.arn")
    if not match:
        problems.append(f"{attachment.address} roles.authenticated must be an aws_iam_role's arn")
        return None
    return module.resource(f"aws_iam_role.{match.group(1)}")


def _document_of(module: Module, raw: Any, where: str, problems: Problems) -> Block | None:
    match = re.fullmatch(r"\$\{data\.aws_iam_policy_document\.([\w-]+)(?:\[\d+\])?\.json\}", raw or "")
    if not match:
        problems.append(f"{where} must be an aws_iam_policy_document's json, so it can be checked")
        return None
    address = f"aws_iam_policy_document.{match.group(1)}"
    if address not in module.data:
        problems.append(f"{where} names {address}, which does not exist")
        return None
    return module.data[address]


def _statements(module: Module, document: Block, problems: Problems) -> list[dict[str, Any]]:
    try:
        return statements(module, document)
    except PolicyError as err:
        problems.append(str(err))
        return []


def trust_policy_admits_only_signed_in_identities_of_this_pool(module: Module) -> Problems:
    problems: Problems = []
    role = _authenticated_role(module, problems)
    if role is None:
        return problems
    document = _document_of(module, role.body.get("assume_role_policy"), f"{role.address}.assume_role_policy", problems)
    if document is None:
        return problems
    found = _statements(module, document, problems)
    if len(found) != 1:
        return problems + [f"{document.address} must have exactly one statement, found {len(found)}"]
    statement = found[0]
    where = document.address
    if statement.get("Effect") != "Allow" or statement.get("Action") != ["sts:AssumeRoleWithWebIdentity"]:
        problems.append(
            f"{where} must allow only sts:AssumeRoleWithWebIdentity, found {statement.get('Effect')} {statement.get('Action')}"
        )
    if statement.get("Principal") != {"Federated": ["cognito-identity.amazonaws.com"]}:
        problems.append(f"{where} must trust only cognito-identity.amazonaws.com, found {statement.get('Principal')}")
    conditions = statement.get("Condition", {})
    aud = conditions.get("StringEquals", {}).get("cognito-identity.amazonaws.com:aud")
    if not (aud and len(aud) == 1 and re.fullmatch(r"\{\{aws_cognito_identity_pool\.[\w-]+\.id\}\}", aud[0])):
        problems.append(
            f"{where} must require StringEquals cognito-identity.amazonaws.com:aud = the identity pool id, found {aud}"
        )
    amr = conditions.get("ForAnyValue:StringLike", {}).get("cognito-identity.amazonaws.com:amr")
    if amr != ["authenticated"]:
        problems.append(
            f"{where} must require ForAnyValue:StringLike cognito-identity.amazonaws.com:amr = authenticated, found {amr}"
        )
    return problems


def _role_policies(module: Module, role: Block, problems: Problems) -> list[Block]:
    documents = []
    name = role.labels[1]
    if role.body.get("inline_policy") or role.body.get("managed_policy_arns"):
        problems.append(f"{role.address} must get its permissions from aws_iam_role_policy blocks only")
    for attachment_type in (
        "aws_iam_role_policy_attachment",
        "aws_iam_role_policies_exclusive",
        "aws_iam_policy_attachment",
    ):
        for block in module.resources_of_type(attachment_type):
            if f"aws_iam_role.{name}." in str(block.body):
                problems.append(
                    f"{block.address} attaches more permissions to {role.address}; the signed-in role has exactly its inline policy"
                )
    for block in module.resources_of_type("aws_iam_role_policy"):
        target = module.evaluate(block.body.get("role"))
        if _ref_to(target, rf"aws_iam_role\.{re.escape(name)}\.(id|name)"):
            document = _document_of(module, block.body.get("policy"), f"{block.address}.policy", problems)
            if document is not None:
                documents.append(document)
    if not documents:
        problems.append(f"{role.address} has no aws_iam_role_policy; the rules below would prove nothing")
    return documents


def signed_in_role_reaches_only_its_own_prefix_and_rows(module: Module) -> Problems:
    problems: Problems = []
    role = _authenticated_role(module, problems)
    if role is None:
        return problems
    for document in _role_policies(module, role, problems):
        for index, statement in enumerate(_statements(module, document, problems)):
            problems.extend(_check_signed_in_statement(document.address, index + 1, statement))
    return problems


def _check_signed_in_statement(document: str, number: int, statement: dict[str, Any]) -> Problems:
    where = f"{document} statement {number} ({statement.get('Sid', 'no sid')})"
    problems: Problems = []
    for loose in ("NotAction", "NotResource", "NotPrincipal", "Principal"):
        if loose in statement:
            problems.append(f"{where} uses {loose}; the signed-in role lists what it allows")
    if statement.get("Effect") != "Allow":
        problems.append(f"{where} is not an Allow statement")
    actions = statement.get("Action", [])
    resources = statement.get("Resource", [])
    conditions = statement.get("Condition", {})
    for action in actions:
        if "*" in action or "?" in action:
            problems.append(f"{where} uses the wildcard action {action}")
    services = {action.split(":", 1)[0] for action in actions}
    if not services <= {"s3", "dynamodb"}:
        problems.append(
            f"{where} allows {sorted(services - {'s3', 'dynamodb'})}; the signed-in role may use only S3 and DynamoDB"
        )
    if len(services) > 1:
        problems.append(
            f"{where} mixes {sorted(services)}; keep one service per statement so each keeps its own condition"
        )
    object_actions = [a for a in actions if a in S3_OBJECT_ACTIONS]
    list_actions = [a for a in actions if a in S3_LIST_ACTIONS]
    other_s3 = [a for a in actions if a.startswith("s3:") and a not in S3_OBJECT_ACTIONS | S3_LIST_ACTIONS]
    if other_s3:
        problems.append(
            f"{where} allows {other_s3}; signed-in parents get only object reads/writes and listing of their prefix"
        )
    if object_actions and list_actions:
        problems.append(f"{where} mixes object and listing actions; they need different resources")
    if object_actions:
        for resource in resources:
            if not re.fullmatch(r"\{\{aws_s3_bucket\.[\w-]+\.arn\}\}/" + re.escape(IDENTITY) + r"/\*", resource):
                problems.append(
                    f"{where} lets {object_actions} reach {resource}, outside the caller's own prefix <bucket>/{IDENTITY}/*"
                )
    if list_actions:
        for resource in resources:
            if not re.fullmatch(r"\{\{aws_s3_bucket\.[\w-]+\.arn\}\}", resource):
                problems.append(f"{where} lets {list_actions} reach {resource}; listing applies to the bucket ARN only")
        prefixes = conditions.get("StringLike", {}).get("s3:prefix")
        allowed_prefixes = {IDENTITY, IDENTITY + "/", IDENTITY + "/*"}
        if not prefixes or not set(prefixes) <= allowed_prefixes:
            problems.append(
                f"{where} must limit {list_actions} with StringLike s3:prefix to the caller's own prefix "
                f"{sorted(allowed_prefixes)}, found {prefixes}"
            )
        if set(conditions) - {"StringLike"} or set(conditions.get("StringLike", {})) - {"s3:prefix"}:
            problems.append(f"{where} has conditions besides s3:prefix: {conditions}")
    dynamodb_actions = [a for a in actions if a.startswith("dynamodb:")]
    if dynamodb_actions:
        unexpected = sorted(set(dynamodb_actions) - DYNAMODB_ITEM_ACTIONS)
        if unexpected:
            problems.append(
                f"{where} allows {unexpected}; signed-in parents get item actions on their own partition only"
            )
        for resource in resources:
            if not re.fullmatch(r"\{\{aws_dynamodb_table\.[\w-]+\.arn\}\}", resource):
                problems.append(f"{where} lets DynamoDB actions reach {resource}; only the app's tables are allowed")
        leading = conditions.get("ForAllValues:StringEquals", {}).get("dynamodb:LeadingKeys")
        if leading != [IDENTITY]:
            problems.append(
                f"{where} must require ForAllValues:StringEquals dynamodb:LeadingKeys = {IDENTITY}, found {leading}"
            )
    if not actions:
        problems.append(f"{where} has no actions")
    return problems


def every_policy_is_a_policy_document(module: Module) -> Problems:
    return [
        f"{resource}.{argument} is not an aws_iam_policy_document's json, so neither parliament nor these rules can read it"
        for resource, argument, document in policy_arguments(module)
        if document is None
    ]


# --- storage ----------------------------------------------------------------------------------


def tables_follow_the_shape(module: Module) -> Problems:
    problems: Problems = []
    shape = module.shape()
    name = module.evaluate(module.variables["name"].body.get("default"))
    by_name = {module.evaluate(b.body.get("name")): b for b in module.resources_of_type("aws_dynamodb_table")}
    for key, table_shape in shape["tables"].items():
        table = by_name.get(f"{name}{shape['suffixes'][key + '_table']}")
        if table is None:
            problems.append(f"no {key} table")
            continue
        body = module.evaluate(table.body)
        if body.get("hash_key") != table_shape["hash_key"] or body.get("range_key") != table_shape["range_key"]:
            problems.append(
                f"{table.address} is keyed ({body.get('hash_key')}, {body.get('range_key')}), "
                f"cloud-shape.json says ({table_shape['hash_key']}, {table_shape['range_key']})"
            )
        attributes = {a.get("name"): a.get("type") for a in as_list(body.get("attribute"))}
        if attributes != {table_shape["hash_key"]: "S", table_shape["range_key"]: "S"}:
            problems.append(f"{table.address} declares attributes {attributes}; the keys are strings")
        if body.get("billing_mode") != "PAY_PER_REQUEST":
            problems.append(f"{table.address} must bill PAY_PER_REQUEST")
        if _block(body.get("point_in_time_recovery")).get("enabled") is not True:
            problems.append(f"{table.address} must enable point-in-time recovery")
        if _block(body.get("server_side_encryption")).get("enabled") is not True:
            problems.append(f"{table.address} must enable server-side encryption")
        ttl = _block(body.get("ttl"))
        want_ttl = table_shape.get("ttl_attribute")
        if want_ttl is not None and (ttl.get("attribute_name") != want_ttl or ttl.get("enabled") is not True):
            problems.append(
                f"{table.address} must expire rows by the `{want_ttl}` attribute (cloud-shape.json), found ttl {ttl}"
            )
        if want_ttl is None and ttl.get("enabled"):
            problems.append(f"{table.address} expires rows, but cloud-shape.json gives it no ttl attribute")
    return problems


def media_bucket_is_private_and_tls_only(module: Module) -> Problems:
    problems: Problems = []
    for resource_type, argument, want in (
        ("aws_s3_bucket_public_access_block", None, None),
        ("aws_s3_bucket_ownership_controls", "rule.object_ownership", "BucketOwnerEnforced"),
        ("aws_s3_bucket_versioning", "versioning_configuration.status", "Enabled"),
    ):
        block = _one(module, resource_type, problems)
        if block is None:
            continue
        body = module.evaluate(block.body)
        if argument is None:
            for flag in ("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"):
                if body.get(flag) is not True:
                    problems.append(f"{block.address}.{flag} must be true")
        else:
            outer, inner = argument.split(".")
            if _block(body.get(outer)).get(inner) != want:
                problems.append(f"{block.address}.{argument} must be {want}")
    if module.resources_of_type("aws_s3_bucket_cors_configuration") or any(
        b.body.get("cors_rule") for b in module.resources_of_type("aws_s3_bucket")
    ):
        problems.append("the bucket has a CORS configuration; the desktop app is not a browser origin")
    lifecycle = _one(module, "aws_s3_bucket_lifecycle_configuration", problems)
    if lifecycle is not None:
        rules = as_list(module.evaluate(lifecycle.body).get("rule"))
        aborts = [_block(r.get("abort_incomplete_multipart_upload")).get("days_after_initiation") for r in rules]
        if 7 not in aborts:
            problems.append(f"{lifecycle.address} must abort incomplete multipart uploads after 7 days")
        if not any(_block(r.get("noncurrent_version_expiration")).get("noncurrent_days") for r in rules):
            problems.append(f"{lifecycle.address} must expire noncurrent versions")
    policy = _one(module, "aws_s3_bucket_policy", problems)
    if policy is not None:
        document = _document_of(module, policy.body.get("policy"), f"{policy.address}.policy", problems)
        denies = [
            s
            for s in (_statements(module, document, problems) if document else [])
            if s.get("Effect") == "Deny"
            and s.get("Principal") == "*"
            and s.get("Condition", {}).get("Bool", {}).get("aws:SecureTransport") == ["false"]
        ]
        if not denies:
            problems.append(f"{policy.address} must deny every request with aws:SecureTransport = false")
    return problems


# --- story services ---------------------------------------------------------------------------


def services_accept_only_this_pools_tokens(module: Module) -> Problems:
    problems: Problems = []
    authorizer = _one(module, "aws_apigatewayv2_authorizer", problems)
    if authorizer is None:
        return problems
    body = module.evaluate(authorizer.body)
    if body.get("authorizer_type") != "JWT":
        problems.append(f"{authorizer.address} must be a JWT authorizer")
    if body.get("identity_sources") != ["$request.header.Authorization"]:
        problems.append(f"{authorizer.address} must read the token from the Authorization header")
    jwt = _block(body.get("jwt_configuration"))
    issuer = jwt.get("issuer")
    if not (
        isinstance(issuer, str)
        and re.fullmatch(
            r"https://cognito-idp\.\{\{data\.aws_region\.current\.name\}\}\.amazonaws\.com/\{\{aws_cognito_user_pool\.[\w-]+\.id\}\}",
            issuer,
        )
    ):
        problems.append(
            f"{authorizer.address} issuer must be https://cognito-idp.<region>.amazonaws.com/<user pool id>, found {issuer}"
        )
    audience = jwt.get("audience")
    if not (
        isinstance(audience, list)
        and len(audience) == 1
        and _ref_to(audience[0], r"aws_cognito_user_pool_client\.[\w-]+\.id")
    ):
        problems.append(
            f"{authorizer.address} audience must be exactly the desktop client's id "
            f"(checked against client_id in access tokens), found {audience}"
        )
    routes = {}
    for route in module.resources_of_type("aws_apigatewayv2_route"):
        routes[module.evaluate(route.body.get("route_key"))] = (route, module.evaluate(route.body))
    if set(routes) != SIGNED_IN_ROUTES | OPEN_ROUTES:
        problems.append(
            f"the API's routes are {sorted(map(str, routes))}, expected {sorted(SIGNED_IN_ROUTES | OPEN_ROUTES)}"
        )
    for key in SIGNED_IN_ROUTES & set(routes):
        route, route_body = routes[key]
        if route_body.get("authorization_type") != "JWT" or not _ref_to(
            route_body.get("authorizer_id"),
            rf"aws_apigatewayv2_authorizer\.{re.escape(authorizer.labels[1])}(\[\d+\])?\.id",
        ):
            problems.append(f"{route.address} ({key}) must require the JWT authorizer")
    return problems


def outputs_cover_the_cloud_config(module: Module) -> Problems:
    problems: Problems = []
    missing = [name for name in CONFIG_OUTPUTS if name not in module.outputs]
    if missing:
        problems.append(f"outputs {missing} are missing; `nocomelon config import` reads {list(CONFIG_OUTPUTS)}")
    expected = {
        "region": r"data\.aws_region\.current\.name",
        "user_pool_id": r"aws_cognito_user_pool\.[\w-]+\.id",
        "client_id": r"aws_cognito_user_pool_client\.[\w-]+\.id",
        "identity_pool_id": r"aws_cognito_identity_pool\.[\w-]+\.id",
        "bucket": r"aws_s3_bucket\.[\w-]+\.(id|bucket)",
        "library_table": r"aws_dynamodb_table\.[\w-]+\.name",
        "checkpoints_table": r"aws_dynamodb_table\.[\w-]+\.name",
    }
    for name, pattern in expected.items():
        if name in module.outputs:
            value = module.evaluate(module.outputs[name].body.get("value"))
            if not _ref_to(value, pattern):
                problems.append(f"output {name} is {value}, expected a reference matching {pattern}")
    if "services_url" in module.outputs:
        value = module.evaluate(module.outputs["services_url"].body.get("value"))
        if value != "":
            problems.append(f"output services_url must be empty when the services are off (the default), found {value}")
    if "jwks_url" in module.outputs:
        value = module.evaluate(module.outputs["jwks_url"].body.get("value"))
        if not (
            isinstance(value, str)
            and re.fullmatch(
                r"https://cognito-idp\.\{\{data\.aws_region\.current\.name\}\}\.amazonaws\.com/\{\{aws_cognito_user_pool\.[\w-]+\.id\}\}/\.well-known/jwks\.json",
                value,
            )
        ):
            problems.append(f"output jwks_url must be the user pool's /.well-known/jwks.json, found {value}")
    return problems


RULES: list[Callable[[Module], Problems]] = [
    shape_is_read_from_the_shared_file,
    names_follow_the_shape,
    password_policy_matches_the_shape,
    desktop_client_is_public_and_srp_only,
    identity_pool_refuses_guests,
    trust_policy_admits_only_signed_in_identities_of_this_pool,
    signed_in_role_reaches_only_its_own_prefix_and_rows,
    every_policy_is_a_policy_document,
    tables_follow_the_shape,
    media_bucket_is_private_and_tls_only,
    services_accept_only_this_pools_tokens,
    outputs_cover_the_cloud_config,
]


def run_rule(rule: Callable[[Module], Problems], module: Module) -> Problems:
    """A rule's problems; a configuration the rule cannot read is a problem too, never a pass."""
    try:
        return rule(module)
    except (HclError, KeyError, TypeError, AttributeError) as err:
        return [f"{rule.__name__} could not read the configuration: {type(err).__name__}: {err}"]
