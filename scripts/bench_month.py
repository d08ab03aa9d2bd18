"""Benchmark the campaign month's record: the first status of a full returns folder, the next ones, receiving.

Builds a returns folder as a month leaves it (every owing unit of the shipped plan sends, each
week, a Word report with a photo inside and two photo files; a video of ``--video-mib`` for some),
then measures in one process:
  (a) ``first``: the first ``track_returns`` (every file hashed, its content read, recorded);
  (b) ``again``: the median of the next ones (nothing changed: the record answers);
  (c) ``receive``: the median time ``receive_file`` takes to file one report into that folder;
  (d) ``status_json``: ``docgen status --json`` as a process, start-up included.
Ratios and orders of magnitude are what to compare: the machines here are shared and noisy.

    python scripts/bench_month.py [--weeks 5] [--rounds 5] [--video-mib 20]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import docx
from docx.shared import Mm
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import docgen  # noqa: E402 - found through the path set above when run from a checkout
from docgen.resources import sample_plan  # noqa: E402
from docgen.tracking.dues import dues, owing_units, returns_folder  # noqa: E402


def jpeg(seed: int) -> bytes:
    picture = Image.new("RGB", (800, 600), (seed % 255, 80, 160))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def report(unit: str, week: int, picture: bytes) -> bytes:
    document = docx.Document()
    document.add_paragraph(f"上报部门：{unit}")
    document.add_paragraph(f"{unit}第{week}周活动开展情况")
    document.add_paragraph("本周开展了职业教育宣传活动，组织师生参观实训基地。" * 5)
    document.add_picture(io.BytesIO(picture), width=Mm(120))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def build(root: Path, weeks: int, video_mib: int) -> int:
    """The month's returns in ``root``; the number of files."""
    plan = docgen.load_plan(sample_plan())
    docgen.init_returns(plan, root)
    count = 0
    for due in dues(plan, "weekly_report")[:weeks]:
        folder = root / returns_folder(plan, due)
        stamp = dt.datetime.combine(due.day, dt.time(9)).timestamp()
        for number, unit in enumerate(owing_units(plan, "weekly_report")):
            files = {
                f"{unit.name}-第{due.week}周.docx": report(unit.name, due.week or 0, jpeg(number)),
                f"{unit.name}-现场1.jpg": jpeg(number + 1),
                f"{unit.name}-现场2.jpg": jpeg(number + 2),
            }
            if number % 4 == 0:
                files[f"{unit.name}-视频.mp4"] = os.urandom(video_mib * 1024 * 1024)
            for name, data in files.items():
                path = folder / name
                path.write_bytes(data)
                os.utime(path, (stamp, stamp))
                count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weeks", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--video-mib", type=int, default=20)
    options = parser.parse_args()
    plan = docgen.load_plan(sample_plan())
    on = dt.date(2019, 5, 28)
    with tempfile.TemporaryDirectory(prefix="docgen-bench-month-") as work:
        root = Path(work) / "回收"
        files = build(root, options.weeks, options.video_mib)
        size = sum(p.stat().st_size for p in root.rglob("*") if p.is_file()) / (1024 * 1024)
        started = time.perf_counter()
        docgen.track_returns(plan, root, on)
        first = time.perf_counter() - started
        again = []
        for _ in range(options.rounds):
            started = time.perf_counter()
            docgen.track_returns(plan, root, on)
            again.append(time.perf_counter() - started)
        received = []
        for n in range(options.rounds):
            data = report("工会", 3, jpeg(n + 100))
            started = time.perf_counter()
            docgen.receive_file(plan, root, data, f"工会补充{n}.docx", at=dt.datetime.now().astimezone(), unit="工会")
            received.append(time.perf_counter() - started)
        command = [sys.executable, "-m", "docgen", "status", str(sample_plan()), "--returns", str(root), "--json"]
        runs = []
        for _ in range(options.rounds):
            started = time.perf_counter()
            subprocess.run([*command, "--on", on.isoformat()], capture_output=True, check=True)
            runs.append(time.perf_counter() - started)
    print(f"files={files} size_mib={size:.0f}")
    print(f"first={first:.2f}s again={statistics.median(again):.3f}s ratio={first / statistics.median(again):.1f}")
    print(f"receive={statistics.median(received):.3f}s status_json={statistics.median(runs):.2f}s")


if __name__ == "__main__":
    main()
