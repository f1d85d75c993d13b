"""Section 6a: what a reader downloads for a few pages, recorded by Chromium through Playwright."""
from __future__ import annotations

import gzip
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync"]
KINDS = ("html", "css", "js", "svg", "fonts", "other")


def pages(project: Path) -> dict[str, str]:
    """Home, the first partner's and the first source's page in each edition, as site paths."""
    import yaml
    partner = yaml.safe_load((project / "data" / "partners.yml").read_text(encoding="utf-8"))[0]["id"]
    source = sorted((project / "data" / "sources").glob("*.yml"))[0].stem
    out = {}
    for prefix, lang in (("", "ru"), ("en/", "en")):
        out[f"home ({lang})"] = prefix
        out[f"partner {partner} ({lang})"] = f"{prefix}partners/{partner}/"
        out[f"source {source} ({lang})"] = f"{prefix}sources/{source}/"
    return out


def kind_of(content_type: str, url: str) -> str:
    ct, path = content_type.split(";")[0].strip().lower(), urlsplit(url).path.lower()
    if ct == "text/html":
        return "html"
    if ct == "text/css":
        return "css"
    if "javascript" in ct or path.endswith(".js"):
        return "js"
    if ct == "image/svg+xml" or path.endswith(".svg"):
        return "svg"
    if ct.startswith("font/") or path.endswith((".woff", ".woff2", ".ttf", ".otf")):
        return "fonts"
    return "other"


def record(base_url: str, paths: dict[str, str]) -> dict:
    """Load each page in a fresh browser context (empty cache) and sum what it fetched."""
    from playwright.sync_api import sync_playwright

    local = urlsplit(base_url).netloc
    out = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for name, path in paths.items():
                ctx = browser.new_context()
                foreign: list[str] = []

                def guard(route, foreign=foreign):
                    if urlsplit(route.request.url).netloc != local and not route.request.url.startswith("data:"):
                        foreign.append(route.request.url)
                        return route.abort()
                    return route.continue_()

                ctx.route("**/*", guard)
                page = ctx.new_page()
                responses = []
                page.on("response", lambda r, responses=responses: responses.append(r))
                page.goto(base_url + path, wait_until="networkidle")
                page.wait_for_timeout(300)
                out[name] = totals(responses, path)
                out[name]["foreign_requests"] = foreign
                ctx.close()
        finally:
            browser.close()
    return out


def totals(responses, path: str) -> dict:
    sizes = {k: {"raw": 0, "gzip": 0, "requests": 0} for k in KINDS}
    files, failed = [], []
    for r in responses:
        if 300 <= r.status < 400:
            continue
        if r.status >= 400:
            failed.append(f"{r.status} {urlsplit(r.url).path}")
            continue
        try:
            body = r.body()
        except Exception:  # e.g. a response without a body
            continue
        kind, packed = kind_of(r.headers.get("content-type", ""), r.url), len(gzip.compress(body, 6))
        slot = sizes[kind]
        slot["raw"] += len(body)
        slot["gzip"] += packed
        slot["requests"] += 1
        files.append({"url": urlsplit(r.url).path, "kind": kind, "raw": len(body), "gzip": packed})
    all_ = {k: sum(v[k] for v in sizes.values()) for k in ("raw", "gzip", "requests")}
    return {"path": path, "by_kind": sizes, "total": all_, "files": files, "failed": failed}
