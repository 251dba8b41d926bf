"""The Polars peer: the seven gold tables with Polars' lazy engine."""
from pathlib import Path

import polars as pl

from .tables import AMOUNT_BUCKETS, bucket_labels

SALES = [
    pl.col("montant").sum().alias("ca"),
    pl.len().alias("n_achats"),
    pl.col("id_client").n_unique().alias("n_clients"),
]


def zero_filled(calendar: pl.LazyFrame, key: str, per: pl.LazyFrame) -> pl.LazyFrame:
    return calendar.join(per, on=key, how="left").with_columns(
        pl.col("ca").fill_null(0.0), pl.col("n_achats").fill_null(0).cast(pl.Int64), pl.col("n_clients").fill_null(0).cast(pl.Int64)
    )


def compute(sources: Path, out: Path) -> dict[str, int]:
    # Read as text and typed leniently: a value that does not parse drops its
    # row (the peers repair nothing, unlike silver), so dirty sources run too;
    # a line with a field too many is cut to the header's fields.
    clients = (
        pl.scan_csv(sources / "clients.csv", infer_schema=False, truncate_ragged_lines=True)
        .select(pl.col("id_client").cast(pl.Int64, strict=False), "pays")
        .drop_nulls("id_client")
        .unique("id_client", keep="first", maintain_order=True)
    )
    achats = pl.scan_csv(sources / "achats.csv", infer_schema=False, truncate_ragged_lines=True).with_columns(
        pl.col("id_achat").cast(pl.Int64, strict=False),
        pl.col("id_client").cast(pl.Int64, strict=False),
        pl.col("date_achat").str.to_date("%Y-%m-%d", strict=False),
        pl.col("montant").cast(pl.Float64, strict=False),
    ).drop_nulls()
    # Collected once: every table below reads it.
    fact = (
        achats.join(clients, on="id_client", how="inner")
        .with_columns(pl.col("date_achat").dt.strftime("%Y-%m").alias("mois"))
        .select("id_achat", "id_client", "date_achat", "montant", "produit", "pays", "mois")
        .collect()
    )
    lazy = fact.lazy()
    with_panier = lambda frame: frame.with_columns((pl.col("ca") / pl.col("n_achats")).alias("panier_moyen"))
    first, last = fact["date_achat"].min(), fact["date_achat"].max()
    days = pl.LazyFrame({"date": pl.date_range(first, last, "1d", eager=True)})
    week_of = lambda column: pl.col(column).dt.truncate("1w")
    weeks = days.select(week_of("date").alias("week_start")).unique().with_columns(
        (pl.col("week_start").dt.iso_year().cast(pl.String) + "-W" + pl.col("week_start").dt.week().cast(pl.String).str.zfill(2)).alias("iso_week")
    )
    buckets = pl.LazyFrame(bucket_labels(), schema={"bucket_index": pl.Int64, "bucket": pl.String, "min": pl.Float64, "max": pl.Float64}, orient="row")
    index = pl.lit(None, dtype=pl.Int64)
    for i, lo in enumerate(AMOUNT_BUCKETS):
        index = pl.when(pl.col("montant") >= lo).then(pl.lit(i, dtype=pl.Int64)).otherwise(index)
    total = fact.height

    tables = {
        "fact_achats": lazy,
        "ca_monthly": with_panier(lazy.group_by("mois").agg(SALES)).sort("mois"),
        "ca_country": with_panier(lazy.with_columns(pl.col("pays").fill_null("Inconnu")).group_by("pays").agg(SALES)).sort(
            ["ca", "pays"], descending=[True, False]
        ),
        "ca_product": with_panier(lazy.group_by("produit").agg(SALES)).sort(["ca", "produit"], descending=[True, False]),
        "daily": zero_filled(days, "date", lazy.group_by(pl.col("date_achat").alias("date")).agg(SALES)).sort("date"),
        "weekly": zero_filled(weeks, "week_start", lazy.group_by(week_of("date_achat").alias("week_start")).agg(SALES))
        .select("week_start", "iso_week", "ca", "n_achats", "n_clients")
        .sort("week_start"),
        "distribution": buckets.join(
            lazy.group_by(index.alias("bucket_index")).agg(pl.len().alias("n_achats"), pl.col("montant").sum().alias("ca")),
            on="bucket_index",
            how="left",
        )
        .with_columns(
            pl.col("n_achats").fill_null(0).cast(pl.Int64),
            pl.col("ca").fill_null(0.0),
            (pl.col("n_achats").fill_null(0) / total if total else pl.lit(0.0)).alias("share_achats"),
        )
        .sort("bucket_index")
        .select("bucket", "min", "max", "n_achats", "ca", "share_achats"),
    }
    frames = pl.collect_all(list(tables.values()))
    rows = {}
    for name, frame in zip(tables, frames):
        frame.write_parquet(out / f"{name}.parquet")
        rows[name] = frame.height
    return rows
