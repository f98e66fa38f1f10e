"""`plan import` names what it wrote in the words of the plan's units, as the other commands do: the kinds of a
version 2 plan ("xã", "xã, phường"), the era's words for a version 1 plan ("xã" before the 2025 reform, "xã,
phường" after)."""

from typer.testing import CliRunner

from bhxh_cli.cli import app

TITLE = ("CHỈ TIÊU PHÁT TRIỂN ĐỐI TƯỢNG THAM GIA BHXH, BHYT NĂM {year}\n"
         "(Kèm theo Kế hoạch số 7/KH-UBND ngày 15/01/{year} của UBND tỉnh Thử)\n")
HEADER = "STT;Mã;Tên đơn vị;BHXH bắt buộc;;;{third}\n;;;Thuộc diện tham gia;Chỉ tiêu;Tỷ lệ (%){fourth}\n"


def imported(tmp_path, year, names, health=True):
    lines = [TITLE.format(year=year),
             HEADER.format(third="Bảo hiểm y tế;;" if health else "", fourth=";Dân số;Chỉ tiêu;Tỷ lệ (%)" if health else "")]
    for number, name in enumerate(names, 1):
        lines.append(f"{number};0000{number};{name};1000;960;96,0" + (";10000;9500;95,0" if health else "") + "\n")
    path = tmp_path / "phu_luc.csv"
    path.write_text("".join(lines), encoding="utf-8")
    out = tmp_path / "ke_hoach.yaml"
    result = CliRunner().invoke(app, ["plan", "import", str(path), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return out, result.stderr


def test_a_version_2_plan_with_a_ward_says_communes_and_wards(tmp_path):
    out, said = imported(tmp_path, 2026, ["Xã Đông Hoà", "Xã Đông Hội", "Phường Ánh Dương"])
    assert said == f"đã ghi {out}: 3 xã, phường; 2 loại hình; kế hoạch 7/KH-UBND năm 2026\n"


def test_a_version_2_plan_of_communes_alone_says_communes(tmp_path, english):
    out, said = imported(tmp_path, 2026, ["Xã Đông Hoà", "Xã Đông Hội"])
    assert said == f"wrote {out}: 2 communes; 2 schemes; plan 7/KH-UBND of 2026\n"


def test_a_version_1_plan_says_its_eras_words(tmp_path, english):
    (tmp_path / "2024").mkdir(), (tmp_path / "2026").mkdir()
    out, said = imported(tmp_path / "2024", 2024, ["Xã Đông Hoà", "Thị trấn Đông"], health=False)
    assert said == f"wrote {out}: 2 communes; 1 scheme; plan 7/KH-UBND of 2024\n"
    out, said = imported(tmp_path / "2026", 2026, ["Xã Đông Hoà", "Xã Đông Hội"], health=False)
    assert said == f"wrote {out}: 2 communes and wards; 1 scheme; plan 7/KH-UBND of 2026\n"


def test_the_plans_first_comment_names_the_rows_in_the_same_words(tmp_path):
    out, _ = imported(tmp_path, 2026, ["Xã Đông Hoà", "Xã Đông Hội", "Phường Ánh Dương"])
    assert out.read_text(encoding="utf-8").splitlines()[0] == (
        "# Lập bằng `bhxh plan import` từ phu_luc.csv (các xã, phường ở dòng 5-7, không có dòng tổng số: tổng là "
        "tổng của các xã, phường đó); số liệu và tỷ lệ đúng như trong tệp đó.")
