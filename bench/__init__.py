"""`make bench`: measure how fast Next Step builds and how light it loads, against budgets.

Run `python -m bench.run --help`. Nothing here runs in `make test` except one
smoke run at N = 10 (tests/test_bench_smoke.py).
"""
