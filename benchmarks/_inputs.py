"""Generated inputs for the side-by-side comparison (benchmarks/compare.py): at a given number of communes,
a communes table and its district plan (allocate_bench's `write_inputs`), the plan split among them by
`bhxh allocate --floor enrolled` (the plan `check` and `gap` read), and a report as csv and as xlsx
(gap_bench's `write_report`)."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from dataclasses import dataclass

sys.path.insert(0, os.path.dirname(__file__))
from _timing import bhxh  # noqa: E402
from allocate_bench import write_inputs  # noqa: E402
from gap_bench import write_report  # noqa: E402


@dataclass(frozen=True)
class Inputs:
    communes: int
    table: str  # communes.csv: code, name, <scheme>_eligible, <scheme>_enrolled
    district: str  # the district plan, without communes
    plan: str  # the plan with communes, written by bhxh allocate --floor enrolled
    report_csv: str
    report_xlsx: str


def make_inputs(folder: str, communes: int) -> Inputs:
    os.makedirs(folder, exist_ok=True)
    table, district = write_inputs(folder, communes)
    plan = os.path.join(folder, "plan_communes.yaml")
    subprocess.run(bhxh() + ["allocate", "-c", table, "-p", district, "--floor", "enrolled", "-o", plan, "--force"],
                   check=True, capture_output=True)
    report_csv = write_report(plan, folder)
    report_xlsx = os.path.join(folder, "report.xlsx")
    write_xlsx(report_csv, report_xlsx)
    return Inputs(communes, table, district, plan, report_csv, report_xlsx)


def write_xlsx(source: str, target: str) -> None:
    """The csv report as a one-sheet workbook: codes and names as text, counts as numbers."""
    import xlsxwriter

    book = xlsxwriter.Workbook(target, {"strings_to_numbers": False, "strings_to_formulas": False})
    sheet = book.add_worksheet("Bao cao")
    with open(source, encoding="utf-8", newline="") as handle:
        for r, row in enumerate(csv.reader(handle)):
            for c, value in enumerate(row):
                if r and c >= 2:
                    sheet.write_number(r, c, int(value))
                else:
                    sheet.write_string(r, c, value)
    book.close()
