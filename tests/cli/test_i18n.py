"""docgen speaks Chinese or English: catalogs complete and current, language chosen as documented.

The same broken plan gives the same located problems in both languages; only the words after
the ``FILE:LINE:COL: path:`` prefix (and the word "warning") change.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from click.testing import CliRunner, Result

from docgen.cli import main
from docgen.errors import Finding, Severity
from docgen.messages import format_problem
from docgen.messages import language as i18n
from tests.support.paths import ROOT, SHIPPED_PLAN
from tests.support.plans import plan_with

LOCALE = ROOT / "docgen" / "messages" / "locale"
LINE = re.compile(r"^(?P<where>.+?:\d+:\d+): (?:(?P<warning>warning|警告): )?(?P<path>\S+): (?P<text>.+)$")
BROKEN_TASK_UNITS = "    units: [admissions, student_affairs, academic_affairs]"
SATURDAY, FRIDAY = dt.date(2019, 5, 4), dt.date(2019, 5, 3)


def invoke(*args: str, **env: str) -> Result:
    return CliRunner().invoke(main, list(args), prog_name="docgen", env=env)


def messages(catalog: Catalog) -> dict[tuple[object, object], object]:
    """Each entry's translation, keyed by its id and context, without the header."""
    return {(_frozen(m.id), m.context): _frozen(m.string) for m in catalog if m.id}


def _frozen(value: object) -> object:
    """A plural entry's forms as a tuple (the .mo reader gives lists)."""
    return tuple(value) if isinstance(value, list | tuple) else value


def read_catalog(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle) if path.suffix in {".po", ".pot"} else read_mo(handle)


def extracted_ids() -> set[tuple[object, object]]:
    """What Babel extracts from the code now, configured as ``make catalog`` configures it."""
    with (ROOT / "babel.cfg").open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = extract_from_dir(ROOT / "docgen", method_map, options_map, keywords=DEFAULT_KEYWORDS)
    ids: set[tuple[object, object]] = set()
    for _filename, _lineno, message, _comments, context in found:
        ids.add((message, context))
    return ids


# the catalogs


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_committed_mo_files_match_the_po_files(language: str) -> None:
    folder = LOCALE / language / "LC_MESSAGES"
    source, compiled = read_catalog(folder / "docgen.po"), read_catalog(folder / "docgen.mo")
    assert messages(compiled) == messages(source), "run 'make catalog' to compile the catalogs again"


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_every_message_is_translated(language: str) -> None:
    catalog = read_catalog(LOCALE / language / "LC_MESSAGES" / "docgen.po")
    untranslated = [m.id for m in catalog if m.id and (m.fuzzy or not all(_strings(m.string)))]
    assert not untranslated, f"translate these in {language}/LC_MESSAGES/docgen.po, then 'make catalog'"


def test_the_catalogs_hold_exactly_what_the_code_marks() -> None:
    code = extracted_ids()
    assert ("Validate PLAN and print a summary, or every problem with its line.", None) in code  # a docstring
    assert ("file not found", None) in code
    for path in [LOCALE / "docgen.pot", *(LOCALE / lang / "LC_MESSAGES" / "docgen.po" for lang in i18n.LANGUAGES)]:
        held = set(messages(read_catalog(path)))
        assert not code - held, f"{path.relative_to(ROOT)} lacks ids the code marks: run 'make catalog'"
        assert not held - code, f"{path.relative_to(ROOT)} holds ids the code no longer marks: run 'make catalog'"


def test_translations_use_only_the_placeholders_their_message_gives() -> None:
    catalog = read_catalog(LOCALE / "zh_CN" / "LC_MESSAGES" / "docgen.po")
    for message in catalog:
        if not message.id:
            continue
        given = set().union(*(_fields(text) for text in _strings(message.id)))
        for text in _strings(message.string):
            assert _fields(text) <= given, (message.id, text)


def _strings(value: object) -> list[str]:
    return list(value) if isinstance(value, tuple | list) else [str(value)]


def _fields(text: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text) if name}


# choosing the language


@pytest.mark.parametrize(
    ("name", "language"),
    [("zh_CN.UTF-8", "zh_CN"), ("zh-cn", "zh_CN"), ("zh", "zh_CN"), ("en_US.UTF-8", "en"), ("C", "en"), ("xx", None)],
)
def test_language_names_are_normalized(name: str, language: str | None) -> None:
    assert i18n.normalize(name) == language


def test_the_option_then_docgen_lang_then_the_locale_decide() -> None:
    locale = {"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}
    assert i18n.choose_language(None, {}) == ("en", None)
    assert i18n.choose_language(None, locale) == ("zh_CN", None)
    assert i18n.choose_language(None, {**locale, "LC_ALL": "C"}) == ("en", None)
    assert i18n.choose_language(None, {**locale, "DOCGEN_LANG": "en"}) == ("en", None)
    assert i18n.choose_language("zh_CN", {"DOCGEN_LANG": "en"}) == ("zh_CN", None)
    assert i18n.choose_language("klingon", locale) == ("en", "klingon")
    assert i18n.choose_language(None, {"LANG": "fr_FR.UTF-8"}) == ("en", None)


def test_the_system_language_decides_only_where_no_variable_names_a_locale() -> None:
    assert i18n.choose_language(None, {}, "zh_CN") == ("zh_CN", None)
    assert i18n.choose_language(None, {}, "zh_TW") == ("zh_CN", None)
    assert i18n.choose_language(None, {}, "fr_FR") == ("en", None)
    assert i18n.choose_language(None, {"LANG": "en_US.UTF-8"}, "zh_CN") == ("en", None)
    assert i18n.choose_language(None, {"DOCGEN_LANG": "en"}, "zh_CN") == ("en", None)


def test_a_chinese_windows_gets_chinese_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    assert i18n.system_language() is None  # these tests run on Linux, where the locale variables decide

    class Kernel32:
        @staticmethod
        def GetUserDefaultUILanguage() -> int:  # noqa: N802 - the Windows function's name
            return 0x0804  # zh-CN

    class FakeCtypes:
        class windll:  # noqa: N801 - the name ctypes gives it
            kernel32 = Kernel32

    monkeypatch.setattr(i18n.sys, "platform", "win32")
    monkeypatch.setitem(sys.modules, "ctypes", FakeCtypes)
    assert i18n.system_language() == "zh_CN"
    result = CliRunner().invoke(main, ["--help"])
    assert result.output.startswith("用法：main [选项] 命令 [参数]..."), result.output  # CliRunner names it main


def test_gnu_language_list_comes_before_the_locale_unless_it_is_c() -> None:
    assert i18n.choose_language(None, {"LANG": "en_US.UTF-8", "LANGUAGE": "fr:zh_CN:en"}) == ("zh_CN", None)
    assert i18n.choose_language(None, {"LANG": "zh_CN.UTF-8", "LANGUAGE": "en"}) == ("en", None)
    assert i18n.choose_language(None, {"LANG": "C", "LANGUAGE": "zh_CN"}) == ("en", None)
    assert i18n.choose_language(None, {"LANG": "zh_CN.UTF-8", "LANGUAGE": "fr:de"}) == ("zh_CN", None)
    assert i18n.choose_language(None, {"LANGUAGE": "zh_CN"}) == ("en", None)  # no locale: C, as GNU has it
    assert i18n.choose_language(None, {"LANG": "zh_CN.UTF-8", "LANGUAGE": "zh_CN", "DOCGEN_LANG": "en"}) == ("en", None)


def test_a_problem_reads_the_same_place_in_both_languages() -> None:
    params = {"id": "admisions", "known": "admissions"}
    problem = Finding("unknown-unit", params, "p.yaml", 111, 14, "tasks[2].units[0]")
    assert format_problem(problem) == (
        "p.yaml:111:14: tasks[2].units[0]: unknown unit id 'admisions' "
        "(register it under 'units:' or use one of: admissions)"
    )
    assert format_problem(problem, "zh_CN") == (
        "p.yaml:111:14: tasks[2].units[0]: 第 3 项任务的第 1 个责任部门：没有标识为“admisions”的部门"
        "（请先在“units:”下登记，或改用以下之一：admissions）"
    )
    warning = Finding("date-on-weekend", {"date": SATURDAY, "weekday": "Saturday", "suggestion": FRIDAY})
    warning = Finding(warning.code, warning.params, path="letter.date", severity=Severity.WARNING)
    assert format_problem(warning, "zh_CN") == (
        "警告: letter.date: 致家长的信的落款日期：2019年5月4日是星期六（可改为前一个工作日，即2019年5月3日）"
    )


# the command line


def broken_plan(tmp_path: Path) -> Path:
    """The shipped plan with a misspelt unit id in a task (so the unit it meant has no duty left)."""
    return plan_with(tmp_path, (BROKEN_TASK_UNITS, "    units: [admisions, student_affairs, academic_affairs]"))


def located(stderr: str) -> list[tuple[str, bool, str]]:
    """Each problem line's place: location, whether it is a warning, dotted path."""
    places = []
    for line in stderr.splitlines():
        match = LINE.match(line)
        assert match, line
        places.append((match["where"], match["warning"] is not None, match["path"]))
    return places


def test_the_same_broken_plan_gives_the_same_places_in_chinese_and_english(tmp_path: Path) -> None:
    plan = broken_plan(tmp_path)
    english = invoke("check", str(plan), LANG="en_US.UTF-8")
    chinese = invoke("check", str(plan), LANG="zh_CN.UTF-8")
    assert english.exit_code == chinese.exit_code == 1, english.output
    assert located(chinese.stderr) == located(english.stderr)
    assert len(located(english.stderr)) == 2  # the misspelt id, a unit left idle (the shipped plan's notes not shown)
    assert "units[0].id: 第 1 个部门的标识：部门“招生就业处”既没有任务也没有职责" in chinese.stderr
    task = next(path for _, _, path in located(english.stderr) if path.endswith(".units[0]"))
    number = int(re.findall(r"\d+", task)[0]) + 1
    assert f"{task}: 第 {number} 项任务的第 1 个责任部门：没有标识为“admisions”的部门" in chinese.stderr
    assert f"{task}: unknown unit id 'admisions' (did you mean 'admissions'?)" in english.stderr
    assert "警告: units[0].id: 第 1 个部门的标识" in chinese.stderr
    assert "warning" not in chinese.stderr and "tasks" not in chinese.stdout


def test_a_real_process_follows_lang(tmp_path: Path) -> None:
    plan = broken_plan(tmp_path)
    runs = {}
    for lang in ("zh_CN.UTF-8", "en_US.UTF-8"):
        env = {"PATH": "/usr/bin:/bin", "LANG": lang, "PYTHONPATH": str(ROOT)}
        env["DOCGEN_CACHE_DIR"] = os.environ["DOCGEN_CACHE_DIR"]  # the test run's cache, not the user's
        command = [sys.executable, "-m", "docgen", "check", str(plan)]
        runs[lang] = subprocess.run(command, capture_output=True, text=True, env=env, check=False, timeout=60)
    chinese, english = runs["zh_CN.UTF-8"], runs["en_US.UTF-8"]
    assert chinese.returncode == english.returncode == 1, english.stderr
    assert located(chinese.stderr) == located(english.stderr)
    assert "第 1 个责任部门" in chinese.stderr
    assert "unknown unit id 'admisions'" in english.stderr
    assert chinese.stderr == invoke("check", str(plan), LANG="zh_CN.UTF-8").stderr


def test_the_summary_speaks_the_language() -> None:
    result = invoke("check", str(SHIPPED_PLAN), DOCGEN_LANG="zh_CN")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"{SHIPPED_PLAN}: 检查通过：2019 年，7 项任务，17 个部门（其中 17 个有职责），"
        "活动时间2019年4月28日至5月28日，4 个时间节点，0 条警告，"
        "8 条提示（只需知晓，不必修改：加 --notes 可显示）\n"
    )


def test_the_lang_option_wins_over_the_environment() -> None:
    english = invoke("--lang", "en", "check", str(SHIPPED_PLAN), LANG="zh_CN.UTF-8", DOCGEN_LANG="zh_CN")
    assert ": OK: 2019, 7 tasks" in english.stdout
    chinese = invoke("--lang=zh_CN", "check", str(SHIPPED_PLAN), LC_ALL="en_US.UTF-8")
    assert ": 检查通过：2019 年" in chinese.stdout


def test_docgen_lang_wins_over_the_locale() -> None:
    result = invoke("check", str(SHIPPED_PLAN), LANG="en_US.UTF-8", DOCGEN_LANG="zh_CN")
    assert "检查通过" in result.stdout


@pytest.mark.parametrize("choice", [("--lang", "klingon"), ("--lang=klingon",)])
def test_an_unknown_language_falls_back_to_english_with_a_note(choice: tuple[str, ...]) -> None:
    result = invoke(*choice, "check", str(SHIPPED_PLAN), LANG="zh_CN.UTF-8")
    assert result.exit_code == 0, result.output
    assert ": OK: 2019" in result.stdout
    note, *problems = result.stderr.splitlines()
    assert note == "docgen: no messages in the language 'klingon'; using English"
    assert problems == []


def test_an_unknown_docgen_lang_is_noted_but_an_unknown_locale_is_not() -> None:
    noted = invoke("check", str(SHIPPED_PLAN), DOCGEN_LANG="fr")
    assert noted.stderr.startswith("docgen: no messages in the language 'fr'; using English\n")
    quiet = invoke("check", str(SHIPPED_PLAN), LANG="fr_FR.UTF-8")
    assert quiet.exit_code == 0 and "docgen:" not in quiet.stderr and ": OK: 2019" in quiet.stdout


def test_help_is_chinese_under_zh_cn() -> None:
    main_help = invoke("--lang", "zh_CN", "--help")
    assert main_help.exit_code == 0, main_help.output
    assert main_help.stdout.startswith("用法：docgen [选项] 命令 [参数]...\n")
    for words in ("根据一份活动计划（YAML）生成活动所需的全部文档。", "选项：", "命令：", "显示本帮助并退出。"):
        assert words in main_help.stdout
    assert "check       检查计划文件 PLAN\n" in main_help.stdout
    check_help = invoke("--lang", "zh_CN", "check", "--help")
    assert check_help.stdout.startswith("用法：docgen check [选项] [PLAN]\n")
    assert "把警告当作错误（有警告时以状态 1 退出）。" in check_help.stdout
    render_help = invoke("render", "--help", LANG="zh_CN.UTF-8")
    assert "存放文档的文件夹（默认：out/年份，各年的文档分开存放）。" in render_help.stdout
    for result in (main_help, check_help, render_help):
        assert not re.search(r"[A-Z][a-z]+ [a-z]+ [a-z]+", result.stdout), result.stdout  # no English sentence


def test_help_is_chinese_even_when_help_comes_first() -> None:
    assert invoke("--help", "--lang", "zh_CN").stdout.startswith("用法：")


def test_help_stays_english_by_default() -> None:
    result = invoke("--help")
    assert result.stdout.startswith("Usage: docgen [OPTIONS] COMMAND [ARGS]...\n")
    assert "  check       Validate PLAN and print a summary, or every problem with its...\n" in result.stdout


def test_version_in_chinese() -> None:
    assert invoke("--lang", "zh_CN", "--version").stdout.startswith("docgen，版本 ")


def test_new_year_review_is_chinese(tmp_path: Path) -> None:
    plan = tmp_path / "campaign.yaml"
    plan.write_text(SHIPPED_PLAN.read_text(encoding="utf-8"), encoding="utf-8")
    result = invoke("--lang", "zh_CN", "new-year", str(plan), "--year", "2020")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[-1] == f"已写入 {tmp_path / 'campaign-2020.yaml'}"
    kinds = {line.split(": ")[1] for line in lines[:-1]}
    assert kinds <= {"需修改", "警告", "提示"} and "需修改" in kinds
    assert any("文号" in line and "旧年份（2019 年）" in line for line in lines)
    english = invoke("new-year", str(plan), "--year", "2020", "--force")
    assert [line.split(": ")[0] for line in english.stdout.splitlines()[:-1]] == [
        line.split(": ")[0] for line in lines[:-1]
    ]


def test_collect_problems_are_chinese(tmp_path: Path) -> None:
    form = tmp_path / "宣传部.docx"
    form.write_bytes(b"not a zip at all")
    result = invoke("--lang", "zh_CN", "collect", str(form), "--plan", str(SHIPPED_PLAN), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1, result.output
    assert f"{form}: 不是 .docx 文件（.docx 是一个 zip 压缩包）（请以 .docx 格式交回表格）" in result.stderr
    assert "警告: 招生就业处尚未交回表格" in result.stderr
    assert "宣传部尚未交回" not in result.stderr  # the issuer collects; it owes no form
    summary = "1 个文件：0 个部门交回了表格，共 0 项活动，0 行未计入，16 个部门未交，1 个错误，16 条警告\n"
    assert result.stdout.startswith(summary)
    assert "已写入 " in result.stdout


def test_the_library_stays_english_unless_asked() -> None:
    problem = Finding("file-missing", {}, "x.yaml")
    assert str(problem) == "x.yaml: file not found (check the path, or run 'docgen init DIR' to start a plan)"
    with i18n.use_language("zh_CN"):
        assert str(problem) == "x.yaml: 找不到文件（请检查路径；如要新建计划，可运行 docgen init DIR）"
    assert i18n.current_language() == "en"


def test_mo_files_are_read_from_the_package() -> None:
    assert (Path(i18n.__file__).parent / "locale" / "zh_CN" / "LC_MESSAGES" / "docgen.mo").is_file()
    assert i18n.translations("zh_CN").gettext("file not found") == "找不到文件"
