"""Writing output files: atomically (a temporary file in the same folder, then a rename), never over an
input, and over an existing file only when asked (--force)."""

from __future__ import annotations

import os
import tempfile

from bhxh_cli.diagnostics import UsageError

OUTPUT_KINDS = {".yaml": "yaml", ".yml": "yaml", ".csv": "csv", ".json": "json", ".md": "markdown",
                ".markdown": "markdown", ".xlsx": "xlsx"}
TABLE_KINDS = {key: value for key, value in OUTPUT_KINDS.items() if value != "yaml"}
GAP_KINDS = {**TABLE_KINDS, ".docx": "docx"}  # gap also drafts a report


def output_kind(path: str, kinds: dict[str, str] = OUTPUT_KINDS) -> str:
    extension = os.path.splitext(path)[1].lower()
    if extension not in kinds:
        raise UsageError(f"{path}: cannot tell what to write from the extension '{extension}'; "
                         f"use one of {', '.join(sorted(kinds))}")
    return kinds[extension]


def check_target(path: str, *, force: bool, inputs: list[str]) -> None:
    """Refuse, before any work is done, a target that is an input, exists without --force, or has no folder."""
    target = os.path.abspath(path)
    if os.path.isdir(target):
        raise UsageError(f"{path}: is a folder; give a file name")
    for source in inputs:
        if source and os.path.exists(target) and os.path.exists(source) and os.path.samefile(target, source):
            raise UsageError(f"{path}: is an input of this command; write the output to another file")
    if os.path.exists(target) and not force:
        raise UsageError(f"{path}: already exists; pass --force to replace it")
    folder = os.path.dirname(target)
    if not os.path.isdir(folder):
        raise UsageError(f"{path}: the folder {folder} does not exist")


def write_atomic(path: str, data: bytes, *, force: bool, inputs: list[str]) -> None:
    check_target(path, force=force, inputs=inputs)
    target = os.path.abspath(path)
    try:
        handle, temporary = tempfile.mkstemp(prefix=".bhxh-", suffix=".tmp", dir=os.path.dirname(target))
    except OSError as error:
        raise UsageError(f"{path}: cannot be written ({error.strerror or error})") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _file_mode(target))
        os.replace(temporary, target)
    except BaseException as error:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        if isinstance(error, OSError):
            raise UsageError(f"{path}: cannot be written ({error.strerror or error})") from None
        raise


def _file_mode(target: str) -> int:
    """The replaced file's mode, or what a new file gets under the umask (mkstemp makes it 0600)."""
    if os.path.exists(target):
        return os.stat(target).st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
