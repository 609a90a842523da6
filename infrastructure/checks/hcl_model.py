"""The Terraform in infrastructure/terraform, read with python-hcl2 into plain values.

checkov and parliament judge resources one at a time; the project's own rules (terraform_rules.py)
need to follow `local.*` and `var.*` to the values a plan would use, including the shapes read from
cloud-shape.json. This module does that for the small expression language the configuration uses:
literals, string templates, references, `!`, `==`, `!=` and `? :`. Anything else stays an
`Unresolved` value, which a rule treats as "cannot be proven", never as a pass.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import hcl2

CHECKS_DIR = Path(__file__).resolve().parent
INFRASTRUCTURE_DIR = CHECKS_DIR.parent
TERRAFORM_DIR = INFRASTRUCTURE_DIR / "terraform"
SHAPE_FILE = INFRASTRUCTURE_DIR / "cloud-shape.json"

# How terraform/locals.tf must read the shared shapes (checked by the rules, evaluated here).
SHAPE_EXPRESSION = 'jsondecode(file("${path.module}/../cloud-shape.json"))'

_META_KEYS = {"__is_block__", "__comments__", "__inline_comments__", "__start_line__", "__end_line__"}
_PATH_STEP_RE = re.compile(r"\.([A-Za-z_][\w-]*)|\[(\d+)\]|\[\"([^\"]*)\"\]")


class HclError(Exception):
    """The configuration could not be read or holds something these checks do not understand."""


@dataclass(frozen=True)
class Ref:
    """A reference to something only known after apply, such as `aws_s3_bucket.media.arn`."""

    expression: str

    def __str__(self) -> str:
        return "{{" + self.expression + "}}"


@dataclass(frozen=True)
class Unresolved:
    """An expression these checks cannot evaluate; rules report it instead of trusting it."""

    expression: str

    def __str__(self) -> str:
        return "<unresolved: " + self.expression + ">"


@dataclass
class Block:
    """One labelled block (resource, data source, variable, output) and where it was written."""

    kind: str
    labels: tuple[str, ...]
    body: dict[str, Any]
    file: Path

    @property
    def address(self) -> str:
        return ".".join(self.labels) if self.kind == "resource" else ".".join((self.kind, *self.labels))


def unquote_label(label: str) -> str:
    if len(label) >= 2 and label[0] == '"' and label[-1] == '"':
        return label[1:-1]
    return label


def strip_meta(value: Any) -> Any:
    """The parsed body without python-hcl2's bookkeeping keys."""
    if isinstance(value, dict):
        return {key: strip_meta(item) for key, item in value.items() if key not in _META_KEYS}
    if isinstance(value, list):
        return [strip_meta(item) for item in value]
    return value


class Module:
    """Every block of one Terraform module directory, with an evaluator for its expressions."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.resources: dict[str, Block] = {}
        self.data: dict[str, Block] = {}
        self.variables: dict[str, Block] = {}
        self.outputs: dict[str, Block] = {}
        self.locals: dict[str, Any] = {}
        self.locals_files: dict[str, Path] = {}
        self.files: list[Path] = sorted(directory.glob("*.tf"))
        if not self.files:
            raise HclError(f"no .tf files in {directory}")
        for path in self.files:
            self._load(path)

    def _load(self, path: Path) -> None:
        try:
            with path.open(encoding="utf-8") as handle:
                parsed = hcl2.load(handle)
        except Exception as err:  # python-hcl2 raises lark errors of many kinds
            raise HclError(f"{path.name} is not valid HCL: {err}") from err
        for block in parsed.get("locals", []):
            for name, value in block.items():
                if name in _META_KEYS:
                    continue
                if name in self.locals:
                    raise HclError(f"local.{name} is defined twice ({self.locals_files[name].name} and {path.name})")
                self.locals[name] = strip_meta(value)
                self.locals_files[name] = path
        for kind, table, depth in (
            ("resource", self.resources, 2),
            ("data", self.data, 2),
            ("variable", self.variables, 1),
            ("output", self.outputs, 1),
        ):
            for entry in parsed.get(kind, []):
                for labels, body in _labelled(entry, depth):
                    key = ".".join(labels)
                    if key in table:
                        raise HclError(f"{kind} {key} is defined twice")
                    table[key] = Block(kind, labels, strip_meta(body), path)

    # --- looking things up ---------------------------------------------------------------------

    def resource(self, address: str) -> Block:
        if address not in self.resources:
            raise HclError(f"resource {address} is missing from {self.directory}")
        return self.resources[address]

    def resources_of_type(self, resource_type: str) -> list[Block]:
        return [block for block in self.resources.values() if block.labels[0] == resource_type]

    def data_of_type(self, data_type: str) -> list[Block]:
        return [block for block in self.data.values() if block.labels[0] == data_type]

    def shape(self) -> dict[str, Any]:
        """cloud-shape.json as the module's `local.shape` reads it."""
        value = self.evaluate_local("shape")
        if not isinstance(value, dict):
            raise HclError(f"local.shape does not evaluate to the shapes file: {value}")
        return value

    # --- evaluating ----------------------------------------------------------------------------

    def evaluate_local(self, name: str, _seen: tuple[str, ...] = ()) -> Any:
        if name not in self.locals:
            return Unresolved(f"local.{name}")
        if name in _seen:
            raise HclError(f"local.{name} refers to itself")
        return self.evaluate(self.locals[name], _seen + (name,))

    def evaluate(self, value: Any, _seen: tuple[str, ...] = ()) -> Any:
        """A parsed HCL value with every expression evaluated as far as it can be."""
        if isinstance(value, bool) or value is None or isinstance(value, (int, float)):
            return value
        if isinstance(value, list):
            return [self.evaluate(item, _seen) for item in value]
        if isinstance(value, dict):
            return {key: self.evaluate(item, _seen) for key, item in value.items()}
        if not isinstance(value, str):
            raise HclError(f"unexpected value {value!r}")
        if len(value) >= 2 and value.startswith('"') and value.endswith('"'):
            return self._template(value[1:-1], _seen)
        if value.startswith("${") and value.endswith("}"):
            return self.expression(value[2:-1], _seen)
        if value.startswith("<<"):
            return Unresolved(value)
        raise HclError(f"unexpected value {value!r}")

    def _template(self, text: str, seen: tuple[str, ...]) -> Any:
        parts = split_template(text)
        if len(parts) == 1 and parts[0][0] == "expr":
            # "${x}" alone is the value of x itself, as in Terraform.
            return self.expression(parts[0][1], seen)
        rendered = []
        for kind, part in parts:
            if kind == "text":
                rendered.append(part)
                continue
            evaluated = self.expression(part, seen)
            if isinstance(evaluated, bool):
                rendered.append("true" if evaluated else "false")
            elif isinstance(evaluated, (str, int, float, Ref)):
                rendered.append(str(evaluated))
            else:
                return Unresolved('"' + text + '"')
        return "".join(rendered)

    def expression(self, text: str, seen: tuple[str, ...] = ()) -> Any:
        text = text.strip()
        if text == SHAPE_EXPRESSION:
            try:
                return json.loads((self.directory / ".." / "cloud-shape.json").resolve().read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as err:
                raise HclError(f"{SHAPE_EXPRESSION} cannot be read: {err}") from err
        try:
            return _ExpressionParser(text, self, seen).parse()
        except _CannotEvaluate:
            return Unresolved(text)

    def reference(self, text: str, seen: tuple[str, ...]) -> Any:
        steps = [m for m in _PATH_STEP_RE.finditer(text)]
        root = text.split(".", 1)[0].split("[", 1)[0]
        if root == "local" and steps:
            value = self.evaluate_local(steps[0].group(1), seen)
            return _walk(value, steps[1:], text)
        if root == "var" and steps:
            name = steps[0].group(1)
            variable = self.variables.get(name)
            if variable is None:
                raise HclError(f"var.{name} is used but never declared")
            if "default" not in variable.body:
                return Unresolved(text)
            return _walk(self.evaluate(variable.body["default"], seen), steps[1:], text)
        return Ref(text)


def _walk(value: Any, steps: list[re.Match[str]], text: str) -> Any:
    for step in steps:
        if isinstance(value, (Ref, Unresolved)):
            return value
        attribute, index, key = step.group(1), step.group(2), step.group(3)
        if attribute is not None and isinstance(value, dict) and attribute in value:
            value = value[attribute]
        elif key is not None and isinstance(value, dict) and key in value:
            value = value[key]
        elif index is not None and isinstance(value, list) and int(index) < len(value):
            value = value[int(index)]
        else:
            raise HclError(f"{text} names something that does not exist")
    return value


def _labelled(entry: dict[str, Any], depth: int) -> list[tuple[tuple[str, ...], dict[str, Any]]]:
    found = []
    for label, inner in entry.items():
        if label in _META_KEYS:
            continue
        if depth == 1:
            found.append(((unquote_label(label),), inner))
        else:
            for labels, body in _labelled(inner, depth - 1):
                found.append(((unquote_label(label), *labels), body))
    return found


def split_template(text: str) -> list[tuple[str, str]]:
    """A quoted HCL string's parts: ("text", literal) and ("expr", interpolated expression).

    `$${` is HCL's escape for a literal `${` (how IAM policy variables are written), so it comes
    back as text; backslash escapes are decoded.
    """
    parts: list[tuple[str, str]] = []
    literal: list[str] = []
    i = 0
    while i < len(text):
        if text.startswith("$${", i):
            literal.append("${")
            i += 3
        elif text.startswith("%%{", i):
            literal.append("%{")
            i += 3
        elif text.startswith("${", i):
            end = _closing_brace(text, i + 2)
            if literal:
                parts.append(("text", "".join(literal)))
                literal = []
            parts.append(("expr", text[i + 2 : end]))
            i = end + 1
        elif text.startswith("%{", i):
            raise HclError(f"template directives are not supported here: {text!r}")
        elif text[i] == "\\" and i + 1 < len(text):
            literal.append({"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}.get(text[i + 1], "\\" + text[i + 1]))
            i += 2
        else:
            literal.append(text[i])
            i += 1
    if literal or not parts:
        parts.append(("text", "".join(literal)))
    return parts


def _closing_brace(text: str, start: int) -> int:
    depth = 0
    in_string = False
    i = start
    while i < len(text):
        char = text[i]
        if in_string:
            if char == "\\":
                i += 2
                continue
            if char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char == "{":
            depth += 1
        elif char == "}":
            if depth == 0:
                return i
            depth -= 1
        i += 1
    raise HclError(f"unclosed interpolation in {text!r}")


class _CannotEvaluate(Exception):
    pass


_TOKEN_RE = re.compile(
    r"""\s*(?:
        (?P<string>"(?:[^"\\]|\\.)*")
      | (?P<number>\d+(?:\.\d+)?)
      | (?P<op>==|!=|&&|\|\||[!?:()])
      | (?P<ref>[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[\d+\]|\["[^"]*"\])*)
    )""",
    re.VERBOSE,
)


class _ExpressionParser:
    """Recursive descent over the subset: cond ? a : b, ||, &&, ==, !=, !, literals, references."""

    def __init__(self, text: str, module: Module, seen: tuple[str, ...]) -> None:
        self.module = module
        self.seen = seen
        self.tokens: list[tuple[str, str]] = []
        position = 0
        while position < len(text):
            match = _TOKEN_RE.match(text, position)
            if not match or match.end() == position:
                if text[position:].strip() == "":
                    break
                raise _CannotEvaluate()
            kind = match.lastgroup or ""
            self.tokens.append((kind, match.group(kind)))
            position = match.end()
        self.position = 0

    def parse(self) -> Any:
        value = self._conditional()
        if self.position != len(self.tokens):
            raise _CannotEvaluate()
        return value

    def _peek(self) -> tuple[str, str] | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def _take(self, op: str) -> bool:
        token = self._peek()
        if token and token[0] == "op" and token[1] == op:
            self.position += 1
            return True
        return False

    def _conditional(self) -> Any:
        condition = self._or()
        if not self._take("?"):
            return condition
        if_true = self._conditional()
        if not self._take(":"):
            raise _CannotEvaluate()
        if_false = self._conditional()
        if not isinstance(condition, bool):
            raise _CannotEvaluate()
        return if_true if condition else if_false

    def _or(self) -> Any:
        left = self._and()
        while self._take("||"):
            right = self._and()
            if not isinstance(left, bool) or not isinstance(right, bool):
                raise _CannotEvaluate()
            left = left or right
        return left

    def _and(self) -> Any:
        left = self._equality()
        while self._take("&&"):
            right = self._equality()
            if not isinstance(left, bool) or not isinstance(right, bool):
                raise _CannotEvaluate()
            left = left and right
        return left

    def _equality(self) -> Any:
        left = self._unary()
        while True:
            if self._take("=="):
                right = self._unary()
                left = self._compare(left, right)
            elif self._take("!="):
                right = self._unary()
                left = not self._compare(left, right)
            else:
                return left

    @staticmethod
    def _compare(left: Any, right: Any) -> bool:
        if isinstance(left, (Ref, Unresolved)) or isinstance(right, (Ref, Unresolved)):
            raise _CannotEvaluate()
        return bool(left == right)

    def _unary(self) -> Any:
        if self._take("!"):
            value = self._unary()
            if not isinstance(value, bool):
                raise _CannotEvaluate()
            return not value
        return self._primary()

    def _primary(self) -> Any:
        if self._take("("):
            value = self._conditional()
            if not self._take(")"):
                raise _CannotEvaluate()
            return value
        token = self._peek()
        if token is None:
            raise _CannotEvaluate()
        self.position += 1
        kind, text = token
        if kind == "string":
            return self.module._template(text[1:-1], self.seen)
        if kind == "number":
            return float(text) if "." in text else int(text)
        if kind == "ref":
            if text == "true":
                return True
            if text == "false":
                return False
            if text == "null":
                return None
            nxt = self._peek()
            if nxt and nxt[0] == "op" and nxt[1] == "(":
                raise _CannotEvaluate()  # a function call
            value = self.module.reference(text, self.seen)
            if isinstance(value, Unresolved):
                raise _CannotEvaluate()
            return value
        raise _CannotEvaluate()


def load_module(directory: Path = TERRAFORM_DIR) -> Module:
    return Module(directory)


def as_list(value: Any) -> list[Any]:
    """Blocks come back from python-hcl2 as lists; an absent one is an empty list."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return [value]
