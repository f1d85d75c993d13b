"""What may live under docs/ and data/: pages and checked images, data files; nothing else.

mkdocs copies every file under docs/ into the site as it is, so a pull request could publish a
script, a standalone HTML page, an SVG with a script, CNAME, _headers, _redirects, robots.txt or a
sitemap. docs/ holds pages (docs/<lang>/….md) and raster images whose bytes are what their name
says (PNG, JPEG, GIF, WebP), within a size limit. The site's own scripts and styles are trusted
and live in overrides/assets/. A file name with a control character is refused under docs/ and
data/: printed into a CI log, a newline in it could forge a workflow command.
The build (hooks/html_policy.py, on_config) and `make check` ask here.
"""
from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from .problems import Problem, one_line

MAX_IMAGE_BYTES = 2 * 1024 * 1024

# Each image type by its extensions and the bytes its file starts with.
IMAGES = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),  # and "WEBP" at byte 8
}


def _name_problem(path: Path, root: Path) -> Problem | None:
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    bad = [c for c in path.name if not c.isprintable() or unicodedata.category(c) in ("Cf", "Cc", "Zl", "Zp")]
    if not bad:
        return None
    named = ", ".join(dict.fromkeys(f"U+{ord(c):04X} {unicodedata.name(c, 'CONTROL CHARACTER')}" for c in bad))
    return Problem(one_line(rel), None, None, f"the file name has invisible or control characters ({named})",
                   "rename the file with letters, digits, '-', '_' and '.' only")


def name_problems(top: Path, root: Path) -> list[Problem]:
    """Every file or folder under `top` whose name has a control or format character."""
    found = []
    for folder, dirs, files in os.walk(top):
        found.extend(p for name in sorted(dirs + files) if (p := _name_problem(Path(folder, name), root)))
    return found


def _image_problem(path: Path, shown: str) -> Problem | None:
    ext = path.suffix.lower()
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        return Problem(shown, None, None, f"the image is {size:_} bytes, more than {MAX_IMAGE_BYTES // 1024 // 1024} MB",
                       "reduce it (a page image needs no more than about 1600 px across)")
    with open(path, "rb") as f:
        head = f.read(16)
    ok = any(head.startswith(m) for m in IMAGES[ext]) and (ext != ".webp" or head[8:12] == b"WEBP")
    if not ok:
        return Problem(shown, None, None, f"the file is named {ext} but its bytes are not a {ext[1:].upper()} image",
                       "export the image again in the format its name says, or rename it")
    return None


def docs_problems(docs: Path, root: Path, langs) -> list[Problem]:
    """Every file under docs/ that is not a page of a language folder or a checked image."""
    found = name_problems(docs, root)
    for folder, dirs, files in os.walk(docs):
        dirs.sort()
        for name in sorted(files):
            path = Path(folder, name)
            if _name_problem(path, root):
                continue  # named above
            rel = path.relative_to(docs)
            shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
            if os.path.islink(path):
                continue  # named by the symlink guard (macros/paths.py)
            ext = path.suffix.lower()
            if ext == ".md":
                if len(rel.parts) < 2 or rel.parts[0] not in langs:
                    found.append(Problem(shown, None, None, "a page outside the language folders",
                                         f"pages live in docs/<language>/ ({', '.join(f'docs/{x}/' for x in langs)}), "
                                         "one file of the same name in each"))
                elif name.startswith("."):
                    found.append(Problem(shown, None, None, "a hidden page (its name starts with '.')",
                                         "give the page a plain name: mkdocs would skip or mishandle it"))
                continue
            if ext in IMAGES and not name.startswith("."):
                problem = _image_problem(path, shown)
                if problem:
                    found.append(problem)
                continue
            found.append(Problem(shown, None, None, _refused_what(name, ext), _refused_fix(ext)))
    return found


def _refused_what(name: str, ext: str) -> str:
    if ext == ".svg":
        return "an SVG file: it can carry scripts and links, so docs/ takes no SVG"
    if ext in (".html", ".htm", ".js", ".mjs", ".css", ".xml", ".json", ".txt", "") or name.startswith("_"):
        return f"'{name}' would be published as it is: docs/ holds pages and images only"
    return f"a {ext} file: docs/ holds pages (.md) and images ({', '.join(sorted(IMAGES))}) only"


def _refused_fix(ext: str) -> str:
    if ext == ".svg":
        return "export the drawing as PNG or WebP, or ask a maintainer to add it to overrides/assets/"
    if ext in (".js", ".mjs", ".css"):
        return "the site's scripts and styles are the maintainers' (overrides/assets/): remove the file, or ask a maintainer"
    return "remove the file; site files such as CNAME, robots.txt or a sitemap are the maintainers' to add (overrides/)"
