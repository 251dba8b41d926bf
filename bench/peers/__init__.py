"""The benchmark's peers: pandas and Polars scripts computing seven of the
deterministic gold tables from the same source CSVs as `electrolake run`.

They are what a data engineer would write in a notebook: read the two CSVs
with their types, join the purchases to their clients, aggregate, write
Parquet. They assume clean sources (no repairs, no quarantine): on those,
their tables equal ours (test/integration/peers-parity.test.ts).
"""
