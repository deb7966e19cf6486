"""Load YAML data files and validate them, reporting every problem with file, line and field path."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

Model = TypeVar("Model", bound=BaseModel)
FieldPath = tuple[str | int, ...]


class DataError(ValueError):
    """A data file is broken. The message lists each problem as `file:line: field: what to do`."""


def format_path(path: FieldPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


class _Loaded:
    """Plain Python data plus the line on which each field path starts."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.data: Any = None
        self.lines: dict[FieldPath, int] = {}
        self.problems: list[str] = []
        self._constructor = yaml.SafeLoader("")

    def convert(self, node: yaml.Node, where: FieldPath = ()) -> Any:
        self.lines[where] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self._constructor.construct_object(key_node, deep=True)
                if key in result:
                    self.problems.append(
                        f"{self.path}:{key_node.start_mark.line + 1}: {format_path((*where, key))}: "
                        "duplicate key; keep one of them"
                    )
                result[key] = self.convert(value_node, (*where, key))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*where, index)) for index, item in enumerate(node.value)]
        return self._constructor.construct_object(node, deep=True)

    def line_of(self, where: FieldPath) -> int:
        while where and where not in self.lines:
            where = where[:-1]
        return self.lines.get(where, 1)


def load_yaml(path: Path) -> _Loaded:
    """Parse a YAML file into plain data, keeping line numbers; syntax errors become DataError."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise DataError(f"{path}: file not found") from error
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise DataError(f"{path}{line}: not valid YAML ({problem}); fix the syntax at that line") from error
    loaded = _Loaded(path)
    loaded.data = loaded.convert(node) if node is not None else None
    return loaded


def _describe(error: dict[str, Any]) -> str:
    kind = error["type"]
    if kind == "missing":
        return "required field is missing; add it"
    if kind == "extra_forbidden":
        return "unknown field; remove it or check its spelling"
    value = error.get("input")
    shown = repr(value) if not isinstance(value, dict | list) else type(value).__name__
    message = error["msg"].removeprefix("Value error, ")
    return f"{message} (got {shown})"


def validate(model: type[Model], path: Path) -> Model:
    """Load path and validate it against model; raise one DataError listing every problem."""
    loaded = load_yaml(path)
    problems = list(loaded.problems)
    result = None
    try:
        result = model.model_validate(loaded.data if loaded.data is not None else {})
    except ValidationError as error:
        for item in error.errors():
            where = tuple(item["loc"])
            problems.append(f"{path}:{loaded.line_of(where)}: {format_path(where)}: {_describe(item)}")
    if problems:
        raise DataError(f"{len(problems)} problem(s) in {path.name}:\n  " + "\n  ".join(problems))
    return result


def cross_check(problems: list[str]) -> None:
    """Raise a DataError for problems found across files (ids that point nowhere, and so on)."""
    if problems:
        raise DataError(f"{len(problems)} cross-reference problem(s):\n  " + "\n  ".join(problems))
