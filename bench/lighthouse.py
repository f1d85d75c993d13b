"""Section 6b: Lighthouse scores (npm package in bench/node_modules, driving Debian's Chromium).

Where the machine allows it (root and `unshare`), Lighthouse and the static server run together in
a new network namespace that has only the loopback interface: nothing can reach another host. In
any case the hosts of every request Lighthouse saw are listed from its own network-requests audit.

    python -m bench.lighthouse --inside SITE_DIR OUT.json PATH...   (what runs in the namespace)
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
CLI = HERE / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking"


def unavailable() -> str | None:
    """Why Lighthouse cannot run here, or None."""
    if not CLI.exists():
        return f"{CLI.relative_to(HERE.parent)} is missing: run `npm ci --prefix bench` (needs npm and Node 18.16+)"
    if not Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium is missing (apt-get install chromium)"
    return None


def isolated() -> bool:
    """True when a network namespace with only loopback can be made here."""
    if not shutil.which("unshare") or not shutil.which("ip"):
        return False
    probe = subprocess.run(["unshare", "-n", "ip", "link", "set", "lo", "up"], capture_output=True)
    return probe.returncode == 0


def run(site_dir: Path, paths: dict[str, str]) -> dict:
    reason = unavailable()
    if reason:
        return {"skipped": reason}
    with tempfile.TemporaryDirectory(prefix="bench-lh-") as tmp:
        out = Path(tmp) / "lighthouse.json"
        inner = [sys.executable, "-m", "bench.lighthouse", "--inside", str(site_dir), str(out),
                 json.dumps(paths, ensure_ascii=False)]
        netns = isolated()
        cmd = ["unshare", "-n", "sh", "-c", 'ip link set lo up && exec "$@"', "sh", *inner] if netns else inner
        proc = subprocess.run(cmd, cwd=HERE.parent, capture_output=True, text=True, timeout=1800)
        if proc.returncode != 0 or not out.exists():
            return {"skipped": f"Lighthouse failed (exit {proc.returncode}): {proc.stderr[-1500:]}"}
        result = json.loads(out.read_text())
    result["network_namespace"] = netns
    return result


def inside(site_dir: Path, out: Path, paths: dict[str, str]) -> None:
    from bench.static_server import serving

    results = {}
    with serving(site_dir) as base, tempfile.TemporaryDirectory(prefix="bench-lh-") as tmp:
        local = urlsplit(base).netloc
        for name, path in paths.items():
            report = Path(tmp) / "report.json"
            cmd = [str(CLI), base + path, "--quiet", "--output=json", f"--output-path={report}",
                   f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}",
                   "--no-enable-error-reporting"]
            env = dict(os.environ, CHROME_PATH="/usr/bin/chromium")
            proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
            if proc.returncode != 0 or not report.exists():
                results[name] = {"path": path, "error": proc.stderr[-1500:]}
                continue
            results[name] = summarise(json.loads(report.read_text()), path, local)
    out.write_text(json.dumps({"pages": results}, ensure_ascii=False))


def summarise(lhr: dict, path: str, local: str) -> dict:
    scores = {c: round((lhr["categories"][c]["score"] or 0) * 100) for c in CATEGORIES if c in lhr["categories"]}
    below = {}
    for c in CATEGORIES:
        for ref in lhr["categories"].get(c, {}).get("auditRefs", []):
            audit = lhr["audits"].get(ref["id"], {})
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                below.setdefault(c, []).append(f'{ref["id"]} ({audit.get("displayValue") or audit["score"]})')
    items = lhr["audits"].get("network-requests", {}).get("details", {}).get("items", [])
    hosts = sorted({urlsplit(i["url"]).netloc for i in items if i.get("url", "").startswith("http")})
    return {"path": path, "scores": scores, "below_full_marks": below, "hosts": hosts,
            "foreign_hosts": [h for h in hosts if h != local], "lighthouse": lhr.get("lighthouseVersion"),
            "form_factor": lhr.get("configSettings", {}).get("formFactor")}


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--inside":
        inside(Path(sys.argv[2]), Path(sys.argv[3]), json.loads(sys.argv[4]))
    else:
        sys.exit(__doc__)
