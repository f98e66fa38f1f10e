"""Rules of core/formats.py that mutation testing found unstated: a misnamed workbook's extension is the last
dot's of the file's own name, with Windows folders too. Core-level, for mutmut's selection."""

from __future__ import annotations

from bhxh_cli.core.formats import misnamed


def test_the_extension_is_after_the_last_dot_of_the_files_own_name():
    assert misnamed("bao.cao.thang.6.xls", "xlsx")[1]["name_ext"] == ".xls"
    assert misnamed("C:\\Tai lieu\\bao.cao.csv", "xlsx")[1]["name_ext"] == ".csv"
    assert misnamed("C:\\ban.2026\\bao_cao", "xls") == ("rename", {"what": "kind.xls", "name_ext": "",
                                                                  "extension": ".xls"})
    assert misnamed("D:/du.lieu\\thang6", "ods")[1]["name_ext"] == ""
