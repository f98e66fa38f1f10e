"""Writing a version 1 plan file as version 2, keeping every comment, the order of keys and the style
(block or flow) of each mapping. ruamel.yaml does the round trip; it is imported only here.

What changes, and why it means the same: v1's `enrolled` of a scheme was the planned number of participants,
which v2 calls `target`; a v1 commune's `baseline` was its participants now, which v2 calls `enrolled`; v1's `communes` are v2's `units`, each with its scheme figures under `schemes` and,
where its name says it (Xã, Phường, Thị trấn, Đặc khu), its `kind`. Nothing is guessed: a commune whose name
has no such prefix gets no kind.
"""

from __future__ import annotations

import io

from bhxh_cli.core.schemes import SCHEMES

PREFIXES = (("thị trấn ", "thị trấn"), ("phường ", "phường"), ("xã ", "xã"), ("đặc khu ", "đặc khu"),
            ("huyện ", "huyện"), ("quận ", "quận"), ("thị xã ", "thị xã"), ("thành phố ", "thành phố"))


def kind_from_name(name: str) -> str | None:
    """The unit's kind when its name begins with it ("Xã Thọ Sơn" -> xã); None otherwise."""
    folded = " ".join(name.split()).casefold()
    return next((kind for prefix, kind in PREFIXES if folded.startswith(prefix)), None)


def _rename(mapping, old: str, new: str) -> None:
    """Rename a key in place, keeping its position and the comments attached to it."""
    if old not in mapping:
        return
    position = list(mapping).index(old)
    value = mapping[old]
    comment = mapping.ca.items.pop(old, None)
    del mapping[old]
    mapping.insert(position, new, value)
    if comment is not None:
        mapping.ca.items[new] = comment


def upgrade_text(text: str) -> str:
    """The text of a valid version 1 plan, rewritten as version 2."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap

    yaml = YAML()  # round-trip mode: comments, key order and flow/block style are kept
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long name onto a second line
    yaml.indent(mapping=2, sequence=4, offset=2)
    data = yaml.load(text)
    data["version"] = 2
    for scheme in SCHEMES:
        if scheme in data["schemes"]:
            _rename(data["schemes"][scheme], "enrolled", "target")
    for commune in data.get("communes") or []:
        schemes = CommentedMap()
        if commune.fa.flow_style():
            schemes.fa.set_flow_style()
        first = None
        for scheme in [key for key in commune if key in SCHEMES]:
            first = list(commune).index(scheme) if first is None else first
            figures = commune[scheme]
            _rename(figures, "enrolled", "target")
            # a commune's v1 `baseline` is its participants now (what allocate writes from the table's enrolment);
            # v2 calls that `enrolled`, and keeps `baseline` for last year's count, which adds up to the area's
            _rename(figures, "baseline", "enrolled")
            schemes[scheme] = figures
            comment = commune.ca.items.pop(scheme, None)
            if comment is not None:
                schemes.ca.items[scheme] = comment
            del commune[scheme]
        kind = kind_from_name(str(commune.get("name", "")))
        at = list(commune).index("name") + 1 if "name" in commune else len(commune)
        if kind is not None:
            commune.insert(at, "kind", kind)
        commune.insert(len(commune) if first is None else max(first, at + (kind is not None)), "schemes", schemes)
    if "communes" in data:
        _rename(data, "communes", "units")
    out = io.StringIO()
    yaml.dump(data, out)
    # an editor's schema line names the version 1 schema: the file is now version 2
    written = out.getvalue().replace("$schema=../schema/plan-v1.schema.json", "$schema=../schema/plan.schema.json")
    return _comments_in_v2_words(written)


def _comments_in_v2_words(text: str) -> str:
    """The comment `bhxh allocate` wrote into a v1 plan says which keys hold what (enrolled = the target);
    after the renaming above it would say it wrong, in whichever language it was written."""
    from bhxh_cli.messages import LANGUAGES, catalog

    lines = text.split("\n")
    for lang in LANGUAGES:
        old, new = catalog(lang)["plan_comment.v1_keys"], catalog(lang)["plan_comment.v2_keys"]
        lines = [line.replace(old, new) if "#" in line and old in line.split("#", 1)[1] else line
                 for line in lines]
    return "\n".join(lines)
