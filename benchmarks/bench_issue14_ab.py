"""Issue 14's changes measured side by side in one run, interleaved, on a shared machine.

On 2 cores shared with other work, two runs minutes apart differ by more than the changes do;
here each request is made both ways in turn (the order alternating), so both see the same load:

* requests (`recommend`, mentors and jobs): the candidates' and viewer's facts reading the
  occupations stored by the refresh (graph.skill_occupations), against the same queries
  walking skills → ESCO skills → occupations for each record, as before;
* everyone's lists (blocks of `services.suggestion_lists`): the pairs' cosines in numpy
  (services.list_cosines) against asking Neo4j for them, as before.

    nice -n 10 .venv/bin/python benchmarks/bench_issue14_ab.py --data-dir /work/bench/100k

on a graph bench_recommend.py built (its occupations stored: `multaqa embed` or any refresh).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, LiteralString

from graph import recommend as graph_recommend
from graph.skill_occupations import OCCUPATIONS_OF_N
from matcher.kinds import SuggestionKind as K
from matcher.weights import default_rankers
from services import recommendations, suggestion_lists
from services.access import SYSTEM
from services.db import Graph, scratch_graph
from services.settings import Settings, get_settings

# The walk every facts query made before (graph.skill_occupations._WALK, for every record).
WALK: LiteralString = """
CALL (n) {
  MATCH (n)-[:HAS_SKILL|OFFERS_SKILL|REQUIRES]->(:Skill)-[:MAPS_TO]->(:EscoSkill)
        <-[r:NEEDS_SKILL]-(o:Occupation)
  WHERE r.essential
  WITH o, count(*) AS c ORDER BY c DESC, o.id LIMIT 10
  RETURN collect({id: o.id, weight: c, en: o.name_en, fr: o.name_fr, ar: o.name_ar})
      AS occupations
}
"""
STORED = {
    "CANDIDATE_FACTS": graph_recommend.CANDIDATE_FACTS,
    "VIEWER_FACTS": graph_recommend.VIEWER_FACTS,
}
WALKED = {name: query.replace(OCCUPATIONS_OF_N, WALK) for name, query in STORED.items()}


def timed(work: Callable[[], Any]) -> float:
    start = time.perf_counter()
    work()
    return (time.perf_counter() - start) * 1000


def requests(graph: Graph, settings: Settings, youths: list[str], count: int) -> None:
    rankers = default_rankers()
    rng = random.Random(3)
    print(f"Requests, p50 / p95 ms over {count} youths per kind (after {count // 5} not counted):")
    for kind in (K.MENTORS, K.JOBS):
        times: dict[str, list[float]] = {"walked (before)": [], "stored (after)": []}
        for n, youth in enumerate(rng.sample(youths, count + count // 5)):
            ways = list(zip(times, (WALKED, STORED), strict=True))
            for label, queries in ways if n % 2 else ways[::-1]:
                for name, query in queries.items():
                    setattr(graph_recommend, name, query)
                took = timed(
                    partial(
                        recommendations.recommend,
                        graph,
                        SYSTEM,
                        kind,
                        youth,
                        rankers=rankers,
                        settings=settings,
                    )
                )
                if n >= count // 5:
                    times[label].append(took)
        for label, found in times.items():
            p95 = statistics.quantiles(found, n=20)[18]
            print(f"  {kind.value:<8} {label:<18} {statistics.median(found):7.1f} {p95:7.1f}")
    for name, query in STORED.items():
        setattr(graph_recommend, name, query)


def lists(graph: Graph, settings: Settings, youths: list[str], blocks: int) -> None:
    print(f"Everyone's lists, {blocks} blocks of {suggestion_lists.BLOCK} youths per kind:")
    for kind in (K.MENTORS, K.JOBS):
        maker = suggestion_lists.ListMaker(
            graph, kind, rankers=default_rankers(), settings=settings
        )
        numpy_fma = maker.cosines.fma
        spent = {"Neo4j cosines (before)": 0.0, "numpy cosines (after)": 0.0}
        made = 0
        for n, block in enumerate(list(suggestion_lists.blocks(youths))[:blocks]):
            ways = list(zip(spent, (None, numpy_fma), strict=True))
            for label, fma in ways if n % 2 else ways[::-1]:
                maker.cosines.fma = fma
                spent[label] += timed(partial(maker.lists, block)) / 1000
            made += len(block)
        for label, seconds in spent.items():
            print(f"  {kind.value:<8} {label:<24} {made / seconds:7.1f} lists/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=Path("/work/bench/100k"))
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--blocks", type=int, default=2)
    args = parser.parse_args()
    with scratch_graph(get_settings(), args.data_dir, pagecache="3g") as (graph, settings):
        records, _, _ = graph.driver.execute_query(
            "MATCH (n:Youth) RETURN n.id AS id ORDER BY id", database_=graph.database
        )
        youths = [r["id"] for r in records]
        requests(graph, settings, youths, args.requests)
        lists(graph, settings, youths, args.blocks)


if __name__ == "__main__":
    main()
