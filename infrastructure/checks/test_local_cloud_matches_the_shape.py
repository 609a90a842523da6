"""The local emulator and the Terraform build the same cloud.

provision.py runs against a real moto server (moto_launcher.py on a free loopback port, from the
emulator's own venv, as the Rust cloud tests start it); what it created is described with boto3
and compared with cloud-shape.json and with the values the Terraform evaluates to. A second run
from a copy of provision.py next to an altered cloud-shape.json proves it reads the file rather
than constants of its own.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest

from hcl_model import INFRASTRUCTURE_DIR, SHAPE_FILE, Module

EMULATOR_DIR = INFRASTRUCTURE_DIR / "local"
EMULATOR_PYTHON = EMULATOR_DIR / ".venv" / "bin" / "python"
LAUNCH_TIMEOUT_SECONDS = 90
REGION = "us-east-1"
# The keys of the cloud config provision.py prints; the Rust cloud tests read them.
CONFIG_KEYS = {
    "region",
    "user_pool_id",
    "client_id",
    "identity_pool_id",
    "bucket",
    "library_table",
    "checkpoints_table",
    "services_url",
    "endpoint_url",
    "jwks_url",
}


def emulator_env() -> dict[str, str]:
    """The environment without the AWS settings of whoever runs the tests."""
    return {key: value for key, value in os.environ.items() if not key.startswith("AWS_")}


@pytest.fixture(scope="module")
def emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not EMULATOR_PYTHON.exists():
        pytest.fail(
            f"the emulator's venv is missing ({EMULATOR_PYTHON}); run infrastructure/checks/run.sh, which makes it"
        )
    log_path = tmp_path_factory.mktemp("emulator") / "emulator.log"
    with log_path.open("w") as log:
        launcher = subprocess.Popen(
            [str(EMULATOR_PYTHON), str(EMULATOR_DIR / "moto_launcher.py"), "--port", "0", "--exit-with-stdin"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log,
            env=emulator_env(),
            text=True,
        )
    try:
        assert launcher.stdout is not None
        ready, _, _ = select.select([launcher.stdout], [], [], LAUNCH_TIMEOUT_SECONDS)
        line = launcher.stdout.readline() if ready else ""
        if not line:
            pytest.fail(
                f"the emulator did not report its port within {LAUNCH_TIMEOUT_SECONDS}s; its log:\n{log_path.read_text()}"
            )
        yield json.loads(line)["url"]
    finally:
        if launcher.stdin:
            launcher.stdin.close()
        try:
            launcher.wait(timeout=10)
        except subprocess.TimeoutExpired:
            launcher.kill()
            launcher.wait()


def provision(script: Path, url: str, name: str, out: Path) -> dict[str, Any]:
    done = subprocess.run(
        [str(EMULATOR_PYTHON), str(script), "--endpoint-url", url, "--name", name, "--out", str(out)],
        capture_output=True,
        text=True,
        env=emulator_env(),
        timeout=120,
    )
    assert done.returncode == 0, f"provision.py failed:\n{done.stderr}"
    printed = json.loads(done.stdout)
    assert json.loads(out.read_text()) == printed
    return printed


def client(service: str, url: str) -> Any:
    return boto3.client(
        service,
        endpoint_url=url,
        region_name=REGION,
        aws_access_key_id="emulator",
        aws_secret_access_key="emulator",
    )


def described(url: str, config: dict[str, Any]) -> dict[str, Any]:
    """What the emulator holds for one provisioned config, in cloud-shape.json's terms."""
    idp = client("cognito-idp", url)
    pool = idp.describe_user_pool(UserPoolId=config["user_pool_id"])["UserPool"]
    app = idp.describe_user_pool_client(UserPoolId=config["user_pool_id"], ClientId=config["client_id"])[
        "UserPoolClient"
    ]
    identity = client("cognito-identity", url).describe_identity_pool(IdentityPoolId=config["identity_pool_id"])
    s3 = client("s3", url)
    s3.head_bucket(Bucket=config["bucket"])
    dynamodb = client("dynamodb", url)
    tables = {}
    for key in ("library", "checkpoints"):
        name = config[f"{key}_table"]
        table = dynamodb.describe_table(TableName=name)["Table"]
        ttl = dynamodb.describe_time_to_live(TableName=name)["TimeToLiveDescription"]
        schema = {k["KeyType"]: k["AttributeName"] for k in table["KeySchema"]}
        types = {a["AttributeName"]: a["AttributeType"] for a in table["AttributeDefinitions"]}
        tables[key] = {
            "name": name,
            "hash_key": schema["HASH"],
            "range_key": schema["RANGE"],
            "types": types,
            "billing": table["BillingModeSummary"]["BillingMode"],
            "ttl": ttl.get("AttributeName") if ttl["TimeToLiveStatus"] == "ENABLED" else None,
        }
    policy = pool["Policies"]["PasswordPolicy"]
    return {
        "pool_name": pool["Name"],
        "username_attributes": pool.get("UsernameAttributes"),
        "password_policy": {
            "minimum_length": policy["MinimumLength"],
            "require_uppercase": policy["RequireUppercase"],
            "require_lowercase": policy["RequireLowercase"],
            "require_numbers": policy["RequireNumbers"],
            "require_symbols": policy["RequireSymbols"],
        },
        "client_name": app["ClientName"],
        "client_flows": app["ExplicitAuthFlows"],
        "client_has_secret": "ClientSecret" in app,
        "identity_pool_name": identity["IdentityPoolName"],
        "guests_allowed": identity["AllowUnauthenticatedIdentities"],
        "identity_provider_client": [p["ClientId"] for p in identity["CognitoIdentityProviders"]],
        "tables": tables,
    }


def expected_from(shape: dict[str, Any], name: str) -> dict[str, Any]:
    suffixes = shape["suffixes"]
    tables = {}
    for key, table in shape["tables"].items():
        tables[key] = {
            "name": name + suffixes[f"{key}_table"],
            "hash_key": table["hash_key"],
            "range_key": table["range_key"],
            "types": {table["hash_key"]: "S", table["range_key"]: "S"},
            "billing": "PAY_PER_REQUEST",
            "ttl": table.get("ttl_attribute"),
        }
    return {
        "pool_name": name + suffixes["user_pool"],
        "username_attributes": ["email"],
        "password_policy": shape["password_policy"],
        "client_name": name + suffixes["client"],
        "client_flows": shape["client"]["explicit_auth_flows"],
        "client_has_secret": False,
        "identity_pool_name": name + suffixes["identity_pool"],
        "guests_allowed": False,
        "tables": tables,
    }


def test_the_emulator_holds_the_cloud_the_shapes_file_describes(emulator: str, tmp_path: Path) -> None:
    config = provision(EMULATOR_DIR / "provision.py", emulator, "nocomelon", tmp_path / "cloud.json")
    assert set(config) == CONFIG_KEYS
    shape = json.loads(SHAPE_FILE.read_text())
    found = described(emulator, config)
    assert found.pop("identity_provider_client") == [config["client_id"]]
    assert found == expected_from(shape, "nocomelon")
    assert config["bucket"] == "nocomelon" + shape["suffixes"]["bucket"]
    # The values the shapes file holds today, so a change to it is a visible decision.
    assert found["tables"]["checkpoints"]["ttl"] == "ttl"
    assert found["client_flows"] == ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    assert found["password_policy"]["minimum_length"] == 8


def test_the_emulator_and_the_terraform_agree(emulator: str, module: Module, tmp_path: Path) -> None:
    config = provision(EMULATOR_DIR / "provision.py", emulator, "nocomelon-agree", tmp_path / "cloud.json")
    found = described(emulator, config)
    terraform_name = module.evaluate(module.variables["name"].body["default"])

    def rename(value: str) -> str:
        return value.replace(terraform_name, "nocomelon-agree", 1)

    pool = module.evaluate(module.resource("aws_cognito_user_pool.users").body)
    app = module.evaluate(module.resource("aws_cognito_user_pool_client.desktop").body)
    identities = module.evaluate(module.resource("aws_cognito_identity_pool.identities").body)
    assert found["pool_name"] == rename(pool["name"])
    assert found["username_attributes"] == pool["username_attributes"]
    assert found["password_policy"] == {key: pool["password_policy"][0][key] for key in found["password_policy"]}
    assert found["client_name"] == rename(app["name"])
    assert found["client_flows"] == app["explicit_auth_flows"]
    assert found["client_has_secret"] is app["generate_secret"] is False
    assert found["identity_pool_name"] == rename(identities["identity_pool_name"])
    assert found["guests_allowed"] is identities["allow_unauthenticated_identities"] is False
    bucket = module.evaluate(module.resource("aws_s3_bucket.media").body["bucket"])
    assert config["bucket"].endswith(module.shape()["suffixes"]["bucket"]) and bucket.endswith(
        module.shape()["suffixes"]["bucket"]
    )
    for key in ("library", "checkpoints"):
        table = module.evaluate(module.resource(f"aws_dynamodb_table.{key}").body)
        ttl = table.get("ttl", [{}])[0]
        assert found["tables"][key] == {
            "name": rename(table["name"]),
            "hash_key": table["hash_key"],
            "range_key": table["range_key"],
            "types": {a["name"]: a["type"] for a in table["attribute"]},
            "billing": table["billing_mode"],
            "ttl": ttl.get("attribute_name") if ttl.get("enabled") else None,
        }


def test_provision_takes_its_names_and_shapes_from_the_file(emulator: str, tmp_path: Path) -> None:
    (tmp_path / "local").mkdir()
    script = tmp_path / "local" / "provision.py"
    shutil.copy(EMULATOR_DIR / "provision.py", script)
    shape = json.loads(SHAPE_FILE.read_text())
    shape["suffixes"].update(
        user_pool="-parents",
        client="-app",
        identity_pool="_keys",
        bucket="-files",
        library_table="-books",
        checkpoints_table="-runs",
    )
    shape["tables"]["library"].update(hash_key="owner", range_key="book_id")
    shape["tables"]["checkpoints"].update(hash_key="owner", range_key="run", ttl_attribute="expires_at")
    shape["client"]["explicit_auth_flows"] = ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"]
    shape["password_policy"].update(minimum_length=12, require_symbols=True)
    (tmp_path / "cloud-shape.json").write_text(json.dumps(shape))

    config = provision(script, emulator, "altered", tmp_path / "cloud.json")
    assert set(config) == CONFIG_KEYS
    found = described(emulator, config)
    found.pop("identity_provider_client")
    assert found == expected_from(shape, "altered")
    assert config["bucket"] == "altered-files"
    assert found["tables"]["checkpoints"]["ttl"] == "expires_at"
    assert found["password_policy"]["minimum_length"] == 12
