"""Standard output as the process finds it: closed, on a full disk, or unable to encode Vietnamese.

Each case ends in one line and a documented exit code (2: the output cannot be written), never a
traceback. A stream that cannot encode a letter shows it as close as it can (Windows-1258: base letter and
combining tone mark, the same letter; others: without its marks) and, if anything was lost, says once on
stderr how to get UTF-8. Standard error gets our one-line messages with user text escaped.
"""

from __future__ import annotations

import codecs
import errno
import os
from typing import Any, TextIO

from bhxh_cli.diagnostics import UsageError
from bhxh_cli.messages import tr
from bhxh_cli.output.safe import UNSAFE, one_line, shown_as


class StreamError(UsageError):
    """Standard output (or error) cannot be written: closed, full, gone."""


class Guarded:
    """A text stream whose write errors (other than a reader that left: EPIPE) become a StreamError."""

    def __init__(self, stream: Any, name: str = "stdout"):
        self._stream = stream
        self._name = name

    def write(self, text: str) -> int:
        if not isinstance(text, str):  # a text stream: click probes with b"" to tell text from binary
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if not text:
            return 0  # nothing to write is never an error (even /dev/full refuses an empty write)
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as error:
            raise self._failed(error) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            raise self._failed(error) from None

    def _failed(self, error: OSError) -> StreamError:
        _discard_at_exit(self._stream)
        return StreamError(tr("output.stream", stream=tr(f"output.{self._name}"), reason=error.strerror or error))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _discard_at_exit(stream: Any) -> None:
    """Point the stream's file descriptor at the null device: what its buffer still holds cannot fail again
    when the interpreter flushes it at exit (which would print a traceback-like warning and exit 120)."""
    try:
        fd = stream.fileno()
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, fd)
        os.close(null)
    except (OSError, ValueError, AttributeError):  # io.UnsupportedOperation too: an in-memory stream
        pass


class Messages:
    """Standard error for our one-line messages: in each line, every unsafe character of the user text it quotes
    (a file name with ESC or U+2028) is shown as an escape; only the line breaks ending messages stay. A
    standard error that cannot be written is not an error of its own (there is nobody left to tell)."""

    def __init__(self, stream: Any):
        self._stream = stream

    def write(self, text: str) -> int:
        if UNSAFE.search(text.replace("\n", "")) is not None:
            text = "\n".join(one_line(line) for line in text.split("\n"))
        try:
            return self._stream.write(text)
        except OSError:
            return 0

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError:
            pass

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class Closed:
    """Standard output that was closed before the start (`bhxh rates >&-`): usable until written to."""

    encoding = "utf-8"
    errors = "strict"

    def __init__(self, name: str = "stdout"):
        self._name = name

    def write(self, text: str) -> int:
        if not text:
            return 0  # nothing to show: no error (`bhxh check plan.yaml >&-` of a good plan)
        raise StreamError(tr("output.closed", stream=tr(f"output.{self._name}")))

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError(errno.EBADF, "closed")


# -- streams that cannot encode Vietnamese ---------------------------------------------------------------

_FOLDER = "bhxh-fold"
_state = {"encoding": "ascii", "folded": False}  # stdout's encoding (codecs may call themselves "charmap")


def _fold(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    shown = []
    for char in error.object[error.start:error.end]:
        text, same = shown_as(_state["encoding"], char)
        shown.append(text)
        _state["folded"] = _state["folded"] or not same
    return "".join(shown), error.end


def fold_unencodable(stream: TextIO) -> None:
    """Let `stream` show the letters its encoding lacks without their marks instead of failing."""
    try:
        codecs.lookup_error(_FOLDER)
    except LookupError:
        codecs.register_error(_FOLDER, _fold)
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        "Triệu Sơn ━ ✓".encode(encoding)
        return  # UTF-8 and its kin: nothing to do
    except (UnicodeEncodeError, LookupError):
        pass
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        _state["encoding"] = encoding
        reconfigure(errors=_FOLDER)


def folding_note() -> str | None:
    """Once, after the output: what was not shown and how to see it, in ASCII (stderr may be ASCII too)."""
    if not _state["folded"]:
        return None
    return tr("output.folded", encoding=_state["encoding"]) + "\n"
