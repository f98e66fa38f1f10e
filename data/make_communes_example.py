"""Writes data/communes_2020_example.csv: the 34 communes and towns of Triệu Sơn in 2020 (official codes,
General Statistics Office list of 1 March 2020) with ILLUSTRATIVE eligible and enrolled counts.

The seed plan gives no per-commune figures. The counts here are made up: made-up commune sizes split the
plan's district eligible counts exactly (with bhxh's own apportionment), and "enrolled now" is a made-up
share below them. Run from the repository's root: python data/make_communes_example.py
"""

import csv
import os
import random

from bhxh_cli.core.apportion import apportion

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "shared", "data", "trieu_son_communes_2020.csv")
ELIGIBLE = {"mandatory": 15890, "voluntary": 71313, "unemployment": 14360}  # the plan's district counts
ENROLLED_NOW = {"mandatory": 15080, "voluntary": 1460, "unemployment": 13150}  # illustrative


def main() -> None:
    with open(SHARED, encoding="utf-8") as handle:
        communes = list(csv.DictReader(handle))
    rng = random.Random(2020)
    # Towns have more employees (mandatory, unemployment); rural communes more farmers (voluntary).
    size = [rng.randint(6, 14) * (3 if c["kind"] == "Thị trấn" else 1) for c in communes]
    farm = [rng.randint(8, 16) * (1 if c["kind"] == "Thị trấn" else 2) for c in communes]
    eligible = {
        "mandatory": apportion(ELIGIBLE["mandatory"], size),
        "voluntary": apportion(ELIGIBLE["voluntary"], farm),
        "unemployment": apportion(ELIGIBLE["unemployment"], size),
    }
    enrolled = {}
    for scheme, counts in eligible.items():
        weights = [count * rng.randint(90, 110) for count in counts]
        enrolled[scheme] = apportion(ENROLLED_NOW[scheme], weights, upper=counts)
    out = os.path.join(HERE, "communes_2020_example.csv")
    with open(out, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["code", "name", "mandatory_eligible", "mandatory_enrolled", "voluntary_eligible",
                         "voluntary_enrolled", "unemployment_eligible", "unemployment_enrolled"])
        for i, commune in enumerate(communes):
            writer.writerow([commune["code"], commune["name"]]
                            + [count[i] for s in ELIGIBLE for count in (eligible[s], enrolled[s])])
    print(f"wrote {out}")




def workbook() -> None:
    """data/communes_2020_example.xlsx: the same illustrative table laid out as a ministry-style workbook
    (title block, the appendix's own column headers), to show that such workbooks are read as they are."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    with open(os.path.join(HERE, "communes_2020_example.csv"), encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    book = Workbook()
    sheet = book.active
    sheet.title = "Phụ biểu"
    sheet.append(["PHỤ BIỂU: SỐ NGƯỜI THUỘC DIỆN VÀ ĐANG THAM GIA BHXH THEO XÃ, THỊ TRẤN (SỐ LIỆU MINH HỌA)"])
    sheet.append(["Huyện Triệu Sơn, tỉnh Thanh Hóa — số liệu minh họa, không phải số liệu thật"])
    sheet.append([])
    sheet.append(["STT", "Mã ĐVHC", "Xã, thị trấn", "Bảo hiểm xã hội bắt buộc", None, "Bảo hiểm xã hội tự nguyện", None,
                  "Bảo hiểm thất nghiệp", None])
    sheet.append([None, None, None] + ["Số người thuộc diện tham gia", "Số người đang tham gia"] * 3)
    for number, row in enumerate(rows, 1):
        sheet.append([number, row["code"], row["name"]] + [int(row[f"{s}_{f}"]) for s in ELIGIBLE
                                                           for f in ("eligible", "enrolled")])
    sheet.append([None, None, "TỔNG SỐ"] + [sum(int(r[f"{s}_{f}"]) for r in rows) for s in ELIGIBLE
                                           for f in ("eligible", "enrolled")])
    for cell in sheet[4] + sheet[5]:
        cell.font = Font(bold=True)
    for start in (4, 6, 8):
        sheet.merge_cells(start_row=4, start_column=start, end_row=4, end_column=start + 1)
    out = os.path.join(HERE, "communes_2020_example.xlsx")
    book.save(out)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
    workbook()
