"""Done-when of the official-files issue: a build with the fixture 'official' Assembly file adds the 2022
emergency-session vote and the 2024–25 votes, and leaves every other session's numbers as they were."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "undl"


def _mirror_with_official_files(mirror: Path, folder: Path) -> Path:
    """Return a mirror folder: the real mirror's folders linked, plus undl/ with the fixture files."""
    for entry in mirror.iterdir():
        (folder / entry.name).symlink_to(entry)
    (folder / "undl").mkdir()
    shutil.copy(FIXTURES / "ga_voting.csv", folder / "undl" / "ga_voting.csv")
    shutil.copy(FIXTURES / "sc_voting.csv", folder / "undl" / "sc_voting.csv")
    return folder


@pytest.fixture(scope="module")
def both(store, mirror, tmp_path_factory):
    """Similarity tables from the mirror-only store and from a store built with the official files."""
    from valuesgap import store as store_module
    from valuesgap.analysis import similarity as sim

    plain_year = sim.similarity("USA", "RUS", by="year")
    plain_session = sim.similarity("USA", "RUS", by="session")
    previous = os.environ["VALUESGAP_HOME"]
    os.environ["VALUESGAP_HOME"] = str(tmp_path_factory.mktemp("vg-home-official"))
    try:
        store_module.build(_mirror_with_official_files(mirror, tmp_path_factory.mktemp("mirror-official")))
        yield {
            "plain_year": plain_year,
            "plain_session": plain_session,
            "year": sim.similarity("USA", "RUS", by="year"),
            "session": sim.similarity("USA", "RUS", by="session"),
            "store": store_module,
        }
    finally:
        os.environ["VALUESGAP_HOME"] = previous


def test_2022_counts_the_emergency_session_vote(both):
    before = both["plain_year"].set_index("year").loc[2022]
    after = both["year"].set_index("year").loc[2022]
    assert after["n"] == before["n"] + 1  # A/RES/ES-11/1
    # USA yes (1), Russia no (0): |x − y| = 1 adds nothing to the agreement sum
    assert after["agreement"] == pytest.approx(before["agreement"] * before["n"] / (before["n"] + 1))


def test_cli_similarity_2022(both, capsys):
    from valuesgap.cli import run

    assert run(["similarity", "USA", "RUS", "--by", "year", "--from", "2022", "--to", "2022", "--format", "csv"]) == 0
    frame = pd.read_csv(pd.io.common.StringIO(capsys.readouterr().out))
    assert frame["n"].tolist() == [int(both["plain_year"].set_index("year").loc[2022, "n"]) + 1]


def test_2025_vote_is_counted(both):
    after = both["year"].set_index("year")
    assert 2025 not in both["plain_year"]["year"].tolist()
    assert after.loc[2025, "n"] == 1 and after.loc[2025, "agreement"] == 1.0  # both voted no on ES-11/7


def test_existing_sessions_unchanged(both):
    added_to = {76, 79}  # ES-11/1 (March 2022, session 76); ES-10/24 and ES-11/7 (session 79)
    before = both["plain_session"].set_index("session")
    after = both["session"].set_index("session")
    kept = [s for s in before.index if s not in added_to]
    pd.testing.assert_frame_equal(after.loc[kept], before.loc[kept])
    assert after.loc[76, "n"] == before.loc[76, "n"] + 1
    assert 79 in after.index and 79 not in before.index


def test_report_and_status_of_the_official_files(both):
    from valuesgap import coverage

    report = coverage.report().set_index("kind")
    matched = report.loc["official GA file: roll calls matched to the Voeten data"]
    assert matched["n"] == 6 and "0 differ (agreement 100.0%)" in matched["detail"]
    assert report.loc["official GA file: roll calls added", "n"] == 3
    arenas = coverage.arenas()
    official = arenas[arenas["source"] == "UN Digital Library"].set_index("arena")
    assert str(official.loc["General Assembly", "last"]) == "2025-02-24"
    assert str(official.loc["Security Council", "first"]) == "1982-06-18"
    council = both["store"].query(
        "SELECT iso3, vote FROM council_resolution_votes WHERE undl_id = 278798 AND ms_code = 'SUN'"
    )
    assert council.iloc[0].tolist() == ["RUS", "abstain"]
    provenance = both["store"].status().set_index("file")
    assert provenance.loc["undl/ga_voting.csv", "rows"] == 1372 and provenance.loc["undl/sc_voting.csv", "rows"] == 119


def test_council_crosscheck_on_the_fixture_files(both, capsys):
    """The fixture's official resolutions inside the DPPA span (1994 to June 2025) are 1835, 1917, 1987,
    2241, 2511 and 2514 (511, 622 come before, 2805 after); all six are DPPA drafts. Member votes compared
    (fixture README): 15 + 15 + 0 (1987: everyone non-voting, adopted by acclamation) + 2 + 13 + 15 = 60."""
    from valuesgap import council_crosscheck
    from valuesgap.cli import run

    check = council_crosscheck.from_store()
    assert check is not None
    assert sorted(check.matched["number"].tolist()) == [1835, 1917, 1987, 2241, 2511, 2514]
    assert check.matched["draft_id"].notna().all()
    assert check.compared == 60
    assert not check.findings["kind"].isin(["member's vote differs", "date differs", "draft symbol differs"]).any()
    assert run(["data", "report", "--format", "csv"]) == 0
    report = pd.read_csv(pd.io.common.StringIO(capsys.readouterr().out))
    row = report[report["kind"] == "official SC file vs DPPA workbook: resolutions matched"].iloc[0]
    assert row["n"] == 6 and "60 member votes compared, 0 differ" in row["detail"]
    assert run(["data", "report", "--crosscheck", "--format", "csv"]) == 0
    listed = pd.read_csv(pd.io.common.StringIO(capsys.readouterr().out))
    assert set(listed["kind"]) == {"DPPA adopted draft with no official resolution"}  # the fixture is partial
