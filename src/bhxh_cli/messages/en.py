"""English messages. Keys are stable; each value is a whole sentence with named {placeholders}."""

MESSAGES: dict[str, str] = {
    # the command line
    "help.app": "Social-insurance participation targets (Resolution 102/NQ-CP): rates, checks, splits by commune.",
    "help.version": "Print the version and exit.",
    "help.lang": "Language of messages, labels and numbers: vi (15.890; 97,7%) or en. Also BHXH_LANG=en.",
    "help.format": "Output format; csv and json carry plain numbers.",
    "help.sheet": "The sheet of an .xlsx input to read (default: the first).",
    "help.force": "Replace an existing output file.",
    "help.signer": "Signature block of a .xlsx, lines split by /: 'KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / name'.",
    "help.rates": "Participation rates per scheme: eligible, enrolled, rate, and the plan's own printed rate "
                  "checked.\n\n\b\nExamples:\n  bhxh rates\n  bhxh rates plan.yaml --by commune -o appendix.xlsx",
    "help.rates.plan": "Plan file (YAML). Default: the bundled 2020 plan of Triệu Sơn.",
    "help.rates.by": "commune: one row per commune and a total row.",
    "help.rates.output": "Write to a file: .xlsx (the plan's appendix), .csv, .json or .md.",
    "help.check": "Validate plan files; print every problem as FILE:LINE:COL: PATH: MESSAGE (rule).\n\n\b\n"
                  "Examples:\n  bhxh check plan.yaml\n  bhxh check plans/ --format github",
    "help.check.plans": "Plan files (YAML) to check, or folders of them.",
    "help.check.format": "text, github (Actions annotations) or json.",
    "help.check.policy": "Also check a policy's floors: nq102, nq28 (labour force), health, or a policy file (.yaml).",
    "help.allocate": "Split the plan's targets among communes: whole numbers that add up exactly to the "
                     "district's.\n\n\b\nExamples:\n  bhxh allocate -c communes.csv -p plan.yaml\n"
                     "  bhxh allocate -c communes.xlsx -s bb --explain",
    "help.allocate.communes": "Communes table (CSV or .xlsx, as Excel saves it): code, name, <scheme>_eligible and "
                              "optionally <scheme>_enrolled.",
    "help.allocate.plan": "Plan file. Default: the bundled 2020 plan.",
    "help.allocate.scheme": "Split only this scheme: mandatory (bb, bắt buộc), voluntary (tn, tự nguyện) or "
                            "unemployment (bhtn, thất nghiệp) (repeatable). Default: every scheme of the plan.",
    "help.allocate.method": "sainte-lague (webster), dhondt (jefferson), huntington-hill, adams, hamilton "
                            "(largest-remainder).",
    "help.allocate.basis": "eligible: in proportion to eligible people; headroom: the increase in proportion to "
                           "people not yet covered.",
    "help.allocate.floor": "enrolled: no commune below its enrolment now (the default when the table gives "
                           "enrolment; this also requires it).",
    "help.allocate.no_floor": "Let a commune's target fall below its enrolment now.",
    "help.allocate.explain": "Show each commune's exact quota, remainder or priority, bound and ties.",
    "help.allocate.output": "Write to a file: .yaml (the plan with its communes), .xlsx, .csv, .json or .md.",
    "help.allocate.force": "Replace an existing output; split a plan that already has communes.",
    "help.gap": "Where each commune stands against its target: gap, share achieved, schedule, laggards "
                "first.\n\n\b\nExamples:\n  bhxh gap -p plan.yaml -a report.csv\n"
                "  bhxh gap -p plan.yaml -a report.xlsx --previous last.xlsx --only behind",
    "help.gap.plan": "Plan file, with communes for --actual. Default: the bundled 2020 plan.",
    "help.gap.actual": "Report of enrolment per commune (CSV or .xlsx): code, name, <scheme>_enrolled.",
    "help.gap.as_of": "Date of the report (DD/MM/YYYY, DD-MM-YYYY, DD.MM.YYYY or YYYY-MM-DD), in the plan year. "
                      "Default: the date in the report's header, else today in the plan year, else 31 December.",
    "help.gap.previous": "An earlier report, for the change since it.",
    "help.gap.scheme": "Only this scheme: mandatory (bb, bắt buộc), voluntary (tn, tự nguyện) or unemployment "
                       "(bhtn, thất nghiệp) (repeatable).",
    "help.gap.sort": "shortfall (laggards first: furthest behind schedule), gap, achieved, code or name.",
    "help.gap.only": "behind: only communes behind schedule.",
    "help.gap.fail_on": "behind: exit 1 if any commune is behind; missing: exit 1 if the report lacks a commune of "
                        "the plan (repeatable; for a scheduled CI job).",
    "help.gap.output": "Write to a file: .xlsx, .docx (a drafted report), .csv, .json or .md.",
    "help.gap.signer": "Signature block of a .xlsx or .docx, lines split by /: 'KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / name'.",
    "help.milestones": "Yearly milestones from a baseline year's count to an end-year target (Resolution "
                       "403/NQ-CP).\n\n\b\nExamples:\n  bhxh milestones --baseline 2025=21400 --target 2030=29500\n"
                       "  bhxh milestones --baseline 2025=21400 --target 2030=29500 -p plan.yaml --output-dir plans",
    "help.milestones.baseline": "The baseline year and its count of participants, e.g. 2025=21400.",
    "help.milestones.target": "The end year and its target, e.g. 2030=29500 (Resolution 403/NQ-CP).",
    "help.milestones.method": "linear: equal steps; growth: a constant yearly growth rate.",
    "help.milestones.plan": "A plan to copy for each year, with --output-dir.",
    "help.milestones.output_dir": "Write plan_YEAR.yaml here for every milestone.",
    "help.milestones.scheme": "The plan's scheme whose target each year's plan gets (needed when it has several).",
    "help.milestones.force": "Replace existing plan_YEAR.yaml files.",
    "help.plan": "Plan files: make one from an official's Excel appendix.",
    "help.plan_import": "Make a plan file from the appendix of a plan: totals, communes, number, date, issuer and "
                        "year.\n\n\b\nExamples:\n  bhxh plan import appendix.xlsx -o plan.yaml\n"
                        "  bhxh plan import appendix.xls --year 2026 --number 45/KH-UBND",
    "help.plan_import.appendix": "The plan's appendix: .xlsx, .xls or CSV.",
    "help.plan_import.output": "Write the plan here (.yaml); default: print it.",
    "help.plan_import.number": "The plan's number (e.g. 45/KH-UBND), when the title does not give it.",
    "help.plan_import.year": "The year of the targets, when the title does not give it.",
    "help.plan_import.area": "The area (e.g. 'Tỉnh Lai Châu'), when neither the title nor the header gives it.",
    "help.plan_import.date": "The plan's date of issue (DD/MM/YYYY).",
    "help.plan_import.issuer": "Who issued it (e.g. 'UBND tỉnh Lai Châu').",
    "help.schema": "Print the plan format's JSON Schema (for editors and other validators).\n\n\b\nExamples:\n"
                   "  bhxh schema > plan.schema.json\n  bhxh schema --plan-version 1",
    "help.schema.plan_version": "The plan format version: 2 (default) or 1.",
    "cli.empty_option": "{option}: is empty; give a {expected}",
    "cli.expected.file": "file name",
    "cli.expected.date": "date",
    "cli.expected.sheet": "sheet name",
    "cli.interrupted": "bhxh: interrupted",
    "cli.internal_error": "bhxh: internal error ({kind}: {error}); this is a bug, please report it (BHXH_DEBUG=1 "
                          "shows the traceback)",
    "cli.floor_conflict": "--floor enrolled and --no-floor say opposite things; give one",
    # files read
    "file.missing": "{file}: no such file",
    "file.denied": "{file}: permission denied",
    "file.folder": "{file}: is a folder, not a file",
    "file.unreadable": "{file}: cannot be read ({reason})",
    "file.too_large": "the file is {size} bytes; {what} over {megabytes} MB are refused",
    "file.endless": "more than {limit} bytes were read and the input goes on; {what} over {megabytes} MB are refused",
    # files written
    "output.unknown_extension": "{file}: cannot tell what to write from the extension '{extension}'; use one of "
                                "{extensions}",
    "output.folder": "{file}: is a folder; give a file name",
    "output.is_input": "{file}: is an input of this command; write the output to another file",
    "output.exists": "{file}: already exists; pass --force to replace it",
    "output.no_folder": "{file}: the folder {folder} does not exist",
    "output.unwritable": "{file}: cannot be written ({reason})",
    "output.stream": "cannot write to {stream}: {reason}",
    "output.stdout": "standard output",
    "output.stderr": "standard error",
    "output.closed": "cannot write to {stream}: it is closed",
    # ASCII: standard error may not show more than standard output did
    "output.folded": "bhxh: note: standard output uses the {encoding} encoding, which cannot show every character; "
                     "letters were shown without their marks and symbols replaced; set PYTHONIOENCODING=utf-8 (on "
                     "Windows, also run chcp 65001) to see them",
    "file.kind.tables": "tables",
    "file.kind.plan files": "plan files",
}
