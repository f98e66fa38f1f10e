"""How commune names are compared. Pure: text in, text out."""

from __future__ import annotations

import functools
import re
import unicodedata

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
_TONE_RE = re.compile(f"[{_TONE_MARKS}]")
_DROP_TONES = str.maketrans("", "", _TONE_MARKS)


@functools.lru_cache(maxsize=65536)  # a plan and its reports repeat the same names
def normalized_name(name: str) -> str:
    """How names are compared: Unicode NFC, case-folded, inner spaces collapsed, and the tone mark's place
    in a word ignored, so that the old and new spellings "Hóa" and "Hoá", "Thủy" and "Thuỷ" are one name."""
    words = []
    for word in unicodedata.normalize("NFD", name).casefold().split():
        words.append(unicodedata.normalize("NFC", word.translate(_DROP_TONES)) + "".join(_TONE_RE.findall(word)))
    return " ".join(words)


def name_key(name: str) -> str:
    """A coarser key than normalized_name, and cheaper: the name's letters without tone marks, case-folded,
    inner spaces collapsed. Two names with one normalized_name always share this key (so only names that
    share it need comparing by normalized_name)."""
    # Word by word this is NFD(the word without tones), which normalized_name's NFC(the word without tones)
    # determines; done on the whole name at once, as no canonical decomposition adds or removes a space.
    # (Five replace calls are twice as fast as translate here.)
    folded = unicodedata.normalize("NFD", name).casefold()
    folded = (folded.replace("\u0300", "").replace("\u0301", "").replace("\u0303", "").replace("\u0309", "")
              .replace("\u0323", ""))  # the five tone marks, _TONE_MARKS
    return " ".join(unicodedata.normalize("NFD", folded).split())


# -- matching report rows to the plan's communes by name ---------------------------------------------

# Unit prefixes that tables write or leave out: "Xã Thọ Sơn" and "Thọ Sơn" are one commune.
_PREFIXES = tuple(normalized_name(p).split() for p in ("Thị trấn", "Đặc khu", "Phường", "Xã"))


def split_prefix(normalized: str) -> tuple[str, str]:
    """(prefix, rest) of a normalized name; the prefix is "" when the name has none (or is only one)."""
    words = normalized.split()
    for prefix in _PREFIXES:
        if len(words) > len(prefix) and words[:len(prefix)] == prefix:
            return " ".join(prefix), " ".join(words[len(prefix):])
    return "", normalized


class NameIndex:
    """The plan's communes by name, for reports without (matching) codes: NFC, case-folded, the tone mark's
    place ignored, and the unit prefix optional on either side (but two different prefixes never match)."""

    def __init__(self, names: dict[str, str]):  # key (the commune's code or place) -> its name
        self.names = names
        self._folded: dict[str, list[str]] | None = None  # for nearest(), made on its first call
        self._by_rest: dict[str, list[tuple[str, str]]] = {}
        for key, name in names.items():
            prefix, rest = split_prefix(normalized_name(name))
            self._by_rest.setdefault(rest, []).append((prefix, key))

    def matches(self, name: str) -> list[str]:
        """The keys of the communes `name` can mean: one, none, or (ambiguous) several."""
        prefix, rest = split_prefix(normalized_name(name))
        found = [(p, key) for p, key in self._by_rest.get(rest, []) if not prefix or not p or p == prefix]
        exact = [key for p, key in found if p == prefix]
        return exact if len(found) > 1 and len(exact) == 1 else [key for _, key in found]

    def nearest(self, name: str, count: int = 3) -> list[str]:
        """The names of the plan closest to `name` (difflib), to suggest in a message."""
        # compared without any marks, so that "Ba Dinh" finds "Ba Đình"; made once for all the names a report
        # does not know (at 10,000 communes, as long as the comparing itself)
        by_rest = self._folded
        if by_rest is None:
            by_rest = self._folded = {}
            for known in self.names.values():
                by_rest.setdefault(_fold(split_prefix(normalized_name(known))[1]), []).append(known)
        rest = _fold(split_prefix(normalized_name(name))[1])
        close = _closest(rest, by_rest, count)
        return [known for r in close for known in by_rest[r]][:count]


def _closest(word: str, candidates, count: int) -> list[str]:
    """difflib.get_close_matches(word, candidates, n=count, cutoff=0), the same list, faster: a candidate
    whose cheap upper bounds (real_quick_ratio, quick_ratio) are below the count-th best ratio so far cannot
    be among the closest, and its full ratio is not computed."""
    import difflib
    import heapq

    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)
    best: list[tuple[float, str]] = []  # the count best (ratio, candidate) so far, the worst first
    for candidate in candidates:
        matcher.set_seq1(candidate)
        if len(best) == count:
            floor = best[0][0]
            if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
                continue
        scored = (matcher.ratio(), candidate)
        if len(best) < count:
            heapq.heappush(best, scored)
        elif scored > best[0]:
            heapq.heapreplace(best, scored)
    return [candidate for _, candidate in sorted(best, reverse=True)]


# -- scheme names as people write them ----------------------------------------------------------------

def _fold(text: str) -> str:
    """Without marks, case or punctuation: "Bắt buộc" -> "bat buoc"."""
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text)).replace("đ", "d").replace("Đ", "d")
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[-_.,/]", " ", text).split())


SCHEME_NAMES = {
    "mandatory": ("mandatory", "bb", "bat buoc", "bhxh bat buoc", "bhxhbb", "bao hiem xa hoi bat buoc"),
    "voluntary": ("voluntary", "tn", "tu nguyen", "bhxh tu nguyen", "bhxhtn", "bao hiem xa hoi tu nguyen"),
    "unemployment": ("unemployment", "bhtn", "that nghiep", "bh that nghiep", "bao hiem that nghiep"),
    "health": ("health", "bhyt", "yt", "y te", "bao hiem y te"),
}
_SCHEME_OF = {alias: scheme for scheme, aliases in SCHEME_NAMES.items() for alias in aliases}


def scheme_of(text: str) -> str | None:
    """The scheme key a user means by `text` (English key, Vietnamese name or short form), or None."""
    return _SCHEME_OF.get(_fold(text))


# Vietnamese alphabetical order (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, the Latin letters
# Vietnamese lacks in their Latin places); tone marks decide only between names with the same letters, in
# the dictionaries' order: none, huyền, sắc, hỏi, ngã, nặng.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: chr(0x2000 + rank) for rank, letter in enumerate(_ALPHABET)}  # after digits and spaces
_TONE_RANK = {"\u0300": "1", "\u0301": "2", "\u0309": "3", "\u0303": "4", "\u0323": "5"}
_DIGITS = re.compile(r"\d+")


def sort_key(name: str) -> tuple[str, str, str]:
    """A key that orders names as a Vietnamese list does: "Đặc khu" before "Xã", "Ân" after "Ăn" after "An",
    "Phường 2" before "Phường 10"; case, spacing and the tone mark's place in a word ("Thủy", "Thuỷ") do not
    count, and names that differ only there keep a fixed order."""
    letters, tones = [], []
    for word in unicodedata.normalize("NFD", name.casefold()).split():
        tone = "0"
        for char in word:
            if char in _TONE_RANK:
                tone = _TONE_RANK[char]  # a syllable has one tone, wherever its mark is written
            else:
                letters.append(char)
        letters.append(" ")
        tones.append(tone)
    base = unicodedata.normalize("NFC", "".join(letters))
    # numbers by their value: a run of digits becomes its length (one character), then the digits
    base = _DIGITS.sub(lambda match: chr(0x1000 + len(match.group().lstrip("0"))) + match.group().lstrip("0"), base)
    return "".join(_LETTER_RANK.get(char, char) for char in base), "".join(tones), name
