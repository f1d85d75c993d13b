"""Build one mkdocs project in this process and print what it cost, as one JSON line.

Run by the benchmark in a fresh subprocess per build, so peak memory (ru_maxrss) is this build's:

    python bench/build_once.py PROJECT/mkdocs.yml SITE_DIR [--drop-plugin macros] [--drop-hook hooks/pdf.py]
        [--add-hook /abs/hook.py] [--docs-dir DIR] [--plain-material] [--profile FILE.prof]

Builds without PDFs set DOSSIER_PDF=0 in the environment, as a contributor would.

Besides the wall time it times every plugin and hook event (self time: time spent in nested
events, such as the second-language build that mkdocs-static-i18n starts, is not counted twice).
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path.pop(0)  # run as a script: keep bench/ modules from shadowing anything

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def plugin_name(entry) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


def load(args):
    from mkdocs.config import load_config
    from mkdocs.utils.yaml import yaml_load

    with open(args.config, "rb") as f:
        raw = yaml_load(f)
    overrides = {"site_dir": str(Path(args.site_dir).resolve())}
    if args.drop_plugin:
        overrides["plugins"] = [p for p in raw.get("plugins", []) if plugin_name(p) not in args.drop_plugin]
    if args.drop_hook or args.add_hook:
        overrides["hooks"] = [h for h in raw.get("hooks", []) if h not in args.drop_hook] + args.add_hook
    if args.docs_dir:
        overrides["docs_dir"] = str(Path(args.docs_dir).resolve())
    if args.plain_material:  # Material with the dossier's plugins and search, without its hooks and overrides
        overrides["hooks"] = []
        overrides["theme"] = {k: v for k, v in raw["theme"].items() if k != "custom_dir"}
        packs = Path(args.config).resolve().parent / raw["theme"].get("custom_dir", "overrides") / "partials" / "languages"
        if packs.is_dir():  # the interface words of an edition Material has no language pack for (Kazakh)
            plain = Path(tempfile.mkdtemp(prefix="plain-material-")) / "partials"
            shutil.copytree(packs, plain / "languages")
            overrides["theme"]["custom_dir"] = str(plain.parent)
        overrides["strict"] = False  # what the hooks add (Sources nav entries, downloads) is missing: warnings only
    return load_config(config_file=args.config, **overrides)


class EventClock:
    """Wraps every registered event handler and sums its self time per 'plugin.event'.

    Self time leaves out nested timed events and the data loads made inside the event
    (macros/timing.py counts those under "load", whichever plugin or hook asked for the data).
    """

    def __init__(self, plugins):
        self.totals: dict[str, float] = {}
        self.stack: list[list[float]] = []  # per open event: [nested time, nested load time]
        for event, methods in plugins.events.items():
            for i, method in enumerate(methods):
                origin = plugins._event_origins.get(method, "?")
                wrapped = self._wrap(f"{origin}.{event}", method)
                methods[i] = wrapped
                plugins._event_origins[wrapped] = origin

    @staticmethod
    def load_seconds() -> float:
        timing = sys.modules.get("macros.timing")
        return sum(v[0] for (phase, _), v in getattr(timing, "_totals", {}).items() if phase == "load")

    def _wrap(self, key: str, method):
        def timed(*args, **kwargs):
            self.stack.append([0.0, 0.0])
            load0, start = self.load_seconds(), time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                spent, load = time.perf_counter() - start, self.load_seconds() - load0
                nested, nested_load = self.stack.pop()
                self.totals[key] = self.totals.get(key, 0.0) + spent - nested - (load - nested_load)
                if self.stack:
                    self.stack[-1][0] += spent
                    self.stack[-1][1] += load

        return timed


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("config")
    ap.add_argument("site_dir")
    ap.add_argument("--drop-plugin", action="append", default=[])
    ap.add_argument("--drop-hook", action="append", default=[])
    ap.add_argument("--add-hook", action="append", default=[])
    ap.add_argument("--docs-dir")
    ap.add_argument("--plain-material", action="store_true", help="no hooks and no theme overrides")
    ap.add_argument("--profile")
    args = ap.parse_args(argv)
    handler = logging.StreamHandler()  # the messages `mkdocs build` prints, on stderr
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.INFO)

    from mkdocs.commands import build

    start = time.perf_counter()
    cfg = load(args)
    clock = EventClock(cfg.plugins)
    profiler = None
    if args.profile:
        import cProfile
        profiler = cProfile.Profile()
        profiler.enable()
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        build.build(cfg, dirty=False)
    finally:
        cfg.plugins.on_shutdown()
    if profiler:
        profiler.disable()
        profiler.dump_stats(args.profile)
    seconds = time.perf_counter() - start
    try:
        from macros import timing  # the project's own macros package, as mkdocs-macros imported it
        timing.flush()
    except ImportError:
        pass
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({
        "seconds": seconds,
        "maxrss_kb": me.ru_maxrss,
        "children_maxrss_kb": kids.ru_maxrss,
        "cpu_seconds": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime,
        "events": {k: round(v, 6) for k, v in sorted(clock.totals.items())},
    }))


if __name__ == "__main__":
    main()
