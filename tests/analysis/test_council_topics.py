"""Topic groups of Council drafts: the curated file covers the data; a user's file is checked."""

from __future__ import annotations

import pandas as pd
import pytest

from valuesgap.analysis import council_topics
from valuesgap.errors import InputError
from valuesgap.sources import registry, unsc


@pytest.fixture(scope="module")
def drafts(mirror):
    return unsc.load_council(mirror / registry.source("unsc_dppa").file("drafts").path).drafts


def test_every_draft_of_the_data_is_mapped(drafts):
    groups, unmapped = council_topics.assign(drafts, council_topics.load())
    assert unmapped == []
    assert groups.notna().all()


def test_known_drafts_land_in_their_group(drafts):
    groups, _ = council_topics.assign(drafts, council_topics.load())
    by_res = dict(zip(drafts["resolution"], groups))
    by_symbol = dict(zip(drafts["symbol"], groups))
    assert by_res["1874 (2009)"] == "dprk"
    assert by_res["1929 (2010)"] == "iran"
    assert by_res["1887 (2009)"] == "wmd"  # the 2009 summit, filed under a general item
    assert by_symbol["S/2014/189"] == "ukraine"
    assert by_symbol["S/2022/155"] == "ukraine"
    assert by_symbol["S/2022/431"] == "dprk"
    assert by_symbol["S/2024/302"] == "arms_control"  # outer space, not Iran


def test_every_mapping_line_has_a_reason_and_a_declared_group():
    mapping = council_topics.load()
    for table in (mapping.drafts, mapping.topics, mapping.agenda_items):
        for value, (group, reason) in table.items():
            assert group in mapping.groups, value
            assert len(reason) > 5, value
    assert set(mapping.groups_of_kind("shared")) == {
        "dprk",
        "iran",
        "wmd",
        "counter_terrorism",
        "afghanistan",
        "arms_control",
    }


def test_selection_by_kind_group_or_all():
    mapping = council_topics.load()
    assert council_topics.select("shared", mapping)[1] == mapping.groups_of_kind("shared")
    assert council_topics.select("DPRK", mapping) == ("dprk", ["dprk"])
    assert council_topics.select(None, mapping)[0] == "all"
    with pytest.raises(InputError, match="unknown topic group 'nukes'"):
        council_topics.select("nukes", mapping)


def test_a_users_own_file(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(
        '[groups.korea]\nkind = "shared"\nlabel = "Korea"\n'
        '[topics]\n"Non-proliferation/DPRK" = { group = "korea", reason = "my choice" }\n'
    )
    mapping = council_topics.load(path)
    frame = pd.DataFrame(
        {
            "symbol": ["S/1", "S/2"],
            "topic": ["Non-proliferation/DPRK", "Haiti"],
            "agenda_item": [None, None],
            "region": [None, "Americas"],
        }
    )
    groups, unmapped = council_topics.assign(frame, mapping)
    assert groups.tolist() == ["korea", "americas"]  # unmapped → its region, and said so
    assert unmapped == ["Haiti"]


@pytest.mark.parametrize(
    "text, message",
    [
        ('[groups.x]\nkind = "odd"\n', "needs kind"),
        ('[groups.x]\nkind = "shared"\n[topics]\n"T" = { group = "y", reason = "r" }\n', "needs group"),
        ('[groups.x]\nkind = "shared"\n[topics]\n"T" = { group = "x" }\n', "reason"),
        ("not = [toml", "not valid TOML"),
    ],
)
def test_bad_mapping_files_say_what_is_wrong(tmp_path, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(InputError, match=message):
        council_topics.load(path)


def test_missing_mapping_file(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        council_topics.load(tmp_path / "nope.toml")
