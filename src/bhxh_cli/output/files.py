"""Writing output files: atomically (a temporary file in the same folder, then a hard link or a rename), never
over an input, over an existing file only when asked (--force), and never leaving the temporary file behind."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile

from bhxh_cli.diagnostics import UsageError
from bhxh_cli.messages import tr

OUTPUT_KINDS = {".yaml": "yaml", ".yml": "yaml", ".csv": "csv", ".json": "json", ".md": "markdown",
                ".markdown": "markdown", ".xlsx": "xlsx"}
TABLE_KINDS = {key: value for key, value in OUTPUT_KINDS.items() if value != "yaml"}
GAP_KINDS = {**TABLE_KINDS, ".docx": "docx"}  # gap also drafts a report
# What os.link says where a folder cannot hold hard links (FAT, exFAT, some network and FUSE mounts).
_NO_LINKS = {errno.EPERM, errno.EACCES, errno.EXDEV, errno.EMLINK, errno.ENOSYS,
             getattr(errno, "ENOTSUP", errno.EPERM), getattr(errno, "EOPNOTSUPP", errno.EPERM)}


def output_kind(path: str, kinds: dict[str, str] = OUTPUT_KINDS) -> str:
    extension = os.path.splitext(path)[1].lower()
    if os.path.isdir(path):  # `-o reports`: a folder, whatever its name looks like
        raise UsageError(tr("output.folder", file=path))
    if not extension:
        raise UsageError(tr("output.no_extension", file=path, extensions=", ".join(sorted(kinds))))
    if extension not in kinds:
        raise UsageError(tr("output.unknown_extension", file=path, extension=extension,
                            extensions=", ".join(sorted(kinds))))
    return kinds[extension]


def check_target(path: str, *, force: bool, inputs: list[str]) -> None:
    """Refuse, before any work is done, a target that is an input, exists without --force, or has no folder."""
    target = os.path.abspath(path)
    if os.path.isdir(target):
        raise UsageError(tr("output.folder", file=path))
    for source in inputs:
        if source and os.path.exists(target) and os.path.exists(source) and os.path.samefile(target, source):
            raise UsageError(tr("output.is_input", file=path))
    if os.path.exists(target) and not force:
        raise _exists(path)
    folder = os.path.dirname(target)
    if not os.path.isdir(folder):
        raise UsageError(tr("output.no_folder", file=path, folder=folder))


_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT")
_WRITTEN: list[str] = []  # the outputs of this run already whole under their names (see written_files)


def written_files() -> list[str]:
    """The files this run has written whole, in order: a Ctrl-C after them (held while a file is written, so
    acted on just after it) stops the run, and the message says these are complete."""
    return list(_WRITTEN)


def new_run() -> None:
    """Forget the files of an earlier run in this process (tests run many in one)."""
    _WRITTEN.clear()


@contextlib.contextmanager
def _signals_held():
    """Hold Ctrl-C, SIGTERM, SIGHUP and SIGQUIT until the block is done: a signal in the write window is acted
    on after the temporary file is gone (renamed or removed), never while it exists. The signals' handlers
    are swapped for one that notes them, and the first noted is raised again once the handlers are back: a
    mask (pthread_sigmask) would hold them in this thread only, and another thread (a library's) would take
    a Ctrl-C meant for the process. Where handlers cannot be set (a thread that is not the main one),
    Ctrl-C still raises and the `finally` below removes the file."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    noted: list[int] = []
    previous = {}
    for name in _SIGNALS:
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) is not None:  # None: set outside Python, left so
            previous[number] = signal.signal(number, lambda signum, frame: noted.append(signum))
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        if noted:
            signal.raise_signal(noted[0])  # now, by the handler it had: the file is whole or gone


def write_atomic(path: str, data: bytes, *, force: bool, inputs: list[str]) -> None:
    """Write `data` to `path` whole or not at all. Without `force` the target is created exclusively: of two
    writers racing for one name, one succeeds and the other is told the file exists."""
    check_target(path, force=force, inputs=inputs)
    target = os.path.abspath(path)
    with _signals_held():
        temporary = None
        try:
            handle, temporary = tempfile.mkstemp(prefix=".bhxh-", suffix=".tmp", dir=os.path.dirname(target))
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temporary, _file_mode(target))
            if force:
                os.replace(temporary, target)
            else:
                _create_exclusively(temporary, target, path)  # the temporary name is removed below
            _WRITTEN.append(path)  # still inside the held signals: a Ctrl-C now finds it recorded
        except OSError as error:
            raise UsageError(tr("output.unwritable", file=path, reason=error.strerror or error)) from None
        finally:
            if temporary is not None:
                with contextlib.suppress(OSError):  # already renamed: nothing to remove
                    os.unlink(temporary)


def _exists(path: str) -> UsageError:
    return UsageError(tr("output.exists", file=path))


def _create_exclusively(temporary: str, target: str, path: str) -> None:
    """Give the written temporary file the target's name only if no file has it: a hard link fails when the
    name exists. Where hard links are not supported, the name is reserved with O_EXCL, then replaced."""
    try:
        os.link(temporary, target)
        return
    except FileExistsError:
        raise _exists(path) from None
    except OSError as error:
        if error.errno not in _NO_LINKS:
            raise
    try:
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        raise _exists(path) from None
    try:
        os.replace(temporary, target)
    except BaseException:
        os.unlink(target)  # the empty file that held the name
        raise


def _file_mode(target: str) -> int:
    """The replaced file's mode, or what a new file gets under the umask (mkstemp makes it 0600)."""
    if os.path.exists(target):
        return os.stat(target).st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
