"""Footnote commands are spelled from the CLI's own definitions, and every one of a real brief parses."""

from __future__ import annotations

import enum
import html as htmllib
import re
import shlex

import pytest
import typer

from valuesgap.brief import provenance
from valuesgap.brief.provenance import Call, argv, parse


def plain(value):
    """Return a parsed parameter value as the brief gives it (enum → its value, tuple → list)."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return [plain(v) for v in value]
    return value


def given(call: Call, name: str):
    """Return the value the brief gave a parameter, as the parser returns it (a multiple option's single value → list)."""
    value = call.params[name]
    param = next(p for p in provenance.command(call.command).params if p.name == name)
    if param.multiple and not isinstance(value, list | tuple):
        return [value]
    return value


def test_every_footnote_command_of_a_real_brief_parses_against_the_real_cli(us_ru):
    brief, html = us_ru
    assert brief.figures and all(f.call is not None for f in brief.figures)
    checked = set()
    for fig in brief.figures:
        assert fig.command == fig.call.argv()
        if tuple(fig.command) in checked:
            continue
        checked.add(tuple(fig.command))
        name, params = parse(fig.command)  # raises click's UsageError if a flag or value does not parse
        assert name == fig.call.command
        for key in fig.call.params:
            if fig.call.params[key] is not None:
                assert plain(params[key]) == given(fig.call, key), (fig.shell, key)
    assert {c[0] for c in checked} == {"tracks", "similarity", "values", "commitments", "map", "council", "events"}
    # the period is spelt --from/--to everywhere; the old spellings (hidden, deprecated) never appear
    assert ["commitments", "Russia", "--from", "1992", "--format", "csv"] in [list(c) for c in checked]
    assert not any(word in ("--since", "--until") for c in checked for word in c)
    # the commands as printed in the notes (shell-quoted, HTML-escaped) parse too
    printed = re.findall(r"Reproduce: <code>valuesgap (.*?)</code>", html)
    assert len(printed) > 50
    for line in printed:
        parse(shlex.split(htmllib.unescape(line)))


def test_a_routing_group_parses_to_its_own_command():
    # 'valuesgap events A B' is the event-arena command behind the 'events' group (which also has 'fetch')
    words = Call("events", {"a": "United States", "b": "Russia", "start": "2002", "end": "2014", "fmt": "csv"}).argv()
    assert words == ["events", "United States", "Russia", "--from", "2002", "--to", "2014", "--format", "csv"]
    name, params = parse(words)
    assert name == "events" and params["a"] == "United States" and params["start"] == "2002"
    assert parse(["events", "fetch", "gdelt", "--from", "2020-01", "--to", "2020-02"])[0] == "events fetch gdelt"
    with pytest.raises(ValueError, match="no command 'nosuch'"):
        parse(["nosuch", "x"])


def test_real_commands_spelled_from_the_definitions():
    call = Call(
        "tracks",
        {
            "a": "United States",
            "b": "Russia",
            "start": 2000,
            "end": 2001,
            "no_ideal": True,
            "changes": False,
            "fmt": "csv",
        },
    )
    flags = {p.name: p.opts[0] for p in provenance.command("tracks").params if p.param_type_name == "option"}
    assert argv(call) == [
        "tracks",
        "United States",
        "Russia",
        flags["start"],
        "2000",
        flags["end"],
        "2001",
        flags["no_ideal"],
        flags["fmt"],
        "csv",
    ]
    # a multiple option given one value, positional arguments before options whatever their order in params
    words = Call("values", {"dimension": "media", "a": "France", "fmt": "csv"}).argv()
    assert words[:2] == ["values", "France"] and words[2:4] == [flags_of("values")["dimension"], "media"]


def flags_of(name: str) -> dict[str, str]:
    return {p.name: p.opts[0] for p in provenance.command(name).params if p.param_type_name == "option"}


def test_old_spellings_are_never_written_into_a_footnote():
    # commitments keeps --since for old scripts, hidden from --help: a footnote asking for it is refused
    with pytest.raises(ValueError, match="hidden from --help"):
        Call("commitments", {"state": "Russia", "since": 1992}).argv()
    assert Call("commitments", {"state": "Russia", "start": 1992}).argv() == [
        "commitments",
        "Russia",
        flags_of("commitments")["start"],
        "1992",
    ]
    assert flags_of("commitments")["start"] == "--from"


def test_a_footnote_that_does_not_parse_fails():
    from typer._click.exceptions import UsageError

    with pytest.raises(UsageError):
        parse(["tracks", "USA", "RUS", "--no-such-flag", "1990"])
    with pytest.raises(UsageError):
        parse(["tracks", "USA", "RUS", flags_of("tracks")["start"], "not-a-year"])
    with pytest.raises(ValueError, match="no command"):
        parse(["no-such-command", "USA"])
    with pytest.raises(ValueError, match="has no parameter nonsense"):
        Call("tracks", {"a": "USA", "nonsense": 1}).argv()
    with pytest.raises(ValueError, match="no command"):
        Call("no-such-command", {}).argv()


@pytest.fixture()
def toy_cli(monkeypatch):
    """A stand-in CLI whose flags are spelled differently from valuesgap's: the footnotes must follow it."""
    app = typer.Typer()

    @app.command("tracks")
    def tracks(
        a: str = typer.Argument(...),
        b: str = typer.Argument(None),
        start: int = typer.Option(None, "--begin", "-b"),
        level: float = typer.Option(0.95, "--level"),
        dimension: list[str] = typer.Option(None, "--dim"),
        ideal: bool = typer.Option(True, "--ideal/--no-ideal"),
        quick: bool = typer.Option(False, "--quick"),
        since: int = typer.Option(None, "--since", hidden=True, help="Deprecated: use --begin."),
    ) -> None:
        """A toy command."""

    @app.command("other")
    def other() -> None:
        """A second command, so that the app is a group."""

    provenance.command.cache_clear()
    monkeypatch.setattr(provenance, "cli_group", lambda: typer.main.get_command(app))
    yield
    provenance.command.cache_clear()


def test_flags_follow_the_definition_not_the_brief(toy_cli):
    call = Call("tracks", {"a": "X", "b": "Y", "start": 1990, "dimension": ["media", "democracy"], "ideal": False})
    assert call.argv() == ["tracks", "X", "Y", "--begin", "1990", "--dim", "media", "--dim", "democracy", "--no-ideal"]
    assert Call("tracks", {"a": "X", "ideal": True, "quick": True, "level": 0.9}).argv() == [
        "tracks",
        "X",
        "--ideal",
        "--quick",
        "--level",
        "0.9",
    ]
    # None leaves a parameter out; the words parse back to the values given
    words = Call("tracks", {"a": "X", "start": None, "level": 0.9}).argv()
    assert words == ["tracks", "X", "--level", "0.9"]
    parsed = parse(["tracks", "X", "--begin", "1990", "--no-ideal"])[1]
    assert (parsed["a"], parsed["start"], parsed["level"], parsed["ideal"], parsed["quick"]) == (
        "X",
        1990,
        0.95,
        False,
        False,
    )
    # an old spelling kept hidden from --help is not written into a footnote
    with pytest.raises(ValueError, match="hidden from --help"):
        Call("tracks", {"a": "X", "since": 1990}).argv()
    name, params = parse(call.argv())
    assert name == "tracks" and params["start"] == 1990 and list(params["dimension"]) == ["media", "democracy"]
    assert params["ideal"] is False


def test_a_false_flag_without_a_negative_spelling_cannot_be_written_when_its_default_is_true(monkeypatch):
    app = typer.Typer()

    @app.command("x")
    def x(on: bool = typer.Option(True, "--on")) -> None:
        """Toy."""

    @app.command("y")
    def y() -> None:
        """Toy."""

    provenance.command.cache_clear()
    monkeypatch.setattr(provenance, "cli_group", lambda: typer.main.get_command(app))
    try:
        with pytest.raises(ValueError, match="cannot be written"):
            Call("x", {"on": False}).argv()
    finally:
        provenance.command.cache_clear()
