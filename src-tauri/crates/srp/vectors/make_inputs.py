"""Deterministic inputs for the SRP known-answer vectors and the TIMESTAMP table.

Both reference libraries are run on exactly this JSON, so every vector is answered by
amazon-cognito-identity-js and by pycognito for the same a, salt, B, password and timestamp.
Some B values are made by cognito_srp_server.py from a known b and the password's verifier,
so the vector script can also check that the server reference accepts the libraries' claims.
"""

from __future__ import annotations

import base64
import calendar
import json
import random
import sys

import cognito_srp_server as server

SEED = 20250210
DOC_SECRET_BLOCK = (
    "9ae77ec7154c14dcc487b47707fee4b4920cb96d8a8c045e4c8df879a7b375524aa736acdec6c9ad4ea606774d00621b"
)


def random_bytes(rng: random.Random, n: int) -> bytes:
    return rng.getrandbits(8 * n).to_bytes(n, "big")


def random_b_hex(rng: random.Random) -> str:
    while True:
        value = rng.getrandbits(3072) % server.N
        if value:
            return f"{value:x}"


def secret_block(rng: random.Random, n: int) -> str:
    return base64.b64encode(random_bytes(rng, n)).decode("ascii")


def vectors(rng: random.Random) -> list[dict]:
    uuid = "7d3b1c5e-2f4a-4e8b-9c61-0a5f3e2d1b47"
    out = [
        {
            "name": "design doc known answer",
            "a_hex": "01" * 128,
            "user_pool_id": "us-west-2_abc",
            "user_id_for_srp": "user_id",
            "password": "password",
            "salt_hex": "36ef01c6dde9fe503da333b1acc758ba",
            "srp_b_hex": "36ef01c6dde9fe503da333b1acc758ba",
            "secret_block_b64": DOC_SECRET_BLOCK,
            "timestamp": "Mon Feb 10 18:30:12 UTC 2025",
        }
    ]

    salts = [
        ("salt of odd hex length", "5" + random_bytes(rng, 15).hex()),
        ("salt with the top bit set", "f3" + random_bytes(rng, 15).hex()),
        ("salt with a leading 00 byte", "00" + "4c" + random_bytes(rng, 14).hex()),
        ("salt with two leading 00 bytes", "0000" + "1e" + random_bytes(rng, 13).hex()),
        ("salt with a leading 00 before a top-bit byte", "00" + "a7" + random_bytes(rng, 14).hex()),
        ("salt with a leading 0 nibble, odd length", "0" + "3" + random_bytes(rng, 15).hex()),
        ("salt in upper-case hex", ("c" + random_bytes(rng, 15).hex() + "b").upper()),
        ("salt of one byte", "07"),
    ]
    passwords = [
        ("accented password", "Crème brûlée à la pâtisserie"),
        ("emoji password", "🦄🌈 dessine-moi un mouton 🐑"),
        ("CJK password", "画画小孩パスワード비밀번호"),
        ("password with a colon", "pass:word:with:colons"),
        ("empty password", ""),
        ("long password", "Zz9!" * 64),
    ]
    pools = ["us-west-2_abc", "eu-central-1_AbCdEf123", "ap-northeast-1_Q9x8Y7w6V"]
    timestamps = [
        server.format_timestamp(calendar.timegm(moment))
        for moment in [
            (2026, 11, 2, 9, 5, 7),
            (2026, 1, 1, 0, 0, 0),
            (2025, 12, 31, 23, 59, 59),
            (2028, 2, 29, 12, 0, 1),
        ]
    ]

    def a_hex(index: int) -> str:
        kind = index % 4
        if kind == 0:
            return random_bytes(rng, 128).hex()
        if kind == 1:
            return "ff" + random_bytes(rng, 127).hex()
        if kind == 2:
            return "0000" + random_bytes(rng, 126).hex()
        return "01" + random_bytes(rng, 127).hex()

    for index, (salt_name, salt_hex) in enumerate(salts):
        password_name, password = passwords[index % len(passwords)]
        out.append(
            {
                "name": f"{salt_name}, {password_name}, UUID user id, random B",
                "a_hex": a_hex(index),
                "user_pool_id": pools[index % len(pools)],
                "user_id_for_srp": uuid,
                "password": password,
                "salt_hex": salt_hex,
                "srp_b_hex": random_b_hex(rng),
                "secret_block_b64": secret_block(rng, 48 + index),
                "timestamp": timestamps[index % len(timestamps)],
            }
        )

    b_shapes = [
        ("B of odd hex length (small)", f"{rng.getrandbits(33) | (1 << 32):x}"),
        ("B with leading zero bytes in its hex", "0000" + random_b_hex(rng)[4:]),
        ("B in upper-case hex", random_b_hex(rng).upper()),
        ("B with the top bit set", "f" + random_b_hex(rng)[1:]),
    ]
    for index, (b_name, srp_b_hex) in enumerate(b_shapes):
        password_name, password = passwords[(index + 2) % len(passwords)]
        out.append(
            {
                "name": f"{b_name}, {password_name}",
                "a_hex": a_hex(index + 1),
                "user_pool_id": pools[(index + 1) % len(pools)],
                "user_id_for_srp": uuid if index % 2 else "parent.name@example.com",
                "password": password,
                "salt_hex": random_bytes(rng, 16).hex(),
                "srp_b_hex": srp_b_hex,
                "secret_block_b64": secret_block(rng, 64 + index),
                "timestamp": timestamps[(index + 1) % len(timestamps)],
            }
        )

    # B made by the server reference from a known b and the password's verifier: these are
    # the only vectors where the signature also proves the password to a server.
    server_made = [
        ("us-west-2_abc", uuid, "Crème brûlée 🦄 画画", "00" + "61" + random_bytes(rng, 14).hex()),
        ("eu-central-1_AbCdEf123", uuid, "correct horse battery staple", "e" + random_bytes(rng, 15).hex()),
        ("ap-northeast-1_Q9x8Y7w6V", "user_id", "パスワード", random_bytes(rng, 16).hex()),
        ("us-west-2_abc", uuid, "déjà vu", "8" + random_bytes(rng, 16).hex()),
    ]
    for index, (pool_id, user_id, password, salt_hex) in enumerate(server_made):
        b = int.from_bytes(random_bytes(rng, 128), "big")
        v = server.verifier(pool_id, user_id, password, salt_hex)
        out.append(
            {
                "name": f"B from the server reference (b known), salt {salt_hex[:4]}...",
                "a_hex": a_hex(index + 2),
                "user_pool_id": pool_id,
                "user_id_for_srp": user_id,
                "password": password,
                "salt_hex": salt_hex,
                "srp_b_hex": f"{server.server_b(v, b):x}",
                "server_b_hex": f"{b:x}",
                "verifier_hex": f"{v:x}",
                "secret_block_b64": secret_block(rng, 96 + index),
                "timestamp": timestamps[(index + 2) % len(timestamps)],
            }
        )
    return out


def timestamp_instants(rng: random.Random) -> list[int]:
    """Every day 1-31 of every month (so every weekday too), in a leap and a common year,
    with single-digit hours/minutes/seconds mixed in, plus year and era boundaries."""
    instants = []
    for year in (2024, 2025):
        for month in range(1, 13):
            for day in range(1, calendar.monthrange(year, month)[1] + 1):
                midnight = calendar.timegm((year, month, day, 0, 0, 0))
                instants.append(midnight + rng.randrange(86400))
            instants.append(calendar.timegm((year, month, 9, 9, 9, 9)))
    instants += [
        0,
        -1,
        86399,
        calendar.timegm((1969, 7, 20, 20, 17, 40)),
        calendar.timegm((1900, 3, 1, 0, 0, 0)),
        calendar.timegm((2000, 2, 29, 23, 59, 59)),
        calendar.timegm((2100, 3, 1, 0, 0, 0)),
        calendar.timegm((2026, 11, 2, 9, 5, 7)),
        calendar.timegm((2038, 1, 19, 3, 14, 8)),
        calendar.timegm((9999, 12, 31, 23, 59, 59)),
    ]
    return instants


def main() -> None:
    rng = random.Random(SEED)
    json.dump(
        {"vectors": vectors(rng), "timestamp_instants": timestamp_instants(rng)},
        sys.stdout,
        ensure_ascii=False,
        indent=1,
    )


if __name__ == "__main__":
    main()
