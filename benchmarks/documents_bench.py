"""Writing documents at national scale (10,600 communes, 3 schemes): `bhxh gap -o x.xlsx` (aim under 2 s),
`-o x.docx`, beside `gap -f csv` (the same work without a document).

Run: python benchmarks/documents_bench.py
"""

import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from _timing import bhxh, report, time_commands  # noqa: E402
from allocate_bench import write_inputs  # noqa: E402
from gap_bench import write_report  # noqa: E402

if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        table, district = write_inputs(folder)
        plan = os.path.join(folder, "plan_communes.yaml")
        subprocess.run(bhxh() + ["allocate", "-c", table, "-p", district, "--floor", "enrolled", "-o", plan],
                       check=True, capture_output=True)
        actual = write_report(plan, folder)
        gap = bhxh() + ["gap", "-p", plan, "-a", actual, "--as-of", "2020-06-30"]
        commands = {
            "bhxh gap 10,600 communes -f csv": gap + ["-f", "csv"],
            "bhxh gap 10,600 communes -o x.xlsx": gap + ["-o", os.path.join(folder, "x.xlsx"), "--force"],
        }
        if "--docx" in sys.argv:
            commands["bhxh gap 10,600 communes -o x.docx"] = gap + ["-o", os.path.join(folder, "x.docx"), "--force"]
        medians = time_commands(commands, runs=3, warmup=1)
        report("bhxh gap documents on 10,600 communes, 3 schemes (aim: .xlsx < 2 s)", medians,
               "bhxh gap 10,600 communes -f csv")
