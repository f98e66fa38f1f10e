"""Run every benchmark in one go and, with --readme, put the figures into README.md.

Run: python benchmarks/run_all.py [--readme]
"""

import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPTS = ["startup.py", "check_large.py", "apportion_bench.py", "allocate_bench.py", "gap_bench.py",
           "documents_bench.py", "v2_bench.py", "crosswalk_bench.py", "series_bench.py", "compare.py"]

if __name__ == "__main__":
    parts = []
    for script in SCRIPTS:
        result = subprocess.run([sys.executable, os.path.join(HERE, script)], capture_output=True, text=True)
        parts.append(result.stdout.rstrip() or f"{script} failed: {result.stderr.strip()[-500:]}")
    figures = "\n\n".join(parts)
    print(figures)
    if "--readme" in sys.argv:
        readme = os.path.join(HERE, "..", "README.md")
        with open(readme, encoding="utf-8") as handle:
            text = handle.read()
        block = ("<!-- benchmarks:start -->\n```console\n$ python benchmarks/run_all.py\n" + figures
                 + "\n```\n<!-- benchmarks:end -->")
        text = re.sub(r"<!-- benchmarks:start -->.*?<!-- benchmarks:end -->", lambda _: block, text, flags=re.S)
        with open(readme, "w", encoding="utf-8") as handle:
            handle.write(text)
