"""Answers every vector with pycognito's AWSSRP (the real process_challenge path).

Reads the inputs JSON (argv[1]) and prints, per vector, the SRP_A and
PASSWORD_CLAIM_SIGNATURE pycognito produces for the injected a and fixed TIMESTAMP,
plus pycognito's own TIMESTAMP formatter and the C-locale strftime for each instant.
"""

import datetime
import json
import locale
import os
import sys
import time

from pycognito.aws_srp import AWSSRP


class NoNetworkClient:
    """pycognito builds a boto3 client unless given one; the math never calls it."""


def answer(vector: dict) -> dict:
    srp = AWSSRP(
        username=vector["user_id_for_srp"],
        password=vector["password"],
        pool_id=vector["user_pool_id"],
        client_id="vectors",
        client=NoNetworkClient(),
    )
    srp.small_a_value = int(vector["a_hex"], 16)
    srp.large_a_value = srp.calculate_a()
    srp.get_cognito_formatted_timestamp = lambda _now: vector["timestamp"]
    challenge = {
        "USER_ID_FOR_SRP": vector["user_id_for_srp"],
        "SALT": vector["salt_hex"],
        "SRP_B": vector["srp_b_hex"],
        "SECRET_BLOCK": vector["secret_block_b64"],
    }
    response = srp.process_challenge(challenge, {"USERNAME": vector["user_id_for_srp"]})
    if response["TIMESTAMP"] != vector["timestamp"]:
        raise SystemExit("pycognito did not use the injected TIMESTAMP")
    return {
        "srp_a_hex": srp.get_auth_params()["SRP_A"],
        "signature_b64": response["PASSWORD_CLAIM_SIGNATURE"],
    }


def timestamps(instants: list[int]) -> list[dict]:
    locale.setlocale(locale.LC_TIME, "C")
    os.environ["TZ"] = "UTC"
    time.tzset()
    out = []
    for instant in instants:
        moment = datetime.datetime.fromtimestamp(instant, datetime.timezone.utc)
        out.append(
            {
                "unix_seconds": instant,
                "pycognito": AWSSRP.get_cognito_formatted_timestamp(moment),
                "strftime": time.strftime("%a %b %-d %H:%M:%S UTC %Y", time.gmtime(instant)),
            }
        )
    return out


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as handle:
        inputs = json.load(handle)
    json.dump(
        {
            "vectors": [answer(vector) for vector in inputs["vectors"]],
            "timestamps": timestamps(inputs["timestamp_instants"]),
        },
        sys.stdout,
        indent=1,
    )


if __name__ == "__main__":
    main()
