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
# Beside the layers: the settings, the error vocabulary and the product's fixed vocabulary.
SHARED = {"adreel", "adreel.config", "adreel.errors", "adreel.catalogue"}
# What each part may import from adreel, beyond itself and SHARED (prefixes). The API sees the
# engine and the platform only; the media kit is wired into it by start-up (`adreel.app`),
# which only `adreel.api.app` calls.
ALLOWED = {
    "adreel.platform": (),
    "adreel.media": ("adreel.platform",),
    "adreel.pipeline": ("adreel.media", "adreel.platform"),
    "adreel.engine": ("adreel.pipeline.outside", "adreel.platform"),
    "adreel.api": ("adreel.engine", "adreel.platform"),
}
EXCEPTIONS = {"adreel.api.app": ("adreel.app",)}


def _layer(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "adreel" or len(parts) < 2:
        return None
    top = parts[1]
    if top in INTERFACES:
        return "interfaces"
    return top if top in LAYERS else None


def test_ruff_is_clean() -> None:
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "src", "tests", "benchmarks", "clients"],
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


def _imports(path: Path, module: str) -> list[str]:
    """The adreel modules a file imports, relative imports resolved against `module`."""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            names.append(".".join([*base, *([node.module] if node.module else [])]))
        elif isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
    return [name for name in names if name == "adreel" or name.startswith("adreel.")]


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def forbidden_imports(package: Path) -> list[str]:
    """Every import in `package` that its part of the tree may not make (see ALLOWED)."""
    found = []
    for path in package.rglob("*.py"):
        module = ".".join(("adreel", *path.relative_to(package).with_suffix("").parts))
        module = module.removesuffix(".__init__")
        part = next((p for p in ALLOWED if _within(module, p)), None)
        if part is None:
            continue
        allowed = (part, *ALLOWED[part], *EXCEPTIONS.get(module, ()))
        for name in _imports(path, module):
            if name not in SHARED and not any(_within(name, prefix) for prefix in allowed):
                found.append(f"{module} imports {name}")
    return found


def test_each_part_imports_only_what_it_may() -> None:
    assert not forbidden_imports(PACKAGE)


def test_the_import_rule_catches_a_bad_import(tmp_path: Path) -> None:
    """The rule itself can fail: a route that reaches into the media kit is caught."""
    route = tmp_path / "api" / "routes" / "shortcut.py"
    route.parent.mkdir(parents=True)
    route.write_text("from adreel.media.extract import read_url\nfrom ...pipeline import stages\n", "utf-8")
    engine = tmp_path / "engine" / "shortcut.py"
    engine.parent.mkdir(parents=True)
    engine.write_text("import adreel.api.deps\n", "utf-8")
    assert sorted(forbidden_imports(tmp_path)) == [
        "adreel.api.routes.shortcut imports adreel.media.extract",
        "adreel.api.routes.shortcut imports adreel.pipeline",
        "adreel.engine.shortcut imports adreel.api.deps",
    ]


def test_the_media_kit_never_imports_the_engine_or_the_database() -> None:
    offending = []
    for path in (PACKAGE / "media").rglob("*.py"):
        source = path.read_text("utf-8")
        for forbidden in ("adreel.engine", "adreel.platform.db", "sqlalchemy"):
            if forbidden in source:
                offending.append(f"{path.relative_to(PACKAGE)}: {forbidden}")
    assert not offending, offending
