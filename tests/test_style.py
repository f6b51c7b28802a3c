"""The tree keeps its shape: lint is clean and imports point down the layers only."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]
PACKAGE = ROOT / "src" / "adreel"

# Lower index = lower layer. A module may import its own layer or lower ones only.
LAYERS = ["platform", "media", "pipeline", "engine", "interfaces"]
INTERFACES = {"api", "cli", "client", "web", "app", "__main__"}


def _layer(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "adreel" or len(parts) < 2:
        return None
    top = parts[1]
    if top in INTERFACES:
        return "interfaces"
    return top if top in LAYERS else None


def test_ruff_is_clean() -> None:
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "src", "tests", "benchmarks"],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_imports_point_down_the_layers() -> None:
    upward = []
    for path in PACKAGE.rglob("*.py"):
        module = ".".join(("adreel", *path.relative_to(PACKAGE).with_suffix("").parts))
        here = _layer(module)
        if here is None:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                there = _layer(name)
                if there is not None and LAYERS.index(there) > LAYERS.index(here):
                    upward.append(f"{module} imports {name}")
    assert not upward, upward


def test_the_media_kit_never_imports_the_engine_or_the_database() -> None:
    offending = []
    for path in (PACKAGE / "media").rglob("*.py"):
        source = path.read_text("utf-8")
        for forbidden in ("adreel.engine", "adreel.platform.db", "sqlalchemy"):
            if forbidden in source:
                offending.append(f"{path.relative_to(PACKAGE)}: {forbidden}")
    assert not offending, offending
