"""Benchmarks (issue 10): a corpus generator and one script per goal. See docs/benchmarks.md."""
