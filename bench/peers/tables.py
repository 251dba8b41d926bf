"""What both peers compute, as plain data: the table names, the amount
buckets of `distribution`, and the Parquet writing they share."""
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

# The seven gold tables the peers compute (the others need the scores or
# earlier gold tables; `kpis` needs the model).
TABLES = ("fact_achats", "ca_monthly", "ca_country", "ca_product", "daily", "weekly", "distribution")

# Basket amount buckets in euros, [lower, upper): the same as src/pipeline/gold/sales.ts.
AMOUNT_BUCKETS = (0, 50, 100, 200, 300, 500, 750, 1000, 1500)


def bucket_labels():
    """(index, label, lo, hi) of every bucket, hi None for the last."""
    out = []
    for i, lo in enumerate(AMOUNT_BUCKETS):
        hi = AMOUNT_BUCKETS[i + 1] if i + 1 < len(AMOUNT_BUCKETS) else None
        label = f"{lo} € et plus" if hi is None else f"{lo}–{hi} €"
        out.append((i, label, float(lo), None if hi is None else float(hi)))
    return out


def write_arrow(table: pa.Table, out: Path, name: str) -> int:
    """Writes one table as `<out>/<name>.parquet`; dates as DATE, like ours."""
    fields = []
    for field in table.schema:
        if pa.types.is_timestamp(field.type):
            fields.append(pa.field(field.name, pa.date32()))
        else:
            fields.append(field)
    table = table.cast(pa.schema(fields))
    pq.write_table(table, out / f"{name}.parquet")
    return table.num_rows
