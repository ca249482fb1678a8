"""Readers of the UN Digital Library voting files, on the fixtures (real SC rows; GA rows in the layout)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pandas as pd
import pytest

from valuesgap.errors import DataMissing
from valuesgap.sources import undl_ga, undl_sc

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "undl"
SC = FIXTURES / "sc_voting.csv"
GA = FIXTURES / "ga_voting.csv"


def test_sc_reads_real_rows_and_files_the_ussr_under_russia():
    data = undl_sc.read(SC)
    assert len(data.resolutions) == 9
    r511 = data.resolutions.set_index("resolution").loc["S/RES/511(1982)"]
    assert (r511["total_yes"], r511["total_no"], r511["total_abstentions"]) == (13, 0, 2)
    assert r511["number"] == 511 and r511["date"] == pd.Timestamp("1982-06-18")
    votes = data.votes[data.votes["undl_id"] == r511["undl_id"]].set_index("iso3")
    assert votes.loc["RUS", "ms_code"] == "SUN" and votes.loc["RUS", "code"] == 2  # USSR abstained
    assert votes.loc["POL", "code"] == 2 and votes.loc["USA", "code"] == 1
    # the recorded counts agree with the member rows
    assert (votes["code"] == 1).sum() == 13 and (votes["code"] == 2).sum() == 2
    assert votes["permanent"].sum() == 5


def test_sc_historical_codes_and_no_vote_adoptions():
    data = undl_sc.read(SC)
    r622 = data.votes[data.votes["undl_id"] == 281358].set_index("ms_code")
    assert r622.loc["GER", "iso3"] == "DEU" and r622.loc["SUN", "iso3"] == "RUS"
    assert r622.loc["YUG", "iso3"] == "YUG"  # Yugoslavia before 1993 stays its own entity
    acclaimed = data.resolutions.set_index("resolution").loc["S/RES/1987(2011)"]
    assert acclaimed["modality"] == "Without Vote"
    rows = data.votes[data.votes["undl_id"] == acclaimed["undl_id"]]
    assert set(rows["code"]) == {8} and set(rows["vote_note"]) == {"Adopted by acclamation"}
    iran = data.resolutions.set_index("resolution").loc["S/RES/1835(2008)"]
    assert iran["subjects"] == ["NUCLEAR NON-PROLIFERATION"]
    sudan = data.resolutions.set_index("resolution").loc["S/RES/2514(2020)"]
    assert sudan["subjects"] == ["UN MISSION IN SOUTH SUDAN", "SOUTH SUDAN--POLITICAL CONDITIONS"]


def test_ga_es11_1_counts_and_session_keys():
    data = undl_ga.read(GA)
    rc = data.rollcalls.set_index("resolution")
    es = rc.loc["A/RES/ES-11/1"]
    assert es["session"] == 76 and es["special_session"] == "ES-11"  # 2 March 2022: session 76 under way
    assert es["title"] == "Aggression against Ukraine"
    votes = data.votes[data.votes["undl_id"] == es["undl_id"]]
    counts = votes["code"].value_counts().to_dict()
    assert counts == {1: 141, 3: 5, 2: 35, 8: 12}
    assert (es["total_yes"], es["total_no"], es["total_abstentions"], es["total_non_voting"]) == (141, 5, 35, 12)
    assert set(votes.loc[votes["code"] == 3, "iso3"]) == {"BLR", "ERI", "PRK", "RUS", "SYR"}
    regular = rc.loc["A/RES/74/44"]
    assert regular["session"] == 74 and regular["special_session"] is None
    assert rc.loc["A/RES/ES-10/24", "session"] == 79  # 18 September 2024: session 79 had opened


def _rewrite(tmp_path: Path, src: Path, edit) -> Path:
    lines = src.read_text().splitlines()
    out = tmp_path / src.name
    out.write_text("\n".join(edit(lines)) + "\n")
    return out


def test_unknown_header_is_one_clear_error_listing_the_header(tmp_path):
    path = _rewrite(tmp_path, GA, lambda ls: [ls[0].replace("ms_vote", "vote"), *ls[1:5]])
    with pytest.raises(DataMissing) as err:
        undl_ga.read(path)
    message = str(err.value)
    assert "missing ms_vote" in message and "unknown vote" in message
    assert "undl_id,ms_code,ms_name,vote,date" in message and "\n" not in message


def test_sc_file_given_as_ga_is_refused(tmp_path):
    with pytest.raises(DataMissing, match="not the UN Digital Library General Assembly voting layout"):
        undl_ga.read(SC)


def test_older_layout_without_vote_note_reads(tmp_path):
    def drop_vote_note(lines):
        header = lines[0].split(",")
        i = header.index("vote_note")
        # the fixture's rows have no commas inside the first 14 fields of these lines
        return [",".join(line.split(",")[:i] + line.split(",")[i + 1 :]) for line in lines[:200]]

    data = undl_ga.read(_rewrite(tmp_path, GA, drop_vote_note))
    assert len(data.votes) == 199 and set(data.votes["vote_note"]) == {""}


def test_bad_vote_value_empty_and_gzip(tmp_path):
    bad = _rewrite(tmp_path, GA, lambda ls: [ls[0], ls[1].replace(",Y,", ",Q,", 1)])
    with pytest.raises(DataMissing, match="outside Y/N/A/X"):
        undl_ga.read(bad)
    empty = tmp_path / "empty.csv"
    empty.write_text(GA.read_text().splitlines()[0] + "\n")
    with pytest.raises(DataMissing, match="no rows"):
        undl_ga.read(empty)
    html = tmp_path / "page.csv"
    html.write_text("<!DOCTYPE html><html><body>Not found</body></html>\n")
    with pytest.raises(DataMissing, match="header is: <!DOCTYPE html>"):
        undl_ga.read(html)
    packed = tmp_path / "ga.csv.gz"
    packed.write_bytes(gzip.compress(GA.read_bytes()))
    assert len(undl_ga.read(packed).rollcalls) == len(undl_ga.read(GA).rollcalls)
    truncated = tmp_path / "cut.csv.gz"
    truncated.write_bytes(gzip.compress(GA.read_bytes())[:500])
    with pytest.raises(DataMissing, match="corrupt"):
        undl_ga.read(truncated)


def test_session_values_must_be_numbers_or_special_labels(tmp_path):
    bad = _rewrite(tmp_path, GA, lambda ls: [ls[0], ls[1].replace(",ES-11,", ",Eleventh,", 1)])
    with pytest.raises(DataMissing, match="session values"):
        undl_ga.read(bad)
