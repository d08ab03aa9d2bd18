"""A template that passes the check renders; a mistake put into a template is reported at its place.

The corpus: each template docgen ships, with one mistake injected at a random tag of its body
(a name misspelt, a tag copied out of its loop, another of the context's names printed, a
filter added or misspelt, a tag that cannot be read, a block left open, text beside a ``{%p``
tag, full-width braces). Some of these are no mistake at all (a name printed that has text, a
tag copied that uses no loop variable): then the check must pass and the render must succeed.
"""

from __future__ import annotations

import functools
import html
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from docgen.errors import TemplateError
from docgen.rendering.tags import scan_part
from docgen.rendering.template_check import check_template
from docgen.rendering.template_check.names import ContextNames
from docgen.rendering.templates import CompiledTemplate
from tests.support.hypothesis_profiles import PROFILE
from tests.support.paths import SHIPPED_TEMPLATES, TEMPLATE_NAMES
from tests.support.template_contexts import TemplateContexts, shipped_contexts

DOCUMENT = "word/document.xml"
TAG_IN_XML = re.compile(r"\{\{[^<]*?\}\}|\{%[^<]*?%\}")  # the shipped templates keep each tag in one run
IDENTIFIER = re.compile(r"[A-Za-z_]\w*")
NAME_CODES = {"template-name", "template-name-suggest", "template-loop-name", "template-text-field"}
FILTERS = ["upper", "lower", "string", "trim", "title", "uper", "lenght", "strng", "trimm"]
BREAKERS = ["&&", "，", "= 1", "(", "]", "x y", '"年']
MUTATIONS = ["misspell", "outside", "print", "filter", "unreadable", "unclosed-block", "beside", "full-width"]


@pytest.fixture(scope="module")
def contexts(tmp_path_factory: pytest.TempPathFactory) -> TemplateContexts:
    return shipped_contexts(tmp_path_factory.mktemp("contexts"))


@functools.cache
def _parts(name: str) -> tuple[dict[str, bytes], str]:
    """A shipped template's members, and the text of its body part."""
    with zipfile.ZipFile(SHIPPED_TEMPLATES / name) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    return members, members[DOCUMENT].decode("utf-8")


@dataclass(frozen=True)
class Mistake:
    """A mutated body, the tag where the mistake is (by its order in the part), and the codes reporting it there."""

    xml: str
    tags: tuple[int, ...]  # the mutated tag, or the openers a missing end may leave open; (): the full-width one
    codes: frozenset[str]  # empty: maybe no mistake at all (then the render must succeed)


def _replace(xml: str, match: re.Match[str], new: str) -> str:
    return xml[: match.start()] + new + xml[match.end() :]


def _mutate(xml: str, kind: str, data: st.DataObject, context: ContextNames) -> Mistake:
    tags = list(TAG_IN_XML.finditer(xml))
    values = [m for m in tags if m.group().startswith("{{")]
    order = {m.start(): n for n, m in enumerate(tags)}
    if kind in ("misspell", "print", "filter", "outside"):
        assume(values)
        match = data.draw(st.sampled_from(values))
        body = match.group()[2:-2]
        level = "p" if body.startswith("p ") else ""
        expression = body[len(level) :].strip()
        if kind == "misspell":
            word = list(IDENTIFIER.finditer(expression))[-1]
            at = data.draw(st.integers(1, len(word.group())))
            wrong = word.group()[:at] + word.group()[at - 1] + word.group()[at:]
            assume(not any(p == wrong or p.endswith("." + wrong) for p in context.paths))
            new = "{{" + level + " " + expression[: word.start()] + wrong + expression[word.end() :] + " }}"
            return Mistake(_replace(xml, match, new), (order[match.start()],), frozenset(NAME_CODES))
        if kind == "print":
            names = sorted(p for p in context.paths if "[" not in p)
            printed = data.draw(st.sampled_from(names))
            new = "{{ " + printed + " }}"
            codes = frozenset({f"template-not-text-{context.textless[printed]}"} if printed in context.textless else ())
            return Mistake(_replace(xml, match, new), (order[match.start()],), codes)
        if kind == "filter":
            chosen = data.draw(st.sampled_from(FILTERS))
            new = "{{" + level + " " + expression + " | " + chosen + " }}"
            known = chosen in ("upper", "lower", "string", "trim", "title")
            codes = frozenset() if known else frozenset({"template-unknown-filter", "template-unknown-filter-suggest"})
            return Mistake(_replace(xml, match, new), (order[match.start()],), codes)
        # outside: the tag copied into a new paragraph at the end of the body, out of every loop
        new = "{{ " + expression + " }}"
        end = xml.rindex("<w:sectPr")
        paragraph = f'<w:p><w:r><w:t xml:space="preserve">{new}</w:t></w:r></w:p>'
        bound = set(re.findall(r"\{%p? ?for (\w+) in", html.unescape(xml)))
        uses = {w.group() for w in IDENTIFIER.finditer(html.unescape(expression))}
        codes = frozenset({"template-loop-name"}) if bound & uses and not uses & _top_level(context) else frozenset()
        return Mistake(xml[:end] + paragraph + xml[end:], (len(tags),), codes)
    if kind == "unreadable":
        match = data.draw(st.sampled_from(tags))
        breaker = html.escape(data.draw(st.sampled_from(BREAKERS)), quote=False)
        new = match.group()[:-2].rstrip() + " " + breaker + " " + match.group()[-2:]
        codes = frozenset({"tag-level-percent"}) | {c for c in _SYNTAX_CODES}
        return Mistake(_replace(xml, match, new), (order[match.start()],), codes)
    if kind == "unclosed-block":
        ends = [m for m in tags if re.match(r"\{%(?:p|tr|tc)? ?end(?:if|for) %\}", m.group())]
        assume(ends)
        match = data.draw(st.sampled_from(ends))
        openers = tuple(order[opener.start()] for opener in _openers_of(tags, match))
        return Mistake(_replace(xml, match, "已删去"), openers, frozenset({"block-unclosed"}))
    if kind == "beside":
        p_tags = [m for m in tags if m.group().startswith("{%p ")]
        assume(p_tags)
        match = data.draw(st.sampled_from(p_tags))
        beside = _replace(xml, match, match.group() + "多余的字")
        return Mistake(beside, (order[match.start()],), frozenset({"tag-p-beside-text"}))
    # full-width: the braces typed with the Chinese input method
    match = data.draw(st.sampled_from(values))
    new = "｛｛" + match.group()[2:-2] + "｝｝"
    return Mistake(_replace(xml, match, new), (), frozenset({"tag-full-width"}))


_SYNTAX_CODES = frozenset(
    {"template-syntax", "tag-unclosed"}
    | {f"template-syntax-{kind}" for kind in ("and", "or", "equals", "for", "empty", "brace", "quote", "wide", "extra")}
    | {"template-syntax-unknown-tag", "template-syntax-unknown-tag-suggest"}
)


def _top_level(context: ContextNames) -> set[str]:
    return {p for p in context.paths if "." not in p and "[" not in p}


def _openers_of(tags: list[re.Match[str]], end: re.Match[str]) -> list[re.Match[str]]:
    """The tag that opens the block ``end`` closes, and the blocks of its kind around it.

    Without ``end`` the block checker pairs the next end of that kind with the innermost block:
    which of them is left open depends on how one reads it.
    """
    stack: list[tuple[str, re.Match[str]]] = []
    for tag in tags:
        words = re.match(r"\{%(?:p|tr|tc)? ?(\w+)", tag.group())
        keyword = words.group(1) if words else ""
        if keyword in ("if", "for"):
            stack.append((keyword, tag))
        elif keyword in ("endif", "endfor"):
            opened, opener = stack.pop()
            if tag is end:
                return [opener] + [t for k, t in stack if k == opened]
    raise AssertionError(end.group())


def _save(path: Path, members: dict[str, bytes], xml: str) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, xml.encode("utf-8") if name == DOCUMENT else data)
    return path


@settings(
    max_examples=100 if PROFILE == "ci" else 1500,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(name=st.sampled_from(TEMPLATE_NAMES), kind=st.sampled_from(MUTATIONS), data=st.data())
def test_a_mutated_template_that_passes_the_check_renders_and_its_mistake_is_found_at_its_place(
    name: str,
    kind: str,
    data: st.DataObject,
    contexts: TemplateContexts,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    members, xml = _parts(name)
    samples = contexts.contexts(name)  # every document's: a task sheet per unit
    mistake = _mutate(xml, kind, data, ContextNames(samples))
    path = _save(tmp_path_factory.mktemp("mutated") / name, members, mistake.xml)
    found = check_template(path, samples)
    if mistake.codes:
        typed = scan_part(DOCUMENT, mistake.xml.encode("utf-8"))
        if not mistake.tags:  # the full-width tag is no tag: its paragraph
            places = {next(str(p.place) for p in typed.paragraphs if "｛｛" in p.text)}
        else:
            places = {str(typed.tags[tag].place) for tag in mistake.tags}
        at_place = [p for p in found if p.path in places and p.code in mistake.codes]
        assert at_place, (kind, places, [(p.code, p.path, p.params.get("tag")) for p in found])
    if not any(problem.is_error for problem in found):
        document = data.draw(st.integers(0, len(samples) - 1))
        try:
            CompiledTemplate(path).render(contexts.context(name, document), contexts.pictures.get(name, ()))
        except TemplateError as error:  # pragma: no cover - the property's failure
            raise AssertionError(f"the check passed ({kind}), the render failed: {error}") from None
