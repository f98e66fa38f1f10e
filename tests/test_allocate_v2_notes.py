"""What the notes under `allocate`'s table of a v2 plan say the split held to: the cap (the denominator, or the
eligible people when the split is by another count and every unit gives them), and the floor when applied."""

from __future__ import annotations

from tests.test_allocate_table_denominators import LABOUR
from tests.test_allocate_v2 import WARDS, plan, run

HEALTH_NOTE = ("Chỉ tiêu chia theo dân số của các đơn vị (phương pháp Sainte-Laguë); mỗi cấp cộng lại đúng bằng "
               "chỉ tiêu của cấp trên; không đơn vị nào vượt dân số của mình.")
FLOOR_NOTE = "Không đơn vị nào có chỉ tiêu dưới số người đang tham gia."


def _text(stdout: str) -> str:
    return " ".join(stdout.split())


def test_a_floored_split_says_no_unit_is_below_its_enrolment(tmp_path):
    result = run("allocate", "-p", plan(tmp_path, WARDS), "-s", "bhyt")
    assert (result.exit_code, result.stderr) == (0, "")
    assert _text(result.stdout).endswith(f"{HEALTH_NOTE} {FLOOR_NOTE}")


def test_without_the_floor_the_note_does_not_say_so(tmp_path):
    result = run("allocate", "-p", plan(tmp_path, WARDS), "-s", "bhyt", "--no-floor")
    assert (result.exit_code, result.stderr) == (0, "")
    assert _text(result.stdout).endswith(HEALTH_NOTE)
    assert FLOOR_NOTE not in _text(result.stdout)


def test_a_labour_force_split_capped_by_every_unit_s_eligible_names_that_cap(tmp_path):
    text = LABOUR + """units:
  - {code: "01", name: Xã A, kind: xã, schemes: {mandatory: {labour_force: 6000, eligible: 450}}}
  - {code: "02", name: Xã B, kind: xã, schemes: {mandatory: {labour_force: 4000, eligible: 2000}}}
"""
    result = run("allocate", "-p", plan(tmp_path, text))
    assert (result.exit_code, result.stderr) == (0, "")
    assert _text(result.stdout).endswith(
        "Chỉ tiêu chia theo lực lượng lao động của các đơn vị (phương pháp Sainte-Laguë); mỗi cấp cộng lại đúng "
        "bằng chỉ tiêu của cấp trên; không đơn vị nào vượt số người thuộc diện tham gia của mình.")


def test_a_labour_force_split_without_every_unit_s_eligible_is_capped_by_the_labour_force(tmp_path, english):
    text = LABOUR + """units:
  - {code: "01", name: Xã A, kind: xã, schemes: {mandatory: {labour_force: 6000, eligible: 450}}}
  - {code: "02", name: Xã B, kind: xã, schemes: {mandatory: {labour_force: 4000}}}
"""
    result = run("allocate", "-p", plan(tmp_path, text))
    assert (result.exit_code, result.stderr) == (0, "")
    assert _text(result.stdout).endswith(
        "Targets split by the units' labour force (Sainte-Laguë); each level adds up exactly to the level above; "
        "no unit above its labour force.")
