"""The CLI's spelling of the one vocabulary: --from/--to, --ci, --boot; the old --since/--until still work
with a one-line note on stderr; errors raised below the CLI come out naming the CLI's flags."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from valuesgap.cli import run


def _csv(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text))


def test_commitments_since_is_from_with_a_note(store, capsys):
    assert run(["commitments", "Russia", "--from", "2014", "--format", "csv"]) == 0
    new = capsys.readouterr()
    assert new.err == ""
    assert run(["commitments", "Russia", "--since", "2014", "--format", "csv"]) == 0
    old = capsys.readouterr()
    assert old.out == new.out
    assert old.err.strip() == "note: --since is deprecated: use --from (the old spelling goes in the next release)"
    assert run(["commitments", "Russia", "--since", "2014", "--from", "2014"]) == 2
    assert "give --from only" in capsys.readouterr().err


def test_commitments_to_bounds_the_period(store, capsys):
    assert run(["commitments", "Russia", "--from", "1990", "--to", "1999", "--format", "csv"]) == 0
    frame = _csv(capsys.readouterr().out)
    assert not frame.empty and frame["year"].between(1990, 1999).all()


def test_brief_old_flags_still_parse(store, capsys):
    assert run(["brief", "USA", "RUS", "--since", "2020", "--until", "2010"]) == 2
    err = capsys.readouterr().err
    assert "note: --since is deprecated: use --from" in err and "note: --until is deprecated: use --to" in err
    assert "error: --from 2020 is after --to 2010: swap --from and --to" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["similarity", "USA", "RUS", "--from", "2010", "--to", "2000"], "--from 2010 is after --to 2000"),
        (["values", "USA", "RUS", "--from", "2010", "--to", "2000"], "swap --from and --to"),
        (["tracks", "USA", "RUS", "--from", "2010", "--to", "2000"], "swap --from and --to"),
        (["summary", "USA", "RUS", "--from", "2010", "--to", "2000"], "swap --from and --to"),
        (["similarity", "USA", "RUS", "--ci", "2"], "--ci 2.0 must lie strictly between 0 and 1"),
        (["tracks", "USA", "RUS", "--ci", "1"], "--ci 1.0 must lie strictly between 0 and 1"),
        (["ideal-points", "--boot", "-1"], "--boot must be a whole number ≥ 0"),
    ],
)
def test_errors_below_the_cli_name_cli_flags(store, capsys, argv, message):
    assert run(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1
    assert message in err, err
    assert " start " not in err and " end " not in err and "n_boot" not in err and "level" not in err
