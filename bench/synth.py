"""Generate a synthetic dossier `scale` times today's size into a project directory.

One "unit" is today's dossier in shape: 1 source of 13 paragraphs, 34 figures (the same mix of
kinds, qualifiers, periods, notes and headlines), 5 partners and 6 resources, with a page per
partner, resource and source in both languages. Each figure's quote is copied from a generated
paragraph and states the figure's value (its English rendering likewise), so the real loader's checks run in full; a few figures
also cite partners of other units, as real partners recur across sources.

nav="full" lists every page in the nav, as mkdocs.yml does today (each section opens with its index
page; Material's navigation.prune writes only the page's own section into it). nav="indexes" lists
only the index page of each partner/resource/source section (the entity pages stay reachable from
it and are declared `not_in_nav`), so every page carries the same short nav.

observations=N gives every numeric figure N observations of other sources (data/observations.yml,
design of issue 11), each citing one of N referenced sources of its unit (data/references/): most
agree or differ by computation, every fifth carries an editorial verdict with a note.

    python -m bench.synth DEST --scale 10 [--nav indexes] [--observations 10]
"""
from __future__ import annotations

import argparse
import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
COPIED = ["hooks", "macros", "overrides"]  # plus mkdocs.yml, data/schema, strings, glossary
PARTNERS, RESOURCES, FIGURES = 5, 6, 34
ROLES = ["lead", "body", "body", "heading", "body", "body", "heading", "body", "body", "body", "heading", "body", "body"]
BODY = [i for i, r in enumerate(ROLES) if r == "body"]
# Today's mix of figure kinds (7 count, 7 money, 7 rank, 5 share, 3 claim, 2 volume, 2 date, 1 duration).
KINDS = ("count money rank share count money rank claim volume date count money rank share duration count "
         "money rank share claim count money rank volume date share count money rank claim money rank share count").split()
MONTHS_RU = ["январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе", "сентябре", "октябре",
             "ноябре", "декабре"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]


@dataclass
class Sentence:
    ru: str  # the sentence in the source's language; `quote` is a verbatim part of it
    en: str
    quote: str
    quote_en: str = ""  # the quote's rendering: a verbatim part of `en`


@dataclass
class Counts:
    sources: int = 0
    paragraphs: int = 0
    figures: int = 0
    partners: int = 0
    resources: int = 0
    pages: dict = field(default_factory=dict)  # language -> number of pages
    references: int = 0
    observations: int = 0


EDITORIAL = ("another-period", "another-definition")


def reference_record(unit: int, k: int) -> dict:
    """Referenced source k of a unit: a record only, no text (issue 11 design)."""
    rid = f"u{unit}-reference-{k + 1}"
    return {"id": rid, "kind": {"ru": "статистика", "en": "statistics"},
            "publisher": {"ru": f"Издатель {unit * 100 + k + 1}", "en": f"Publisher {unit * 100 + k + 1}"},
            "title": f"Statistical report {unit * 100 + k + 1}", "title_language": "en", "authors": [],
            "published": "2024-06-01", "url": f"https://example.org/{rid}", "accessed": "2026-12-01", "language": "en"}


def observation_records(fig: dict, unit: int, count: int) -> list[dict]:
    """`count` observations of one numeric figure, each citing reference k of its unit."""
    if fig["kind"] in ("rank", "claim"):
        return []
    out = []
    for k in range(count):
        value = fig["value"]
        if isinstance(value, (int, float)) and k % 2:
            value = value + max(1, round(value * 0.2))  # beyond every tolerance: a computed "differs"
        rec = {"id": f"{fig['id']}-obs-{k + 1}", "figure": fig["id"], "source": f"u{unit}-reference-{k + 1}",
               "value": value, "unit": fig.get("unit"), "qualifier": fig.get("qualifier", "exact"),
               "as_of": fig.get("period") or "2024",
               "summary": {"ru": "Источник называет значение {value}.", "en": "The source states {value}."},
               "verdict": "computed"}
        if rec["unit"] is None:
            del rec["unit"]
        if k % 5 == 4:
            rec["verdict"] = {"kind": EDITORIAL[k % 3], "note": {"ru": "Источник считает иначе.", "en": "The source counts otherwise."}}
        out.append(rec)
    return out


def figure_record(unit: int, j: int, rng: random.Random) -> tuple[dict, Sentence]:
    """Figure j of a unit and the sentence of its paragraph that states it."""
    kind = KINDS[j]
    n = unit * FIGURES + j + 1  # unique across the dossier: keeps every quote distinct
    v = 10 + n % 89 + j
    rec: dict = {"id": f"u{unit}-figure-{j + 1}", "kind": kind}
    if kind == "count" and j % 3 == 0:
        rec.update(value=v * 100, qualifier="approximate")
        s = Sentence(f"Объект {n} насчитывает около {v * 100} предприятий.", f"Site {n} has about {v * 100} firms.",
                     f"около {v * 100} предприятий", f"about {v * 100} firms")
    elif kind == "count":
        rec.update(value=v)
        s = Sentence(f"В регионе {n} выявлено {v} месторождений.", f"Region {n} has {v} known deposits.",
                     f"В регионе {n} выявлено {v} месторождений", f"Region {n} has {v} known deposits")
    elif kind == "money" and j % 2:
        year = 2000 + n % 25
        rec.update(value=v * 1_000_000, unit="EUR", period=str(year))
        s = Sentence(f"В {year} году в проект {n} вложено {v} млн евро.", f"In {year}, EUR {v} million went into project {n}.",
                     f"В {year} году в проект {n} вложено {v} млн евро",
                     f"In {year}, EUR {v} million went into project {n}")
    elif kind == "money":
        rec.update(value=v * 1_000_000_000, unit="USD")
        s = Sentence(f"Сделки пакета {n} оценены в {v} млрд долларов США.", f"Deal package {n} is valued at US${v} billion.",
                     f"оценены в {v} млрд долларов США", f"valued at US${v} billion")
    elif kind == "share":
        more = j % 4 == 0
        rec.update(value=v % 90 + 1, unit="percent", qualifier="more-than" if more else "exact")
        said = f"На участок {n} приходится {'более ' if more else ''}{v % 90 + 1}% добычи"
        said_en = f"Field {n} accounts for {'over ' if more else ''}{v % 90 + 1}% of output"
        s = Sentence(said + ".", said_en + ".", said, said_en)
    elif kind == "volume":
        rec.update(value=v * 1_000_000, unit="barrel")
        s = Sentence(f"Запасы блока {n} составляют {v} млн баррелей.", f"Block {n} holds {v} million barrels.",
                     f"Запасы блока {n} составляют {v} млн баррелей", f"Block {n} holds {v} million barrels")
    elif kind == "date":
        year, month = 1995 + n % 30, n % 12
        rec.update(value=f"{year}-{month + 1:02d}")
        s = Sentence(f"Соглашение {n} подписано в {MONTHS_RU[month]} {year} года.",
                     f"Agreement {n} was signed in {MONTHS_EN[month]} {year}.",
                     f"Соглашение {n} подписано в {MONTHS_RU[month]} {year} года",
                     f"Agreement {n} was signed in {MONTHS_EN[month]} {year}")
    elif kind == "duration":
        rec.update(value=v, unit="year")
        s = Sentence(f"Программа {n} действует уже {v} лет.", f"Programme {n} has run for {v} years.",
                     f"Программа {n} действует уже {v} лет", f"Programme {n} has run for {v} years")
    elif kind == "rank":
        rec["display"] = {"ru": "один из крупнейших производителей", "en": "one of the largest producers"}
        s = Sentence(f"Район {n} — один из крупнейших производителей сырья.", f"District {n} is one of the largest producers.",
                     f"Район {n} — один из крупнейших производителей", f"District {n} is one of the largest producers")
    else:  # claim
        rec["display"] = {"ru": "ключевой маршрут транзита", "en": "a key transit route"}
        s = Sentence(f"Коридор {n} назван ключевым маршрутом транзита.", f"Corridor {n} is called a key transit route.",
                     f"Коридор {n} назван ключевым маршрутом транзита", f"Corridor {n} is called a key transit route")
    rec["label"] = {"ru": f"Показатель {n}", "en": f"Measure {n}"}
    partners = [] if j % 4 == 3 else [f"partner-{unit * PARTNERS + j % PARTNERS + 1}"]
    if partners and j % 8 == 1 and unit:  # a partner of another unit: partners recur across sources
        other = f"partner-{rng.randrange(unit) * PARTNERS + j % PARTNERS + 1}"
        partners += [other] if other not in partners else []
    rec["partners"] = partners
    rec["resources"] = [f"resource-{unit * RESOURCES + j % RESOURCES + 1}"] if j % 3 == 1 else []
    rec["headline"] = j % 3 == 0
    rec["source"] = f"source-{unit + 1}"
    rec["paragraph"] = f"p{BODY[j % len(BODY)] + 1}"
    rec["quote"] = s.quote
    rec["quote_renderings"] = {"en": s.quote_en}
    if j % 3 == 2:
        rec["notes"] = [{"ru": "Редакционное примечание к показателю: {value}.", "en": "Editorial note on the measure: {value}."}]  # no typed digits (issue 11)
    return rec, s


def _bound(text: str) -> str:
    """An English rendering as the dossier writes one: a no-break space between a number and its unit or scale."""
    from macros.typography import _unbound

    return _unbound("en").sub(lambda m: m.group().replace(" ", "\u00a0", 1), text)


def source_record(unit: int, sentences: dict[int, list[Sentence]]) -> dict:
    sid = f"source-{unit + 1}"
    paragraphs = []
    for i, role in enumerate(ROLES):
        said = sentences.get(i, [])
        ru = " ".join([f"Абзац {i + 1} синтетического источника {unit + 1}."] + [s.ru for s in said])
        en = _bound(" ".join([f"Paragraph {i + 1} of synthetic source {unit + 1}."] + [s.en for s in said]))
        paragraphs.append({"id": f"p{i + 1}", "role": role, "text": ru, "renderings": {"en": en}})
    return {
        "id": sid, "language": "ru",
        "kind": {"ru": "синтетическая статья", "en": "synthetic article"},
        "title": f"Synthetic source {unit + 1}", "title_language": "en",
        "short_title": {"ru": f"Источник {unit + 1}", "en": f"Source {unit + 1}"},
        "authors": [{"name": {"ru": "Автор Тестовый", "en": "Test Author"}}],
        "publisher": {"ru": "Генератор бенчмарка", "en": "Benchmark generator"},
        "original_url": None,
        "original_url_note": {"ru": "Синтетический текст.", "en": "Synthetic text."},
        "date": {"known": True, "value": f"{2000 + unit % 25}-01-15"},
        "paragraphs": paragraphs,
    }


def _letters(i: int) -> str:
    """1 -> A, 26 -> Z, 27 -> AA: a name without a digit (a digit in a page's text must be a figure's, issue 11)."""
    out = ""
    while i:
        i, r = divmod(i - 1, 26)
        out = chr(65 + r) + out
    return out


def entities(kind: str, count: int) -> list[dict]:
    ru = "Партнёр" if kind == "partner" else "Ресурс"
    en = "Partner" if kind == "partner" else "Resource"
    return [{"id": f"{kind}-{i}", "name": {"ru": f"{ru} {_letters(i)}", "en": f"{en} {_letters(i)}"},
             "summary": {"ru": f"Краткое описание: {ru.lower()}.", "en": f"A short summary of {en.lower()}."}}  # no typed digit (issue 11)
            for i in range(1, count + 1)]


# --- pages -------------------------------------------------------------------------------------

HEAD = {"ru": {"partner": ("Цифры по ресурсам", "Связанные ресурсы", "Источники"),
               "resource": ("Цифры по партнёрам", "Связанные партнёры", "Источники"),
               "source": ("Выходные данные", "Текст"), "overview": ("Обзор", "Цифры"),
               "figures": "Все цифры досье", "home": ("Досье (синтетическое)", "Главные цифры", "Партнёры", "Ресурсы", "Кто с чем связан"),
               "prose": "По данным источника, показатели таковы: {figs}."},
        "en": {"partner": ("Figures by resource", "Related resources", "Sources"),
               "resource": ("Figures by partner", "Related partners", "Sources"),
               "source": ("Record", "Text"), "overview": ("Overview", "Figures"),
               "figures": "All figures of the dossier", "home": ("Dossier (synthetic)", "Headline figures", "Partners", "Resources", "Who is connected to what"),
               "prose": "According to the source, the measures are: {figs}."}}


def entity_page(lang: str, kind: str, e: dict, fig_ids: list[str]) -> str:
    h = HEAD[lang][kind]
    prose = HEAD[lang]["prose"].format(figs=", ".join(f'{{{{ fig("{f}") }}}}' for f in fig_ids[:3])) if fig_ids else ""
    return (f'# {e["name"][lang]} {{ #{e["id"]} .example }}\n\n{{{{ key_figures("{kind}", "{e["id"]}") }}}}\n\n{prose}\n\n'
            f'## {h[0]} {{ #figures }}\n\n{{{{ figures_by("{kind}", "{e["id"]}") }}}}\n\n'
            f'## {h[1]} {{ #related }}\n\n{{{{ related("{kind}", "{e["id"]}") }}}}\n\n'
            f'## {h[2]} {{ #sources }}\n\n{{{{ sources_of("{kind}", "{e["id"]}") }}}}\n')


def source_page(lang: str, src: dict) -> str:
    h = HEAD[lang]["source"]
    return (f'# {src["short_title"][lang]} {{ #source }}\n\n## {h[0]} {{ #record }}\n\n{{{{ source_record("{src["id"]}") }}}}\n\n'
            f'## {h[1]} {{ #text }}\n\n{{{{ source_text("{src["id"]}") }}}}\n')


def global_pages(lang: str) -> dict[str, str]:
    home, (ov, ov_figs) = HEAD[lang]["home"], HEAD[lang]["overview"]
    return {
        "index.md": (f"# {home[0]} {{ #home }}\n\n## {home[1]} {{ #headline }}\n\n{{{{ headline_figures() }}}}\n\n"
                     f'## {home[2]} {{ #partners }}\n\n{{{{ entity_cards("partner") }}}}\n\n'
                     f'## {home[3]} {{ #resources }}\n\n{{{{ entity_cards("resource") }}}}\n\n'
                     f"## {home[4]} {{ #grid }}\n\n{{{{ partner_resource_grid() }}}}\n"),
        "overview.md": f"# {ov} {{ #overview }}\n\n{{{{ overview_key_figures() }}}}\n\n## {ov_figs} {{ #figures }}\n\n{{{{ overview_figures() }}}}\n",
        "figures.md": f"# {HEAD[lang]['figures']} {{ #all-figures }}\n\n{{{{ figures_table() }}}}\n",
    }


SECTIONS = ("partners", "resources", "sources")


def index_pages(root: Path, lang: str) -> dict[str, str]:
    """The real section index pages (id-free: they list whatever the data holds)."""
    pages = {}
    for section in SECTIONS:
        path = root / "docs" / lang / section / "index.md"
        if path.exists():
            pages[f"{section}/index.md"] = path.read_text(encoding="utf-8")
    return pages


def generated_nav(real_nav: list, pages: set[str], indexes: bool = False) -> list:
    """The real nav with its partner/resource/source sections listing every generated page;
    entries for pages the synthetic dossier does not have are dropped."""
    out = []
    for item in real_nav:
        (title, value), = item.items() if isinstance(item, dict) else ((None, item),)
        if isinstance(value, list):
            folders = {v.split("/")[0] for v in value if isinstance(v, str)}
            if len(folders) == 1 and len(value) == sum(isinstance(v, str) for v in value) and "/" in value[0]:
                folder = folders.pop()
                index = f"{folder}/index.md"
                value = [index] * (index in pages) + sorted(
                    (p for p in pages if p.startswith(folder + "/") and p != index), key=_natural)
                if indexes:
                    value = index
            else:
                value = generated_nav(value, pages, indexes)
            if value:
                out.append({title: value} if title else value)
        elif value in pages:
            out.append({title: value} if title else value)
    return out


NOT_IN_NAV = "not_in_nav: |\n  */partners/*.md\n  */resources/*.md\n  */sources/*.md\n"  # docs/<lang>/...


def _natural(path: str):
    return [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", path)]


def with_nav(config_text: str, nav: list) -> str:
    """mkdocs.yml text with its top-level `nav:` block replaced (everything else kept as written)."""
    dumped = "nav:\n" + yaml.safe_dump(nav, allow_unicode=True, sort_keys=False, default_flow_style=False, indent=2)
    match = re.search(r"^nav:.*?(?=^\S|\Z)", config_text, flags=re.M | re.S)
    return config_text[: match.start()] + dumped + config_text[match.end():] if match else config_text + "\n" + dumped


def _dump(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True,
                              sort_keys=False, width=4096), encoding="utf-8")


SYNTH_EDITIONS = ("ru", "en")  # the synthetic texts are written in these two


def _bilingual(path: Path) -> None:
    """Only the synthetic texts' editions are published (the real table may publish more)."""
    from tools.editions import publishing

    path.write_text(publishing(path.read_text(encoding="utf-8"), SYNTH_EDITIONS), encoding="utf-8")


def generate(dest: Path, scale: int, root: Path = ROOT, seed: int = 6, nav: str = "full", observations: int = 0) -> Counts:
    """Write a buildable project with a dossier `scale` times today's size into `dest`."""
    from mkdocs.utils.yaml import yaml_load

    rng = random.Random(seed)
    dest = Path(dest)
    if dest.exists():
        shutil.rmtree(dest)
    for part in COPIED:
        shutil.copytree(root / part, dest / part, ignore=shutil.ignore_patterns("__pycache__", "*.pdf"))
    shutil.copytree(root / "data" / "schema", dest / "data" / "schema")
    for name in ("strings.yml", "languages.yml", "glossary.yml", "verdicts.yml"):  # UI strings, languages, tooltips, tolerances
        if (root / "data" / name).exists():
            shutil.copy2(root / "data" / name, dest / "data" / name)
    _bilingual(dest / "data" / "languages.yml")

    figures, by_entity = [], {}
    for unit in range(scale):
        sentences: dict[int, list[Sentence]] = {}
        for j in range(FIGURES):
            rec, s = figure_record(unit, j, rng)
            figures.append(rec)
            sentences.setdefault(int(rec["paragraph"][1:]) - 1, []).append(s)
            for e in rec["partners"] + rec["resources"]:
                by_entity.setdefault(e, []).append(rec["id"])
        _dump(dest / "data" / "sources" / f"source-{unit + 1}.yml", source_record(unit, sentences))
    partners, resources = entities("partner", PARTNERS * scale), entities("resource", RESOURCES * scale)
    from tools.pin_sources import pins_text  # the generated sources' text, pinned as a maintainer would

    (dest / "data" / "source-pins.yml").write_text(pins_text(dest / "data"), encoding="utf-8")
    observed = []
    if observations:
        for unit in range(scale):
            for k in range(observations):
                _dump(dest / "data" / "references" / f"u{unit}-reference-{k + 1}.yml", reference_record(unit, k))
            observed += [o for f in figures[unit * FIGURES:(unit + 1) * FIGURES] for o in observation_records(f, unit, observations)]
        _dump(dest / "data" / "observations.yml", observed)
    seen = {o["figure"] for o in observed}
    for fig in figures:  # every figure is checked: one without an observation says what was searched
        if fig["id"] not in seen:
            fig["unconfirmed"] = {"checked": "2026-12-01", "searched": {"ru": "Синтетический показатель: не искали.",
                                                                        "en": "A synthetic measure: nothing was searched."}}
    _dump(dest / "data" / "figures.yml", figures)
    _dump(dest / "data" / "partners.yml", partners)
    _dump(dest / "data" / "resources.yml", resources)

    counts = Counts(scale, scale * len(ROLES), len(figures), len(partners), len(resources),
                    references=scale * observations, observations=len(observed))
    for lang in ("ru", "en"):
        pages = dict(global_pages(lang))
        for path in (root / "docs" / lang).glob("*.md"):  # id-free prose pages (e.g. the method) as they are
            if path.name not in pages and "{{" not in path.read_text(encoding="utf-8"):
                pages[path.name] = path.read_text(encoding="utf-8")
        for kind, group in (("partner", partners), ("resource", resources)):
            for e in group:
                pages[f"{kind}s/{e['id']}.md"] = entity_page(lang, kind, e, by_entity.get(e["id"], []))
        sources = [{"id": f"source-{u + 1}", "short_title": {"ru": f"Источник {u + 1}", "en": f"Source {u + 1}"}}
                   for u in range(scale)]
        for src in sources:
            pages[f"sources/{src['id']}.md"] = source_page(lang, src)
        pages.update(index_pages(root, lang))
        for rel, text in pages.items():
            (dest / "docs" / lang / rel).parent.mkdir(parents=True, exist_ok=True)
            (dest / "docs" / lang / rel).write_text(text, encoding="utf-8")
        counts.pages[lang] = len(pages)

    config_text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    with open(root / "mkdocs.yml", "rb") as f:
        real_nav = yaml_load(f).get("nav", [])
    config_text = with_nav(config_text, generated_nav(real_nav, set(pages), indexes=nav == "indexes"))
    if nav == "indexes":
        config_text += "\n" + NOT_IN_NAV
    (dest / "mkdocs.yml").write_text(config_text, encoding="utf-8")
    return counts


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dest", type=Path)
    ap.add_argument("--scale", type=int, default=1)
    ap.add_argument("--nav", choices=["full", "indexes"], default="full")
    ap.add_argument("--observations", type=int, default=0, help="observations of other sources per numeric figure")
    args = ap.parse_args(argv)
    print(generate(args.dest, args.scale, nav=args.nav, observations=args.observations))


if __name__ == "__main__":
    main()
