"""Merges both libraries' answers into vectors.json and checks cognito_srp_server.py.

Usage: combine.py inputs.json js.json py.json > vectors.json

Fails (exit 1) when
- the libraries disagree for any reason other than pycognito's leading-00 salt handling,
- the design doc's known answer is not reproduced,
- the three TIMESTAMP formatters (amazon-cognito-identity-js DateHelper, pycognito,
  C-locale strftime) or the server reference's formatter disagree,
- the server reference does not accept amazon-cognito-identity-js's claims for the vectors
  whose B it made, or accepts a wrong password, a zero-padded day or a malformed request.
"""

from __future__ import annotations

import importlib.metadata
import json
import pathlib
import sys

from pycognito.aws_srp import pad_hex as pycognito_pad_hex

import cognito_srp_server as server

DOC_SRP_A_PREFIX = "b1ce118779e27c1c015d7a22"
DOC_SIGNATURE = "apNSb5GZpJciVc6cVNkDf4elCMoWUZcH4aukLlMPiFA="
K_HEX = "538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6"
LEADING_00_REASON = (
    "pycognito hashes SALT as the hex text it received (pad_hex keeps a leading 00 byte), while "
    "amazon-cognito-identity-js, the reference, first parses SALT as an integer and hashes "
    "pad(salt), which drops the leading zero byte(s); the signatures therefore differ and "
    "pycognito's would be refused by Cognito"
)

failures: list[str] = []


def check(condition: bool, message: str) -> None:
    if not condition:
        failures.append(message)


def expect_error(error: type[Exception], call, message: str) -> None:
    try:
        call()
    except error:
        return
    failures.append(message)


def library_versions() -> dict:
    here = pathlib.Path(__file__).parent
    package = json.loads(
        (here / "node_modules" / "amazon-cognito-identity-js" / "package.json").read_text()
    )
    return {
        "amazon-cognito-identity-js": package["version"],
        "pycognito": importlib.metadata.version("pycognito"),
    }


def merge_vector(inputs: dict, js: dict, py: dict) -> dict:
    name = inputs["name"]
    vector = dict(inputs)
    vector["amazon_cognito_identity_js"] = js
    vector["pycognito"] = py
    check(js["srp_a_hex"] == py["srp_a_hex"], f"{name}: the libraries disagree on SRP_A")
    agree = js["signature_b64"] == py["signature_b64"]
    vector["libraries_agree"] = agree
    salt_bytes_differ = (
        pycognito_pad_hex(inputs["salt_hex"]).lower()
        != server.pad(server.hex_to_int(inputs["salt_hex"])).hex()
    )
    if not agree:
        check(
            salt_bytes_differ and inputs["salt_hex"].startswith("00"),
            f"{name}: the libraries disagree and it is not the leading-00 salt case",
        )
        vector["disagreement"] = LEADING_00_REASON
    else:
        check(not salt_bytes_differ, f"{name}: pycognito hashes other salt bytes yet agrees")

    if "server_b_hex" in inputs:
        b = int(inputs["server_b_hex"], 16)
        verifier = int(inputs["verifier_hex"], 16)
        session = server.ServerSession(
            inputs["user_pool_id"], inputs["user_id_for_srp"], inputs["salt_hex"], verifier, b
        )
        check(session.srp_b_hex == inputs["srp_b_hex"], f"{name}: server B differs")
        claim = (inputs["secret_block_b64"], inputs["timestamp"])
        accepts_js = session.verify_claim(js["srp_a_hex"], *claim, js["signature_b64"])
        accepts_py = session.verify_claim(py["srp_a_hex"], *claim, py["signature_b64"])
        check(accepts_js, f"{name}: the server reference refuses the reference client's claim")
        check(accepts_py == agree, f"{name}: the server's verdict on pycognito is unexpected")
        vector["server_accepts"] = {
            "amazon_cognito_identity_js": accepts_js,
            "pycognito": accepts_py,
        }

        wrong = server.ServerSession(
            inputs["user_pool_id"],
            inputs["user_id_for_srp"],
            inputs["salt_hex"],
            server.verifier(
                inputs["user_pool_id"],
                inputs["user_id_for_srp"],
                inputs["password"] + "x",
                inputs["salt_hex"],
            ),
            b,
        )
        check(
            not wrong.verify_claim(js["srp_a_hex"], *claim, js["signature_b64"]),
            f"{name}: the server reference accepts a claim made for another password",
        )
        weekday, month, day, rest = inputs["timestamp"].split(" ", 3)
        if len(day) == 1:
            zero_padded = f"{weekday} {month} 0{day} {rest}"
            space_padded = f"{weekday} {month}  {day} {rest}"
            # A client that zero-pads the day signs that text; Cognito reads the day as a
            # number and signs its own canonical text, so the claim must fail.
            zero_padded_signature = server.claim_signature(
                inputs["user_pool_id"],
                inputs["user_id_for_srp"],
                session.session_key(js["srp_a_hex"]),
                inputs["secret_block_b64"],
                zero_padded,
            )
            check(
                not session.verify_claim(
                    js["srp_a_hex"], inputs["secret_block_b64"], zero_padded, zero_padded_signature
                ),
                f"{name}: the server reference accepts a claim signed over a zero-padded day",
            )
            expect_error(
                server.InvalidTimestamp,
                lambda: session.verify_claim(
                    js["srp_a_hex"], inputs["secret_block_b64"], space_padded, js["signature_b64"]
                ),
                f"{name}: the server reference accepts a space-padded day",
            )
    return vector


def check_server_reference_units() -> None:
    check(f"{server.K:064x}" == K_HEX, "k differs from the design doc")
    check(server.pad(0) == b"\x00", "pad(0)")
    check(server.pad(0x7F) == b"\x7f", "pad(0x7f)")
    check(server.pad(0x80) == b"\x00\x80", "pad(0x80)")
    check(server.pad(0x0100) == b"\x01\x00", "pad(0x100)")
    check(server.pad(server.N)[:2] == b"\x00\xff" and len(server.pad(server.N)) == 385, "pad(N)")
    check(server.pool_name("us-west-2_abc") == "abc", "pool_name")
    for bad in ["", "abc", "us-west-2_", "_abc", "us west_abc"]:
        expect_error(server.SrpProtocolError, lambda: server.pool_name(bad), f"pool id {bad!r}")
    for bad in ["", "0x12", "12 34", "-1", "1_000", "zz"]:
        expect_error(server.SrpProtocolError, lambda: server.hex_to_int(bad), f"hex {bad!r}")
    check(
        server.verifier("us-west-2_abc", "u", "p", "00ab12") == server.verifier("us-west-2_abc", "u", "p", "ab12"),
        "a leading 00 in SALT must normalise through the integer",
    )
    session = server.ServerSession("us-west-2_abc", "u", "0102", server.verifier("us-west-2_abc", "u", "p", "0102"), b=12345)
    expect_error(server.SrpProtocolError, lambda: session.session_key("0"), "A = 0 accepted")
    expect_error(server.SrpProtocolError, lambda: session.session_key(f"{server.N:x}"), "A = N accepted")
    expect_error(server.SrpProtocolError, lambda: session.session_key("xyz"), "A = xyz accepted")
    expect_error(
        server.SrpProtocolError,
        lambda: server.claim_signature("us-west-2_abc", "u", b"k" * 16, "not base64!", "t"),
        "bad SECRET_BLOCK accepted",
    )
    for bad in ["Mon Feb 10 18:30:12 2025", "Mon Feb 10 18:30:12 UTC 2025 ", "mon Feb 10 18:30:12 UTC 2025"]:
        expect_error(server.InvalidTimestamp, lambda: server.canonical_timestamp(bad), f"timestamp {bad!r}")


def merge_timestamps(js: list[dict], py: list[dict]) -> list[dict]:
    table = []
    for from_js, from_py in zip(js, py, strict=True):
        instant = from_js["unix_seconds"]
        answers = {
            from_js["amazon_cognito_identity_js"],
            from_py["pycognito"],
            from_py["strftime"],
            server.format_timestamp(instant),
        }
        check(len(answers) == 1, f"TIMESTAMP formatters disagree for {instant}: {sorted(answers)}")
        table.append({"unix_seconds": instant, "timestamp": from_py["strftime"]})
    return table


def main() -> None:
    inputs, js, py = (json.loads(pathlib.Path(path).read_text("utf-8")) for path in sys.argv[1:4])
    vectors = [
        merge_vector(i, j, p)
        for i, j, p in zip(inputs["vectors"], js["vectors"], py["vectors"], strict=True)
    ]
    doc = vectors[0]["amazon_cognito_identity_js"]
    check(doc["srp_a_hex"].startswith(DOC_SRP_A_PREFIX), "the design doc's SRP_A is not reproduced")
    check(doc["signature_b64"] == DOC_SIGNATURE, "the design doc's signature is not reproduced")
    check(any(not v["libraries_agree"] for v in vectors), "no vector shows the leading-00 divergence")
    timestamps = merge_timestamps(js["timestamps"], py["timestamps"])
    check_server_reference_units()
    if failures:
        for failure in failures:
            print(f"FAIL: {failure}", file=sys.stderr)
        sys.exit(1)
    document = {
        "about": (
            "Cognito USER_SRP_AUTH known answers. Each vector was answered by "
            "amazon-cognito-identity-js (CognitoUser.authenticateUser against a fake service "
            "client) and by pycognito (AWSSRP.process_challenge) with the same injected a and "
            "TIMESTAMP. amazon-cognito-identity-js is the reference; where pycognito differs, "
            "'disagreement' says why. Vectors with server_b_hex had their B made by "
            "cognito_srp_server.py, which checked both claims ('server_accepts'). Each "
            "timestamps entry was produced identically by DateHelper, pycognito, C-locale "
            "strftime and cognito_srp_server.format_timestamp. Regenerate with generate.sh."
        ),
        "libraries": library_versions(),
        "reference": "amazon-cognito-identity-js",
        "vectors": vectors,
        "timestamps": timestamps,
    }
    json.dump(document, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    agreeing = sum(v["libraries_agree"] for v in vectors)
    print(
        f"{len(vectors)} vectors ({agreeing} where both libraries agree), "
        f"{len(timestamps)} timestamps, server reference checks passed",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
