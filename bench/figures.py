"""Figures shared by the benchmarks: one way to compute percentiles of timings."""

from __future__ import annotations

import statistics


def percentiles(timings: list[float]) -> tuple[float, float]:
    """The median and the 95th percentile (nearest rank) of timings."""
    ordered = sorted(timings)
    return statistics.median(ordered), ordered[round(0.95 * (len(ordered) - 1))]
