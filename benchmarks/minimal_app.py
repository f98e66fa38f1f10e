"""The yardstick for start-up: a minimal Typer app that loads the same YAML with pydantic and prints a
rich table. `bhxh rates` should cost little more than this."""

import sys

import typer
import yaml
from pydantic import BaseModel
from rich.console import Console
from rich.table import Table

app = typer.Typer()


class Scheme(BaseModel):
    eligible: int
    enrolled: int
    rate: float | None = None


class Plan(BaseModel):
    version: int
    plan: dict
    schemes: dict[str, Scheme]


@app.command()
def rates(path: str) -> None:
    with open(path, encoding="utf-8") as handle:
        plan = Plan.model_validate(yaml.load(handle, Loader=yaml.CSafeLoader))
    table = Table(title=plan.plan["number"])
    for column in ("scheme", "eligible", "enrolled", "rate"):
        table.add_column(column)
    for name, s in plan.schemes.items():
        table.add_row(name, str(s.eligible), str(s.enrolled), f"{s.enrolled * 100 / s.eligible:.1f}")
    Console().print(table)


@app.command()
def other() -> None:
    """A second command, so that Typer builds a group as bhxh does."""


if __name__ == "__main__":
    sys.exit(app())
