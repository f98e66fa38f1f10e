"""The plan: its models (what a valid plan is), the strict YAML reader, and writing plan files."""
