#!/usr/bin/env python3
"""Creates the app's AWS resources in the local emulator and writes a matching cloud config.

Creates: a user pool (email as the username, the app's password policy), its public app client
(no secret; USER_SRP_AUTH and REFRESH_TOKEN_AUTH), an identity pool trusting that client, the media
bucket and the library and checkpoints tables. Prints the config JSON and writes it with --out.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import boto3

PASSWORD_POLICY = {
    "MinimumLength": 8,
    "RequireUppercase": True,
    "RequireLowercase": True,
    "RequireNumbers": True,
    "RequireSymbols": False,
}


def provision(endpoint_url: str, region: str, name: str, mfa: bool, services_url: str) -> dict[str, str]:
    session = boto3.session.Session(
        aws_access_key_id="emulator", aws_secret_access_key="emulator", region_name=region
    )
    idp = session.client("cognito-idp", endpoint_url=endpoint_url)
    identity = session.client("cognito-identity", endpoint_url=endpoint_url)
    s3 = session.client("s3", endpoint_url=endpoint_url)
    dynamodb = session.client("dynamodb", endpoint_url=endpoint_url)

    pool = idp.create_user_pool(
        PoolName=f"{name}-users",
        UsernameAttributes=["email"],
        AutoVerifiedAttributes=["email"],
        Policies={"PasswordPolicy": PASSWORD_POLICY},
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
        ClientName=f"{name}-desktop",
        GenerateSecret=False,
        ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        ReadAttributes=["email", "email_verified"],
        EnableTokenRevocation=True,
    )["UserPoolClient"]
    client_id = client["ClientId"]

    identity_pool = identity.create_identity_pool(
        IdentityPoolName=f"{name}_identities",
        AllowUnauthenticatedIdentities=False,
        CognitoIdentityProviders=[
            {
                "ProviderName": f"cognito-idp.{region}.amazonaws.com/{user_pool_id}",
                "ClientId": client_id,
                "ServerSideTokenCheck": False,
            }
        ],
    )

    bucket = f"{name}-media"
    if region == "us-east-1":
        s3.create_bucket(Bucket=bucket)
    else:
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": region})

    library_table = f"{name}-library"
    checkpoints_table = f"{name}-checkpoints"
    for table, sort_key in ((library_table, "id"), (checkpoints_table, "run_id")):
        dynamodb.create_table(
            TableName=table,
            AttributeDefinitions=[
                {"AttributeName": "user_id", "AttributeType": "S"},
                {"AttributeName": sort_key, "AttributeType": "S"},
            ],
            KeySchema=[
                {"AttributeName": "user_id", "KeyType": "HASH"},
                {"AttributeName": sort_key, "KeyType": "RANGE"},
            ],
            BillingMode="PAY_PER_REQUEST",
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
    parser.add_argument("--services-url", default="http://127.0.0.1:8787")
    parser.add_argument("--out", type=Path, help="where to write the cloud config JSON")
    args = parser.parse_args()

    config = provision(args.endpoint_url.rstrip("/"), args.region, args.name, args.mfa, args.services_url)
    text = json.dumps(config, indent=2)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n")
    print(json.dumps(config), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
