"""Figures shared by the benchmarks: one way to compute percentiles of timings."""

from __future__ import annotations

import statistics


def percentile(timings: list[float], fraction: float) -> float:
    """The value at `fraction` (0 to 1) of the sorted timings, by nearest rank.

    >>> percentile([float(n) for n in range(1, 101)], 0.99)
    99.0
    """
    if not timings:
        raise ValueError("no timings to take a percentile of")
    ordered = sorted(timings)
    return ordered[round(fraction * (len(ordered) - 1))]


def percentiles(timings: list[float]) -> tuple[float, float]:
    """The median and the 95th percentile (nearest rank) of timings."""
    return statistics.median(timings), percentile(timings, 0.95)


def percentiles_to_p99(timings: list[float]) -> tuple[float, float, float]:
    """The median, 95th and 99th percentiles: the tail a load test is about."""
    return (*percentiles(timings), percentile(timings, 0.99))
