from bhxh_cli.diagnostics import Diagnostic, report_github, report_text


def test_text_format_is_file_line_col_path_message_rule():
    d = Diagnostic("p.yaml", 3, 7, "schemes.mandatory", "bad", "some-rule")
    assert report_text([d]) == "p.yaml:3:7: schemes.mandatory: bad (some-rule)\n"


def test_github_escapes_percent_cr_lf_and_property_separators(english):
    d = Diagnostic("a,b:c.yaml", 1, 2, "", "95%\r\nnext", "r", "warning")
    assert report_github([d]) == ("::warning file=a%2Cb%3Ac.yaml,line=1,col=2::"
                                  "a,b:c.yaml:1:2: warning: 95%25%0D%0Anext (r)\n")


def test_diagnostic_without_position():
    d = Diagnostic("x.yaml", None, None, "", "no such file", "unreadable")
    assert d.text() == "x.yaml: no such file (unreadable)"
