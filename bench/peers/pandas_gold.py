"""The pandas peer: the seven gold tables, as a notebook would compute them."""
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from .tables import AMOUNT_BUCKETS, bucket_labels, write_arrow


def sales(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """ca, n_achats, n_clients, panier_moyen per value of `by`."""
    out = frame.groupby(by, sort=False).agg(
        ca=("montant", "sum"), n_achats=("montant", "size"), n_clients=("id_client", "nunique")
    )
    out["panier_moyen"] = out["ca"] / out["n_achats"]
    return out.reset_index()


def zero_filled(calendar: pd.DataFrame, key: str, per: pd.DataFrame) -> pd.DataFrame:
    out = calendar.merge(per, on=key, how="left")
    out["ca"] = out["ca"].fillna(0.0)
    for column in ("n_achats", "n_clients"):
        out[column] = out[column].fillna(0).astype("int64")
    return out


def per_period(fact: pd.DataFrame, key: str) -> pd.DataFrame:
    return fact.groupby(key, sort=False).agg(
        ca=("montant", "sum"), n_achats=("montant", "size"), n_clients=("id_client", "nunique")
    ).reset_index()


def compute(sources: Path, out: Path) -> dict[str, int]:
    # Read as text and typed leniently: a value that does not parse drops its
    # row (the peers repair nothing, unlike silver), so dirty sources run too;
    # a line with a field too many is skipped (one too few drops on its nulls).
    clients = pd.read_csv(sources / "clients.csv", usecols=["id_client", "pays"], dtype="string", on_bad_lines="skip")
    clients["id_client"] = pd.to_numeric(clients["id_client"], errors="coerce")
    clients = clients.dropna(subset=["id_client"]).drop_duplicates("id_client").astype({"id_client": "int64"})
    achats = pd.read_csv(sources / "achats.csv", dtype="string", on_bad_lines="skip")
    for column in ("id_achat", "id_client", "montant"):
        achats[column] = pd.to_numeric(achats[column], errors="coerce")
    achats["date_achat"] = pd.to_datetime(achats["date_achat"], format="%Y-%m-%d", errors="coerce")
    achats = achats.dropna().astype({"id_achat": "int64", "id_client": "int64", "montant": "float64"})
    fact = achats.merge(clients, on="id_client", how="inner")
    fact["mois"] = fact["date_achat"].values.astype("datetime64[M]").astype(str)
    rows = {}
    write = lambda frame, name: rows.__setitem__(name, write_arrow(pa.Table.from_pandas(frame, preserve_index=False), out, name))

    write(fact[["id_achat", "id_client", "date_achat", "montant", "produit", "pays", "mois"]], "fact_achats")
    write(sales(fact, "mois").sort_values("mois"), "ca_monthly")
    by_country = sales(fact.assign(pays=fact["pays"].fillna("Inconnu")), "pays")
    write(by_country.sort_values(["ca", "pays"], ascending=[False, True]), "ca_country")
    write(sales(fact, "produit").sort_values(["ca", "produit"], ascending=[False, True]), "ca_product")

    days = pd.DataFrame({"date": pd.date_range(fact["date_achat"].min(), fact["date_achat"].max(), freq="D")})
    write(zero_filled(days, "date", per_period(fact.rename(columns={"date_achat": "date"}), "date")), "daily")

    fact["week_start"] = fact["date_achat"] - pd.to_timedelta(fact["date_achat"].dt.weekday, unit="D")
    weeks = pd.DataFrame({"week_start": (days["date"] - pd.to_timedelta(days["date"].dt.weekday, unit="D")).unique()})
    iso = weeks["week_start"].dt.isocalendar()
    weeks["iso_week"] = iso["year"].astype(str) + "-W" + iso["week"].astype(str).str.zfill(2)
    weekly = zero_filled(weeks, "week_start", per_period(fact, "week_start"))
    write(weekly.sort_values("week_start"), "weekly")

    index = np.searchsorted(np.array(AMOUNT_BUCKETS, dtype="float64"), fact["montant"].to_numpy(), side="right") - 1
    sized = fact.assign(bucket_index=index).groupby("bucket_index").agg(n_achats=("montant", "size"), ca=("montant", "sum"))
    buckets = pd.DataFrame(bucket_labels(), columns=["bucket_index", "bucket", "min", "max"]).set_index("bucket_index")
    dist = buckets.join(sized, how="left")
    dist["n_achats"] = dist["n_achats"].fillna(0).astype("int64")
    dist["ca"] = dist["ca"].fillna(0.0)
    dist["share_achats"] = dist["n_achats"] / len(fact) if len(fact) else 0.0
    write(dist.reset_index()[["bucket", "min", "max", "n_achats", "ca", "share_achats"]], "distribution")
    return rows
