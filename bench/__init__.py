"""Benchmarks and measured reports: they print figures, they do not time unit tests."""
