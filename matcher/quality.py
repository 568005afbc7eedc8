"""Quality measures of an encoder on the public evaluation sets in ../shared/data/eval."""

from __future__ import annotations

import csv
import math
from collections import defaultdict
from pathlib import Path

import numpy as np
from scipy.stats import spearmanr

from matcher.encoders.base import Encoder

__all__ = ["STS_TRACKS", "jobtitle_ndcg_at_10", "ndcg_at_k", "public_set_scores", "sts_spearman"]

# The STS17 tracks measured, by column name: Arabic, Arabic-English and English pairs.
STS_TRACKS = {"ar-ar": "track1.ar-ar", "ar-en": "track2.ar-en", "en-en": "track5.en-en"}


def public_set_scores(encoder: Encoder, data: Path) -> list[float]:
    """STS17 Spearman x100 per track (STS_TRACKS order), then job-title nDCG@10 x100 in French
    and English, on the public sets in `data`."""
    sts = data / "sts17"
    scores = [
        sts_spearman(encoder, sts / f"STS.input.{t}.txt", sts / f"STS.gs.{t}.txt")
        for t in STS_TRACKS.values()
    ]
    return scores + [
        jobtitle_ndcg_at_10(encoder, data / "jobtitle-similarity" / lang) for lang in ("fr", "en")
    ]


def sts_spearman(encoder: Encoder, pairs_path: str | Path, gold_path: str | Path) -> float:
    """Spearman correlation x100 between pair cosines and gold scores (SemEval STS format).

    Args:
        encoder: the encoder to measure.
        pairs_path: `STS.input.*.txt`, one tab-separated sentence pair per line.
        gold_path: `STS.gs.*.txt`, the gold score (0-5) of the same line.

    Returns:
        Spearman's rho x 100.
    """
    pairs = [line.split("\t")[:2] for line in _lines(pairs_path)]
    gold = [float(line) for line in _lines(gold_path)]
    if len(pairs) != len(gold):
        raise ValueError(f"{len(pairs)} pairs but {len(gold)} gold scores")
    left = encoder.encode([a for a, _ in pairs])
    right = encoder.encode([b for _, b in pairs])
    cosines = np.einsum("ij,ij->i", left, right)  # rows are unit: dot product is the cosine
    return float(spearmanr(cosines, gold).statistic) * 100


def jobtitle_ndcg_at_10(encoder: Encoder, folder: str | Path) -> float:
    """Mean nDCG@10 of ranking every corpus title by cosine to each query title.

    Args:
        encoder: the encoder to measure.
        folder: a folder with `queries.tsv` and `corpus_documents.tsv` (id, title) and
            `annotations.tsv` (TREC qrels: query id, 0, document id, graded relevance).

    Returns:
        nDCG@10 x 100, averaged over the queries that have at least one relevant document.
    """
    folder = Path(folder)
    queries = _id_titles(folder / "queries.tsv")
    corpus = _id_titles(folder / "corpus_documents.tsv")
    qrels = _qrels(folder / "annotations.tsv")
    judged = [qid for qid in queries if any(rel > 0 for rel in qrels.get(qid, {}).values())]
    doc_ids = list(corpus)
    scores = (
        encoder.encode([queries[q] for q in judged])
        @ encoder.encode([corpus[d] for d in doc_ids]).T
    )
    values = []
    for row, qid in zip(scores, judged, strict=True):
        top = np.argsort(-row, kind="stable")[:10]
        gains = [qrels[qid].get(doc_ids[i], 0) for i in top]
        values.append(ndcg_at_k(gains, list(qrels[qid].values()), k=10))
    return float(np.mean(values)) * 100


def ndcg_at_k(ranked_gains: list[int], all_gains: list[int], *, k: int = 10) -> float:
    """nDCG@k with the linear gain of the TREC convention (gain = relevance grade).

    Args:
        ranked_gains: relevance of the returned documents, best first.
        all_gains: relevance of every judged document of the query (for the ideal ranking).
        k: cut-off.

    Returns:
        nDCG@k in [0, 1]; 0 when nothing is relevant.
    """
    ideal = _dcg(sorted(all_gains, reverse=True)[:k])
    return _dcg(ranked_gains[:k]) / ideal if ideal > 0 else 0.0


def _dcg(gains: list[int]) -> float:
    return sum(g / math.log2(rank + 2) for rank, g in enumerate(gains))


def _lines(path: str | Path) -> list[str]:
    with open(path, encoding="utf-8") as handle:
        return [line.rstrip("\n") for line in handle if line.strip()]


def _id_titles(path: Path) -> dict[str, str]:
    with open(path, encoding="utf-8", newline="") as handle:
        return {
            row[0]: row[1] for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        }


def _qrels(path: Path) -> dict[str, dict[str, int]]:
    qrels: dict[str, dict[str, int]] = defaultdict(dict)
    for line in _lines(path):
        qid, _, doc_id, relevance = line.split("\t")[:4]
        qrels[qid][doc_id] = int(relevance)
    return qrels
