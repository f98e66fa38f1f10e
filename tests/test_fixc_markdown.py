"""Every markdown line that quotes a plan (the title lines, the notes) goes through the markdown sink, as table
cells do: no line starts a formula, none breaks into two."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bhxh_cli.cli import app
from bhxh_cli.output.render import Column, Table, markdown
from bhxh_cli.output.safe import FORMULA_CHARACTERS, markdown_cell

runner = CliRunner()


def plan_text(number: str, area: str) -> str:
    return (f'version: 2\nplan: {{number: "{number}", area: "{area}", year: 2026}}\n'
            'schemes:\n  mandatory: {eligible: 1000, baseline: 900, target: 950}\n')


def test_a_plan_number_that_starts_a_formula_is_guarded_in_the_title(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(plan_text("=HYPERLINK(1)|x", "@Tỉnh \\e[2J\\u202e Hà | Nam"), encoding="utf-8")
    result = runner.invoke(app, ["rates", str(plan), "-f", "markdown"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "### Chỉ tiêu phát triển đối tượng tham gia BHXH năm 2026"
    assert lines[1] == "'=HYPERLINK(1)\\|x · @Tỉnh \\\\x1b\\[2J\\\\u202e Hà \\| Nam"


def text_of(line: str) -> str:
    """A markdown line's own text: without a heading's `### `, a note's `_`."""
    return line.removeprefix("### ").removeprefix("_")


LINE = st.text(min_size=1, max_size=10).filter(lambda text: "\n" not in text)  # "\n" parts a title's lines


@settings(max_examples=200, deadline=None)
@given(LINE, LINE, st.text(min_size=1, max_size=10))
def test_no_title_or_note_line_starts_a_formula_or_breaks(title, second, note):
    table = Table(title + "\n" + second, [Column("name", "text")], [{"name": "x"}], None, [note, "Ghi chú"])
    text = markdown([table], "vi")
    lines = text.splitlines()
    assert lines[0] == "### " + markdown_cell(title)
    assert lines[1] == markdown_cell(second)
    assert lines[-2] == f"_{markdown_cell(note)}_"
    assert len(lines) == 9  # title (2), blank, header, rule, one row, blank, two notes
    for line in (lines[0], lines[1], lines[-2]):
        assert not re.match(f'[\\s"]*[{re.escape(FORMULA_CHARACTERS)}]', text_of(line))
