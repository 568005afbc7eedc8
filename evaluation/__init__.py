"""Offline evaluation of the recommender: evaluation sets (`evaluation.sets`) and the metrics
and harness that score the ranking methods on them (`evaluation.metrics`), run by
`multaqa evaluate`."""
