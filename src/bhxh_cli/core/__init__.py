"""The pure core: apportionment, rates, progress, policies. Plain data in, plain data out; no I/O, and
nothing of ours from above (checked by the import contract in pyproject.toml)."""
