"""Incremental PDFs: a brief is rendered again only when one of its inputs changed.

The inputs are the print document (what the PDF shows, the edition date included), every file of
the site it embeds (images), the print stylesheet, the font files of the family it uses, and the
renderer: the WeasyPrint and pydyf versions and macros/pdf_render.py (how WeasyPrint is called). Their
hash names the cached PDF. The cache lives outside site/ (mkdocs cleans site/ on every build) and
outside the checkout (macros/build_cache.py): DOSSIER_PDF_CACHE, else ~/.cache/kazakhstan-dossier/pdf/.
"""
from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import tempfile
from importlib.metadata import version
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import build_cache
from .paths import digest

ROOT = Path(__file__).resolve().parent.parent
CACHE_ENV = "DOSSIER_PDF_CACHE"
PUBLISHED_MODE = 0o644
_EMBEDDED = re.compile(r'\bsrc="(file:[^"]+)"')


def cache_dir() -> Path:
    return Path(os.environ.get(CACHE_ENV) or build_cache.home() / "pdf")


@functools.cache
def font_files(family: str) -> tuple[tuple[str, int, int], ...]:
    """(path, size, mtime) of every installed font file whose family names `family` ("DejaVu" is a
    group: Sans, Serif, Mono); fontconfig picks among them, so a change to any of them counts."""
    try:
        listed = subprocess.run(["fc-list", ":", "file", "family"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return ()  # the render's font check then stops the brief
    wanted = [f.lower() for f in family.split("|")]  # "DejaVu|Droid Sans Fallback": either
    paths = sorted({line.split(":")[0].strip() for line in listed.splitlines()
                    if any(f in line.partition(":")[2].lower() for f in wanted)})
    return tuple((p, (s := os.stat(p)).st_size, int(s.st_mtime)) for p in paths if os.path.isfile(p))


def _file_digest(path: str | Path) -> str:
    try:
        return digest(Path(path).read_bytes())
    except OSError:
        return "missing"  # the render will fail and name it; the key only has to differ


@functools.cache
def renderer() -> str:
    """The renderer's identity, read without importing WeasyPrint (a cache hit never loads it)."""
    code = _file_digest(Path(__file__).with_name("pdf_render.py"))
    job = _file_digest(Path(__file__).with_name("pdf_job.py"))
    return f"weasyprint {version('weasyprint')} pydyf {version('pydyf')} pdf_render {code} pdf_job {job}"


def key(html: str, stylesheet: str, font_family: str) -> str:
    """The hash of everything a PDF is made from."""
    images = [_file_digest(unquote(urlsplit(url).path)) for url in sorted(set(_EMBEDDED.findall(html)))]  # by content
    return digest(renderer(), html, _file_digest(stylesheet), repr(font_files(font_family)), *images)


# --- print documents: composed again only when what they are made from changed ----------------
# A print document is a function of the built pages it shows (their bytes), the edition (language,
# site address and name, author, content date), the data, the code (macros/, hooks/) and tinyhtml5,
# which parses the pages. Composing all 24 takes ~0.5 s; a build that changed none of their inputs
# takes them from here. The PDF itself is still found by the document's own key (key() above).

def document_key(memo: tuple, edition: tuple, site_dir: str, name: str, chapters: list[tuple[str, Path]]) -> str | None:
    """The digest of a print document's inputs; None when a built page cannot be read."""
    try:
        parts = [*map(str, memo), *map(str, edition), site_dir, name,
                 *(x for page, built in chapters for x in (page, str(built), Path(built).read_bytes()))]
    except OSError:
        return None
    return digest(*parts)


MAX_DOCUMENTS = 240  # ten builds' worth; past it the least recently used half goes


def document(digest: str) -> str | None:
    path = cache_dir() / "documents" / f"{digest}.html"
    try:
        if path.is_symlink():
            return None
        html = path.read_text(encoding="utf-8")
        os.utime(path)  # used: the last to be dropped
        return html
    except (OSError, UnicodeError):
        return None


def keep_document(digest: str, html: str) -> None:
    folder = cache_dir() / "documents"
    if not build_cache.write_atomic(folder / f"{digest}.html", html.encode("utf-8")):
        return
    try:
        kept = sorted(folder.glob("*.html"), key=lambda p: p.stat().st_mtime)
        for old in kept[:len(kept) // 2] if len(kept) > MAX_DOCUMENTS else []:
            old.unlink(missing_ok=True)
    except OSError:
        pass


def fetch(digest: str, out: str | Path) -> bool:
    """Copy the cached PDF of `digest` to `out` (0644); False when there is none."""
    cached = cache_dir() / f"{digest}.pdf"
    if not cached.is_file():
        return False
    _copy(cached, Path(out))
    return True


def store(digest: str, made: str | Path) -> None:
    _copy(Path(made), cache_dir() / f"{digest}.pdf")


def _copy(src: Path, dest: Path) -> None:
    """Atomic copy: a reader (or a parallel build) never sees half a PDF."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.stem}-", suffix=".part", dir=dest.parent)
    os.close(fd)
    try:
        shutil.copyfile(src, tmp)
        os.chmod(tmp, PUBLISHED_MODE)
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
