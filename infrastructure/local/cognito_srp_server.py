"""The server half of Cognito's USER_SRP_AUTH (SRP-6a with Cognito's byte rules).

The emulator uses it to issue a real salt and B for a stored password and to check the
client's PASSWORD_CLAIM_SIGNATURE, so a wrong password really fails.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

N_HEX = (
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74"
    "020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F1437"
    "4FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF05"
    "98DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB"
    "9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF695581718"
    "3995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33"
    "A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7"
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864"
    "D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E2"
    "08E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF"
)
N = int(N_HEX, 16)
G = 2
INFO = b"Caldera Derived Key"

DAYS = "Sun|Mon|Tue|Wed|Thu|Fri|Sat"
MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
TIMESTAMP_RE = re.compile(rf"^({DAYS}) ({MONTHS}) ([1-9]\d?) (\d\d):(\d\d):(\d\d) UTC (\d{{4}})$")
PADDED_DAY_RE = re.compile(rf"^({DAYS}) ({MONTHS}) (0\d) \d\d:\d\d:\d\d UTC \d{{4}}$")


def pad(value: int) -> bytes:
    """Java BigInteger.toByteArray(): minimal big-endian with a sign byte when the top bit is set."""
    length = max(1, (value.bit_length() + 8) // 8)
    return value.to_bytes(length, "big")


def sha256(*parts: bytes) -> bytes:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part)
    return digest.digest()


def to_int(data: bytes) -> int:
    return int.from_bytes(data, "big")


K = to_int(sha256(pad(N), pad(G)))


def pool_name(user_pool_id: str) -> str:
    return user_pool_id.split("_", 1)[1]


def verifier(user_pool_id: str, user_id_for_srp: str, password: str, salt: int) -> int:
    inner = sha256(f"{pool_name(user_pool_id)}{user_id_for_srp}:{password}".encode())
    x = to_int(sha256(pad(salt), inner))
    return pow(G, x, N)


@dataclass
class ServerChallenge:
    """One PASSWORD_VERIFIER challenge as the server holds it between the two calls."""

    user_pool_id: str
    user_id_for_srp: str
    salt: int
    v: int
    b: int
    big_b: int
    big_a: int
    secret_block: str

    @property
    def salt_hex(self) -> str:
        return format(self.salt, "x")

    @property
    def srp_b_hex(self) -> str:
        return format(self.big_b, "x")


def start(user_pool_id: str, user_id_for_srp: str, password: str, srp_a_hex: str) -> ServerChallenge:
    """Issue salt, B and SECRET_BLOCK for a client's A. Raises ValueError for an invalid A."""
    big_a = int(srp_a_hex, 16)
    if big_a % N == 0:
        raise ValueError("SRP_A mod N is zero")
    salt = to_int(secrets.token_bytes(16))
    v = verifier(user_pool_id, user_id_for_srp, password, salt)
    while True:
        b = to_int(secrets.token_bytes(128))
        big_b = (K * v + pow(G, b, N)) % N
        if big_b != 0:
            break
    secret_block = base64.b64encode(secrets.token_bytes(64)).decode()
    return ServerChallenge(user_pool_id, user_id_for_srp, salt, v, b, big_b, big_a, secret_block)


def expected_signature(challenge: ServerChallenge, timestamp: str) -> str:
    u = to_int(sha256(pad(challenge.big_a), pad(challenge.big_b)))
    if u == 0:
        raise ValueError("u is zero")
    s = pow(challenge.big_a * pow(challenge.v, u, N), challenge.b, N)
    prk = hmac.new(pad(u), pad(s), hashlib.sha256).digest()
    key = hmac.new(prk, INFO + b"\x01", hashlib.sha256).digest()[:16]
    message = (
        pool_name(challenge.user_pool_id).encode()
        + challenge.user_id_for_srp.encode()
        + base64.b64decode(challenge.secret_block)
        + timestamp.encode()
    )
    return base64.b64encode(hmac.new(key, message, hashlib.sha256).digest()).decode()


def signature_matches(challenge: ServerChallenge, timestamp: str, signature_b64: str) -> bool:
    return hmac.compare_digest(expected_signature(challenge, timestamp), signature_b64)


def client_signature(
    user_pool_id: str,
    user_id_for_srp: str,
    password: str,
    a: int,
    salt_hex: str,
    srp_b_hex: str,
    secret_block: str,
    timestamp: str,
) -> str:
    """The client's side of the same computation, used only to check this module."""
    big_a = pow(G, a, N)
    big_b = int(srp_b_hex, 16)
    salt = int(salt_hex, 16)
    u = to_int(sha256(pad(big_a), pad(big_b)))
    inner = sha256(f"{pool_name(user_pool_id)}{user_id_for_srp}:{password}".encode())
    x = to_int(sha256(pad(salt), inner))
    s = pow((big_b - K * pow(G, x, N)) % N, a + u * x, N)
    prk = hmac.new(pad(u), pad(s), hashlib.sha256).digest()
    key = hmac.new(prk, INFO + b"\x01", hashlib.sha256).digest()[:16]
    message = (
        pool_name(user_pool_id).encode()
        + user_id_for_srp.encode()
        + base64.b64decode(secret_block)
        + timestamp.encode()
    )
    return base64.b64encode(hmac.new(key, message, hashlib.sha256).digest()).decode()
