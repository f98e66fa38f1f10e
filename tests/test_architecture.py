"""The package's layers (pyproject.toml, [tool.importlinter]): imports only point down, the core is pure,
and no two modules import each other. import-linter checks the installed package on every test run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import bhxh_cli

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(package_parent: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if package_parent is not None:  # a copy of the package found before the installed one
        env["PYTHONPATH"] = str(package_parent)
    return subprocess.run([str(LINT_IMPORTS), str(ROOT / "pyproject.toml"), "--no-cache"],
                          capture_output=True, text=True, env=env, cwd=ROOT)


def test_every_import_contract_is_kept():
    result = lint_imports()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


def scratch_copy(tmp_path: Path, module: str, line: str) -> Path:
    copy = tmp_path / "bhxh_cli"
    shutil.copytree(Path(bhxh_cli.__file__).parent, copy, ignore=shutil.ignore_patterns("__pycache__"))
    target = copy / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    return tmp_path


def test_an_import_pointing_up_breaks_the_layers(tmp_path):
    result = lint_imports(scratch_copy(tmp_path, "tables/headers.py", "import bhxh_cli.commands.check"))
    assert result.returncode == 1
    assert "bhxh_cli.tables is not allowed to import bhxh_cli.commands" in result.stdout
    assert "bhxh_cli.tables.headers -> bhxh_cli.commands.check" in result.stdout


def test_an_import_across_readers_and_writers_breaks_the_layers(tmp_path):
    result = lint_imports(scratch_copy(tmp_path, "output/files.py", "import bhxh_cli.tables.positions"))
    assert result.returncode == 1
    assert "bhxh_cli.output is not allowed to import bhxh_cli.tables" in result.stdout


def test_the_core_may_not_import_presentation_libraries(tmp_path):
    result = lint_imports(scratch_copy(tmp_path, "core/rates.py", "import rich"))
    assert result.returncode == 1
    assert "bhxh_cli.core is not allowed to import rich" in result.stdout
    assert "bhxh_cli.core.rates -> rich" in result.stdout


def test_two_core_modules_importing_each_other_break_the_contract(tmp_path):
    result = lint_imports(scratch_copy(tmp_path, "core/rates.py", "import bhxh_cli.core.allocation"))
    assert result.returncode == 1
    assert "No cycles are allowed in bhxh_cli.core" in result.stdout
