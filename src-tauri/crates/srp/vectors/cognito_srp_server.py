"""Server side of Cognito USER_SRP_AUTH in pure Python (standard library only).

A reference for a Cognito emulator: it stores a salt and verifier at sign-up, answers
InitiateAuth with SALT / SRP_B / SECRET_BLOCK, and checks PASSWORD_CLAIM_SIGNATURE in
RespondToAuthChallenge with the same byte rules as the `srp` crate's client:

    N      RFC 3526 3072-bit MODP prime, g = 2, SHA-256
    pad(n) Java BigInteger.toByteArray() of a non-negative integer
    k      H(pad(N) || pad(g))
    x      H(pad(salt) || H(poolName || userId || ":" || password))
    v      g^x mod N                      (the verifier kept at sign-up)
    B      (k*v + g^b) mod N
    u      H(pad(A) || pad(B))
    S      (A * v^u)^b mod N
    key    HKDF-SHA256(salt=pad(u), ikm=pad(S), info="Caldera Derived Key")[:16]
    sig    base64(HMAC-SHA256(key, poolName || userId || b64decode(SECRET_BLOCK) || TIMESTAMP))

Usage in an emulator:

    salt_hex = new_salt_hex()
    v = verifier(pool_id, user_id, password, salt_hex)            # at sign-up
    session = ServerSession(pool_id, user_id, salt_hex, v)        # at InitiateAuth
    challenge = {"SALT": salt_hex, "SRP_B": session.srp_b_hex, ...}
    session.verify_claim(srp_a_hex, secret_block_b64, timestamp, signature_b64)  # -> bool

The TIMESTAMP is handled as Cognito does: a day padded with a space is rejected with
InvalidTimestamp (Cognito answers InvalidParameterException); otherwise the value is
re-formatted canonically before the HMAC, so a zero-padded day ("Feb 03") gives a signature
mismatch, exactly like "Incorrect username or password".
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
import secrets

N = int(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A0879"
    "8E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B"
    "0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA4836"
    "1C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804"
    "F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6"
    "955817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64"
    "ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D226"
    "1AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E2"
    "08E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
    16,
)
G = 2
INFO = b"Caldera Derived Key"

_HEX = re.compile(r"[0-9a-fA-F]+")
_POOL_ID = re.compile(r"[\w-]+_[0-9a-zA-Z]+", re.ASCII)
_WEEKDAYS = ("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_TIMESTAMP = re.compile(
    r"(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"([0-9]{1,2}) ([0-9]{2}):([0-9]{2}):([0-9]{2}) UTC ([0-9]{4})"
)


class SrpProtocolError(ValueError):
    """A value that breaks the protocol (bad hex, A mod N == 0, u == 0, bad base64)."""


class InvalidTimestamp(ValueError):
    """TIMESTAMP is not "EEE MMM d HH:mm:ss UTC yyyy" (Cognito: InvalidParameterException)."""


def pad(n: int) -> bytes:
    """Java BigInteger.toByteArray() of a non-negative integer (0 -> b"\\x00")."""
    if n < 0:
        raise SrpProtocolError("pad() is only defined here for non-negative integers")
    return n.to_bytes(n.bit_length() // 8 + 1, "big")


def _sha256(*parts: bytes) -> bytes:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part)
    return digest.digest()


def _int(data: bytes) -> int:
    return int.from_bytes(data, "big")


K = _int(_sha256(pad(N), pad(G)))


def hex_to_int(value: str, field: str = "value") -> int:
    """Parse hex as Cognito sends it: any length, leading zeros allowed, no sign or prefix."""
    if not isinstance(value, str) or not _HEX.fullmatch(value):
        raise SrpProtocolError(f"{field} is not hexadecimal")
    return int(value, 16)


def pool_name(user_pool_id: str) -> str:
    """The part of a user pool id after '_' ("us-west-2_abc" -> "abc")."""
    if not _POOL_ID.fullmatch(user_pool_id):
        raise SrpProtocolError("not a user pool id")
    return user_pool_id.split("_", 1)[1]


def new_salt_hex(nbytes: int = 16) -> str:
    return secrets.token_bytes(nbytes).hex()


def compute_x(user_pool_id: str, user_id_for_srp: str, password: str, salt_hex: str) -> int:
    inner = _sha256(f"{pool_name(user_pool_id)}{user_id_for_srp}:{password}".encode("utf-8"))
    return _int(_sha256(pad(hex_to_int(salt_hex, "SALT")), inner))


def verifier(user_pool_id: str, user_id_for_srp: str, password: str, salt_hex: str) -> int:
    """v = g^x mod N, what the server keeps instead of the password."""
    return pow(G, compute_x(user_pool_id, user_id_for_srp, password, salt_hex), N)


def server_b(verifier_value: int, b: int) -> int:
    """B = (k*v + g^b) mod N for the server's secret b."""
    return (K * verifier_value + pow(G, b, N)) % N


def compute_u(srp_a: int, srp_b: int) -> int:
    return _int(_sha256(pad(srp_a), pad(srp_b)))


def derive_key(u: int, s: int) -> bytes:
    """HKDF-SHA256 (one block) with salt pad(u), ikm pad(S), 16 bytes."""
    prk = hmac.new(pad(u), pad(s), hashlib.sha256).digest()
    return hmac.new(prk, INFO + b"\x01", hashlib.sha256).digest()[:16]


def canonical_timestamp(timestamp: str) -> str:
    """Re-format TIMESTAMP as the server reads it: a zero-padded day loses its zero."""
    match = _TIMESTAMP.fullmatch(timestamp)
    if match is None:
        raise InvalidTimestamp(f"TIMESTAMP {timestamp!r} is not 'EEE MMM d HH:mm:ss UTC yyyy'")
    weekday, month, day, hours, minutes, seconds, year = match.groups()
    return f"{weekday} {month} {int(day)} {hours}:{minutes}:{seconds} UTC {year}"


def format_timestamp(unix_seconds: int) -> str:
    """The canonical TIMESTAMP for a Unix time, formatted by hand (no locale)."""
    days, rest = divmod(unix_seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    # Days since 1970-01-01 to a proleptic Gregorian date (Hinnant's civil_from_days).
    z = days + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = mp + 3 if mp < 10 else mp - 9
    year = yoe + era * 400 + (1 if month <= 2 else 0)
    weekday = (days + 4) % 7
    return (
        f"{_WEEKDAYS[weekday]} {_MONTHS[month - 1]} {day} "
        f"{hours:02d}:{minutes:02d}:{seconds:02d} UTC {year}"
    )


def claim_signature(
    user_pool_id: str, user_id_for_srp: str, key: bytes, secret_block_b64: str, timestamp: str
) -> str:
    try:
        secret_block = base64.b64decode(secret_block_b64, validate=True)
    except binascii.Error as err:
        raise SrpProtocolError("SECRET_BLOCK is not base64") from err
    message = (
        pool_name(user_pool_id).encode("utf-8")
        + user_id_for_srp.encode("utf-8")
        + secret_block
        + timestamp.encode("utf-8")
    )
    return base64.b64encode(hmac.new(key, message, hashlib.sha256).digest()).decode("ascii")


class ServerSession:
    """One InitiateAuth: holds b, B and what is needed to check the client's claim."""

    def __init__(
        self,
        user_pool_id: str,
        user_id_for_srp: str,
        salt_hex: str,
        verifier_value: int,
        b: int | None = None,
    ):
        pool_name(user_pool_id)
        hex_to_int(salt_hex, "SALT")
        self.user_pool_id = user_pool_id
        self.user_id_for_srp = user_id_for_srp
        self.salt_hex = salt_hex
        self.verifier = verifier_value % N
        self.b = b if b is not None else _int(secrets.token_bytes(128))
        self.srp_b = server_b(self.verifier, self.b)
        if self.srp_b == 0:
            raise SrpProtocolError("B mod N is 0; pick another b")

    @property
    def srp_b_hex(self) -> str:
        return f"{self.srp_b:x}"

    def session_key(self, srp_a_hex: str) -> bytes:
        srp_a = hex_to_int(srp_a_hex, "SRP_A")
        if srp_a % N == 0:
            raise SrpProtocolError("SRP_A mod N is 0")
        u = compute_u(srp_a, self.srp_b)
        if u == 0:
            raise SrpProtocolError("u is 0")
        s = pow(srp_a * pow(self.verifier, u, N) % N, self.b, N)
        return derive_key(u, s)

    def expected_signature(self, srp_a_hex: str, secret_block_b64: str, timestamp: str) -> str:
        return claim_signature(
            self.user_pool_id,
            self.user_id_for_srp,
            self.session_key(srp_a_hex),
            secret_block_b64,
            canonical_timestamp(timestamp),
        )

    def verify_claim(
        self, srp_a_hex: str, secret_block_b64: str, timestamp: str, signature_b64: str
    ) -> bool:
        """True when PASSWORD_CLAIM_SIGNATURE proves the password.

        Raises SrpProtocolError or InvalidTimestamp for a malformed request.
        """
        expected = self.expected_signature(srp_a_hex, secret_block_b64, timestamp)
        return hmac.compare_digest(expected.encode("ascii"), signature_b64.encode("utf-8"))
