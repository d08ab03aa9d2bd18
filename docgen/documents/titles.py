"""A long title in lines, as GB/T 9704-2012 7.3.1 lays it out: a 梯形 or a 菱形, words kept whole.

A title too long for one line of the 版心 (20 characters of 二号) is broken so that its lines
make a trapezoid with the longer line below (梯形) or a diamond with the longest in the middle
(菱形), never an upside-down trapezoid, and so that no line break cuts a word: a 书名号 title
(《…》), a quoted name (“…”), a number with its 年. Chinese has no spaces to show where a
word ends, so the breaks are taken where the title's own structure shows one: beside the
marks, after 关于 and the verb that follows it (印发, 转发 …), before the kind of document
(的通知, 的意见 …). A break anywhere else is a last resort.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from docgen.chinese import text_width
from docgen.plan.model import Plan

LINE_CHARS = 20  # 二号 characters on a line of the 版心 (156 mm at 22 pt, the body's character spacing)
MAX_LINES = 4
# What a break between two characters costs, by what stands around it.
FREE, GOOD, POOR, LAST_RESORT, QUOTED, NEVER = 0, 1, 6, 30, 60, None
_DOCUMENT_KINDS = re.compile(r"的(?:通知|意见|决定|报告|请示|批复|函|方案|办法|规定|通报|公告|通告|纪要|决议)$")
_VERBS = re.compile(r"^关于(?:印发|转发|下发|开展|做好|举办|组织|加强|进一步)?")
_OPENING, _CLOSING = "《“（(〔", "》”）)〕"
_NO_LINE_START = set(_CLOSING + "，。、；：？！…·")


def title_lines(title: str, *, diamond: bool = True, limit: float = LINE_CHARS) -> list[str]:
    """``title`` in lines of at most ``limit`` characters, a 梯形 (or, with ``diamond``, a 菱形).

    A title with line breaks of its own keeps them. Among the shapes that fit, the one whose
    breaks cut the least wins, then the fewer lines, then the more even ones.
    """
    if "\n" in title:
        return [line for line in title.split("\n") if line]
    if text_width(title) <= limit:
        return [title]
    costs = _break_costs(title)
    places = [i for i, c in costs.items() if c is not None]
    upto = list(itertools.accumulate((text_width(c) for c in title), initial=0.0))  # width of title[:i]
    best: tuple[float, list[str]] | None = None
    for count in range(2, MAX_LINES + 1):
        for cuts in _cuttings(upto, places, count - 1, 0, limit):
            ends = list(itertools.pairwise((0, *cuts, len(title))))
            lines = [title[a:b] for a, b in ends]
            widths = [upto[b] - upto[a] for a, b in ends]
            if not _shaped(widths, diamond=diamond):
                continue
            cut = sum(costs[i] or 0 for i in cuts)
            score = cut + 4 * (count - 2) + (max(widths) - min(widths)) / limit
            if best is None or score < best[0]:
                best = (score, lines)
        if best is not None and best[0] < POOR:
            break  # clean breaks found: more lines would only cost more
    return best[1] if best is not None else _greedy(title, limit)


def _cuttings(upto: list[float], places: list[int], cuts: int, start: int, limit: float) -> Iterator[tuple[int, ...]]:
    """Every choice of ``cuts`` break places after ``start`` that leaves no line wider than ``limit``.

    ``upto[i]`` is the width of the title's first ``i`` characters.
    """
    if cuts == 0:
        if upto[-1] - upto[start] <= limit:
            yield ()
        return
    for place in places:
        if place <= start:
            continue
        if upto[place] - upto[start] > limit:
            break
        if upto[-1] - upto[place] > cuts * limit:
            continue  # what is left cannot fit the lines left
        for rest in _cuttings(upto, places, cuts - 1, place, limit):
            yield (place, *rest)


def under_institution(plan: Plan, title: str) -> list[str]:
    """The institution's name on the first line, ``title`` below it in lines that widen downwards (梯形)."""
    return [plan.institution, *title_lines(title, diamond=False)]


def notice_title_lines(plan: Plan) -> list[str]:
    """The 方案's title lines: as the plan writes them, else the institution over the title, in a 梯形."""
    if plan.notice.title_lines is not None:
        return list(plan.notice.title_lines)
    return under_institution(plan, plan.notice_title)


def _shaped(widths: list[float], *, diamond: bool) -> bool:
    """梯形: no line longer than the one below it; 菱形: rising to the longest line, then falling."""
    peak = widths.index(max(widths))
    rising = all(a <= b for a, b in itertools.pairwise(widths[: peak + 1]))
    falling = all(a >= b for a, b in itertools.pairwise(widths[peak:]))
    if peak == len(widths) - 1:
        return rising
    return diamond and rising and falling and peak > 0


def _break_costs(title: str) -> dict[int, int | None]:
    """The cost of a break before each character of ``title`` (None: never there)."""
    depth = dict(_depths(title))
    costs: dict[int, int | None] = {}
    verb = _VERBS.match(title)
    kind = _DOCUMENT_KINDS.search(title)
    for i in range(1, len(title)):
        before, after = title[i - 1], title[i]
        quoted, booked = depth[i]
        if after in _NO_LINE_START or before in _OPENING:
            costs[i] = NEVER
        elif _joined(before, after):
            costs[i] = NEVER  # a number with its 年, a Latin word
        elif quoted:
            costs[i] = QUOTED  # a quoted name too long for a line is all that may be cut
        elif after in _OPENING or before in _CLOSING:
            costs[i] = POOR if booked else FREE
        elif booked:
            costs[i] = LAST_RESORT
        elif (
            (verb and i == verb.end() and i > 2)
            or (kind and i == kind.start())
            or (i == 2 and title.startswith("关于"))
        ):
            costs[i] = GOOD
        else:
            costs[i] = LAST_RESORT
    return costs


def _depths(title: str) -> Iterator[tuple[int, tuple[bool, bool]]]:
    """For each place between characters: whether it lies inside a quoted name, inside a 书名号."""
    quoted = booked = 0
    for i, char in enumerate(title):
        yield i, (quoted > 0, booked > 0)
        quoted += (char == "“") - (char == "”")
        booked += (char == "《") - (char == "》")
    yield len(title), (False, False)


def _joined(before: str, after: str) -> bool:
    """Characters that make one word together: digits and Latin letters, a number and its 年, 月 or 日."""
    if before.isascii() and before.isalnum() and after.isascii() and after.isalnum():
        return True
    return before.isdigit() and after in "年月日号届期"


def _greedy(title: str, limit: float) -> list[str]:
    """Full lines filled from the end, the first one shorter (a 梯形): for a title no clean shape fits."""
    lines, line = [], ""
    for char in reversed(title):
        if text_width(char + line) > limit:
            lines.append(line)
            line = ""
        line = char + line
    return [line, *reversed(lines)]
