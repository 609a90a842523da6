"""Every IAM policy in the Terraform, as the JSON AWS would receive.

Policies are written as `data "aws_iam_policy_document"` blocks; this turns each one into IAM JSON.
`statements()` keeps Terraform references symbolic (`{{aws_s3_bucket.media.arn}}`) for the
project's rules; `policy_json()` replaces them with the ARNs and ids a default apply in account
123456789012, us-east-1 would produce, for parliament, which needs real-looking ARNs to match
actions to resource types. IAM policy variables such as `${cognito-identity.amazonaws.com:sub}`
stay as they are, since that is what AWS receives (parliament_check.py stands in for the identity
variable, which parliament misreads).
"""

from __future__ import annotations

import re
from typing import Any

from hcl_model import Block, HclError, Module, Ref, Unresolved, as_list

ACCOUNT_ID = "123456789012"
REGION = "us-east-1"
IDENTITY_POOL_ID = f"{REGION}:0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"

# Where each resource type's ARN comes from: (its name argument, the ARN with {name} in it).
_ARNS = {
    "aws_s3_bucket": ("bucket", "arn:aws:s3:::{name}"),
    "aws_dynamodb_table": ("name", "arn:aws:dynamodb:{region}:{account}:table/{name}"),
    "aws_cloudwatch_log_group": ("name", "arn:aws:logs:{region}:{account}:log-group:{name}"),
    "aws_iam_role": ("name", "arn:aws:iam::{account}:role/{name}"),
    "aws_lambda_function": ("function_name", "arn:aws:lambda:{region}:{account}:function:{name}"),
}
_DATA_VALUES = {
    "data.aws_caller_identity.current.account_id": ACCOUNT_ID,
    "data.aws_region.current.name": REGION,
}
_PLACEHOLDER_RE = re.compile(r"\{\{([^{}]+)\}\}")
_INDEX_RE = re.compile(r"\[(?:\d+|\"[^\"]*\")\]")


class PolicyError(HclError):
    """A policy that cannot be turned into IAM JSON (and so cannot be checked)."""


def policy_documents(module: Module) -> list[Block]:
    return module.data_of_type("aws_iam_policy_document")


def statements(module: Module, document: Block) -> list[dict[str, Any]]:
    """The document's statements in IAM JSON form, references kept as `{{...}}`."""
    body = module.evaluate(document.body)
    unknown = sorted(set(body) - {"statement", "version", "count", "for_each"})
    if unknown:
        raise PolicyError(f"{document.address} uses {unknown}, which these checks do not translate")
    result = []
    for index, statement in enumerate(as_list(body.get("statement"))):
        result.append(_statement(document, index, statement))
    if not result:
        raise PolicyError(f"{document.address} has no statement")
    return result


def _statement(document: Block, index: int, statement: dict[str, Any]) -> dict[str, Any]:
    where = f"{document.address} statement {index + 1}"
    allowed = {
        "sid",
        "effect",
        "actions",
        "not_actions",
        "resources",
        "not_resources",
        "principals",
        "not_principals",
        "condition",
    }
    unknown = sorted(set(statement) - allowed)
    if unknown:
        raise PolicyError(f"{where} uses {unknown}, which these checks do not translate")
    out: dict[str, Any] = {}
    if "sid" in statement:
        out["Sid"] = _text(statement["sid"], where)
    out["Effect"] = _text(statement.get("effect", "Allow"), where)
    for key, name in (
        ("actions", "Action"),
        ("not_actions", "NotAction"),
        ("resources", "Resource"),
        ("not_resources", "NotResource"),
    ):
        if key in statement:
            out[name] = [_text(item, where) for item in _flat(statement[key], where)]
    for key, name in (("principals", "Principal"), ("not_principals", "NotPrincipal")):
        if key in statement:
            principal: dict[str, list[str]] = {}
            for block in as_list(statement[key]):
                kind = _text(block["type"], where)
                principal.setdefault(kind, []).extend(_text(item, where) for item in _flat(block["identifiers"], where))
            out[name] = "*" if principal == {"*": ["*"]} else principal
    if "condition" in statement:
        conditions: dict[str, dict[str, list[str]]] = {}
        for block in as_list(statement["condition"]):
            test = _text(block["test"], where)
            variable = _text(block["variable"], where)
            values = [_text(item, where) for item in _flat(block["values"], where)]
            if variable in conditions.get(test, {}):
                raise PolicyError(f"{where} tests {test} {variable} twice; AWS would keep only one")
            conditions.setdefault(test, {})[variable] = values
        out["Condition"] = conditions
    return out


def _flat(value: Any, where: str) -> list[Any]:
    if isinstance(value, Unresolved):
        raise PolicyError(f"{where}: cannot evaluate {value.expression}")
    if isinstance(value, list):
        flat: list[Any] = []
        for item in value:
            flat.extend(_flat(item, where) if isinstance(item, list) else [item])
        return flat
    return [value]


def _text(value: Any, where: str) -> str:
    if isinstance(value, Unresolved):
        raise PolicyError(f"{where}: cannot evaluate {value.expression}")
    if isinstance(value, (str, Ref)):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    raise PolicyError(f"{where}: expected a string, found {value!r}")


def policy_json(module: Module, document: Block) -> dict[str, Any]:
    """The document as IAM JSON with every Terraform reference replaced by a plausible value.

    Lists of one become plain strings, as the data source renders them.
    """
    policy = {"Version": "2012-10-17", "Statement": statements(module, document)}
    return _single_values(_replace(module, policy, document.address))


def _single_values(policy: dict[str, Any]) -> dict[str, Any]:
    return {"Version": policy["Version"], "Statement": [_collapse(item) for item in policy["Statement"]]}


def _collapse(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _collapse(item) for key, item in value.items()}
    if isinstance(value, list):
        items = [_collapse(item) for item in value]
        return items[0] if len(items) == 1 else items
    return value


def _replace(module: Module, value: Any, where: str) -> Any:
    if isinstance(value, dict):
        return {key: _replace(module, item, where) for key, item in value.items()}
    if isinstance(value, list):
        return [_replace(module, item, where) for item in value]
    if isinstance(value, str):
        return substitute(module, value, where)
    return value


def substitute(module: Module, text: str, where: str, _depth: int = 0) -> str:
    if _depth > 5:
        raise PolicyError(f"{where}: references in {text!r} do not settle")
    if not _PLACEHOLDER_RE.search(text):
        return text
    replaced = _PLACEHOLDER_RE.sub(lambda m: placeholder(module, m.group(1), where), text)
    return substitute(module, replaced, where, _depth + 1)


def placeholder(module: Module, reference: str, where: str) -> str:
    """What `reference` would be after a default apply; an unknown reference is an error."""
    bare = _INDEX_RE.sub("", reference)
    if bare in _DATA_VALUES:
        return _DATA_VALUES[bare]
    parts = bare.split(".")
    if len(parts) == 3 and parts[0] == "aws_cognito_identity_pool" and parts[2] == "id":
        module.resource(f"{parts[0]}.{parts[1]}")
        return IDENTITY_POOL_ID
    if len(parts) == 3 and parts[2] == "arn" and parts[0] in _ARNS:
        name_argument, template = _ARNS[parts[0]]
        block = module.resource(f"{parts[0]}.{parts[1]}")
        name = module.evaluate(block.body.get(name_argument))
        if not isinstance(name, (str, Ref)):
            raise PolicyError(f"{where}: the {name_argument} of {block.address} cannot be evaluated ({name})")
        return template.format(name=str(name), region=REGION, account=ACCOUNT_ID)
    raise PolicyError(f"{where}: no placeholder for {reference}; add one to iam_documents.py")


_DOCUMENT_REF_RE = re.compile(r"^data\.aws_iam_policy_document\.([\w-]+)(?:\[\d+\])?\.json$")
_POLICY_ARGUMENTS = ("policy", "assume_role_policy")


def policy_arguments(module: Module) -> list[tuple[str, str, str | None]]:
    """Every (resource, argument, policy document address or None) where a resource takes a policy.

    None means the policy is written some other way (jsonencode, a heredoc, a file), which these
    checks cannot see into.
    """
    found: list[tuple[str, str, str | None]] = []

    def visit(address: str, body: Any, path: str) -> None:
        if isinstance(body, dict):
            for key, value in body.items():
                where = f"{path}.{key}" if path else key
                if key in _POLICY_ARGUMENTS and isinstance(value, str):
                    found.append((address, where, _document_address(value)))
                else:
                    visit(address, value, where)
        elif isinstance(body, list):
            for item in body:
                visit(address, item, path)

    for block in module.resources.values():
        visit(block.address, block.body, "")
    return found


def _document_address(raw: str) -> str | None:
    if raw.startswith("${") and raw.endswith("}"):
        match = _DOCUMENT_REF_RE.match(raw[2:-1].strip())
        if match:
            return f"data.aws_iam_policy_document.{match.group(1)}"
    return None


def trust_documents(module: Module) -> set[str]:
    """The policy documents used as a role's trust (assume-role) policy."""
    return {
        document
        for _, argument, document in policy_arguments(module)
        if argument == "assume_role_policy" and document is not None
    }
