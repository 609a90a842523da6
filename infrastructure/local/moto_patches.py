"""Patches that make moto 5.2.5's Cognito behave like the real service where the app depends on it.

Measured gaps in moto 5.2.5 that each patch closes:
- USER_SRP_AUTH: moto sends a random SALT/SRP_B, a SECRET_BLOCK that is not base64, and never
  checks PASSWORD_CLAIM_SIGNATURE (a wrong password gets tokens). Here the server issues a real
  salt and B from the stored password, keeps b per session, checks the SECRET_BLOCK, the
  TIMESTAMP format (day not padded) and the signature, and answers NotAuthorized on a mismatch.
- Challenge sessions never expire in moto and an unknown one is a ResourceNotFound; here they
  expire after `session_seconds` with Cognito's "Invalid session for the user, session is expired."
- ChallengeParameters must be strings (MFAS_CAN_SETUP arrives as a JSON list in moto, which an SDK
  cannot read); NEW_PASSWORD_REQUIRED gets Cognito's userAttributes/requiredAttributes.
- Sign-up/forgot-password codes: moto accepts any confirmation code and has no
  ResendConfirmationCode; here codes are six digits, checked, readable through the control API.
- A user in RESET_REQUIRED gets PasswordResetRequiredException from InitiateAuth.
- RevokeToken answers HTTP 500 in moto (not implemented); here it revokes the refresh token and the
  access tokens issued from it, and a switch makes it fail on purpose.
- Token lifetime is configurable (`token_seconds`).
- Identity pools: moto's GetId returns a new identity id on every call and ignores Logins; here
  GetId checks the Logins token against the user pool and returns one stable id per
  (identity pool, provider, sub). GetCredentialsForIdentity returns fresh keys per call that
  expire after `credentials_seconds` (short by default) and are really enforced: S3 and DynamoDB
  requests signed with expired keys get ExpiredToken.
- The emulator's clock can be shifted (`clock_offset_seconds`): the launcher sends it in the Date
  header and the TIMESTAMP check uses it, so a client's clock-skew handling can be tested.
- DeleteUser (a user deleting their own account with an access token) is missing in moto (HTTP
  500); here it deletes the user, signs out their tokens, and a token of a deleted user is refused.
- S3 ListParts: moto names the answer's root element ListPartsResponse, which SDKs that check it
  (the AWS SDK for Rust) refuse; S3 names it ListPartsResult, and so does the patch.
"""

from __future__ import annotations

import base64
import calendar
import json
import secrets
import string
import threading
import time
from typing import Any

from moto.cognitoidentity import models as identity_models
from moto.cognitoidentity.responses import CognitoIdentityResponse
from moto.cognitoidp import models as idp_models
from moto.cognitoidp.exceptions import (
    CodeMismatchException,
    InvalidParameterException,
    NotAuthorizedError,
    UserNotFoundError,
)
from moto.cognitoidp.models import CognitoIdpBackend, CognitoIdpUserPool, UserStatus, cognitoidp_backends
from moto.cognitoidp.responses import CognitoIdpResponse
from moto.core.exceptions import JsonRESTError
from moto.core.responses import ActionResult, EmptyResult
from moto.s3.responses import S3Response

import cognito_srp_server as srp

SETTINGS: dict[str, Any] = {
    "credentials_seconds": 90,
    "token_seconds": 3600,
    "session_seconds": 180,
    "revoke_token_fails": False,
    "clock_offset_seconds": 0,
    "timestamp_window_seconds": 300,
}

SESSION_EXPIRED = "Invalid session for the user, session is expired."
WRONG_PASSWORD = "Incorrect username or password."

_lock = threading.Lock()
# session id -> srp.ServerChallenge
_srp_challenges: dict[str, srp.ServerChallenge] = {}
# (user pool id, internal username) -> {"sign_up": code, "forgot_password": code}
_codes: dict[tuple[str, str], dict[str, str]] = {}
# (identity pool id, provider, sub) -> identity id
_identities: dict[tuple[str, str, str], str] = {}
# identity id -> (identity pool id, provider, sub)
_identity_owner: dict[str, tuple[str, str, str]] = {}
# access key id -> {"expires": epoch seconds, "identity_id": ...}
ISSUED_CREDENTIALS: dict[str, dict[str, Any]] = {}


def server_now() -> float:
    return time.time() + float(SETTINGS["clock_offset_seconds"])


def _new_code() -> str:
    return "".join(secrets.choice(string.digits) for _ in range(6))


class PasswordResetRequiredException(JsonRESTError):
    def __init__(self) -> None:
        super().__init__("PasswordResetRequiredException", "Password reset required for the user")


class InternalErrorException(JsonRESTError):
    def __init__(self, message: str) -> None:
        super().__init__("InternalErrorException", message)
        self.code = 500


class IdentityNotAuthorized(JsonRESTError):
    def __init__(self, message: str) -> None:
        super().__init__("NotAuthorizedException", message)


class TimedSessions(dict):
    """moto's session table, remembering when each session was issued."""

    def __init__(self) -> None:
        super().__init__()
        self.issued_at: dict[str, float] = {}

    def __setitem__(self, key: str, value: Any) -> None:
        self.issued_at[key] = time.time()
        super().__setitem__(key, value)

    def __delitem__(self, key: str) -> None:
        self.issued_at.pop(key, None)
        super().__delitem__(key)

    def expired(self, key: str) -> bool:
        issued = self.issued_at.get(key)
        return issued is None or time.time() - issued > float(SETTINGS["session_seconds"])


def _find_pool_by_client(client_id: str) -> tuple[CognitoIdpBackend, CognitoIdpUserPool]:
    for account_backends in cognitoidp_backends.values():
        for region, backend in account_backends.items():
            if region == "global":
                continue
            for pool in backend.user_pools.values():
                if client_id in pool.clients:
                    return backend, pool
    raise idp_models.ResourceNotFoundError(client_id)


def _find_pool_by_id(pool_id: str) -> CognitoIdpUserPool | None:
    for account_backends in cognitoidp_backends.values():
        for region, backend in account_backends.items():
            if region == "global":
                continue
            if pool_id in backend.user_pools:
                return backend.user_pools[pool_id]
    return None


def _jwt_payload(token: str) -> dict[str, Any]:
    try:
        body = token.split(".")[1]
        body += "=" * (-len(body) % 4)
        return json.loads(base64.urlsafe_b64decode(body))
    except (IndexError, ValueError):
        return {}


def _string_parameters(result: dict[str, Any]) -> dict[str, Any]:
    params = result.get("ChallengeParameters")
    if isinstance(params, dict):
        result["ChallengeParameters"] = {
            key: value if isinstance(value, str) else json.dumps(value) for key, value in params.items()
        }
    return result


# --- user pool backend -------------------------------------------------------------------

_original_backend_init = CognitoIdpBackend.__init__
_original_initiate_auth = CognitoIdpBackend.initiate_auth
_original_respond = CognitoIdpBackend.respond_to_auth_challenge
_original_sign_up = CognitoIdpBackend.sign_up
_original_forgot_password = CognitoIdpBackend.forgot_password
_original_create_jwt = CognitoIdpUserPool.create_jwt


def _backend_init(self: CognitoIdpBackend, region_name: str, account_id: str) -> None:
    _original_backend_init(self, region_name, account_id)
    self.sessions = TimedSessions()


def _create_jwt(self: CognitoIdpUserPool, client_id: str, username: str, token_use: str, expires_in: int = 0, extra_data: dict[str, Any] | None = None) -> tuple[str, int]:  # noqa: E501
    lifetime = expires_in or int(SETTINGS["token_seconds"])
    return _original_create_jwt(self, client_id, username, token_use, lifetime, extra_data)


def _initiate_auth(self: CognitoIdpBackend, client_id: str, auth_flow: str, auth_parameters: dict[str, str]) -> dict[str, Any]:  # noqa: E501
    if auth_flow != "USER_SRP_AUTH":
        return _original_initiate_auth(self, client_id, auth_flow, auth_parameters)
    _, pool = _find_pool_by_client(client_id)
    typed = auth_parameters.get("USERNAME") or ""
    user = pool._get_user(typed)
    if user is None:
        raise UserNotFoundError("User does not exist.")
    if user.status == UserStatus.RESET_REQUIRED:
        raise PasswordResetRequiredException()
    result = _original_initiate_auth(self, client_id, auth_flow, auth_parameters)
    session = result["Session"]
    try:
        challenge = srp.start(pool.id, user.username, user.password or "", auth_parameters.get("SRP_A", ""))
    except ValueError as err:
        raise InvalidParameterException(f"SRP_A is not valid: {err}")
    with _lock:
        _srp_challenges[session] = challenge
    result["ChallengeParameters"] = {
        "SALT": challenge.salt_hex,
        "SRP_B": challenge.srp_b_hex,
        "USERNAME": user.username,
        "USER_ID_FOR_SRP": user.username,
        "SECRET_BLOCK": challenge.secret_block,
    }
    return result


def _check_password_claim(session: str, responses: dict[str, str]) -> None:
    with _lock:
        challenge = _srp_challenges.pop(session, None)
    if challenge is None:
        raise NotAuthorizedError(SESSION_EXPIRED)
    if responses.get("PASSWORD_CLAIM_SECRET_BLOCK") != challenge.secret_block:
        raise NotAuthorizedError(WRONG_PASSWORD)
    if responses.get("USERNAME") != challenge.user_id_for_srp:
        raise NotAuthorizedError(WRONG_PASSWORD)
    stamp = responses.get("TIMESTAMP") or ""
    if srp.PADDED_DAY_RE.match(stamp):
        raise NotAuthorizedError(WRONG_PASSWORD)
    if not srp.TIMESTAMP_RE.match(stamp):
        raise InvalidParameterException("TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.")
    claimed = calendar.timegm(time.strptime(stamp, "%a %b %d %H:%M:%S UTC %Y"))
    if abs(claimed - server_now()) > float(SETTINGS["timestamp_window_seconds"]):
        raise NotAuthorizedError(WRONG_PASSWORD)
    if not srp.signature_matches(challenge, stamp, responses.get("PASSWORD_CLAIM_SIGNATURE") or ""):
        raise NotAuthorizedError(WRONG_PASSWORD)


def _respond_to_auth_challenge(self: CognitoIdpBackend, session: str, client_id: str, challenge_name: str, challenge_responses: dict[str, str]) -> dict[str, Any]:  # noqa: E501
    responses = dict(challenge_responses or {})
    if session not in self.sessions or self.sessions.expired(session):
        raise NotAuthorizedError(SESSION_EXPIRED)
    if challenge_name == "PASSWORD_VERIFIER":
        _check_password_claim(session, responses)
        # moto looks the session up under PASSWORD_CLAIM_SECRET_BLOCK.
        responses["PASSWORD_CLAIM_SECRET_BLOCK"] = session
    result = _original_respond(self, session, client_id, challenge_name, responses)
    if result.get("ChallengeName") == "NEW_PASSWORD_REQUIRED":
        _, pool = self.sessions[session]
        user = pool._get_user(responses.get("USERNAME") or "")
        attributes = {} if user is None else {
            a["Name"]: a["Value"] for a in user.attributes if a["Name"] not in ("sub", "email_verified")
        }
        result["ChallengeParameters"] = {
            "USER_ID_FOR_SRP": responses.get("USERNAME") or "",
            "requiredAttributes": "[]",
            "userAttributes": json.dumps(attributes),
        }
    return _string_parameters(result)


def _sign_up(self: CognitoIdpBackend, client_id: str, username: str, password: str, attributes: list[dict[str, str]]) -> tuple[Any, Any]:  # noqa: E501
    user, details = _original_sign_up(self, client_id, username, password, attributes)
    with _lock:
        _codes.setdefault((user.user_pool_id, user.username), {})["sign_up"] = _new_code()
    return user, details


def _forgot_password(self: CognitoIdpBackend, client_id: str, username: str) -> tuple[str | None, dict[str, Any]]:
    _, details = _original_forgot_password(self, client_id, username)
    _, pool = _find_pool_by_client(client_id)
    user = pool._get_user(username)
    if user is None:
        raise UserNotFoundError("Username/client id combination not found.")
    code = _new_code()
    user.confirmation_code = code
    with _lock:
        _codes.setdefault((pool.id, user.username), {})["forgot_password"] = code
    return None, details


def _confirm_forgot_password(self: CognitoIdpBackend, client_id: str, username: str, password: str, confirmation_code: str) -> None:  # noqa: E501
    _, pool = _find_pool_by_client(client_id)
    user = pool._get_user(username)
    if user is None:
        raise UserNotFoundError("Username/client id combination not found.")
    if not user.confirmation_code:
        raise idp_models.ExpiredCodeException("Invalid code provided, please request a code again.")
    if user.confirmation_code != confirmation_code:
        raise CodeMismatchException("Invalid verification code provided, please try again.")
    self._validate_password(pool.id, password)
    user.password = password
    user.confirmation_code = None
    if user.status in (UserStatus.RESET_REQUIRED, UserStatus.FORCE_CHANGE_PASSWORD):
        user.status = UserStatus.CONFIRMED


def _revoke_refresh_token(pool: CognitoIdpUserPool, token: str) -> None:
    entry = pool.refresh_tokens.get(token)
    if entry is None:
        return
    _, _, origin_jti = entry
    pool.refresh_tokens[token] = None
    for access_token in list(pool.access_tokens):
        if _jwt_payload(access_token).get("origin_jti") == origin_jti:
            pool.access_tokens.pop(access_token, None)


# --- user pool responses -----------------------------------------------------------------


def _confirm_sign_up_response(self: CognitoIdpResponse) -> EmptyResult:
    client_id = self._get_param("ClientId")
    username = self._get_param("Username")
    code = self._get_param("ConfirmationCode") or ""
    _, pool = _find_pool_by_client(client_id)
    user = pool._get_user(username)
    if user is None:
        raise UserNotFoundError("Username/client id combination not found.")
    if user.status == UserStatus.CONFIRMED:
        raise NotAuthorizedError("User cannot be confirmed. Current status is CONFIRMED")
    with _lock:
        expected = _codes.get((pool.id, user.username), {}).get("sign_up")
    if expected is None or code != expected:
        raise CodeMismatchException("Invalid verification code provided, please try again.")
    user.status = UserStatus.CONFIRMED
    with _lock:
        _codes.get((pool.id, user.username), {}).pop("sign_up", None)
    return EmptyResult()


def _resend_confirmation_code_response(self: CognitoIdpResponse) -> ActionResult:
    client_id = self._get_param("ClientId")
    username = self._get_param("Username")
    _, pool = _find_pool_by_client(client_id)
    user = pool._get_user(username)
    if user is None:
        raise UserNotFoundError("Username/client id combination not found.")
    if user.status == UserStatus.CONFIRMED:
        raise InvalidParameterException("User is already confirmed.")
    with _lock:
        _codes.setdefault((pool.id, user.username), {})["sign_up"] = _new_code()
    email = user.attribute_lookup.get("email", username)
    first, _, domain = email.partition("@")
    return ActionResult(
        {
            "CodeDeliveryDetails": {
                "Destination": f"{first[:1]}***@{domain[:1]}***",
                "DeliveryMedium": "EMAIL",
                "AttributeName": "email",
            }
        }
    )


def _revoke_token_response(self: CognitoIdpResponse) -> EmptyResult:
    if SETTINGS["revoke_token_fails"]:
        raise InternalErrorException("RevokeToken is switched to fail in this emulator.")
    token = self._get_param("Token") or ""
    client_id = self._get_param("ClientId") or ""
    _, pool = _find_pool_by_client(client_id)
    _revoke_refresh_token(pool, token)
    return EmptyResult()


def _delete_user_response(self: CognitoIdpResponse) -> EmptyResult:
    access_token = self._get_param("AccessToken") or ""
    backend = self.backend
    for pool in backend.user_pools.values():
        if access_token in pool.access_tokens:
            _, username = pool.access_tokens[access_token]
            user = pool._get_user(username)
            if user is None:
                raise UserNotFoundError("User does not exist.")
            pool.sign_out(user.username)
            backend.admin_delete_user(pool.id, user.username)
            return EmptyResult()
    raise NotAuthorizedError("Access Token has been revoked")


# --- identity pool -----------------------------------------------------------------------


def _identity_pool(identity_pool_id: str) -> Any:
    for account_backends in identity_models.cognitoidentity_backends.values():
        for backend in account_backends.values():
            pool = backend.identity_pools.get(identity_pool_id)
            if pool is not None:
                return backend, pool
    raise identity_models.ResourceNotFoundError(identity_pool_id)


def _login_sub(pool: Any, logins: dict[str, str]) -> tuple[str, str]:
    """The (provider, sub) a Logins map proves, or NotAuthorized."""
    if not logins:
        raise IdentityNotAuthorized("Unauthenticated access is not supported for this identity pool.")
    providers = {p.get("ProviderName") for p in (pool.cognito_identity_providers or [])}
    for provider, token in logins.items():
        if provider not in providers:
            raise IdentityNotAuthorized(f"Invalid login token. Not a valid provider for this pool: {provider}")
        user_pool = _find_pool_by_id(provider.rsplit("/", 1)[-1])
        claims = _jwt_payload(token)
        if user_pool is None or token not in user_pool.id_tokens or claims.get("token_use") != "id":
            raise IdentityNotAuthorized("Invalid login token.")
        if float(claims.get("exp", 0)) < time.time():
            raise IdentityNotAuthorized("Invalid login token. Token expired.")
        return provider, str(claims.get("sub"))
    raise IdentityNotAuthorized("Invalid login token.")


def _get_id_response(self: CognitoIdentityResponse) -> str:
    identity_pool_id = self._get_param("IdentityPoolId")
    backend, pool = _identity_pool(identity_pool_id)
    provider, sub = _login_sub(pool, self._get_param("Logins") or {})
    key = (identity_pool_id, provider, sub)
    with _lock:
        identity_id = _identities.get(key)
        if identity_id is None:
            region = identity_pool_id.split(":")[0]
            identity_id = identity_models.get_random_identity_id(region)
            _identities[key] = identity_id
            _identity_owner[identity_id] = key
            backend.pools_identities[identity_pool_id]["Identities"].append(
                {"IdentityId": identity_id, "Logins": [provider]}
            )
    return json.dumps({"IdentityId": identity_id})


def _random_key(length: int, alphabet: str) -> str:
    return "".join(secrets.choice(alphabet) for _ in range(length))


def _get_credentials_for_identity_response(self: CognitoIdentityResponse) -> str:
    identity_id = self._get_param("IdentityId")
    with _lock:
        owner = _identity_owner.get(identity_id)
    if owner is None:
        raise identity_models.ResourceNotFoundError(f"Identity '{identity_id}' not found.")
    identity_pool_id, provider, sub = owner
    _, pool = _identity_pool(identity_pool_id)
    if _login_sub(pool, self._get_param("Logins") or {}) != (provider, sub):
        raise IdentityNotAuthorized("Logins don't match. Please include at least one valid login for this identity.")
    access_key = "ASIA" + _random_key(16, string.ascii_uppercase + string.digits)
    expires = time.time() + float(SETTINGS["credentials_seconds"])
    with _lock:
        ISSUED_CREDENTIALS[access_key] = {"expires": expires, "identity_id": identity_id}
    return json.dumps(
        {
            "Credentials": {
                "AccessKeyId": access_key,
                "SecretKey": _random_key(40, string.ascii_letters + string.digits),
                "SessionToken": _random_key(64, string.ascii_letters + string.digits),
                "Expiration": expires,
            },
            "IdentityId": identity_id,
        }
    )


# --- control API -------------------------------------------------------------------------


def codes_for(user_pool_id: str, username: str) -> dict[str, str]:
    pool = _find_pool_by_id(user_pool_id)
    if pool is None:
        return {}
    user = pool._get_user(username)
    if user is None:
        return {}
    with _lock:
        return dict(_codes.get((pool.id, user.username), {}))


def expire_all_credentials() -> int:
    with _lock:
        for entry in ISSUED_CREDENTIALS.values():
            entry["expires"] = 0.0
        return len(ISSUED_CREDENTIALS)


def credentials_expired(access_key: str) -> bool:
    with _lock:
        entry = ISSUED_CREDENTIALS.get(access_key)
    return entry is not None and entry["expires"] <= time.time()


_moto_list_parts = S3Response.list_parts


def _list_parts_response(self: S3Response) -> Any:
    status, headers, body = _moto_list_parts(self)
    if isinstance(body, bytes):
        body = body.replace(b"ListPartsResponse", b"ListPartsResult", 2)
    elif isinstance(body, str):
        body = body.replace("ListPartsResponse", "ListPartsResult", 2)
    return status, headers, body


def apply() -> None:
    CognitoIdpBackend.__init__ = _backend_init  # type: ignore[method-assign]
    CognitoIdpBackend.initiate_auth = _initiate_auth  # type: ignore[method-assign]
    CognitoIdpBackend.respond_to_auth_challenge = _respond_to_auth_challenge  # type: ignore[method-assign]
    CognitoIdpBackend.sign_up = _sign_up  # type: ignore[method-assign]
    CognitoIdpBackend.forgot_password = _forgot_password  # type: ignore[method-assign]
    CognitoIdpBackend.confirm_forgot_password = _confirm_forgot_password  # type: ignore[method-assign]
    CognitoIdpUserPool.create_jwt = _create_jwt  # type: ignore[method-assign]
    CognitoIdpResponse.confirm_sign_up = _confirm_sign_up_response  # type: ignore[method-assign]
    CognitoIdpResponse.resend_confirmation_code = _resend_confirmation_code_response  # type: ignore[attr-defined]
    CognitoIdpResponse.revoke_token = _revoke_token_response  # type: ignore[attr-defined]
    CognitoIdpResponse.delete_user = _delete_user_response  # type: ignore[attr-defined]
    CognitoIdentityResponse.get_id = _get_id_response  # type: ignore[method-assign]
    CognitoIdentityResponse.get_credentials_for_identity = _get_credentials_for_identity_response  # type: ignore[method-assign]  # noqa: E501
    S3Response.list_parts = _list_parts_response  # type: ignore[method-assign]
