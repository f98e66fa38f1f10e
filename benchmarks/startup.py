"""Start-up: `bhxh rates` and `bhxh --help` against a minimal Typer + pydantic + rich app.

Run: python benchmarks/startup.py  (with bhxh installed in this interpreter's environment)
"""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from _timing import bhxh, report, time_commands  # noqa: E402

from bhxh_cli.plan.models import bundled_plan  # noqa: E402

MINIMAL = [sys.executable, os.path.join(os.path.dirname(__file__), "minimal_app.py")]

if __name__ == "__main__":
    plan = bundled_plan()
    rates = time_commands({"minimal app: rates": MINIMAL + ["rates", plan], "bhxh rates": bhxh() + ["rates"]})
    report("bhxh rates vs a minimal Typer+pydantic+rich app (aim <= 1.15x)", rates, "minimal app: rates")
    helps = time_commands({"minimal app: --help": MINIMAL + ["--help"], "bhxh --help": bhxh() + ["--help"]})
    report("bhxh --help vs the minimal app's --help (aim <= 1.15x)", helps, "minimal app: --help")
