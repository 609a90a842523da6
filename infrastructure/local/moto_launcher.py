#!/usr/bin/env python3
"""Starts the local AWS emulator: moto's server with the Cognito patches of moto_patches.py.

Prints one JSON line {"port": ..., "url": ...} on stdout once the server accepts requests.
Besides the AWS APIs it answers a small control API under /_nocomelon/:
  GET  /_nocomelon/settings            -> the current switches
  POST /_nocomelon/settings            <- JSON with any of the switches to change
  GET  /_nocomelon/codes?user_pool_id=&username=  -> {"sign_up": "123456", "forgot_password": ...}
  POST /_nocomelon/expire-credentials  -> every issued identity-pool credential expires now
  GET  /_nocomelon/signers             -> {"s3": [...], "dynamodb": [...]}: the access key ids that
                                          signed requests to each service, first use first
"""

from __future__ import annotations

import argparse
import email.utils
import json
import os
import re
import sys
import threading
from pathlib import Path
from typing import Any, Callable, Iterable
from urllib.parse import parse_qs

sys.path.insert(0, str(Path(__file__).resolve().parent))

os.environ.setdefault("MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP", "true")

from moto.moto_server.werkzeug_app import (  # noqa: E402
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import make_server  # noqa: E402

import moto_patches  # noqa: E402

CREDENTIAL_RE = re.compile(r"Credential=([^/,\s]+)/[^/]+/[^/]+/([^/]+)/")

# Which access key ids signed requests to which service, so tests can tell whose keys the app used.
SIGNERS: dict[str, list[str]] = {}
SIGNERS_LOCK = threading.Lock()


def _record_signer(service: str, access_key_id: str) -> None:
    with SIGNERS_LOCK:
        seen = SIGNERS.setdefault(service, [])
        if access_key_id not in seen:
            seen.append(access_key_id)

StartResponse = Callable[..., Any]


def _json_response(start_response: StartResponse, status: str, body: Any) -> Iterable[bytes]:
    data = json.dumps(body).encode()
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(data)))])
    return [data]


def _expired_token(start_response: StartResponse, service: str) -> Iterable[bytes]:
    if service == "s3":
        data = (
            b'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>ExpiredToken</Code>'
            b"<Message>The provided token has expired.</Message></Error>"
        )
        start_response("400 Bad Request", [("Content-Type", "application/xml"), ("Content-Length", str(len(data)))])
        return [data]
    body = {
        "__type": "com.amazon.coral.service#ExpiredTokenException",
        "message": "The security token included in the request is expired",
    }
    data = json.dumps(body).encode()
    start_response(
        "400 Bad Request",
        [
            ("Content-Type", "application/x-amz-json-1.0"),
            ("Content-Length", str(len(data))),
            ("x-amzn-ErrorType", "ExpiredTokenException"),
        ],
    )
    return [data]


class EmulatorApp:
    """moto's WSGI app behind the control API and the credential-expiry check."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path.startswith("/_nocomelon/"):
            return self.control(environ, start_response, path[len("/_nocomelon/") :])
        match = CREDENTIAL_RE.search(environ.get("HTTP_AUTHORIZATION", ""))
        if match:
            _record_signer(match.group(2), match.group(1))
        if match and match.group(2) in ("s3", "dynamodb") and moto_patches.credentials_expired(match.group(1)):
            return _expired_token(start_response, match.group(2))
        return self.inner(environ, start_response)

    def control(self, environ: dict[str, Any], start_response: StartResponse, action: str) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        if action == "settings" and method == "GET":
            return _json_response(start_response, "200 OK", moto_patches.SETTINGS)
        if action == "settings" and method == "POST":
            try:
                length = int(environ.get("CONTENT_LENGTH") or 0)
                changes = json.loads(environ["wsgi.input"].read(length) or b"{}")
            except (ValueError, json.JSONDecodeError) as err:
                return _json_response(start_response, "400 Bad Request", {"error": str(err)})
            unknown = sorted(set(changes) - set(moto_patches.SETTINGS))
            if unknown:
                return _json_response(start_response, "400 Bad Request", {"error": f"unknown settings {unknown}"})
            moto_patches.SETTINGS.update(changes)
            return _json_response(start_response, "200 OK", moto_patches.SETTINGS)
        if action == "codes":
            query = parse_qs(environ.get("QUERY_STRING", ""))
            pool_id = (query.get("user_pool_id") or [""])[0]
            username = (query.get("username") or [""])[0]
            return _json_response(start_response, "200 OK", moto_patches.codes_for(pool_id, username))
        if action == "signers" and method == "GET":
            with SIGNERS_LOCK:
                return _json_response(start_response, "200 OK", {k: list(v) for k, v in SIGNERS.items()})
        if action == "expire-credentials" and method == "POST":
            return _json_response(start_response, "200 OK", {"expired": moto_patches.expire_all_credentials()})
        return _json_response(start_response, "404 Not Found", {"error": f"no control action {action}"})


class EmulatorRequestHandler(MotoRequestHandler):
    """Sends the emulator's (possibly offset) clock in the Date header, as AWS sends its own."""

    def date_time_string(self, timestamp: float | None = None) -> str:
        return email.utils.formatdate(moto_patches.server_now(), usegmt=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--credentials-seconds", type=float, default=moto_patches.SETTINGS["credentials_seconds"])
    parser.add_argument("--token-seconds", type=int, default=moto_patches.SETTINGS["token_seconds"])
    parser.add_argument("--session-seconds", type=float, default=moto_patches.SETTINGS["session_seconds"])
    parser.add_argument(
        "--exit-with-stdin",
        action="store_true",
        help="stop when standard input closes (so the server never outlives the process that started it)",
    )
    args = parser.parse_args()

    moto_patches.SETTINGS.update(
        credentials_seconds=args.credentials_seconds,
        token_seconds=args.token_seconds,
        session_seconds=args.session_seconds,
    )
    moto_patches.apply()

    app = EmulatorApp(DomainDispatcherApplication(create_backend_app))
    server = make_server(args.host, args.port, app, threaded=True, request_handler=EmulatorRequestHandler)
    host, port = server.server_address[:2]
    print(json.dumps({"port": port, "url": f"http://{host}:{port}"}), flush=True)

    if args.exit_with_stdin:

        def watch_stdin() -> None:
            while sys.stdin.buffer.read(4096):
                pass
            os._exit(0)

        threading.Thread(target=watch_stdin, daemon=True).start()

    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
