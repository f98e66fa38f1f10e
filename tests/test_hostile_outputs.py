"""Hostile text in every output: nothing a spreadsheet runs, no forged row or line, nothing a terminal
interprets, no crash; what bhxh writes, bhxh reads back (output/safe.py, diagnostics.one_line, planfile)."""

import codecs
import csv
import io
import json
import os
import re
import unicodedata

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bhxh_cli.cli import app
from bhxh_cli.core.names import normalized_name
from bhxh_cli.diagnostics import Diagnostic, one_line, report_github, report_text
from bhxh_cli.output import render, safe
from bhxh_cli.plan.loading import parse
from bhxh_cli.core.codes import code_problem
from bhxh_cli.plan.models import bundled_plan, read_plan, validate_document
from bhxh_cli.plan.planfile import communes_block, with_communes

runner = CliRunner()

FORMULA = tuple("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
NUMBER = re.compile(r"-?\d+(\.\d+)?")

# Formula starts after every separator and line break Excel might use; markup; terminal controls; markdown.
HOSTILE = [
    "=cmd|' /C calc'!A0", "+1", "-1+2", "@SUM(A1)", "\t=1", "A;=cmd|x", "B,=cmd", 'C\r=HYPERLINK("x")',
    "D\n@x", "E\r\n-1", "F\u2028=1", "G\x85+1", 'H","=1', "I; =1", "J\x0b=1", "\uff1d1", 'K;"=1',
    "[link=https://evil.example]L[/link]", "[/]", "[bold red]M", "\x1b[31mN\x1b[0m", "\x07O\x00", "\u202eP",
    "\u2066Q\u2069", "\x9b2J R", "a|b", "**S**", "<script>T</script>", "U\n| forged | row |", "V\\|W", "…X...",
]
NO_LINE_BREAKS = [name for name in HOSTILE if not re.search("[\r\n\x0b\x85\u2028]", name)]
IN_WORKBOOKS = [name for name in HOSTILE if not ILLEGAL_CHARACTERS_RE.search(name)]  # what openpyxl can store

pytestmark = pytest.mark.usefixtures("english_module")  # asserts the English messages


def run(*args):
    return runner.invoke(app, list(args), catch_exceptions=False)


def split(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def plan_with_communes(folder, names) -> str:
    """The bundled plan split among communes with these names (counts that add up to the district's)."""
    doc, plan, _ = read_plan(None)
    shares = {scheme: list(zip(split(c.eligible, len(names)), split(c.enrolled, len(names))))
              for scheme, c in plan.schemes.items()}
    items = [(f"C{i:03d}", name, {s: {"eligible": shares[s][i][0], "enrolled": shares[s][i][1]} for s in shares})
             for i, name in enumerate(names)]
    path = os.path.join(folder, "plan.yaml")
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(with_communes(doc.source, doc, plan, communes_block(items, "hostile names")))
    return path


def report_for(folder, names) -> str:
    path = os.path.join(folder, "report.csv")
    with open(path, "w", encoding="utf-8", newline="") as handle:  # each row named as the plan names it
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL)
        writer.writerow(["code", "name", "mandatory_enrolled", "voluntary_enrolled", "unemployment_enrolled"])
        writer.writerows([f"C{i:03d}", name, 10, 1, 9] for i, name in enumerate(names))
    return path


def communes_xlsx(folder, names) -> str:
    """A communes workbook with these names stored as text cells."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["code", "name", "mandatory_eligible", "voluntary_eligible", "unemployment_eligible"])
    columns = [split(15890, len(names)), split(71313, len(names)), split(14360, len(names))]
    for i, name in enumerate(names):
        sheet.append([f"{100 + i}", "x", *(c[i] for c in columns)])
        cell = sheet.cell(row=i + 2, column=2)
        cell.value, cell.data_type = name, "s"
    path = os.path.join(folder, "communes.xlsx")
    book.save(path)
    return path


def communes_csv(folder, names) -> str:
    path = os.path.join(folder, "communes.csv")
    columns = [split(15890, len(names)), split(71313, len(names)), split(14360, len(names))]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "name", "mandatory_eligible", "voluntary_eligible", "unemployment_eligible"])
        for i, name in enumerate(names):
            writer.writerow([f"{100 + i}", name, *(c[i] for c in columns)])
    return path


def assert_inert(csv_output: str) -> None:
    """Split naively on `,` or `;` and on any line ending, no piece (after spaces and quotes) starts a
    formula, unless it is a number."""
    for line in re.split(r"\r\n|\r|\n", csv_output):
        for separator in ",;":
            for piece in line.split(separator):
                bare = piece.strip().strip('"').strip()
                assert NUMBER.fullmatch(bare) or not bare.startswith(FORMULA), (line, piece)
    assert not UNSAFE.search(csv_output.replace("\n", "")), csv_output


# -- csv ---------------------------------------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(), min_size=1, max_size=5))
def test_any_text_in_a_csv_is_inert_and_reads_back_as_made_safe(names):
    rows = [{"code": str(i), "name": name, "count": -i} for i, name in enumerate(names)]
    text = render.csv_text(["code", "name", "count"], rows)
    assert_inert(text)
    read = list(csv.reader(io.StringIO(text)))
    assert [row[1] for row in read[1:]] == [safe.csv_cell(name) for name in names]


def test_the_csv_mapping():
    assert [safe.csv_cell(t) for t in ["Xã Thọ Sơn", "=1+1", "A;=cmd|x", "B, -1", 'C,"@x', "D\r\n=1", "\t+1",
                                       "\uff1dx", "Hợp-Lý", "e@x.vn"]] == [
        "Xã Thọ Sơn", "'=1+1", "A;'=cmd|x", "B, '-1", "C,\"'@x", "D\\r\\n=1", "\\t+1", "'\uff1dx", "Hợp-Lý",
        "e@x.vn"]


def own_plan(tmp_path) -> str:
    """The bundled plan's text as a plan of one's own: the bundled plan itself refuses communes not of its area."""
    path = tmp_path / "own_plan.yaml"
    if not path.exists():
        path.write_text(open(bundled_plan(), encoding="utf-8").read(), encoding="utf-8")
    return str(path)


def json_names(*args) -> list[str]:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    rows = document.get("allocations") or document.get("communes") or document.get("rows")
    return [row["name"] for row in rows]


def assert_csv_of(*args) -> None:
    result = run(*args, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert_inert(result.stdout)
    read = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["name"] for row in read] == [safe.csv_cell(name) for name in json_names(*args)]


def test_csv_of_rates_by_commune_and_gap_with_and_without_a_report(tmp_path):
    plan = plan_with_communes(tmp_path, HOSTILE)
    assert json_names("rates", plan, "--by", "commune")[: len(HOSTILE)] == HOSTILE  # the names as written
    assert_csv_of("rates", plan, "--by", "commune")
    assert_csv_of("gap", "--plan", plan)
    assert_csv_of("gap", "--plan", plan, "--actual", report_for(tmp_path, HOSTILE))


def test_csv_of_allocate_from_a_workbook_and_a_csv_table(tmp_path):
    assert_csv_of("allocate", "--plan", own_plan(tmp_path), "--communes", communes_xlsx(tmp_path, IN_WORKBOOKS))
    assert_csv_of("allocate", "--plan", own_plan(tmp_path), "--communes", communes_csv(tmp_path, NO_LINE_BREAKS))


def test_a_csv_file_output_is_inert_too(tmp_path):
    plan = plan_with_communes(tmp_path, HOSTILE)
    out = tmp_path / "out.csv"
    assert run("gap", "--plan", plan, "--output", str(out)).exit_code == 0
    text = out.read_bytes().decode("utf-8-sig")
    assert_inert(text)
    assert [r["name"] for r in csv.DictReader(io.StringIO(text))] == [
        safe.csv_cell(n) for s in range(3) for n in HOSTILE]


# -- markdown ----------------------------------------------------------------------------------------

def unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)(?:\\\\)*\|", line))


def assert_markdown_rows(text: str, rows_per_table: int) -> None:
    tables = text.split("\n### ")
    for table in tables:
        lines = table.splitlines()
        header = next(i for i, line in enumerate(lines) if line.startswith("| "))
        width = unescaped_pipes(lines[header])
        body = [line for line in lines[header + 2:] if line.startswith("|")]
        assert all(unescaped_pipes(line) == width for line in lines[header:header + 2 + len(body)])
        assert len(body) == rows_per_table + 1  # and the total row
        assert not UNSAFE.search(table.replace("\n", ""))
        for line in body:  # the code and the name: the text cells
            for cell in re.split(r"(?<!\\)\|", line)[1:3]:
                assert not cell.strip().strip("*").startswith(FORMULA[:4] + FORMULA[6:]), line


@pytest.mark.parametrize("command", [["rates", "--by", "commune"], ["gap"], ["gap", "--actual"]])
def test_markdown_rows_cannot_be_forged(tmp_path, command):
    plan = plan_with_communes(tmp_path, HOSTILE)
    args = [command[0], plan, *command[1:]] if command[0] == "rates" else ["gap", "--plan", plan]
    if command[-1] == "--actual":
        args += ["--actual", report_for(tmp_path, HOSTILE)]
    result = run(*args, "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    assert_markdown_rows(result.stdout, len(HOSTILE))
    assert "| U\\\\n\\| forged \\| row \\| |" in result.stdout
    assert "\\[link=https://evil.example\\]L\\[/link\\]" in result.stdout
    assert "\\<script\\>T\\</script\\>" in result.stdout and "\\*\\*S\\*\\*" in result.stdout


def test_markdown_of_allocate(tmp_path):
    result = run("allocate", "--plan", own_plan(tmp_path), "--communes", communes_csv(tmp_path, NO_LINE_BREAKS), "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    assert_markdown_rows(result.stdout, len(NO_LINE_BREAKS))
    assert "| 100 | '=cmd\\|' /C calc'!A0 |" in result.stdout


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_stays_in_its_markdown_cell(text):
    table = render.Table("t", [render.Column("name"), render.Column("eligible", "count")],
                         [{"name": text, "eligible": 1}])
    out = render.markdown([table], "en")
    lines = out.splitlines()
    assert len(lines) == 5 and unescaped_pipes(lines[4]) == 3


# -- terminal ----------------------------------------------------------------------------------------

def assert_terminal_safe(text: str) -> None:
    assert not UNSAFE.search(text.replace("\n", "")), [c for c in text if UNSAFE.match(c) and c != "\n"]
    assert "\\x1b[31mN\\x1b[0m" in text and "\\u202eP" in text and "\\x07O\\x00" in text
    assert "[link=https://evil.example]L[/link]" in text and "[/]" in text and "[bold red]M" in text


@pytest.mark.parametrize("large", [False, True], ids=["rich", "plain"])
def test_the_terminal_shows_names_as_text(tmp_path, monkeypatch, large):
    if large:  # the plain layout used past LARGE_TABLE rows
        monkeypatch.setattr(render, "LARGE_TABLE", 2)
    plan = plan_with_communes(tmp_path, HOSTILE)
    for args in (["rates", plan, "--by", "commune"], ["gap", "--plan", plan],
                 ["gap", "--plan", plan, "--actual", report_for(tmp_path, HOSTILE)]):
        result = run(*args)
        assert result.exit_code == 0, result.stderr
        assert_terminal_safe(result.stdout)
        assert result.stdout.count("U\\n| forged | row |") == 3


def test_the_terminal_title_shows_the_plans_own_text_escaped(tmp_path):
    text = open(bundled_plan(), encoding="utf-8").read().replace(
        "area: Huyện Triệu Sơn, tỉnh Thanh Hóa", 'area: "Huyện [link=x]T[/link]\\e]8;;x\\a\\nforged"')
    plan = tmp_path / "p.yaml"
    plan.write_text(text, encoding="utf-8")
    result = run("rates", str(plan))
    assert result.exit_code == 0, result.stderr
    assert "519/KH-UBND · Huyện [link=x]T[/link]\\x1b]8;;x\\x07\\nforged" in result.stdout
    assert not UNSAFE.search(result.stdout.replace("\n", ""))


# -- one-line formats --------------------------------------------------------------------------------

def test_a_name_with_a_line_break_cannot_forge_a_diagnostic_line(tmp_path):
    plan = plan_with_communes(tmp_path, ["A", "B"])
    text = open(plan, encoding="utf-8").read()
    text = text.replace('name: "A"', 'name: "X\\nplan.yaml:1:1: forged (rule)"').replace(
        'name: "B"', 'name: "x\\u2028plan.yaml:1:1: FORGED (rule)"')
    with open(plan, "w", encoding="utf-8") as handle:
        handle.write(text)
    result = run("check", plan)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{plan}:38:11: communes[1].name: name 'x\\u2028plan.yaml:1:1: FORGED (rule)' is already used by "
        f"communes[0] (code C000); names must be unique (duplicate-name)"]
    github = run("check", plan, "--format", "github").stdout
    assert github.count("\n") == 1 and github.startswith("::error ") and "\\u2028" in github


def test_every_unsafe_character_is_shown_as_an_escape():
    assert one_line("a\nb\rc\td\x1be\x07f\x85g\u2028h\u2029i\u202ej\u2066k\x00l\x7fm") == (
        "a\\nb\\rc\\td\\x1be\\x07f\\x85g\\u2028h\\u2029i\\u202ej\\u2066k\\x00l\\x7fm")
    assert one_line("Xã Thọ Sơn [b] \\ ✓") == "Xã Thọ Sơn [b] \\ ✓"


@settings(max_examples=300, deadline=None)
@given(st.text(), st.text(), st.text())
def test_a_diagnostic_is_one_line_whatever_it_quotes(file, path, message):
    d = Diagnostic(file, 3, 4, path, message, "rule")
    assert report_text([d]).count("\n") == 1 and not UNSAFE.search(report_text([d])[:-1])
    github = report_github([d])
    assert github.count("\n") == 1 and "\r" not in github and not UNSAFE.search(github[:-1])


def test_messages_on_stderr_show_user_text_escaped(tmp_path):
    out = tmp_path / "a\x1b[2Jb.csv"
    result = run("rates", "--output", str(out))
    assert result.exit_code == 0
    assert result.stderr == f"wrote {tmp_path}/a\\x1b[2Jb.csv\n"
    result = run("rates", str(tmp_path / "no\u202esuch.yaml"))
    assert result.exit_code == 2
    assert "\u202e" not in result.stderr and "no\\u202esuch.yaml" in result.stderr


# -- workbooks ---------------------------------------------------------------------------------------

def test_workbooks_take_any_name_and_keep_it_text(tmp_path):
    names = HOSTILE + ["\x01\x02\x03\x08\x0c\x0e\x1f", "=HYPERLINK(\"http://x\")"]
    plan = plan_with_communes(tmp_path, names)
    for args in (["rates", plan, "--by", "commune"], ["gap", "--plan", plan],
                 ["gap", "--plan", plan, "--actual", report_for(tmp_path, names)]):
        out = tmp_path / f"{args[0]}{len(args)}.xlsx"
        result = run(*args, "--output", str(out))
        assert result.exit_code == 0, result.stderr
        sheet = openpyxl.load_workbook(out).active
        shown = [row[2] for row in sheet.iter_rows(values_only=True)]
        assert [n for n in shown if n in {safe.xlsx_cell(n) for n in names}] == [safe.xlsx_cell(n) for n in names]
        assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_allocate_writes_a_workbook_of_hostile_names(tmp_path):
    out = tmp_path / "t.xlsx"
    table = communes_csv(tmp_path, NO_LINE_BREAKS)
    result = run("allocate", "--plan", own_plan(tmp_path), "--communes", table, "--output", str(out))
    assert result.exit_code == 0, result.stderr
    read = json_names("allocate", "--plan", own_plan(tmp_path), "--communes", table)[: len(NO_LINE_BREAKS)]  # as the table reader gives them
    sheet = openpyxl.load_workbook(out).active
    codes = {f"{100 + i}" for i in range(len(NO_LINE_BREAKS))}
    rows = [row for row in sheet.iter_rows() if row[1].value in codes]
    assert [row[2].value for row in rows] == [safe.xlsx_cell(n) for n in read]
    assert {row[2].data_type for row in rows} == {"s"}


# -- plan files: what bhxh writes, bhxh reads back ---------------------------------------------------

def written_plan(names, codes=None, text=None):
    doc, plan, _ = read_plan(None)
    if text is not None:
        doc, problems, refused = parse(text, "in.yaml")
        plan, more = validate_document(doc, refused)
        assert plan is not None, problems + more
    codes = codes or [f"C{i}" for i in range(len(names))]
    shares = {scheme: list(zip(split(c.eligible, len(names)), split(c.enrolled, len(names))))
              for scheme, c in plan.schemes.items()}
    items = [(codes[i], name, {s: {"eligible": shares[s][i][0], "enrolled": shares[s][i][1]} for s in shares})
             for i, name in enumerate(names)]
    written = with_communes(doc.source, doc, plan, communes_block(items, "from a.csv\n# b\u2028c\x00"))
    doc, problems, refused = parse(written, "out.yaml")
    plan, more = validate_document(doc, refused)
    assert plan is not None, problems + more
    return plan


NAMES = st.lists(st.text(min_size=1).filter(lambda n: normalized_name(n) != ""), min_size=1, max_size=6,
                 unique_by=normalized_name)


@settings(max_examples=200, deadline=None)
@given(NAMES, st.data())
def test_any_names_and_codes_read_back_from_the_written_plan(names, data):
    # any code a table can give: the one rule for codes (core/codes.py) holds for what tables read
    codes = data.draw(st.lists(st.text(min_size=1).filter(lambda c: code_problem(c) is None), min_size=len(names),
                               max_size=len(names), unique=True))
    plan = written_plan(names, codes)
    assert [c.name for c in plan.communes] == names
    assert [c.code for c in plan.communes] == codes


ENDINGS = ["", "\n", "...\n", "...", "... # end\n", "...\n# after\n\n", "# c", "\n\n\n", "...\r\n"]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(ENDINGS), st.booleans(), NAMES)
def test_a_plan_text_ending_any_way_gets_its_communes(ending, crlf, names):
    text = open(bundled_plan(), encoding="utf-8").read()
    text = (text.replace("\n", "\r\n") if crlf else text) + ending
    plan = written_plan(names, text=text)
    assert [unicodedata.normalize("NFC", c.name) for c in plan.communes] == [
        unicodedata.normalize("NFC", n) for n in names]


def test_allocate_output_plan_passes_check(tmp_path):
    names = IN_WORKBOOKS + [
        "Xã Thọ Sơn...", "...", " lead and trail ", "# not a comment", "key: value", "'single'", '"double"',
        "x" * 5000, unicodedata.normalize("NFD", "Xã Hợp Thành"), "- item", "? key", "&anchor", "*alias", "!tag",
        "%directive", "---", "null", "true", "0x1F", "1e3", "{a: b}"]
    out = tmp_path / "plan.yaml"
    result = run("allocate", "--plan", own_plan(tmp_path), "--communes", communes_xlsx(tmp_path, names), "--output", str(out))
    assert result.exit_code == 0, result.stderr
    check = run("check", str(out))
    assert (check.exit_code, check.stdout) == (0, "")
    read = json.loads(run("rates", str(out), "--by", "commune", "--format", "json").stdout)
    written = [row["name"] for row in read["communes"] if row["scheme"] == "mandatory"]
    assert written == json_names("allocate", "--plan", own_plan(tmp_path), "--communes", str(tmp_path / "communes.xlsx"))[: len(names)]


# -- atomic, exclusive writes ------------------------------------------------------------------------

def test_of_two_writers_without_force_one_wins_and_the_other_is_told(tmp_path, monkeypatch):
    import threading

    from bhxh_cli.diagnostics import UsageError
    from bhxh_cli.output import files

    monkeypatch.setattr(files, "check_target", lambda *a, **k: None)  # both passed the early check
    target = str(tmp_path / "out.csv")
    barrier = threading.Barrier(8)
    outcomes = {}

    def write(number):
        barrier.wait()
        try:
            files.write_atomic(target, f"writer {number}\n".encode() * 10000, force=False, inputs=[])
            outcomes[number] = "wrote"
        except UsageError as error:
            outcomes[number] = str(error)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [n for n, outcome in outcomes.items() if outcome == "wrote"]
    assert len(winners) == 1
    assert sorted(set(outcomes.values()) - {"wrote"}) == [f"{target}: already exists; pass --force to replace it"]
    assert open(target, "rb").read() == f"writer {winners[0]}\n".encode() * 10000
    assert os.listdir(tmp_path) == ["out.csv"]


def test_where_hard_links_are_not_supported_the_name_is_taken_with_o_excl(tmp_path, monkeypatch):
    import errno

    from bhxh_cli.diagnostics import UsageError
    from bhxh_cli.output import files

    def no_links(source, target):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(files.os, "link", no_links)
    target = str(tmp_path / "out.csv")
    files.write_atomic(target, b"first", force=False, inputs=[])
    monkeypatch.setattr(files, "check_target", lambda *a, **k: None)
    with pytest.raises(UsageError, match="already exists; pass --force"):
        files.write_atomic(target, b"second", force=False, inputs=[])
    files.write_atomic(target, b"third", force=True, inputs=[])
    assert open(target, "rb").read() == b"third" and os.listdir(tmp_path) == ["out.csv"]


SLOW_WRITE = """
import os, sys, time
import bhxh_cli.output.files as files
real_fsync, ready = os.fsync, sys.argv[2]
def slow_fsync(fd):
    open(ready, "w").close()  # tell the test the write window is open
    time.sleep(1.5)
    real_fsync(fd)
files.os.fsync = slow_fsync
sys.argv = ["bhxh", "rates", "--output", sys.argv[1]]
from bhxh_cli.__main__ import main
main()
"""


@pytest.mark.skipif(os.name != "posix", reason="signals")
@pytest.mark.parametrize("signal_name, code, stderr", [
    ("SIGTERM", -15, ""), ("SIGINT", 130, "bhxh: interrupted; {target} had already been written in full\n")])
def test_a_signal_in_the_write_window_leaves_no_temporary_file(tmp_path, signal_name, code, stderr):
    import signal
    import subprocess
    import sys
    import time

    target, ready = tmp_path / "out" / "rates.csv", tmp_path / "ready"
    target.parent.mkdir()
    process = subprocess.Popen([sys.executable, "-c", SLOW_WRITE, str(target), str(ready)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while not ready.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert ready.exists()
    process.send_signal(getattr(signal, signal_name))
    _, err = process.communicate(timeout=30)
    assert (process.returncode, err) == (code, stderr.format(target=target))
    # held until the file was whole: the output is complete, and nothing else is left
    assert os.listdir(target.parent) == ["rates.csv"]
    assert target.read_text(encoding="utf-8-sig").startswith("scheme,eligible,")


# -- the process: standard streams, Ctrl-C, huge numbers ---------------------------------------------

def bhxh_process(*args, env=None, shell_suffix="", code=None, encoding="utf-8"):
    import subprocess
    import sys

    environment = dict(os.environ, **(env or {}))
    if code is not None:
        command = [sys.executable, "-c", code, *args]
        return subprocess.run(command, capture_output=True, encoding=encoding, env=environment, timeout=60)
    line = " ".join(["exec", sys.executable, "-m", "bhxh_cli", *args]) + shell_suffix
    return subprocess.run(["sh", "-c", line], capture_output=True, encoding=encoding, env=environment, timeout=60)


@pytest.mark.skipif(os.name != "posix", reason="a POSIX shell")
def test_a_closed_stdout_is_one_line_and_exit_2():
    result = bhxh_process("rates", shell_suffix=" >&-")
    assert (result.returncode, result.stderr) == (2, "bhxh: cannot write to standard output: it is closed\n")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize("fmt", ["table", "csv", "json", "markdown"])
def test_stdout_on_a_full_disk_is_one_line_and_exit_2(fmt):
    result = bhxh_process("rates", "--format", fmt, shell_suffix=" >/dev/full")
    assert (result.returncode, result.stderr) == (2, "bhxh: cannot write to standard output: No space left on device\n")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize("args", [["--help"], ["--version"], [], ["rates", "--help"], ["schema"],
                                  ["check", "tests/fixtures/plans/bad/unknown_key.yaml"]])
@pytest.mark.parametrize("redirect, reason", [(" >&-", "it is closed"), (" >/dev/full", "No space left on device")])
def test_help_version_and_every_command_on_a_closed_or_full_stdout(args, redirect, reason):
    result = bhxh_process(*args, shell_suffix=redirect)
    assert (result.returncode, result.stderr) == (2, f"bhxh: cannot write to standard output: {reason}\n")


@pytest.mark.skipif(os.name != "posix", reason="a POSIX shell")
def test_a_closed_stdout_is_no_error_when_the_output_goes_to_a_file(tmp_path):
    out = tmp_path / "r.csv"
    result = bhxh_process("rates", "--output", str(out), shell_suffix=" >&-")
    assert (result.returncode, result.stderr) == (0, f"wrote {out}\n")


@pytest.mark.parametrize("encoding, shown", [("ascii", "519/KH-UBND - Huyen Trieu Son, tinh Thanh Hoa"),
                                             ("latin-1", "519/KH-UBND · Huyen Trieu Son, tinh Thanh Hóa"),
                                             ("cp1252", "519/KH-UBND · Huyen Trieu Son, tinh Thanh Hóa")])
def test_a_stdout_that_cannot_encode_vietnamese_shows_letters_without_marks(encoding, shown):
    result = bhxh_process("rates", "--format", "markdown", env={"PYTHONIOENCODING": encoding}, encoding=encoding)
    assert result.returncode == 0
    assert result.stdout.splitlines()[1] == shown
    assert result.stderr == (f"bhxh: note: standard output uses the {codecs.lookup(encoding).name} encoding, "
                             "which cannot show every character; letters were shown without their marks and "
                             "symbols replaced; set PYTHONIOENCODING=utf-8 (on Windows, also run chcp 65001) to "
                             "see them\n")


def test_windows_1258_shows_vietnamese_letters_whole():
    result = bhxh_process("rates", "--format", "json", env={"PYTHONIOENCODING": "cp1258"}, encoding="cp1258")
    assert (result.returncode, result.stderr) == (0, "")  # every letter shown: nothing to say
    shown = json.loads(unicodedata.normalize("NFC", result.stdout))
    assert shown["plan"]["area"] == "Huyện Triệu Sơn, tỉnh Thanh Hóa"


def test_the_fold_keeps_what_the_encoding_has():
    assert unicodedata.normalize("NFC", safe.fold_to("cp1258", "Thị trấn Triệu Sơn").encode("cp1258").decode(
        "cp1258")) == "Thị trấn Triệu Sơn"
    assert safe.fold_to("ascii", "Thị trấn Triệu Sơn, Đồng Lợi ✓ 97,7% — ━█") == (
        "Thi tran Trieu Son, Dong Loi v 97,7% - -#")
    assert safe.fold_to("latin-1", "Xã Thọ Bình") == "Xã Tho Bình"


INTERRUPT_ON_IMPORT = """
import os, signal, sys
module = sys.argv[1]
class Hook:
    def find_spec(self, name, path, target=None):
        if name == module:
            os.kill(os.getpid(), signal.SIGINT)
        return None
sys.meta_path.insert(0, Hook())
sys.argv = ["bhxh", "rates"]
from bhxh_cli.__main__ import main
main()
"""


@pytest.mark.skipif(os.name != "posix", reason="signals")
# printing imports nothing since tables are laid out without rich: tests/test_render_plain.py interrupts a write
@pytest.mark.parametrize("module", ["typer", "typer.main", "bhxh_cli.commands.rates", "yaml"],
                         ids=["start-up", "start-up-typer", "command", "reading"])
def test_ctrl_c_at_any_moment_is_one_line_and_exit_130(module):
    result = bhxh_process(module, code=INTERRUPT_ON_IMPORT)
    assert (result.returncode, result.stdout, result.stderr) == (130, "", "bhxh: interrupted\n")


def test_ctrl_c_inside_a_command_is_one_line_and_exit_130(monkeypatch):
    from bhxh_cli.commands import rates

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(rates, "rates", interrupted)
    result = run("rates")
    assert (result.exit_code, result.stderr) == (130, "bhxh: interrupted\n")


def test_counts_beyond_the_4300_digit_limit_are_refused_where_they_are_written(tmp_path):
    # no count of people has thousands of digits: the reader refuses it at its place (so sums stay small)
    text = open(bundled_plan(), encoding="utf-8").read().replace("eligible: 71313", "eligible: 3" + "0" * 5000)
    plan = tmp_path / "huge.yaml"
    plan.write_text(text, encoding="utf-8")
    result = run("rates", str(plan), "--format", "csv")
    assert result.exit_code == 1
    assert result.stderr == (f"{plan}:23:15: schemes.voluntary.eligible: 300000000000000000000000… is a whole "
                             f"number of 5,001 digits; no count of people, year or version is that large (quote it "
                             f"if it is text, such as a code) (too-large)\n")


# -- empty option values -----------------------------------------------------------------------------

@pytest.mark.parametrize("args, message", [
    (["rates", ""], "PLAN: is empty; give a file name"),
    (["rates", "--output", ""], "--output: is empty; give a file name"),
    (["check", "data/plan_2020.yaml", ""], "PLAN: is empty; give a file name"),
    (["allocate", "--communes", ""], "--communes: is empty; give a file name"),
    (["allocate", "--communes", "x.csv", "--plan", ""], "--plan: is empty; give a file name"),
    (["allocate", "--communes", "x.csv", "--method", ""], "--method: is empty; give a method"),
    (["allocate", "--communes", "x.csv", "--sheet", ""], "--sheet: is empty; give a sheet name"),
    (["gap", "--as-of", ""], "--as-of: is empty; give a date"),
    (["gap", "--actual", ""], "--actual: is empty; give a file name"),
    (["gap", "--actual", "a.csv", "--previous", ""], "--previous: is empty; give a file name"),
    (["gap", "-o", ""], "--output: is empty; give a file name"),
])
def test_an_empty_option_value_is_a_usage_error_naming_the_option(args, message):
    result = run(*args)
    assert (result.exit_code, result.stderr, result.stdout) == (2, f"bhxh: {message}\n", "")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize("redirect", [" >&-", " >/dev/full"])
def test_a_closed_or_full_stdout_is_no_error_when_nothing_is_written_to_it(redirect):
    result = bhxh_process("check", "data/plan_2020.yaml", shell_suffix=redirect)
    assert (result.returncode, result.stderr) == (0, "checked 1 file: no problems\n")


@given(st.lists(st.one_of(st.text(max_size=8), st.sampled_from(["=1+1", "+", "-2", "@x", '"a', " b", "a,b", "a;b",
                                                                 "Xã A", "", "\t", "a\nb"])), max_size=12))
def test_a_csv_column_is_made_safe_as_each_of_its_cells(texts):
    assert list(safe.csv_column(tuple(texts))) == [safe.csv_cell(text) for text in texts]
