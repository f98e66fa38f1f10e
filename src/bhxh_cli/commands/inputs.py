"""What `allocate` and `gap` share about their inputs: option values as people write them, and the bundled
plan's area (so that a table of another area is never split or judged against Triệu Sơn's targets)."""

from __future__ import annotations

from bhxh_cli.diagnostics import Diagnostic, UsageError

# The 34 communes and towns of Triệu Sơn on 1 March 2020 (GSO codes), the area of the bundled plan 519/KH-UBND.
BUNDLED_COMMUNES: tuple[tuple[str, str], ...] = (
    ("15664", "Thị trấn Triệu Sơn"), ("15667", "Xã Thọ Sơn"), ("15670", "Xã Thọ Bình"),
    ("15673", "Xã Thọ Tiến"), ("15676", "Xã Hợp Lý"), ("15679", "Xã Hợp Tiến"),
    ("15682", "Xã Hợp Thành"), ("15685", "Xã Triệu Thành"), ("15688", "Xã Hợp Thắng"),
    ("15691", "Xã Minh Sơn"), ("15700", "Xã Dân Lực"), ("15703", "Xã Dân Lý"),
    ("15706", "Xã Dân Quyền"), ("15709", "Xã An Nông"), ("15712", "Xã Văn Sơn"),
    ("15715", "Xã Thái Hòa"), ("15718", "Thị trấn Nưa"), ("15721", "Xã Đồng Lợi"),
    ("15724", "Xã Đồng Tiến"), ("15727", "Xã Đồng Thắng"), ("15730", "Xã Tiến Nông"),
    ("15733", "Xã Khuyến Nông"), ("15736", "Xã Xuân Thịnh"), ("15739", "Xã Xuân Lộc"),
    ("15742", "Xã Thọ Dân"), ("15745", "Xã Xuân Thọ"), ("15748", "Xã Thọ Tân"),
    ("15751", "Xã Thọ Ngọc"), ("15754", "Xã Thọ Cường"), ("15757", "Xã Thọ Phú"),
    ("15760", "Xã Thọ Vực"), ("15763", "Xã Thọ Thế"), ("15766", "Xã Nông Trường"),
    ("15769", "Xã Bình Sơn"),
)


def parse_date(text: str, option: str):
    """A date written YYYY-MM-DD or, as Vietnamese documents do, DD/MM/YYYY, DD-MM-YYYY or DD.MM.YYYY."""
    import datetime as dt
    import re

    text = text.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
            return dt.date(*map(int, text.split("-")))
        found = re.fullmatch(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})", text)
        if found:
            return dt.date(int(found[4]), int(found[3]), int(found[1]))
    except ValueError:
        raise UsageError(f"{option} {text}: not a real date") from None
    raise UsageError(f"{option} {text}: write the date as DD/MM/YYYY (or DD-MM-YYYY, DD.MM.YYYY, YYYY-MM-DD)")


def parse_schemes(texts: list[str], plan_schemes: list[str]) -> list[str]:
    """The schemes named by --scheme (English keys, Vietnamese names or short forms), in order, once each."""
    from bhxh_cli.core.names import scheme_of

    chosen = []
    for text in texts:
        scheme = scheme_of(text)
        if scheme is None:
            raise UsageError(f"--scheme {text}: not a scheme; write mandatory (bb, bắt buộc), voluntary (tn, tự "
                             f"nguyện), unemployment (bhtn, thất nghiệp) or health (bhyt, y tế)")
        if scheme not in plan_schemes:
            raise UsageError(f"--scheme {text}: the plan has no such scheme; it has {', '.join(plan_schemes)}")
        if scheme not in chosen:
            chosen.append(scheme)
    return chosen


def foreign_rows(table) -> list:
    """The rows of a communes table that are not communes of the bundled plan's area (by code and name)."""
    from bhxh_cli.core.names import NameIndex

    names = dict(BUNDLED_COMMUNES)
    index = NameIndex(names)
    foreign = []
    for row in table.rows:
        if row.code:
            known = row.code in names and (not row.name or row.code in index.matches(row.name))
        else:
            known = len(index.matches(row.name)) == 1
        if not known:
            foreign.append(row)
    return foreign


def not_bundled_area(plan, table, what: str) -> Diagnostic | None:
    """A problem when `table` holds communes outside the bundled plan's area: the bundled plan is not theirs."""
    foreign = foreign_rows(table)
    if not foreign:
        return None
    info = plan.plan
    shown = "; ".join(f"row {r.row}: {r.code + ' ' if r.code else ''}{r.name}" for r in foreign[:3])
    more = f" and {len(foreign) - 3} more" if len(foreign) > 3 else ""
    verb = "is" if len(foreign) == 1 else "are"
    return Diagnostic(table.file, None, None, "", f"{len(foreign)} of the {len(table.rows)} communes of this "
                      f"{what} {verb} not communes of {info.area} in {info.year}, the area of the bundled plan "
                      f"{info.number} used because --plan was not given ({shown}{more}); give your own plan "
                      f"with --plan FILE", "not-the-plans-area")
