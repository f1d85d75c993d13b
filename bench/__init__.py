"""Benchmarks of the dossier: build cost, growth, PDFs, edit loop and what a reader downloads.

Run with `make bench` (or `python -m bench.run`); the report goes to bench/out/report.md and
bench/out/report.json. Nothing here is imported by the site build itself.
"""
