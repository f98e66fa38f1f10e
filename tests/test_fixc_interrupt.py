"""Ctrl-C after an output file is whole under its name: the run still stops with 130 (a shell loop stops
with it), and the message says the file was written in full, so that nobody throws a finished file away."""

import os
import signal

import pytest
from typer.testing import CliRunner

from bhxh_cli.cli import app

runner = CliRunner()
pytestmark = pytest.mark.skipif(os.name != "posix", reason="signals")


def ctrl_c_while_writing(monkeypatch):
    """A Ctrl-C that arrives while the file is being written: held, and acted on once it has its name."""
    import bhxh_cli.output.files as files

    real_fsync = os.fsync

    def fsync(fd):
        os.kill(os.getpid(), signal.SIGINT)
        real_fsync(fd)

    monkeypatch.setattr(files.os, "fsync", fsync)


def test_ctrl_c_after_the_file_is_written_says_it_is_complete(tmp_path, monkeypatch):
    ctrl_c_while_writing(monkeypatch)
    target = tmp_path / "chi_tieu.csv"
    result = runner.invoke(app, ["rates", "-o", str(target)], catch_exceptions=False)
    assert (result.exit_code, result.stderr) == (
        130, f"bhxh: đã dừng theo yêu cầu; {target} đã được ghi đầy đủ trước khi dừng\n")
    assert os.listdir(tmp_path) == ["chi_tieu.csv"]
    assert target.read_text(encoding="utf-8-sig") == runner.invoke(app, ["rates", "-f", "csv"]).stdout


def test_a_later_run_interrupted_before_writing_names_no_file(tmp_path, monkeypatch):
    assert runner.invoke(app, ["rates", "-o", str(tmp_path / "a.csv")]).exit_code == 0
    from bhxh_cli.commands import rates

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(rates, "rates", interrupted)
    result = runner.invoke(app, ["rates", "-o", str(tmp_path / "b.csv")])
    assert (result.exit_code, result.stderr) == (130, "bhxh: đã dừng theo yêu cầu\n")


def test_ctrl_c_is_held_while_writing_even_with_another_thread_running(tmp_path, monkeypatch):
    """A library's thread would take a process's Ctrl-C that a signal mask held in the main thread only:
    the held signal must still wait until the file is whole."""
    import threading

    ctrl_c_while_writing(monkeypatch)
    done = threading.Event()
    other = threading.Thread(target=done.wait, daemon=True)
    other.start()
    try:
        target = tmp_path / "chi_tieu.csv"
        result = runner.invoke(app, ["rates", "-o", str(target)], catch_exceptions=False)
    finally:
        done.set()
        other.join()
    assert (result.exit_code, result.stderr) == (
        130, f"bhxh: đã dừng theo yêu cầu; {target} đã được ghi đầy đủ trước khi dừng\n")
    assert os.listdir(tmp_path) == ["chi_tieu.csv"]
