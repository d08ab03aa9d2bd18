"""Click's own command-line errors speak the run's language too, and only for that run."""

from __future__ import annotations

from click.testing import CliRunner

from docgen.cli import main


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env={"LANG": "", "LC_ALL": "", "DOCGEN_LANG": ""})
    return result.exit_code, result.output


def test_unknown_command_in_chinese_then_english() -> None:
    code, output = run("--lang", "zh_CN", "rendr")
    assert code == 2
    assert "错误：没有 'rendr' 这个命令。" in output
    assert "是不是想写" in output and "'render'" in output
    assert "运行“main --help”查看帮助。" in output  # CliRunner names the program after the function
    code, output = run("rendr")
    assert code == 2
    assert "Error: No such command 'rendr'." in output


def test_missing_option_and_extra_argument_in_chinese() -> None:
    code, output = run("--lang", "zh_CN", "new-year")
    assert code == 2
    assert "错误：缺少选项 '--year'。" in output  # the language's full stop, not click's '.'
    assert "'--year'." not in output
    code, output = run("--lang", "zh_CN", "check", "a.yaml", "b.yaml")
    assert code == 2
    assert "错误：多出了参数（b.yaml）" in output


def test_bad_value_in_chinese() -> None:
    code, output = run("--lang", "zh_CN", "render", "--jobs", "0")
    assert code == 2
    assert "'-j' / '--jobs' 的值无效：0 不在允许的范围 x>=1 内。" in output


def test_a_range_in_the_help_is_said_in_words() -> None:
    code, output = run("--lang", "zh_CN", "digest", "--help")
    assert code == 0
    assert "x>=1" not in output
    assert "不小于1；必填" in output.replace("\n", "").replace(" ", "")
    code, output = run("--lang", "zh_CN", "preview", "--help")
    assert "20 至 300" in output and "<=x<=" not in output
    code, output = run("digest", "--help")
    assert "1 or more; required" in " ".join(output.split())
