"""The README shows real output: every block after a `<!-- run: bhxh ... -->` marker is the command's
actual output (stdout, then stderr), at 80 columns without colour, run from the repository's root.

Update the README after a change: python tests/test_readme.py --update
"""

import os
import re
import shlex
import sys

from typer.testing import CliRunner

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
README = os.path.join(ROOT, "README.md")
MARKER = re.compile(r"<!-- run: (?P<command>bhxh[^>]*?) -->\n```console\n(?P<body>.*?)```\n", re.S)


def output_of(command: str) -> str:
    from bhxh_cli.cli import app

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:  # the README shows what an 80-column terminal shows, without colour
        result = CliRunner().invoke(app, shlex.split(command)[1:], catch_exceptions=False, prog_name="bhxh",
                                    env={"NO_COLOR": "1", "COLUMNS": "80"})
    finally:
        os.chdir(cwd)
    return f"$ {command}\n" + result.stdout + result.stderr


def rendered(text: str) -> str:
    return MARKER.sub(lambda m: f"<!-- run: {m['command']} -->\n```console\n{output_of(m['command'])}```\n", text)


def test_readme_output_is_real():
    with open(README, encoding="utf-8") as handle:
        text = handle.read()
    blocks = MARKER.findall(text)
    assert len(blocks) >= 5
    for command, body in blocks:
        assert body == output_of(command), f"README output of `{command}` is stale: python tests/test_readme.py --update"


if __name__ == "__main__":
    if "--update" in sys.argv:
        with open(README, encoding="utf-8") as handle:
            text = handle.read()
        with open(README, "w", encoding="utf-8") as handle:
            handle.write(rendered(text))
        print("README.md updated")
