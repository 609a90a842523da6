"""Shared fixtures: the Terraform as written, and editable copies of it for the self-tests."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from hcl_model import SHAPE_FILE, TERRAFORM_DIR, Module, load_module


@pytest.fixture(scope="session")
def module() -> Module:
    return load_module()


class TerraformCopy:
    """infrastructure/terraform and cloud-shape.json copied to a temp dir, laid out as in the repo."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.terraform = root / "terraform"
        self.shape = root / "cloud-shape.json"
        shutil.copytree(TERRAFORM_DIR, self.terraform, ignore=shutil.ignore_patterns(".terraform*", "*.tfstate*"))
        shutil.copy(SHAPE_FILE, self.shape)

    def replace(self, file: str, old: str, new: str) -> TerraformCopy:
        path = self.terraform / file
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"the edit expects exactly one {old!r} in {file}"
        path.write_text(text.replace(old, new), encoding="utf-8")
        return self

    def append(self, file: str, text: str) -> TerraformCopy:
        path = self.terraform / file
        path.write_text(path.read_text(encoding="utf-8") + "\n" + text, encoding="utf-8")
        return self

    def module(self) -> Module:
        return Module(self.terraform)


@pytest.fixture
def terraform_copy(tmp_path: Path) -> Callable[[], TerraformCopy]:
    return lambda: TerraformCopy(tmp_path / "infrastructure")
