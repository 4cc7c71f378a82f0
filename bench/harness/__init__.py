"""The bench runner's parts (bench/run.py)."""
