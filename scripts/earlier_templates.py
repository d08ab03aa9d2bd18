"""Write docgen/shipped/earlier-templates.txt: the parts' SHA-256 of every built-in template docgen shipped unstamped.

Built-in templates carry a stamp of their parts since ``make templates`` began writing one
(``docgen.rendering.stamps``). Copies that ``docgen init`` made before then carry none; this list,
read from the repository's history (the built-in templates lived in ``templates/`` and then in
``docgen/shipped/templates/``), lets docgen recognise those copies too. Run it from a clone with
its history: ``python scripts/earlier_templates.py``; it only needs running again if that history
changes, since every later build is stamped.
"""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

from docgen.rendering.stamps import EARLIER_BUILDS, parts_digest, read_stamp
from docgen.resources import templates_dir

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("templates", "docgen/shipped/templates")


def git(*args: str) -> bytes:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, check=True).stdout


def earlier_digests() -> set[tuple[str, str]]:
    """(name, parts' digest) of each unstamped version of a built-in template in the history.

    The last unstamped ones have today's parts (stamping added only the comment): they are listed
    too, so that such a copy is recognised once the built-in template changes.
    """
    current = {path.name for path in templates_dir().glob("*.docx")}
    blobs: set[tuple[str, str]] = set()
    for commit in git("rev-list", "HEAD", "--", *FOLDERS).decode().split():
        for line in git("ls-tree", "-r", commit, "--", *FOLDERS).decode().splitlines():
            meta, path = line.split("\t", 1)
            name = Path(path).name
            if name in current:
                blobs.add((name, meta.split()[2]))
    found = set()
    for name, blob in blobs:
        with zipfile.ZipFile(io.BytesIO(git("cat-file", "blob", blob))) as archive:
            if read_stamp(archive) is None:
                found.add((name, parts_digest(archive)))
    return found


def main() -> None:
    lines = [f"{name} {digest}\n" for name, digest in sorted(earlier_digests())]
    EARLIER_BUILDS.write_text("".join(lines), encoding="ascii")
    print(f"wrote {EARLIER_BUILDS} ({len(lines)} earlier builds)")


if __name__ == "__main__":
    main()
