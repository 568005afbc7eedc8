"""Keeping the garbage collector's full passes off requests.

A full collection walks every container object the process holds, and the request that
triggers one waits for it. Most of them are loaded at the start and live as long as the
process: the encoder's vocabulary, the lexicon, ESCO's labels, the modules. Building some
hundred candidates' profiles at 100,000 profiles took p50 6.7 ms and p95 93 ms with the
collector as it starts, 10.5 ms at p95 with it off (issue 14): the tail was the collector.
`settle` takes what is loaded out of its reach once a start is done (`gc.freeze`); what
requests make is collected as before.
"""

from __future__ import annotations

import gc


def settle() -> None:
    """Collect what the start left as garbage, then leave the rest out of future passes."""
    gc.collect()
    gc.freeze()
