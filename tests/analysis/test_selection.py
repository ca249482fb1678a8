"""The selection module: each check by hand, the roll-call selection on a tiny frame, the one vocabulary
(old spellings still work with a DeprecationWarning), and grep-style checks that each issue-code list and
each period check is written once in the code base."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from valuesgap.analysis import selection
from valuesgap.deprecation import renamed_arguments
from valuesgap.errors import InputError, NoData

SRC = Path(__file__).resolve().parents[2] / "src" / "valuesgap"

#        rc1    rc2    rc3    rc4
ROLLCALLS = pd.DataFrame(
    {
        "rcid": [1, 2, 3, 4],
        "session": [60, 60, 61, 61],
        "year": [2005, 2006, 2006, 2007],
        "important": [False, True, True, False],
        "me": [False, False, False, False],
        "nu": [True, True, False, False],
        "di": [False, True, True, False],
        "hr": [False, False, False, True],
        "co": [False] * 4,
        "ec": [False] * 4,
    }
)


# ------------------------------------------------------------------ checks by hand


def test_issue_checks():
    assert selection.check_issue(" HR ") == "hr"
    assert selection.check_issues("nu,di") == ("nu", "di")  # the order given, no repeats
    assert selection.check_issues(["di", "DI", "nu"]) == ("di", "nu")
    assert selection.check_issues("all") == ("all",)
    with pytest.raises(InputError, match="alone"):
        selection.check_issues(["all", "hr"])
    with pytest.raises(InputError, match="unknown issue 'xx'"):
        selection.check_issues("nu,xx")
    with pytest.raises(InputError, match="at least one issue"):
        selection.check_issues(" , ")


def test_period_level_and_n_boot_checks():
    assert selection.check_period(2000, 2010) == (2000, 2010)
    assert selection.check_period(None, np.int64(1990)) == (None, 1990)
    with pytest.raises(InputError) as info:
        selection.check_period(2010, 2000)
    assert str(info.value) == "start 2010 is after end 2000: swap start and end"
    assert info.value.params == ("start", "end")  # the faces spell these their own way
    for bad in ("2000", 2000.0, True):
        with pytest.raises(InputError, match="start must be a calendar year"):
            selection.check_period(bad, None)
    assert selection.check_level(None) is None and selection.check_level(0.9) == 0.9
    for bad in (0, 1, 1.5, "x", True):
        with pytest.raises(InputError, match="level"):
            selection.check_level(bad)
    assert selection.check_n_boot(5) == 5 and selection.check_n_boot(0, minimum=0) == 0
    for bad in (0, -1, 2.5, True):
        with pytest.raises(InputError, match="n_boot"):
            selection.check_n_boot(bad)
    with pytest.raises(InputError, match="grouping"):
        selection.check_by("week")
    with pytest.raises(InputError, match="measure"):
        selection.check_measure("pearson")


def test_select_rollcalls_by_hand():
    pick = selection.select_rollcalls
    # union nu ∪ di = rc1, rc2, rc3 (rc2 carries both codes: once)
    assert pick(ROLLCALLS, ("nu", "di")).mask.tolist() == [True, True, True, False]
    assert pick(ROLLCALLS, "nu,di", important=True).mask.tolist() == [False, True, True, False]
    got = pick(ROLLCALLS, "di", start=2006, end=2006)
    assert got.mask.tolist() == [False, True, True, False]
    assert got.label == "issue di, years 2006–2006"
    assert pick(ROLLCALLS, "all", end=2005).mask.tolist() == [True, False, False, False]
    # the reason the data show: roll calls exist in 2005–2006, but the only one coded hr is of 2007
    with pytest.raises(NoData, match=r"no roll call held in 2005–2006 is coded hr \(roll calls coded hr span 2007\)"):
        pick(ROLLCALLS, "hr", start=2005, end=2006)
    with pytest.raises(NoData, match="not session numbers"):
        pick(ROLLCALLS, start=60, end=61)
    with pytest.raises(InputError, match="swap start and end"):
        pick(ROLLCALLS, start=2007, end=2005)


def test_group_index_by_hand():
    mask = np.array([False, True, True, True])
    groups, labels = selection.group_index(ROLLCALLS, "session", mask)
    assert groups.tolist() == [-1, 0, 1, 1] and labels.tolist() == [60, 61]


# ------------------------------------------------------------------ old spellings


def test_renamed_arguments_map_old_spellings_with_a_warning():
    @renamed_arguments(positional=1, old_order=("start", "ci"), ci="level")
    def f(state, *, start=None, level=None):
        return state, start, level

    with pytest.warns(DeprecationWarning, match=r"f\(ci=…\) is deprecated: use level="):
        assert f("USA", ci=0.9) == ("USA", None, 0.9)
    with pytest.warns(DeprecationWarning, match="by keyword"):
        assert f("USA", 2000, 0.8) == ("USA", 2000, 0.8)
    with pytest.raises(TypeError, match="level= only"):
        f("USA", ci=0.9, level=0.9)
    with pytest.raises(TypeError, match="positional"):
        f("USA", 1, 2, 3)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert f("USA", start=1, level=0.5) == ("USA", 1, 0.5)  # the new spelling is silent


def test_old_python_spellings_still_work(store):
    import valuesgap as vg
    from valuesgap.brief import build_brief

    new = vg.similarity("USA", "RUS", issue="hr", start=2015, end=2016, level=0.9, n_boot=50)
    with pytest.warns(DeprecationWarning, match="ci="):
        old = vg.similarity("USA", "RUS", issue="hr", start=2015, end=2016, ci=0.9, n_boot=50)
    pd.testing.assert_frame_equal(old, new)
    with pytest.warns(DeprecationWarning, match="since="):
        pd.testing.assert_frame_equal(vg.commitments("Russia", since=2022), vg.commitments("Russia", start=2022))
    with pytest.warns(DeprecationWarning, match="by keyword"):
        old = vg.values_gap("USA", "RUS", 2010, 2012)
    pd.testing.assert_frame_equal(old, vg.values_gap("USA", "RUS", start=2010, end=2012))
    with pytest.warns(DeprecationWarning, match="boot="), pytest.raises(InputError, match="n_boot"):
        vg.ideal_points(boot=-1)  # mapped to n_boot, then checked
    with pytest.warns(DeprecationWarning, match="until="), pytest.raises(InputError, match="swap start and end"):
        build_brief("USA", "RUS", since=2020, until=2010)


def test_every_argument_after_the_states_is_keyword_only():
    import inspect

    import valuesgap as vg

    states = {"similarity": 2, "values_gap": 2, "tracks": 2, "partners": 1, "commitments": 1, "value_components": 1}
    for name, n in states.items():
        params = list(inspect.signature(getattr(vg, name)).parameters.values())
        assert all(p.kind is p.POSITIONAL_OR_KEYWORD for p in params[:n]), name
        assert all(p.kind is p.KEYWORD_ONLY for p in params[n:]), name
    from valuesgap.analysis.values import dimension_values

    after_state = [p.kind for p in inspect.signature(dimension_values).parameters.values()][1:]
    assert after_state and all(kind is inspect.Parameter.KEYWORD_ONLY for kind in after_state)


# ------------------------------------------------------------------ written once


def _sources() -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8") for p in SRC.rglob("*.py")}


def test_issue_codes_are_listed_once():
    # a literal list/tuple/dict naming the six codes, in any order
    code = r"""["']({})["']""".format("|".join(("me", "nu", "di", "hr", "co", "ec")))
    listing = re.compile(rf"{code}\s*[,:](?:[^\n]*?{code}\s*[,:)\]]?){{2,}}")
    hits = []
    for path, text in _sources().items():
        for line in text.splitlines():
            found = {m.group(1) for m in re.finditer(code, line)}
            if len(found) >= 4 and listing.search(line):
                hits.append(f"{path.relative_to(SRC)}: {line.strip()}")
    multi_line = [p for p, t in _sources().items() if re.search(r'"me": "Palestinian conflict"', t)]
    assert [p.name for p in multi_line] == ["issues.py"]
    assert hits == [], hits  # the dict in issues.py spans lines; no other module writes the codes out


def test_period_checks_are_written_once():
    check = re.compile(r"\b(start|since|first)\s*>\s*(end|until|last)\b")
    where = sorted(
        str(p.relative_to(SRC))
        for p, t in _sources().items()
        if any(check.search(line) and "if " in line and "raise" not in line for line in t.splitlines())
        and "InputError" in t
        and re.search(r"raise InputError\([^)]*(after|swap)", t)
    )
    assert where == ["analysis/selection.py"], where
    messages = [p for p, t in _sources().items() if re.search(r"swap (them|--from|start)", t)]
    assert [str(p.relative_to(SRC)) for p in messages] == ["analysis/selection.py"]


def test_no_module_reaches_into_private_selection_helpers():
    private = re.compile(r"\b\w+\._(vote_matrix|state_row|group_index)\b")
    offenders = [str(p.relative_to(SRC)) for p, t in _sources().items() if private.search(t)]
    assert offenders == []
