"""The first CLI commands on the real store: output formats and one-line errors with exit code 2."""

import io
import json

import pandas as pd
import pytest

from valuesgap.cli import run


def test_summary_us_russia(store, capsys):
    assert run(["summary", "United States", "Russia", "--format", "csv"]) == 0
    frame = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert list(frame.columns) == ["session", "year_from", "year_to", "n_common", "identical", "share_identical"]
    assert frame["session"].min() == 1 and frame["session"].max() == 78
    assert frame["share_identical"].between(0, 1).all()
    # independent check of one session straight from the votes table
    v = store.query(
        "SELECT v.rcid, v.iso3, v.code FROM votes v JOIN rollcalls r USING (rcid) "
        "WHERE r.session = 70 AND v.iso3 IN ('USA','RUS') AND v.code IN (1,2,3)"
    )
    wide = v.pivot(index="rcid", columns="iso3", values="code").dropna()
    row = frame.set_index("session").loc[70]
    assert row["n_common"] == len(wide)
    assert row["identical"] == int((wide["USA"] == wide["RUS"]).sum())


def test_votes_json(store, capsys):
    assert run(["votes", "RUS", "--session", "64", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and {"rcid", "vote", "descr"} <= set(rows[0])
    assert {r["vote"] for r in rows} <= {"yes", "no", "abstain", "absent", "non-member", "no record"}


def test_countries_table(store, capsys):
    assert run(["countries", "germany"]) == 0
    out = capsys.readouterr().out
    assert "DEU" in out and "DDR" in out


@pytest.mark.parametrize(
    "argv,needle",
    [
        (["votes", "Rusia", "--session", "60"], "did you mean 'Russia'"),
        (["votes", "Russia", "--session", "120"], "outside the data"),
        (["votes", "Russia", "--sesion", "60"], "No such option"),
        (["summary", "USA", "Russia", "--format", "xml"], "'xml' is not one of"),
        (["summary", "Czechoslovakia", "South Sudan"], "no roll calls in common"),
    ],
)
def test_bad_input_is_one_line_exit_2(store, capsys, argv, needle):
    assert run(argv) == 2
    err = capsys.readouterr().err
    assert needle in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_no_store_is_one_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("VALUESGAP_HOME", str(tmp_path))
    assert run(["summary"]) == 2
    assert "valuesgap data build" in capsys.readouterr().err


def test_out_file_is_written_atomically(store, tmp_path, capsys):
    out = tmp_path / "summary.parquet"
    assert run(["summary", "--format", "parquet", "--out", str(out)]) == 0
    assert len(pd.read_parquet(out)) == 78
    assert run(["summary", "--format", "csv", "--out", str(tmp_path / "missing" / "x.csv")]) == 2
