"""Checks on the ``--out`` path, made before any work (light: no pandas, no store)."""

from __future__ import annotations

from pathlib import Path

import typer

from valuesgap.errors import InputError


def check_out(out: Path | str | None, flag: str = "--out") -> Path | None:
    """Return ``out`` as a Path fit to write to, or raise InputError saying why it is not.

    Refused: an empty name, a folder, a place under a regular file or a missing folder, the store
    itself or any file inside the store's folder (``VALUESGAP_HOME``), which a table must never replace.
    Call it before any work, so a bad ``--out`` costs nothing.
    """
    if out is None:
        return None
    text = str(out)
    if not text.strip() or text.strip() in {".", ".."}:
        raise InputError(f"{flag} needs a file name, e.g. {flag} table.csv")
    path = Path(text).expanduser()
    if path.is_dir():
        raise InputError(f"{flag} {text} is a folder: give a file name inside it, e.g. {path / 'table.csv'}")
    parent = path.parent
    for ancestor in [parent, *parent.parents]:
        if ancestor.exists():
            if not ancestor.is_dir():
                raise InputError(f"{flag} {text}: {ancestor} is a file, not a folder; choose another place")
            break
    if not parent.exists():
        raise InputError(f"folder {parent} does not exist: create it or choose another {flag}")
    from valuesgap.paths import home

    try:
        store_home = home().resolve()
        inside = path.resolve().is_relative_to(store_home)
    except OSError:
        inside = False
    if inside:
        raise InputError(
            f"{flag} {text} is inside the store folder {store_home}: write tables elsewhere "
            "(the store and its files are never overwritten)"
        )
    return path


def out_callback(param: typer.CallbackParam, value: Path | None) -> Path | None:
    """Typer callback of every ``--out``/``--pdf`` option: :func:`check_out` at parse time."""
    flag = max(param.opts, key=len) if param.opts else "--out"
    return check_out(value, flag)
