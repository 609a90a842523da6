#!/usr/bin/env python3
"""Creates the app's AWS resources in the local emulator and writes a matching cloud config.

Creates: a user pool (email as the username, the app's password policy), its public app client
(no secret; USER_SRP_AUTH and REFRESH_TOKEN_AUTH), an identity pool trusting that client, the media
bucket and the library and checkpoints tables. Prints the config JSON and writes it with --out.
Names, table keys, the checkpoints' TTL attribute, the client's flows and the password policy come
from ../cloud-shape.json, which the Terraform reads too, so the emulator and a real cloud agree.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import boto3

SHAPE_FILE = Path(__file__).resolve().parent.parent / "cloud-shape.json"


class ShapeError(RuntimeError):
    """cloud-shape.json is missing or not JSON: nothing can be provisioned from it."""


def load_shape(path: Path = SHAPE_FILE) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise ShapeError(f"The cloud's names and shapes could not be read from {path}: {err}") from err


def password_policy(shape: dict) -> dict:
    policy = shape["password_policy"]
    return {
        "MinimumLength": policy["minimum_length"],
        "RequireUppercase": policy["require_uppercase"],
        "RequireLowercase": policy["require_lowercase"],
        "RequireNumbers": policy["require_numbers"],
        "RequireSymbols": policy["require_symbols"],
    }


def provision(endpoint_url: str, region: str, name: str, mfa: bool, services_url: str) -> dict[str, str]:
    shape = load_shape()
    suffixes = shape["suffixes"]
    session = boto3.session.Session(
        aws_access_key_id="emulator", aws_secret_access_key="emulator", region_name=region
    )
    idp = session.client("cognito-idp", endpoint_url=endpoint_url)
    identity = session.client("cognito-identity", endpoint_url=endpoint_url)
    s3 = session.client("s3", endpoint_url=endpoint_url)
    dynamodb = session.client("dynamodb", endpoint_url=endpoint_url)

    pool = idp.create_user_pool(
        PoolName=f"{name}{suffixes['user_pool']}",
        UsernameAttributes=["email"],
        AutoVerifiedAttributes=["email"],
        Policies={"PasswordPolicy": password_policy(shape)},
        MfaConfiguration="OFF",
        AccountRecoverySetting={"RecoveryMechanisms": [{"Name": "verified_email", "Priority": 1}]},
    )["UserPool"]
    user_pool_id = pool["Id"]
    if mfa:
        idp.set_user_pool_mfa_config(
            UserPoolId=user_pool_id,
            SoftwareTokenMfaConfiguration={"Enabled": True},
            MfaConfiguration="ON",
        )
    client = idp.create_user_pool_client(
        UserPoolId=user_pool_id,
        ClientName=f"{name}{suffixes['client']}",
        GenerateSecret=False,
        ExplicitAuthFlows=list(shape["client"]["explicit_auth_flows"]),
        ReadAttributes=["email", "email_verified"],
        EnableTokenRevocation=True,
    )["UserPoolClient"]
    client_id = client["ClientId"]

    identity_pool = identity.create_identity_pool(
        IdentityPoolName=f"{name}{suffixes['identity_pool']}",
        AllowUnauthenticatedIdentities=False,
        CognitoIdentityProviders=[
            {
                "ProviderName": f"cognito-idp.{region}.amazonaws.com/{user_pool_id}",
                "ClientId": client_id,
                "ServerSideTokenCheck": False,
            }
        ],
    )

    bucket = f"{name}{suffixes['bucket']}"
    if region == "us-east-1":
        s3.create_bucket(Bucket=bucket)
    else:
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": region})

    library_table = f"{name}{suffixes['library_table']}"
    checkpoints_table = f"{name}{suffixes['checkpoints_table']}"
    tables = ((library_table, shape["tables"]["library"]), (checkpoints_table, shape["tables"]["checkpoints"]))
    for table, table_shape in tables:
        dynamodb.create_table(
            TableName=table,
            AttributeDefinitions=[
                {"AttributeName": table_shape["hash_key"], "AttributeType": "S"},
                {"AttributeName": table_shape["range_key"], "AttributeType": "S"},
            ],
            KeySchema=[
                {"AttributeName": table_shape["hash_key"], "KeyType": "HASH"},
                {"AttributeName": table_shape["range_key"], "KeyType": "RANGE"},
            ],
            BillingMode="PAY_PER_REQUEST",
        )
        if "ttl_attribute" in table_shape:
            dynamodb.update_time_to_live(
                TableName=table,
                TimeToLiveSpecification={"Enabled": True, "AttributeName": table_shape["ttl_attribute"]},
            )

    return {
        "region": region,
        "user_pool_id": user_pool_id,
        "client_id": client_id,
        "identity_pool_id": identity_pool["IdentityPoolId"],
        "bucket": bucket,
        "library_table": library_table,
        "checkpoints_table": checkpoints_table,
        "services_url": services_url,
        "endpoint_url": endpoint_url,
        "jwks_url": f"{endpoint_url}/{user_pool_id}/.well-known/jwks.json",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--endpoint-url", required=True, help="the emulator's URL, as moto_launcher.py printed it")
    parser.add_argument("--region", default="us-east-1")
    parser.add_argument("--name", default="nocomelon", help="prefix of every resource name")
    parser.add_argument("--mfa", action="store_true", help="require TOTP MFA in the user pool")
    parser.add_argument("--services-url", default="", help="the story services the app should ask (none: it answers on the computer)")
    parser.add_argument("--out", type=Path, help="where to write the cloud config JSON")
    args = parser.parse_args()

    try:
        config = provision(args.endpoint_url.rstrip("/"), args.region, args.name, args.mfa, args.services_url)
    except ShapeError as err:
        print(err, file=sys.stderr)
        return 1
    text = json.dumps(config, indent=2)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n")
    print(json.dumps(config), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
