"""`python -m bhxh_cli` and the `bhxh` command. Ctrl-C while the program is still starting (importing typer
takes a moment) is one line and exit 130: nothing has been written yet, so there is nothing to clean up."""

import os
import signal
import sys

# The catalogs' "cli.interrupted" (a test keeps them equal): a Ctrl-C can come before any catalog is loaded,
# and a signal handler must not import one.
_INTERRUPTED = {"vi": "bhxh: đã dừng theo yêu cầu\n".encode(), "en": b"bhxh: interrupted\n"}


def _early_language(argv: list[str], environ) -> str:
    """messages.choose_language without importing it (a test keeps them equal): `--lang X` / `--lang=X`
    before a `--`, else BHXH_LANG, else Vietnamese."""
    for index, word in enumerate(argv):
        if word == "--":
            break
        if word == "--lang" and index + 1 < len(argv) and argv[index + 1] in _INTERRUPTED:
            return argv[index + 1]
        if word.startswith("--lang=") and word[len("--lang="):] in _INTERRUPTED:
            return word[len("--lang="):]
    value = environ.get("BHXH_LANG", "").strip().lower()[:2]
    return value if value in _INTERRUPTED else "vi"


def _interrupted_at_start(signum, frame) -> None:
    try:
        os.write(2, _INTERRUPTED[_early_language(sys.argv[1:], os.environ)])
    finally:
        os._exit(130)


def main() -> None:
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        signal.signal(signal.SIGINT, _interrupted_at_start)
    from bhxh_cli.cli import main as run

    run()


if __name__ == "__main__":
    main()
