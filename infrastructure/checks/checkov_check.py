#!/usr/bin/env python3
"""Runs checkov over infrastructure/terraform, twice: with the defaults (services off) and with the
story services on, since checkov only looks inside resources whose count it can tell is not zero.

Exits 1 when any check fails, when checkov parsed nothing or reported parsing errors, or when a
skipped check has no real reason written next to it (`#checkov:skip=CKV_...:<reason>`). The report
is read as JSON (checkov's --quiet would drop the skipped checks, whose reasons are checked here);
what is printed is checkov's summary line and each failure or skip, one line apiece.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hcl_model import CHECKS_DIR, TERRAFORM_DIR

CHECKOV = CHECKS_DIR / ".venv" / "checkov" / "bin" / "checkov"
SERVICES_ENABLED_VARS = CHECKS_DIR / "services-enabled.tfvars"
SCENARIOS = (("defaults", []), ("services enabled", ["--var-file", str(SERVICES_ENABLED_VARS)]))
# A reason shorter than this many words is a placeholder, not a justification.
MIN_REASON_WORDS = 8


@dataclass
class Result:
    scenario: str
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    resources: int = 0
    problems: list[str] = field(default_factory=list)
    skips: list[str] = field(default_factory=list)


def run_checkov(terraform_dir: Path, scenario: str, extra: list[str], checkov: Path = CHECKOV) -> Result:
    result = Result(scenario)
    if not checkov.exists():
        result.problems.append(
            f"checkov is not installed at {checkov}; "
            "run infrastructure/checks/run.sh, which installs it from requirements-checkov.txt"
        )
        return result
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "results_json.json"
        command = [
            str(checkov),
            "--directory",
            str(terraform_dir),
            "--framework",
            "terraform",
            "--skip-download",
            "--compact",
            "--output",
            "json",
            "--output-file-path",
            scratch,
            *extra,
        ]
        done = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=terraform_dir)
        if done.returncode not in (0, 1) or not report.exists():
            result.problems.append(f"checkov did not run (exit {done.returncode}):\n{done.stderr.strip()[-3000:]}")
            return result
        data = json.loads(report.read_text())
    reports = data if isinstance(data, list) else [data]
    for report_data in reports:
        read_report(report_data, result)
    if done.returncode == 1 and result.failed == 0:
        result.problems.append(f"checkov exited 1 without a failed check:\n{done.stderr.strip()[-3000:]}")
    return result


def read_report(data: dict[str, Any], result: Result) -> None:
    summary = data.get("summary", {})
    result.passed += int(summary.get("passed", 0))
    result.failed += int(summary.get("failed", 0))
    result.skipped += int(summary.get("skipped", 0))
    result.resources += int(summary.get("resource_count", 0))
    if summary.get("parsing_errors"):
        result.problems.append(f"checkov could not parse {summary['parsing_errors']} file(s)")
    results = data.get("results", {})
    for failed in results.get("failed_checks", []):
        where = f"{failed.get('file_path')}:{(failed.get('file_line_range') or ['?'])[0]}"
        result.problems.append(
            f"{failed['check_id']} failed on {failed['resource']} ({where}): {failed.get('check_name')}"
        )
    for skipped in results.get("skipped_checks", []):
        reason = ((skipped.get("check_result") or {}).get("suppress_comment") or "").strip()
        result.skips.append(f"{skipped['check_id']} on {skipped['resource']}: {reason}")
        if len(reason.split()) < MIN_REASON_WORDS:
            result.problems.append(
                f"{skipped['check_id']} is skipped on {skipped['resource']} with the reason {reason!r}; "
                f"write why it does not apply (at least {MIN_REASON_WORDS} words) or fix it"
            )


def main() -> int:
    failures = 0
    for scenario, extra in SCENARIOS:
        result = run_checkov(TERRAFORM_DIR, scenario, extra)
        if result.resources == 0 and not result.problems:
            result.problems.append("checkov found no resources: it checked nothing")
        print(
            f"checkov ({scenario}): Passed checks: {result.passed}, Failed checks: {result.failed}, "
            f"Skipped checks: {result.skipped} ({result.resources} resources)"
        )
        for skip in result.skips:
            print(f"  skipped {skip}")
        for problem in result.problems:
            print(f"FAIL {problem}")
        failures += len(result.problems)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
