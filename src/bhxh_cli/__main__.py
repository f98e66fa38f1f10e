"""`python -m bhxh_cli` and the `bhxh` command. Ctrl-C while the program is still starting (importing typer
takes a moment) is one line and exit 130: nothing has been written yet, so there is nothing to clean up."""

import os
import signal


def _interrupted_at_start(signum, frame) -> None:
    try:
        os.write(2, b"bhxh: interrupted\n")
    finally:
        os._exit(130)


def main() -> None:
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        signal.signal(signal.SIGINT, _interrupted_at_start)
    from bhxh_cli.cli import main as run

    run()


if __name__ == "__main__":
    main()
