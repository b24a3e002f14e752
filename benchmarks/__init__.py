"""Benchmarks of negotiations against pydantic v2 and msgspec twins of the same model.

Run ``python -m benchmarks.run`` (or ``python benchmarks/run.py``) from the repository root.
"""
