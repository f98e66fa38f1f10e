"""bhxh: social-insurance participation targets (Resolution 102/NQ-CP)."""

__version__ = "0.1.0"
