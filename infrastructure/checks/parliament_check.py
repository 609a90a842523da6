#!/usr/bin/env python3
"""Runs parliament over every IAM policy in infrastructure/terraform.

Each `aws_iam_policy_document` is turned into the IAM JSON AWS would receive (iam_documents.py)
and piped to `parliament --json` on stdin, one policy per run, with the community auditors on
and every severity shown. Exits 1 on any finding that is not listed in ACCEPTED with its reason,
on a policy written some other way than a policy document, or when parliament cannot run.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from hcl_model import HclError, Module, load_module
from iam_documents import (
    policy_arguments,
    policy_documents,
    policy_json,
    trust_documents,
)

# The identity id that names a parent's prefix and rows. parliament knows only `${aws:...}` policy
# variables and splits ARNs on ':', so it misreads both `${cognito-identity.amazonaws.com:sub}`
# and a real identity id ("us-east-1:<uuid>") in an S3 object ARN as an extra ARN field and reports
# RESOURCE_MISMATCH for correct object actions. The uuid part stands in for one parent here.
IDENTITY_VARIABLE = "${cognito-identity.amazonaws.com:sub}"
IDENTITY_STAND_IN = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"

# Findings that are right by construction, with why.
TRUST_POLICY_HAS_NO_RESOURCE = (
    "MALFORMED",
    "Statement contains neither Resource nor NotResource",
    "a role's trust policy names who may assume the role, not resources; IAM refuses a trust "
    "policy that has a Resource element",
)


class ParliamentError(RuntimeError):
    """parliament itself could not run or answered nonsense: a failed check, never a pass."""


def parliament_command() -> list[str]:
    executable = Path(sys.executable).parent / "parliament"
    if not executable.exists():
        raise ParliamentError(
            f"parliament is not installed next to {sys.executable}; run infrastructure/checks/run.sh, "
            "which installs it from infrastructure/checks/requirements.txt"
        )
    return [str(executable), "--json", "--include-community-auditors", "--minimum_severity", "INFO"]


def for_parliament(policy: dict[str, Any]) -> str:
    return json.dumps(policy, indent=2).replace(IDENTITY_VARIABLE, IDENTITY_STAND_IN)


def run_parliament(text: str) -> list[dict[str, Any]]:
    done = subprocess.run(parliament_command(), input=text, capture_output=True, text=True, timeout=300)
    if done.returncode not in (0, 1):
        raise ParliamentError(f"parliament failed (exit {done.returncode}):\n{done.stderr.strip()}")
    findings = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    if done.returncode == 1 and not findings:
        raise ParliamentError(f"parliament exited 1 without reporting a finding:\n{done.stderr.strip()}")
    return findings


def accepted(finding: dict[str, Any], is_trust_policy: bool) -> str | None:
    issue, detail, reason = TRUST_POLICY_HAS_NO_RESOURCE
    if is_trust_policy and finding.get("issue") == issue and finding.get("detail") == detail:
        return reason
    return None


def check(module: Module) -> int:
    problems = 0
    for resource, argument, document in policy_arguments(module):
        if document is None:
            print(f"FAIL {resource}.{argument}: not an aws_iam_policy_document, so it cannot be checked")
            problems += 1
    documents = policy_documents(module)
    if not documents:
        print("FAIL no aws_iam_policy_document found; the checks would prove nothing")
        return 1
    trust = trust_documents(module)
    for document in documents:
        try:
            text = for_parliament(policy_json(module, document))
        except HclError as err:
            print(f"FAIL {document.address}: {err}")
            problems += 1
            continue
        try:
            findings = run_parliament(text)
        except ParliamentError as err:
            print(f"FAIL {document.address}: {err}")
            problems += 1
            continue
        kept = []
        for finding in findings:
            reason = accepted(finding, document.address in trust)
            if reason:
                print(f"  accepted {finding['issue']} in {document.address}: {reason}")
            else:
                kept.append(finding)
        if kept:
            problems += len(kept)
            print(f"FAIL {document.address}: {len(kept)} finding(s)")
            for finding in kept:
                print("    " + json.dumps(finding))
            print("  policy as checked:\n" + "\n".join("    " + line for line in text.splitlines()))
        else:
            print(f"ok   {document.address}")
    print(f"parliament: {len(documents)} policy documents, {problems} finding(s)")
    return 1 if problems else 0


def main() -> int:
    try:
        module = load_module()
    except HclError as err:
        print(f"FAIL {err}")
        return 1
    return check(module)


if __name__ == "__main__":
    sys.exit(main())
