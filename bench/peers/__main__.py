"""python -m peers --engine pandas|polars --sources DIR --out DIR

Computes the seven gold tables and prints one JSON line: engine, version,
seconds (inside the process), peak resident memory in MB, rows per table."""
import argparse
import json
import resource
import sys
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m peers", description=__doc__)
    parser.add_argument("--engine", choices=["pandas", "polars"], required=True)
    parser.add_argument("--sources", type=Path, required=True, help="directory with clients.csv and achats.csv")
    parser.add_argument("--out", type=Path, required=True, help="directory for <table>.parquet")
    args = parser.parse_args()
    for name in ("clients.csv", "achats.csv"):
        if not (args.sources / name).is_file():
            print(f"peers: source file not found: {args.sources / name}", file=sys.stderr)
            return 2
    args.out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    if args.engine == "pandas":
        import pandas as library

        from .pandas_gold import compute
    else:
        import polars as library

        from .polars_gold import compute
    rows = compute(args.sources, args.out)
    seconds = time.perf_counter() - start
    peak_mb = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps({"engine": args.engine, "version": f"{args.engine} {library.__version__}", "seconds": round(seconds, 2), "peak_rss_mb": peak_mb, "rows": rows}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
