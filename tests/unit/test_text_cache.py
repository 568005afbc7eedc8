"""Each different text encoded once (imports and refreshes), and scored once by the linker."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence

import numpy as np

from matcher.encoders.cache import TextCache
from matcher.occupation_linker import OccupationLinker, occupation_labels


class CountingEncoder:
    """Pure and deterministic (a text's vector comes from its hash); counts what it encodes."""

    name, dim = "counting", 8

    def __init__(self) -> None:
        self.seen: Counter[str] = Counter()
        self.calls = 0

    def encode(self, texts: Sequence[str], *, batch_size: int = 64) -> np.ndarray:
        self.calls += 1
        self.seen.update(texts)
        rows = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            if text.strip():
                seed = int(hashlib.sha1(text.encode()).hexdigest()[:8], 16)
                row = np.random.default_rng(seed).standard_normal(self.dim)
                rows[i] = row / np.linalg.norm(row)
        return rows


def test_two_records_with_the_same_text_get_the_same_vector_encoded_once() -> None:
    counting = CountingEncoder()
    texts = ["Soudeur à Khouribga", "couture", "Soudeur à Khouribga", "", "couture"]
    rows = TextCache(counting).encode(texts)
    np.testing.assert_array_equal(rows, CountingEncoder().encode(texts))
    assert counting.seen == Counter({"Soudeur à Khouribga": 1, "couture": 1, "": 1})


def test_a_text_seen_in_an_earlier_call_is_not_encoded_again() -> None:
    counting = CountingEncoder()
    cache = TextCache(counting)
    first = cache.encode(["welding", "irrigation"])
    again = cache.encode(["irrigation", "welding"])
    assert counting.calls == 1
    assert cache.encoded == 2
    np.testing.assert_array_equal(again, first[::-1])
    assert (cache.name, cache.dim) == (counting.name, counting.dim)


def test_the_least_recently_used_texts_leave_a_full_cache() -> None:
    counting = CountingEncoder()
    cache = TextCache(counting, capacity=2)
    cache.encode(["a", "b"])
    cache.encode(["a", "c"])  # "a" used again: "b" is the oldest and leaves
    cache.encode(["a", "b", "c"])
    assert counting.seen == Counter({"a": 1, "b": 2, "c": 1})


def test_new_texts_reach_the_encoder_shortest_first_once_each() -> None:
    counting = CountingEncoder()
    order: list[list[str]] = []
    original = counting.encode

    def recording(texts: Sequence[str], *, batch_size: int = 64) -> np.ndarray:
        order.append(list(texts))
        return original(texts, batch_size=batch_size)

    counting.encode = recording  # type: ignore[method-assign]
    TextCache(counting).encode(["a longer text", "short", "a longer text", "mid text"])
    assert order == [["short", "mid text", "a longer text"]]


OCCUPATIONS = [
    {"id": "welder", "label_en": "welder", "label_fr": "soudeur", "alt_en": ["welding"]},
    {"id": "tailor", "label_en": "dressmaker", "label_fr": "couturier"},
]


def test_the_linker_scores_a_field_repeated_across_records_once_with_the_same_links() -> None:
    labels = occupation_labels(OCCUPATIONS, (), {})
    vectors = CountingEncoder().encode([label.text for label in labels])
    linker = OccupationLinker(labels, vectors, dense_weight=0.5, lexical_weight=0.5)
    records = [
        ["je suis soudeur depuis dix ans", "welding", "couture"],
        ["couturier à Khouribga", "couture"],
        ["welding", "couture"],
    ]
    counting = CountingEncoder()
    together = linker.link(records, counting)
    assert set(counting.seen.values()) == {1}
    one_by_one = [linker.link([fields], CountingEncoder())[0] for fields in records]
    assert together == one_by_one
