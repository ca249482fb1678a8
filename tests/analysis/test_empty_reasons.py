"""Empties with the reason the data show, on the real store, in Python, the CLI and the API alike.

Each documented empty case: the important-vote flags (sessions 38–72, 1983–2017), a period outside the
vote data, a state not yet a UN member, a value source that ends; and the ranking minimum of shared
roll calls (10) with the bootstrap interval beside each ranked value.
"""

from __future__ import annotations

import io

import pandas as pd
import pytest
from fastapi.testclient import TestClient

from valuesgap.analysis import selection
from valuesgap.analysis import similarity as sim
from valuesgap.analysis import values as vals
from valuesgap.cli import run
from valuesgap.errors import NoData

FLAGS_END = "the important-vote flags end with session 72 (1983–2017)"
FLAGS_START = "the important-vote flags start with session 38 (1983–2017)"
SSD = "South Sudan was not yet a UN member in 1990–2000 (its votes start in 2011)"

CASES = [
    # (Python call, CLI argv, API url, the reason every face must give)
    (
        lambda: sim.similarity("USA", "RUS", important=True, start=2018, end=2023),
        ["similarity", "USA", "RUS", "--important", "--from", "2018", "--to", "2023"],
        "/api/similarity?a=USA&b=RUS&important=true&start=2018&end=2023",
        FLAGS_END,
    ),
    (
        lambda: sim.similarity("USA", "RUS", important=True, start=1960, end=1970),
        ["similarity", "USA", "RUS", "--important", "--from", "1960", "--to", "1970"],
        "/api/similarity?a=USA&b=RUS&important=true&start=1960&end=1970",
        FLAGS_START,
    ),
    (
        lambda: sim.similarity("USA", "South Sudan", start=1990, end=2000),
        ["similarity", "USA", "South Sudan", "--from", "1990", "--to", "2000"],
        "/api/similarity?a=USA&b=South%20Sudan&start=1990&end=2000",
        SSD,
    ),
    (
        lambda: sim.partners("South Sudan", session=56),
        ["partners", "South Sudan", "--session", "56"],
        "/api/partners?focal=South%20Sudan&session=56",
        "South Sudan was not yet a UN member in 2001–2002 (its votes start in 2011)",
    ),
    (
        lambda: sim.similarity("USA", "RUS", start=2030, end=2031),
        ["similarity", "USA", "RUS", "--from", "2030", "--to", "2031"],
        "/api/similarity?a=USA&b=RUS&start=2030&end=2031",
        "the vote data cover 1946–2024",
    ),
    (
        lambda: vals.values_gap("USA", "Andorra", start=2022, end=2023, dimension="repression"),
        ["values", "USA", "Andorra", "--from", "2022", "--to", "2023", "-d", "repression"],
        "/api/values-gap?a=USA&b=Andorra&start=2022&end=2023&dimension=repression",
        "the repression indicators cover Andorra 1993–2021",
    ),
]


@pytest.fixture(scope="module")
def client(store):
    from valuesgap.api import create_app

    with TestClient(create_app(), base_url="http://127.0.0.1") as test_client:
        yield test_client


@pytest.mark.parametrize(("call", "argv", "url", "reason"), CASES)
def test_every_face_gives_the_reason(store, client, capsys, call, argv, url, reason):
    with pytest.raises(NoData) as caught:
        call()
    assert reason in str(caught.value)
    assert run(argv) == 2
    err = capsys.readouterr().err
    assert reason in err and err.count("\n") == 1
    response = client.get(url)
    assert response.status_code == 404 and reason in response.json()["error"]


def test_partners_session_56_ranks_no_state_on_one_vote(store):
    table = sim.partners("USA", session=56)
    assert table.attrs["min_n"] == selection.DEFAULT_MIN_N == 10
    ranked = table[table["rank"].notna()]
    assert (ranked["n"] >= 10).all() and table.iloc[0]["iso3"] != "KIR"
    kiribati = table[table["iso3"] == "KIR"].iloc[0]
    assert kiribati["n"] == 1 and pd.isna(kiribati["rank"])
    # the interval sits beside the ranked value and holds it
    ok = ranked["coincidence"].notna()
    assert (ranked.loc[ok, "coincidence_lo"] <= ranked.loc[ok, "coincidence"] + 1e-12).all()
    assert (ranked.loc[ok, "coincidence"] <= ranked.loc[ok, "coincidence_hi"] + 1e-12).all()
    assert list(table.columns).index("coincidence_lo") == list(table.columns).index("coincidence") + 1


def test_partners_defaults_agree_across_faces(store, client, capsys):
    from valuesgap.cli.cmd_similarity import MIN_N

    assert MIN_N == selection.DEFAULT_MIN_N
    body = client.get("/api/partners?focal=USA&session=56").json()
    rows = {r["iso3"]: r for r in body["rows"]}
    assert rows["KIR"]["rank"] is None and rows["KIR"]["n"] == 1
    assert body["rows"][0]["rank"] == 1 and body["rows"][0]["coincidence_lo"] is not None
    assert run(["partners", "USA", "--session", "56", "--format", "csv"]) == 0
    cli = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert cli.iloc[0]["iso3"] == body["rows"][0]["iso3"] and pd.isna(cli.set_index("iso3").loc["KIR", "rank"])
