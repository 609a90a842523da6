#!/usr/bin/env python3
"""Fuzzes the nocomelon-services server from its OpenAPI document with Schemathesis, signed in
with a real access token of the project's local AWS emulator.

It starts the emulator (infrastructure/local/moto_launcher.py) on a free port, provisions it
(provision.py writes the cloud config the app and the server read), creates a confirmed user and
signs it in, builds and starts `nocomelon-services --listen 127.0.0.1:0 --config <that config>`,
runs `schemathesis run` against it with the user's token, and stops everything. The exit code is
Schemathesis's: 0 when every check passed.

    python3 src-tauri/crates/services/contract/run.py [--max-examples N] [--seed N] [--binary PATH]

The first run makes a venv next to this file from requirements.txt (the emulator's pinned
packages and Schemathesis); a missing Python, venv module or pip fails with what to install.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import IO

HERE = Path(__file__).resolve().parent
CRATE = HERE.parent
REPO = CRATE.parents[2]
EMULATOR = REPO / "infrastructure" / "local"
VENV = HERE / ".venv"
REQUIREMENTS = HERE / "requirements.txt"
OPENAPI = CRATE / "openapi.json"
HOOKS = HERE / "hooks.py"
INSTALL_PYTHON = "apt-get install python3 python3-venv python3-pip"

# Checks that need resources the API creates and then reads back (these services create none),
# and the built-in acceptance of valid data, which hooks.py replaces with one that knows the
# content rules JSON Schema cannot state.
EXCLUDED_CHECKS = (
    "use_after_free,ensure_resource_availability,object_level_authorization,positive_data_acceptance"
)
# The server's own rate limit would answer most of the fuzzing with 429s; it is raised for the run
# (its 429 answers are covered by the crate's tests).
FUZZ_RATE = ["--requests-per-minute", "100000", "--burst", "100000"]
EMAIL = "contract@example.org"
PASSWORD = "Contract7Moon"


def fail(message: str) -> None:
    print(f"contract: {message}", file=sys.stderr, flush=True)
    sys.exit(2)


def say(message: str) -> None:
    print(f"contract: {message}", flush=True)


def tail(completed: subprocess.CompletedProcess[str]) -> str:
    lines = [line for line in (completed.stdout + completed.stderr).splitlines() if line.strip()]
    return " | ".join(lines[-6:]) or f"exit code {completed.returncode}"


def venv_ready(python: Path) -> bool:
    probe = "import moto, boto3, schemathesis; assert moto.__version__ == '5.2.5', moto.__version__"
    return subprocess.run([str(python), "-c", probe], capture_output=True).returncode == 0


def ensure_venv() -> Path:
    """The venv's interpreter, made and filled on first use."""
    python = VENV / "bin" / "python"
    if python.exists() and venv_ready(python):
        return python
    if not python.exists():
        made = subprocess.run([sys.executable, "-m", "venv", str(VENV)], capture_output=True, text=True)
        if made.returncode != 0:
            shutil.rmtree(VENV, ignore_errors=True)
            fail(f"Python's venv module could not create {VENV} ({tail(made)}). Install it: {INSTALL_PYTHON}.")
    pip = subprocess.run([str(python), "-m", "pip", "--version"], capture_output=True, text=True)
    if pip.returncode != 0:
        fail(f"the venv at {VENV} has no pip ({tail(pip)}). Install it: {INSTALL_PYTHON}, then delete {VENV}.")
    say(f"installing {REQUIREMENTS.name} into {VENV} (once)")
    installed = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", str(REQUIREMENTS)],
        capture_output=True,
        text=True,
    )
    if installed.returncode != 0:
        fail(
            f"pip could not install {REQUIREMENTS} ({tail(installed)}). It needs moto, boto3 and schemathesis "
            "from PyPI: check that PyPI can be reached."
        )
    if not venv_ready(python):
        fail(f"moto 5.2.5, boto3 or schemathesis is still not importable from {python}.")
    return python


def first_line(stream: IO[str], seconds: float, what: str, log: Path | None = None) -> str:
    """The first line `stream` prints, or a failure after `seconds`."""
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: lines.put(stream.readline()), daemon=True).start()
    try:
        line = lines.get(timeout=seconds)
    except queue.Empty:
        line = ""
    if not line.strip():
        detail = f"; its log:\n{log.read_text(errors='replace')}" if log and log.exists() else ""
        fail(f"{what} printed nothing within {seconds:.0f} s{detail}")
    return line.strip()


def build_binary() -> Path:
    if shutil.which("cargo") is None:
        fail("cargo is not on the PATH. Install Rust from https://rustup.rs, or pass --binary.")
    say("building nocomelon-services")
    built = subprocess.run(["cargo", "build", "-p", "services", "--bin", "nocomelon-services"], cwd=REPO)
    if built.returncode != 0:
        fail("cargo could not build nocomelon-services (see above).")
    metadata = subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--no-deps"], cwd=REPO, capture_output=True, text=True
    )
    if metadata.returncode != 0:
        fail(f"cargo metadata failed ({tail(metadata)}).")
    return Path(json.loads(metadata.stdout)["target_directory"]) / "debug" / "nocomelon-services"


def clean_env() -> dict[str, str]:
    """This environment without the AWS settings of whoever runs it."""
    return {name: value for name, value in os.environ.items() if not name.startswith("AWS_")}


def start_emulator(python: Path, workdir: Path) -> tuple[subprocess.Popen[str], str]:
    log = workdir / "emulator.log"
    process = subprocess.Popen(
        [str(python), str(EMULATOR / "moto_launcher.py"), "--port", "0", "--exit-with-stdin"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=log.open("w"),
        text=True,
        env=clean_env(),
    )
    assert process.stdout is not None
    line = first_line(process.stdout, 90, "the AWS emulator", log)
    try:
        return process, json.loads(line)["url"]
    except (json.JSONDecodeError, KeyError):
        fail(f"the emulator printed {line!r} instead of its address")
        raise


def provision(python: Path, url: str, config: Path) -> dict[str, str]:
    done = subprocess.run(
        [str(python), str(EMULATOR / "provision.py"), "--endpoint-url", url, "--out", str(config)],
        capture_output=True,
        text=True,
        env=clean_env(),
    )
    if done.returncode != 0:
        fail(f"provision.py failed ({tail(done)})")
    return json.loads(config.read_text())


def access_token(url: str, config: dict[str, str]) -> str:
    """Creates a confirmed user with the admin API and signs it in: a real access token of the pool."""
    import boto3

    idp = boto3.session.Session(
        aws_access_key_id="emulator", aws_secret_access_key="emulator", region_name=config["region"]
    ).client("cognito-idp", endpoint_url=url)
    pool = config["user_pool_id"]
    idp.admin_create_user(
        UserPoolId=pool,
        Username=EMAIL,
        TemporaryPassword=PASSWORD,
        MessageAction="SUPPRESS",
        UserAttributes=[{"Name": "email", "Value": EMAIL}, {"Name": "email_verified", "Value": "true"}],
    )
    idp.admin_set_user_password(UserPoolId=pool, Username=EMAIL, Password=PASSWORD, Permanent=True)
    answer = idp.admin_initiate_auth(
        UserPoolId=pool,
        ClientId=config["client_id"],
        AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": EMAIL, "PASSWORD": PASSWORD},
    )
    return answer["AuthenticationResult"]["AccessToken"]


def start_server(binary: Path, config: Path, workdir: Path) -> tuple[subprocess.Popen[str], str, Path]:
    if not binary.is_file():
        fail(f"{binary} does not exist; build it with `cargo build -p services` or pass --binary.")
    log = workdir / "services.log"
    process = subprocess.Popen(
        [str(binary), "--listen", "127.0.0.1:0", "--config", str(config), *FUZZ_RATE],
        stdout=subprocess.PIPE,
        stderr=log.open("w"),
        text=True,
    )
    assert process.stdout is not None
    line = first_line(process.stdout, 30, "nocomelon-services", log)
    prefix = "listening on "
    if not line.startswith(prefix):
        fail(f"nocomelon-services printed {line!r} instead of its address")
    return process, line[len(prefix) :], log


def stop(process: subprocess.Popen[str], name: str) -> int:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        fail(f"{name} did not stop within 30 s of SIGTERM")
        return -1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", type=Path, help="a built nocomelon-services (default: cargo builds it)")
    parser.add_argument("--max-examples", type=int, default=500, help="test cases per operation and phase")
    parser.add_argument("--seed", type=int, help="Schemathesis's seed, to repeat a run")
    parser.add_argument("--keep-logs", type=Path, help="copy the server's and the emulator's logs here")
    args = parser.parse_args()

    if Path(sys.prefix).resolve() != VENV.resolve():
        python = ensure_venv()
        os.execv(str(python), [str(python), str(Path(__file__).resolve()), *sys.argv[1:]])
    python = Path(sys.executable)
    binary = (args.binary or build_binary()).resolve()

    with tempfile.TemporaryDirectory(prefix="nocomelon-contract-") as temp:
        workdir = Path(temp)
        emulator, url = start_emulator(python, workdir)
        server = None
        try:
            say(f"AWS emulator at {url}")
            config_path = workdir / "cloud.json"
            config = provision(python, url, config_path)
            token = access_token(url, config)
            server, base, server_log = start_server(binary, config_path, workdir)
            say(f"nocomelon-services at {base}, trusting user pool {config['user_pool_id']}")
            command = [
                str(VENV / "bin" / "schemathesis"),
                "run",
                str(OPENAPI),
                "--url",
                base,
                "--header",
                f"Authorization: Bearer {token}",
                "--checks",
                "all",
                "--exclude-checks",
                EXCLUDED_CHECKS,
                "--max-examples",
                str(args.max_examples),
                "--request-timeout",
                "30",
                "--report",
                "junit",
                "--report-dir",
                str(workdir / "report"),
            ]
            if args.seed is not None:
                command += ["--seed", str(args.seed)]
            shown = [part if "Bearer" not in part else "Authorization: Bearer <token>" for part in command[1:]]
            say("schemathesis " + " ".join(shown))
            env = {**os.environ, "SCHEMATHESIS_TELEMETRY": "false", "SCHEMATHESIS_HOOKS": str(HOOKS)}
            code = subprocess.run(command, cwd=workdir, env=env).returncode
        finally:
            if server is not None:
                server_code = stop(server, "nocomelon-services")
                if server_code != 0:
                    say(f"nocomelon-services exited with {server_code} after SIGTERM")
            if emulator.stdin:
                emulator.stdin.close()
            stop(emulator, "the AWS emulator")
            if args.keep_logs:
                args.keep_logs.mkdir(parents=True, exist_ok=True)
                for log in workdir.glob("*.log"):
                    shutil.copy(log, args.keep_logs / log.name)
                if (workdir / "report").is_dir():
                    shutil.copytree(workdir / "report", args.keep_logs / "report", dirs_exist_ok=True)
        if server is not None and server_code != 0:
            say(f"the server's log:\n{server_log.read_text(errors='replace')[-4000:]}")
            return server_code or 1
    say("passed" if code == 0 else f"schemathesis failed (exit code {code})")
    return code


if __name__ == "__main__":
    sys.exit(main())
