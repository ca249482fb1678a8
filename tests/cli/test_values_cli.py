"""`valuesgap values` and `valuesgap commitments` on the real data: outputs, formats, exit codes."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from valuesgap.cli import run


def _csv(capsys) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(capsys.readouterr().out))


def test_values_pair_csv_has_five_dimensions_1970_2023(store, capsys):
    assert run(["values", "United States", "Russia", "--format", "csv"]) == 0
    frame = _csv(capsys)
    assert frame["year"].min() == 1970 and frame["year"].max() == 2023
    assert set(frame["dimension"]) == {"repression", "media", "capture", "rule_of_law", "democracy"}
    assert len(frame) == 54 * 5
    assert {"a_components", "b_components", "gap_lo", "gap_hi"} <= set(frame.columns)


def test_values_table_names_states_and_marks_missing(store, capsys):
    # Andorra's repression rests on Fariss (to 2021) and CIRIGHTS (to 2020): nothing in 2022–2023
    assert run(["values", "USA", "Andorra", "--from", "2020", "--to", "2023", "-d", "repression"]) == 0
    out = capsys.readouterr().out
    assert "United States" in out and "Andorra" in out
    assert "–" in out and "missing, not zero" in out


def test_values_pair_without_data_in_the_period_says_whose_sources_end(store, capsys):
    # Andorra's repression rests on Fariss (to 2021) and CIRIGHTS (to 2020)
    assert run(["values", "USA", "Andorra", "--from", "2022", "--to", "2023", "-d", "repression"]) == 2
    err = capsys.readouterr().err
    assert "no value-dimension data for Andorra in 2022–2023: the repression indicators cover Andorra 1993–2021" in err
    assert err.count("\n") == 1


def test_values_pair_without_common_component_says_why(store, capsys, tmp_path):
    # Andorra has Freedom House ratings but no V-Dem; Zanzibar has V-Dem but no Freedom House rating
    path = tmp_path / "civ.toml"
    path.write_text(
        '[civ]\n[[civ.components]]\nsource = "vdem14"\nvariable = "v2x_clpol"\n'
        '[[civ.components]]\nsource = "fh_ratings"\nvariable = "pr"\ntransform = "minmax"\nmin = 1\nmax = 7\n'
        'direction = "lower_better"\n',
        encoding="utf-8",
    )
    argv = ["values", "Andorra", "Zanzibar", "--from", "2005", "--to", "2010", "--definitions", str(path)]
    assert run(argv) == 2
    err = capsys.readouterr().err
    assert "no component measures both Andorra and Zanzibar in 2005–2010" in err and err.count("\n") == 1


def test_values_single_state_and_dimension_filter(store, capsys):
    assert (
        run(["values", "Russia", "--dimension", "media,capture", "--from", "2000", "--to", "2001", "--format", "json"])
        == 0
    )
    rows = json.loads(capsys.readouterr().out)
    assert [(r["year"], r["dimension"]) for r in rows] == [
        (2000, "media"),
        (2000, "capture"),
        (2001, "media"),
        (2001, "capture"),
    ]
    assert all(0 <= r["value"] <= 1 for r in rows)


def test_values_components_trace_every_number(store, capsys):
    assert (
        run(
            ["values", "Russia", "--components", "-d", "democracy", "--from", "2023", "--to", "2023", "--format", "csv"]
        )
        == 0
    )
    comp = _csv(capsys)
    assert list(comp["variable"]) == ["v2x_libdem", "v2x_polyarchy", "pr", "cl"]
    assert run(["values", "Russia", "-d", "democracy", "--from", "2023", "--to", "2023", "--format", "csv"]) == 0
    row = _csv(capsys).iloc[0]
    assert row["unlinked"] == pytest.approx(comp["scaled"].mean())  # the plain mean of the listed components
    assert row["components"] == "vdem15:v2x_libdem, vdem15:v2x_polyarchy, fh_ratings:pr, fh_ratings:cl"
    argv = ["values", "Russia", "-d", "democracy", "--from", "2023", "--to", "2023", "--footing", "present"]
    assert run([*argv, "--format", "csv"]) == 0
    assert _csv(capsys).iloc[0]["value"] == pytest.approx(comp["scaled"].mean())


def test_values_out_file(store, tmp_path, capsys):
    out = tmp_path / "gap.parquet"
    assert (
        run(["values", "USA", "RUS", "--from", "2009", "--to", "2010", "--format", "parquet", "--out", str(out)]) == 0
    )
    frame = pd.read_parquet(out)
    assert len(frame) == 10 and set(frame["year"]) == {2009, 2010}


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["values", "USA", "RUS", "-d", "medai"], "did you mean 'media'"),
        (["values", "USA", "RUS", "--from", "2010", "--to", "2000"], "swap --from and --to"),
        (["values", "USA", "RUS", "--from", "1700", "--to", "1710"], "no value-dimension data"),
        (["values", "Rusia", "USA"], "unknown country"),
        (["commitments", "Russia", "--from", "2030"], "no commitments of Russia since 2030"),
    ],
)
def test_bad_input_is_one_line_exit_2(store, capsys, argv, message):
    assert run(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err and err.count("\n") == 1


def test_commitments_csv_ledger(store, capsys):
    assert run(["commitments", "Russia", "--format", "csv"]) == 0
    ledger = _csv(capsys)
    op1 = ledger[ledger["commitment"] == "ICCPR-OP1"].iloc[0]
    assert op1["date"] == "1991-10-01" and op1["action"] == "acceded"
    echr = ledger[(ledger["commitment"] == "ECHR") & (ledger["action"] == "ratified")].iloc[0]
    assert echr["date"] == "1998-05-05" and "media: 0.69 in 1998 → 0.04 in 2023, falling" in echr["record"]
    assert ledger["source"].notna().all()


def test_commitments_since_table_and_record(store, capsys):
    assert run(["commitments", "Russia", "--from", "2022"]) == 0
    out = capsys.readouterr().out
    assert "ECHR" in out and "expelled" in out and "2022-09-16" in out
    assert "1998-05-05" not in out  # the ratification is before --from
    assert run(["commitments", "Russia", "--from", "2022", "--record", "--format", "csv"]) == 0
    record = _csv(capsys)
    assert set(record["trend"]) <= {"rising", "falling", "stable", "no data"}
    assert (record["year"] >= 2022).all()


def test_commitments_cli_lists_arms_control_exits(store, capsys):
    assert run(["commitments", "Russia", "--format", "csv"]) == 0
    ru = _csv(capsys)
    got = set(zip(ru["date"], ru["commitment"], ru["action"]))
    assert ("2007-12-12", "CFE Treaty", "suspended") in got
    assert ("2021-12-18", "Open Skies Treaty", "withdrew") in got
    assert ("2026-02-05", "New START", "expired") in got
    assert run(["commitments", "United States", "--format", "csv"]) == 0
    us = _csv(capsys)
    got = set(zip(us["date"], us["commitment"], us["action"]))
    assert ("2020-11-22", "Open Skies Treaty", "withdrew") in got and ("2026-02-05", "New START", "expired") in got
