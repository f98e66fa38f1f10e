"""The one reader of input bytes: plan files and tables alike are read here, with the same refusals."""

from __future__ import annotations

import os

from bhxh_cli.diagnostics import Diagnostic, InputError, UsageError


def read_bytes(path: str, *, limit: int, what: str, display: str | None = None) -> bytes:
    """A file's bytes; a missing or unreadable file is a usage error, one over `limit` bytes is refused."""
    name = display or path
    try:
        if os.path.isdir(path):
            raise UsageError(f"{name}: is a folder, not a file")
        size = os.path.getsize(path)
        if size > limit:
            raise InputError([Diagnostic(name, None, None, "", f"the file is {size:,} bytes; {what} over "
                                         f"{limit // (1024 * 1024)} MB are refused", "file-too-large")])
        with open(path, "rb") as handle:
            return handle.read(limit + 1)
    except FileNotFoundError:
        raise UsageError(f"{name}: no such file") from None
    except PermissionError:
        raise UsageError(f"{name}: permission denied") from None
    except OSError as error:
        raise UsageError(f"{name}: cannot be read ({error.strerror or error})") from None
