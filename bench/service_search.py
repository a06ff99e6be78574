"""Service search speed on a 10,000-service knowledge base, beside a naive LIKE scan.

    .venv/web/bin/python -m bench.service_search [--services 10000] [--queries 500]

Builds a Local Offer of N services from the real sample (each copied with its
own id, town and age range) with the real builder, then times
KnowledgeBase.search_services (FTS5 + BM25 + filters) and, as the baseline in
the same run, the same questions answered by a LIKE scan over every row.
Target: p95 under 5 ms.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

import yaml

from bench.figures import percentiles
from knowledge.build import build
from knowledge.query import KnowledgeBase, fts_query
from knowledge.sources import SOURCE_DIR, load_directory

QUESTIONS = (
    "speech and language therapy", "autism support after school", "help with anxiety",
    "short breaks for disabled children", "supported internship", "occupational therapy",
    "swimming", "independent advice about my child's plan", "travel training",
    "deaf children support", "job coach for young people", "mediation", "dyslexia help",
)
TOWNS = ("Anytown", "Westbridge", "Northam", "Eastcombe", "Southford")


def synthetic_sources(target: Path, count: int, rng: random.Random) -> None:
    """A copy of knowledge/ whose Local Offer holds `count` services made from the sample."""
    shutil.copytree(SOURCE_DIR, target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    base = load_directory(SOURCE_DIR).services
    services_dir = target / "local_offer" / "services"
    shutil.rmtree(services_dir)
    services_dir.mkdir()
    services = []
    for number in range(count):
        service = dict(rng.choice(base))
        low = rng.randint(0, 20)
        service.update(id=f"{service['id']}-{number}", min_age=low,
                       max_age=rng.randint(low, 25), area=rng.choice(TOWNS),
                       name=f"{service['name']} ({rng.choice(TOWNS)} {number})")
        services.append(service)
    (services_dir / "synthetic.yml").write_text(yaml.safe_dump({"services": services}))


def like_scan(db: sqlite3.Connection, text: str, age: int, limit: int = 3) -> list:
    """The baseline: the same words matched with LIKE over every row, ranked by how many match."""
    words = fts_query(text).replace('"', "").split(" OR ")
    score = " + ".join("((name || ' ' || description || ' ' || terms) like ?)" for _ in words)
    return db.execute(f"select id, {score} as hits from service where minimum_age <= ? and "
                      f"maximum_age >= ? and hits > 0 order by hits desc, name limit ?",
                      (*(f"%{w}%" for w in words), age, age, limit)).fetchall()


def timed(run, questions: list[tuple[str, int]]) -> list[float]:
    timings = []
    for text, age in questions:
        started = time.perf_counter()
        run(text, age)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=500)
    args = parser.parse_args(argv)
    rng = random.Random(2026)
    with tempfile.TemporaryDirectory() as folder:
        sources, db_path = Path(folder) / "sources", Path(folder) / "kb.db"
        synthetic_sources(sources, args.services, rng)
        started = time.perf_counter()
        counts = build(db_path, sources)
        build_seconds = time.perf_counter() - started
        kb = KnowledgeBase.open(db_path)
        plain = sqlite3.connect(db_path)
        questions = [(rng.choice(QUESTIONS), rng.randint(0, 25)) for _ in range(args.queries)]
        fts = timed(lambda text, age: kb.search_services(text, age=age), questions)
        like = timed(lambda text, age: like_scan(plain, text, age), questions)
    print(f"Knowledge base of {counts['service']} services built in {build_seconds:.1f} s; "
          f"{args.queries} searches each")
    for name, timings in (("FTS5 + BM25 search", fts), ("naive LIKE scan (baseline)", like)):
        p50, p95 = percentiles(timings)
        print(f"{name:<28} p50 {p50:6.2f} ms   p95 {p95:6.2f} ms")
    print(f"p95 ratio, search / LIKE scan: {percentiles(fts)[1] / percentiles(like)[1]:.2f} "
          f"(target: search p95 under 5 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
