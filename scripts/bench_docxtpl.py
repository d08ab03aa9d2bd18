"""Benchmark docgen.DocxTemplate against docxtpl.DocxTemplate: one template rendered again and again.

Builds a template as a docxtpl user writes one (a heading, paragraphs with names, a RichText, a
``{%tr for %}`` table, a header and a footer with names) with python-docx, and contexts that
differ from document to document. Then it measures in one process, interleaved over several
rounds, the median processor time per document (render and save to memory) of:
  (a) docxtpl, ``DocxTemplate(path)`` made anew for each document (the usual loop);
  (b) docxtpl, one ``DocxTemplate`` rendered again for each document;
  (c) docgen.DocxTemplate made anew for each document;
  (d) one docgen.DocxTemplate rendered again for each document;
and the first render of a template docgen has not compiled yet. It checks that both write the same
text. Ratios, not seconds, are what to compare: the machines here are shared and noisy.

    python scripts/bench_docxtpl.py [--documents 50] [--rows 20] [--rounds 5]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import docxtpl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import docgen  # noqa: E402 - found through the path set above when run from a checkout


def build_template(path: Path) -> Path:
    """A template of the kind docxtpl's users write: names, a rich text, a row loop, header and footer."""
    document = docx.Document()
    document.add_heading("{{ title }}", level=1)
    document.add_paragraph("致 {{ customer.name }}（{{ customer.city }}）：")
    for n in range(8):
        document.add_paragraph(f"第{n + 1}条：{{{{ clauses[{n}] }}}}，金额 {{{{ amount }}}} 元，日期 {{{{ date }}}}。")
    document.add_paragraph("备注：{{r note }}")
    table = document.add_table(rows=3, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("品名", "数量", "单价"), strict=True):
        cell.text = text
    table.rows[1].cells[0].text = "{%tr for item in items %}"
    for cell, text in zip(
        table.rows[2].cells, ("{{ item.name }}", "{{ item.count }}", "{{ item.price }}"), strict=True
    ):
        cell.text = text
    end = table.add_row()
    end.cells[0].text = "{%tr endfor %}"
    document.add_paragraph("{% if paid %}已付款{% else %}未付款{% endif %}")
    document.sections[0].header.paragraphs[0].text = "{{ company }} 合同 {{ number }}"
    document.sections[0].footer.paragraphs[0].text = "{{ company }}"
    document.save(str(path))
    return path


def context(n: int, rows: int) -> dict[str, Any]:
    return {
        "title": f"供货合同 第{n}号",
        "customer": {"name": f"客户{n}", "city": "杭州"},
        "clauses": [f"条款内容{n}-{k}" for k in range(8)],
        "amount": 1000 + n,
        "date": "2026-05-01",
        "note": docxtpl.RichText(f"加急{n}", bold=True, color="FF0000"),
        "items": [{"name": f"商品{k}", "count": k, "price": 9.5 + k} for k in range(rows)],
        "paid": n % 2 == 0,
        "company": "示例公司",
        "number": f"HT-{n:04d}",
    }


def each_anew(kind: type, path: Path, contexts: list[dict[str, Any]]) -> list[bytes]:
    out = []
    for data in contexts:
        template = kind(str(path))
        template.render(data)
        stream = io.BytesIO()
        template.save(stream)
        out.append(stream.getvalue())
    return out


def one_instance(kind: type, path: Path, contexts: list[dict[str, Any]]) -> list[bytes]:
    template = kind(str(path))
    out = []
    for data in contexts:
        template.render(data)
        stream = io.BytesIO()
        template.save(stream)
        out.append(stream.getvalue())
    return out


def per_document(run: Callable[[], object], count: int) -> float:
    """Processor time per document.

    All the work is in this process and in memory; other processes' load on a shared machine
    moves wall time far more.
    """
    start = time.process_time()
    run()
    return (time.process_time() - start) / count


def text(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    body = [p.text for p in document.paragraphs] + [c.text for t in document.tables for r in t.rows for c in r.cells]
    return [*body, document.sections[0].header.paragraphs[0].text]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=50)
    parser.add_argument("--rows", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = build_template(Path(folder) / "contract.docx")
        contexts = [context(n, args.rows) for n in range(args.documents)]
        ours = one_instance(docgen.DocxTemplate, path, contexts[:3])
        theirs = one_instance(docxtpl.DocxTemplate, path, contexts[:3])
        assert [text(d) for d in ours] == [text(d) for d in theirs], "docgen and docxtpl wrote different text"
        cold = []
        for n in range(args.rounds):  # a template with other bytes is compiled again
            fresh = build_template(Path(folder) / f"fresh{n}.docx")
            cold.append(per_document(lambda fresh=fresh: one_instance(docgen.DocxTemplate, fresh, contexts[:1]), 1))
        runs: dict[str, Callable[[], object]] = {
            "docxtpl_each_anew": lambda: each_anew(docxtpl.DocxTemplate, path, contexts),
            "docxtpl_one_instance": lambda: one_instance(docxtpl.DocxTemplate, path, contexts),
            "docgen_each_anew": lambda: each_anew(docgen.DocxTemplate, path, contexts),
            "docgen_one_instance": lambda: one_instance(docgen.DocxTemplate, path, contexts),
        }
        times: dict[str, list[float]] = {name: [] for name in runs}
        for _ in range(args.rounds):
            for name, run in runs.items():
                times[name].append(per_document(run, len(contexts)))
    medians = {name: statistics.median(values) * 1000 for name, values in times.items()}
    print(f"documents={args.documents} rows={args.rows} rounds={args.rounds} (ms per document, median)")
    for name, value in medians.items():
        print(f"  {name:22} {value:8.2f}")
    print(f"  {'docgen_first_render':22} {statistics.median(cold) * 1000:8.2f}  (compiling included)")
    print(f"speedup_each_anew={medians['docxtpl_each_anew'] / medians['docgen_each_anew']:.1f}")
    print(f"speedup_one_instance={medians['docxtpl_one_instance'] / medians['docgen_one_instance']:.1f}")


if __name__ == "__main__":
    main()
