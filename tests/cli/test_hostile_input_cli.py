"""The CLI under hostile or mistaken input: one line on stderr, exit code 2, nothing stored lost.

Each case is a defect reproduced in the robustness issue (``--out`` over the store, tracebacks,
silent choices between states, quadratic work on long names, misleading messages, stale build files).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from valuesgap.cli import run
from valuesgap.paths import STORE_NAME, store_path


def one_line_error(capsys) -> str:
    """Return the single stderr line of a failed command (and check it is one line, no traceback)."""
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: "), err
    assert len(err.splitlines()) == 1, err
    assert "Traceback" not in err
    return err


# ---------------------------------------------------------------- --out


def test_out_over_the_store_is_refused(store, capsys):
    path = store_path()
    before = (path.stat().st_size, path.read_bytes()[:4096])
    code = run(["votes", "Russia", "--session", "65", "--format", "csv", "--out", str(path)])
    assert code == 2
    assert "store folder" in one_line_error(capsys)
    assert (path.stat().st_size, path.read_bytes()[:4096]) == before


def test_out_to_any_file_in_the_store_folder_is_refused(store, capsys):
    target = store_path().parent / "notes.csv"
    assert run(["countries", "korea", "--format", "csv", "--out", str(target)]) == 2
    assert "store folder" in one_line_error(capsys)
    assert not target.exists()


@pytest.mark.parametrize(
    "make_out, words",
    [
        (lambda tmp: str(tmp), "is a folder"),
        (lambda tmp: "", "needs a file name"),
        (lambda tmp: str(tmp / "plain.txt" / "x.csv"), "is a file, not a folder"),
        (lambda tmp: str(tmp / "missing" / "x.csv"), "does not exist"),
        (lambda tmp: "/proc/x.csv", "cannot write"),
        (lambda tmp: "/sys/x.csv", "cannot write"),
    ],
)
def test_bad_out_paths_are_one_line(store, capsys, tmp_path, make_out, words):
    (tmp_path / "plain.txt").write_text("a file\n")
    code = run(["countries", "russia", "--format", "csv", "--out", make_out(tmp_path)])
    assert code == 2
    assert words in one_line_error(capsys)


def test_bad_out_is_refused_before_any_work(store, capsys, tmp_path):
    """An ideal-point fit would take seconds: a folder as --out fails at once."""
    started = time.perf_counter()
    assert run(["ideal-points", "--format", "csv", "--out", str(tmp_path)]) == 2
    assert time.perf_counter() - started < 5
    assert "is a folder" in one_line_error(capsys)


def test_brief_pdf_into_store_folder_is_refused(store, capsys, tmp_path):
    code = run(["brief", "USA", "RUS", "--out", str(tmp_path / "b.html"), "--pdf", str(store_path())])
    assert code == 2
    err = one_line_error(capsys)
    assert "--pdf" in err and "store folder" in err
    assert not (tmp_path / "b.html").exists()


# ---------------------------------------------------------------- numbers and names


def test_huge_boot_is_refused_before_work(store, capsys):
    started = time.perf_counter()
    assert run(["ideal-points", "--boot", "99999999999999999999", "--format", "csv"]) == 2
    assert time.perf_counter() - started < 5
    err = one_line_error(capsys)
    assert "--boot" in err and "99999999999999999999" not in err


def test_state_against_itself_is_an_error(store, capsys):
    assert run(["similarity", "USA", "United States"]) == 2
    assert "same state" in one_line_error(capsys)
    assert run(["summary", "RUS", "Russia"]) == 2
    assert "same state" in one_line_error(capsys)


@pytest.mark.parametrize(
    "argv, candidates",
    [
        (["votes", "Congo", "--session", "70"], ("COG", "COD")),
        (["similarity", "Korea", "USA"], ("KOR", "PRK")),
    ],
)
def test_ambiguous_names_list_the_candidates(store, capsys, argv, candidates):
    assert run(argv) == 2
    err = one_line_error(capsys)
    assert "several states" in err
    assert all(code in err for code in candidates)


def test_countries_search_still_lists_both_koreas(store, capsys):
    assert run(["countries", "korea", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "KOR" in out and "PRK" in out


def test_long_country_name_is_refused_fast_without_echo(store, capsys):
    name = "x" * 30_000
    started = time.perf_counter()
    assert run(["countries", name]) == 2
    assert run(["similarity", name, "USA"]) == 2
    assert time.perf_counter() - started < 2
    err = capsys.readouterr().err
    assert "30,000 characters" in err
    assert "xxxxxxxxxx" not in err
    assert len(err) < 400


# ---------------------------------------------------------------- messages that mislead


def test_summary_with_swapped_years_says_so(store, capsys):
    assert run(["summary", "USA", "RUS", "--from", "2010", "--to", "2000"]) == 2
    err = one_line_error(capsys)
    assert "--from 2010 is after --to 2000" in err


def test_partners_with_a_negative_year(store, capsys):
    assert run(["partners", "USA", "--year", "-1"]) == 2
    assert "not a calendar year" in one_line_error(capsys)


def test_build_from_a_file_says_it_is_a_file(store, capsys, tmp_path):
    plain = tmp_path / "mirror.txt"
    plain.write_text("not a folder\n")
    assert run(["data", "build", "--from", str(plain)]) == 2
    assert "is a file, not a folder" in one_line_error(capsys)


def test_wrong_mirror_variable_is_named(store, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("VALUESGAP_MIRROR", str(tmp_path / "nowhere"))
    assert run(["data", "build"]) == 2
    err = one_line_error(capsys)
    assert "VALUESGAP_MIRROR=" in err and "does not exist" in err


def test_fetch_from_an_unsupported_scheme(store, capsys, tmp_path):
    assert run(["data", "fetch", "--mirror", "ftp://example.org/data", "--dest", str(tmp_path / "m")]) == 2
    assert "ftp:// is not supported" in one_line_error(capsys)
    assert not (tmp_path / "m").exists()


# ---------------------------------------------------------------- last resort and stale builds


def test_unexpected_error_is_one_line_and_debug_shows_traceback(store, capsys, monkeypatch):
    from valuesgap.analysis import votes as votes_module

    def broken(*args, **kwargs):
        raise RuntimeError("something broke\nacross lines")

    monkeypatch.setattr(votes_module, "votes_in_common", broken)
    assert run(["summary", "USA", "RUS"]) == 2
    err = one_line_error(capsys)
    assert "RuntimeError" in err and "--debug" in err
    with pytest.raises(RuntimeError):
        run(["summary", "USA", "RUS", "--debug"])


def test_stale_build_file_of_a_dead_builder_is_removed_by_any_command(store, capsys):
    folder = store_path().parent
    # a process that has ended: its pid is free (or reused by an unrelated process, which is very unlikely)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    stale = folder / f"{STORE_NAME}.building-{dead_pid}"
    stale.write_bytes(b"\0" * 1024)
    live = folder / f"{STORE_NAME}.building-{os.getppid()}"  # a live process's build is left alone
    live.write_bytes(b"\0" * 16)
    try:
        assert run(["countries", "russia", "--format", "csv"]) == 0
        assert not stale.exists()
        assert live.exists()
    finally:
        for path in (stale, live):
            Path(path).unlink(missing_ok=True)
