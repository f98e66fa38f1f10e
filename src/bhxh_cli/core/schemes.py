"""The insurance schemes a plan sets targets for: one table, so that a new scheme needs no code elsewhere.

Each scheme has its key (in plan files, CSV headers and JSON), its names, and the count its rates are of by
default: eligible people for the three schemes of Resolution 102/NQ-CP, the population for health
insurance (546/QĐ-TTg states coverage as a share of the population).
"""

from __future__ import annotations

from dataclasses import dataclass

# The counts a rate can be of: people eligible, the working-age labour force (Resolution 28-NQ/TW), the
# population (health insurance).
DENOMINATORS = ("eligible", "labour_force", "population")


@dataclass(frozen=True)
class Scheme:
    key: str
    vi: str  # as plans print it
    en: str
    denominator: str  # the default: one of DENOMINATORS


SCHEME_TABLE: tuple[Scheme, ...] = (
    Scheme("mandatory", "BHXH bắt buộc", "mandatory social insurance", "eligible"),
    Scheme("voluntary", "BHXH tự nguyện", "voluntary social insurance", "eligible"),
    Scheme("unemployment", "Bảo hiểm thất nghiệp", "unemployment insurance", "eligible"),
    Scheme("health", "Bảo hiểm y tế", "health insurance", "population"),
)
SCHEME_BY_KEY = {scheme.key: scheme for scheme in SCHEME_TABLE}

# Plan format version 1 (and the tables of communes read today) know the first three.
SCHEMES = ("mandatory", "voluntary", "unemployment")
ALL_SCHEMES = tuple(scheme.key for scheme in SCHEME_TABLE)
