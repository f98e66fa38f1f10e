"""The one reader of input bytes: plan files and tables alike are read here, with the same refusals.

Bytes are read in chunks and counted as they come, so that a FIFO, a device such as /dev/zero or an
endless stream stops at the limit instead of filling memory; a regular file's size is checked first.
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
import stat

from bhxh_cli.diagnostics import Diagnostic, InputError, UsageError
from bhxh_cli.i18n import format_count
from bhxh_cli.messages import language, tr

CHUNK = 1024 * 1024


def read_bytes(path: str, *, limit: int, what: str, display: str | None = None) -> bytes:
    """A file's bytes; a missing or unreadable file is a usage error, one over `limit` bytes is refused."""
    name = display or path
    megabytes = limit // (1024 * 1024)
    try:
        if os.path.isdir(path):
            raise UsageError(tr("file.folder", file=name))
        with open(path, "rb") as handle:
            if stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                size = os.fstat(handle.fileno()).st_size
                if size > limit:
                    raise InputError([Diagnostic(name, None, None, "", tr("file.too_large", size=format_count(size, language()),
                                                    what=tr(f"file.kind.{what}"), megabytes=megabytes), "file-too-large")])
                data = handle.read(limit + 1)  # one read of a file of known size: no chunks to join
            else:
                chunks, total = [], 0
                while total <= limit and (chunk := handle.read(min(CHUNK, limit + 1 - total))):
                    chunks.append(chunk)
                    total += len(chunk)
                data = b"".join(chunks)
            if len(data) > limit:  # a stream (a FIFO, a device) that goes on, or a file that grew while read
                raise InputError([Diagnostic(name, None, None, "", tr("file.endless", limit=format_count(limit, language()),
                                                what=tr(f"file.kind.{what}"), megabytes=megabytes),
                                             "file-too-large")])
            return data
    except FileNotFoundError:
        raise UsageError(tr("file.missing", file=name)) from None
    except PermissionError:
        raise UsageError(tr("file.denied", file=name)) from None
    except IsADirectoryError:
        raise UsageError(tr("file.folder", file=name)) from None
    except OSError as error:
        raise UsageError(tr("file.unreadable", file=name, reason=error.strerror or error)) from None


FREEZE_FROM = 20_000  # objects read: a plan of about 1,200 communes, a table of about 6,000
_frozen = False  # whether this process froze once already


@contextlib.contextmanager
def collector_paused():
    """Pause Python's cyclic garbage collector while an input is read: reading a plan or a table makes
    hundreds of thousands of objects and no reference cycles, and the collector would walk them all again and
    again (a third of the time of validating 10,600 communes). Then everything is frozen, so that the
    collections of the rest of the command walk neither what was read nor what the imports made (0.03 s of a
    0.22 s command on 560 communes): the first time in a process, and whenever much was read. (Freezing keeps
    any garbage of the moment for good, which a long-running process reading many small inputs, such as the
    test suite, would feel at every read; a command reads its few inputs once.)"""
    global _frozen
    was_enabled = gc.isenabled()
    gc.disable()
    before = gc.get_count()[0]  # objects the collector follows, net of those freed (it counts while paused)
    try:
        yield
    finally:
        if was_enabled:
            if not _frozen or gc.get_count()[0] - before > FREEZE_FROM:
                gc.freeze()
                _frozen = True
            gc.enable()


def line_and_column(before: str, breaks: str = "") -> tuple[int, int]:
    """1-based line and column (in characters) of the character that follows the text `before`; a line
    ends at CR LF, a lone CR (old Mac files) or LF, and at any other character of `breaks`."""
    line, start = 1, 0
    for match in re.finditer("\r\n|[\r\n" + re.escape(breaks) + "]", before):
        line, start = line + 1, match.end()
    return line, len(before) - start + 1
