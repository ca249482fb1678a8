"""A local HTTP server on 127.0.0.1 that impersonates the publishers of valuesgap's sources.

It answers the publishers' own URL paths (CRAN's src/contrib, V-Dem's media/datasets, Freedom House's
sites/default/files, systemicpeace.org's inscr/, the World Bank's govindicators/doc, and the Dataverse
Native API's file list and Data Access API) with small files in each publisher's layout, generated at
test time from the mirror's rows (../shared/data): each builder below says what it imitates.
The fetch is pointed at it with ``VALUESGAP_UPSTREAM_BASE``. ``faults`` makes it misbehave per path:
"404", "html" (an error page with status 200), "truncate" (half the bytes), "redirect" (a 302 to the
file), "change" (one byte altered), "drop" (close the connection half way, once).
"""

from __future__ import annotations

import gzip
import hashlib
import http.server
import io
import json
import tarfile
import threading
import zipfile
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pandas as pd

from valuesgap.sources import registry

# A few states and all years keep the indicator fixtures small while covering the store's joins.
STATES = ("USA", "RUS", "CHN", "FRA", "GBR", "DEU", "IND", "BRA", "UKR", "TUR", "IRN", "ZAF")
# Dataverse database ids of the imitated files (any numbers: the client learns them from the list).
DATAVERSE_IDS = {"doi:10.7910/DVN/LEJUQZ": 4101, "doi:10.7910/DVN/TADPGE": 5202}


def _path(url: str) -> str:
    return urlsplit(url).path


def _zip(member: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, data)
    return out.getvalue()


def _xlsx(sheets: dict[str, list[list]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(value):
    """Return a spreadsheet cell value (None for missing, plain Python numbers)."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return None
    return value.item() if hasattr(value, "item") else value


def cran_tarball(mirror: Path) -> bytes:
    """Imitates CRAN's source package unvotes_0.3.0.tar.gz: unvotes/DESCRIPTION and unvotes/data/*.rda
    (the three .rda files are the mirror's own bytes)."""
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as tar:
        description = b"Package: unvotes\nVersion: 0.3.0\nLicense: MIT + file LICENSE\n"
        info = tarfile.TarInfo("unvotes/DESCRIPTION")
        info.size = len(description)
        tar.addfile(info, io.BytesIO(description))
        for f in registry.source("unvotes").files:
            tar.add(mirror / f.path, arcname=f"unvotes/data/{Path(f.path).name}")
    return out.getvalue()


def voeten_wide_csv(mirror: Path) -> bytes:
    """Imitates the Voeten wide vote-code CSV as the Dataverse serves its original (the mirror's rows)."""
    return gzip.decompress((mirror / registry.source("unga_wide").file("wide").path).read_bytes())


def fariss_csv(mirror: Path) -> bytes:
    """Imitates HumanRightsProtectionScores_v4.0x.csv (columns as published: country_name, COW, YEAR, …,
    theta_mean, theta_sd, theta_q025, theta_q975) from the mirror's rows, without the mirror's added
    iso3_via_vdem."""
    frame = pd.read_parquet(mirror / registry.source("fariss").file("data").path)
    return frame.drop(columns=["iso3_via_vdem"]).to_csv(index=False).encode()


def vdem_zip(mirror: Path, source: str, member: str) -> bytes:
    """Imitates a V-Dem Country-Year CSV zip (one CSV named as V-Dem names it) from the mirror's rows
    of a few states."""
    frame = pd.read_parquet(mirror / registry.source(source).file("data").path)
    frame = frame[frame["country_text_id"].isin(STATES)]
    if "vdem_country_name" in frame.columns:
        frame = frame.rename(columns={"vdem_country_name": "country_name"})
    return _zip(member, frame.to_csv(index=False).encode())


def fh_ratings_xlsx(mirror: Path) -> bytes:
    """Imitates Country_and_Territory_Ratings_and_Statuses_FIW_1973-2024.xlsx: a sheet "Country Ratings,
    Statuses " with a row of editions, a row of years under review (the 1980s surveys labelled by
    their months, e.g. "Jan.1981-Aug.1982"), a row of PR / CL / Status, then one row per country with
    "-" where not rated; territories on their own sheet."""
    frame = pd.read_parquet(mirror / registry.source("fh_ratings").file("data").path)
    names = sorted(frame["fh_country"].unique())
    keep = [n for n in names if frame.loc[frame["fh_country"] == n, "iso3_via_vdem"].isin(STATES).any()]
    keep += ["Indian Kashmir", "Crimea", "Hong Kong"]
    years = sorted(frame["year"].unique())
    irregular = {1982: "Jan.1981-Aug.1982", 1983: "Aug.1982-Nov.1983", 1984: "Nov.1983-Nov.1984"}
    editions = ["Edition"] + [x for y in years for x in (str(y + 1), None, None)]
    reviewed = ["Year(s) Under Review"] + [x for y in years for x in (irregular.get(int(y), int(y)), None, None)]
    heads = [None] + ["PR", "CL", "Status"] * len(years)
    by = frame.set_index(["fh_country", "year"])
    sheets: dict[str, list[list]] = {
        "Country Ratings, Statuses ": [editions, reviewed, heads],
        "Territory Ratings, Statuses": [editions, reviewed, heads],
    }
    for name in keep:
        row = [name]
        for y in years:
            if (name, y) in by.index:
                r = by.loc[(name, y)]
                row += [
                    _cell(r["pr"]) if pd.notna(r["pr"]) else "-",
                    _cell(r["cl"]) if pd.notna(r["cl"]) else "-",
                    r["status"] or "-",
                ]
            else:
                row += ["-", "-", "-"]
        territory = frame.loc[frame["fh_country"] == name, "iso3_via_vdem"].isna().all()
        sheets["Territory Ratings, Statuses" if territory else "Country Ratings, Statuses "].append(row)
    return _xlsx(sheets)


FH_SCORE_HEADER = {
    "fh_full_country": "Country/Territory",
    "region": "Region",
    "country_or_territory": "C/T",
    "edition": "Edition",
    "status": "Status",
    "pr": "PR rating",
    "cl": "CL rating",
    "AddQ": "Add Q",
    "AddA": "Add A",
    "pr_full": "PR",
    "cl_full": "CL",
    "total": "Total",
}


def fh_scores_xlsx(mirror: Path) -> bytes:
    """Imitates All_data_FIW_2013-2024.xlsx: sheet "FIW13-25", a title row, then the header
    (Country/Territory, Region, C/T, Edition, Status, PR rating, CL rating, A1 … G4, Add Q, Add A, PR,
    CL, Total) and one row per country/territory and edition."""
    frame = pd.read_parquet(mirror / registry.source("fh_scores").file("data").path)
    frame = frame[frame["iso3_via_vdem"].isin(STATES) | frame["fh_full_country"].isin(["Indian Kashmir", "Crimea"])]
    cols = [
        c
        for c in frame.columns
        if c not in ("iso3_via_vdem", "year", "extended_country_name", "GWn", "cown", "in_GW_system")
    ]
    rows = [["Freedom in the World 2013-2025 Raw Data"], [FH_SCORE_HEADER.get(c, c) for c in cols]]
    rows += [[_cell(v) for v in r] for r in frame[cols].itertuples(index=False)]
    return _xlsx({"FIW13-25": rows, "Notes": [["Notes on the data"]]})


POLITY_DROP = ("iso3_via_vdem", "extended_country_name", "GWn", "cown", "in_GW_system")


def polity_xls(mirror: Path) -> bytes:
    """Imitates p5v2018.xls (Excel 97–2003, sheet p5v2018; columns as published: p5, cyear, ccode, scode,
    country, year, flag, fragment, democ, autoc, polity, polity2, durable, …) from the mirror's rows."""
    import xlwt

    frame = pd.read_parquet(mirror / registry.source("polity5").file("data").path)
    frame = frame[frame["iso3_via_vdem"].isin(STATES)].drop(columns=list(POLITY_DROP))
    frame = frame.rename(columns={"polity_annual_ccode": "ccode", "polity_annual_country": "country"})
    book = xlwt.Workbook()
    sheet = book.add_sheet("p5v2018")
    for j, name in enumerate(frame.columns):
        sheet.write(0, j, name)
    for i, row in enumerate(frame.itertuples(index=False), start=1):
        for j, value in enumerate(row):
            value = _cell(value)
            if value is not None:
                sheet.write(i, j, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def wgi_xlsx(mirror: Path) -> bytes:
    """Imitates wgidataset.xlsx of the 2024 revision: one sheet, one row per economy, year and indicator
    (codeindyr, code, countryname, year, indicator, estimate, stddev, nsource, pctrank, pctranklower,
    pctrankupper; ".." where there is no estimate)."""
    frame = pd.read_parquet(mirror / registry.source("wgi").file("data").path)
    frame = frame[frame["code"].isin((*STATES, "ROM"))]
    rows = [
        [
            "codeindyr",
            "code",
            "countryname",
            "year",
            "indicator",
            "estimate",
            "stddev",
            "nsource",
            "pctrank",
            "pctranklower",
            "pctrankupper",
        ]
    ]
    for r in frame.itertuples(index=False):
        for ind in ("va", "pv", "ge", "rq", "rl", "cc"):
            vals = [
                getattr(r, f"{ind}_{k}")
                for k in ("estimate", "stddev", "nsource", "pctrank", "pctranklower", "pctrankupper")
            ]
            rows.append(
                [
                    f"{r.code}{ind}{r.year}",
                    r.code,
                    r.countryname,
                    int(r.year),
                    ind,
                    *[".." if pd.isna(v) else float(v) for v in vals],
                ]
            )
    return _xlsx({"Sheet1": rows})


def dataverse_listing(pid: str, filename: str, original: bytes) -> dict:
    """Imitates the Native API's answer to GET /api/datasets/:persistentId/versions/…/files: an ingested
    CSV is listed under a .tab label with its originalFileName, size and MD5 of the original."""
    tab = filename.rsplit(".", 1)[0] + ".tab"
    md5 = hashlib.md5(original, usedforsecurity=False).hexdigest()
    return {
        "status": "OK",
        "totalCount": 2,
        "data": [
            {
                "label": "codebook.pdf",
                "restricted": False,
                "version": 1,
                "dataFile": {
                    "id": DATAVERSE_IDS[pid] + 1,
                    "filename": "codebook.pdf",
                    "contentType": "application/pdf",
                    "filesize": 1000,
                    "md5": "0" * 32,
                },
            },
            {
                "label": tab,
                "restricted": False,
                "version": 1,
                "dataFile": {
                    "id": DATAVERSE_IDS[pid],
                    "persistentId": "",
                    "filename": tab,
                    "contentType": "text/tab-separated-values",
                    "filesize": len(original),
                    "originalFileFormat": "text/csv",
                    "originalFormatLabel": "Comma Separated Values",
                    "originalFileSize": len(original),
                    "originalFileName": filename,
                    "md5": md5,
                    "checksum": {"type": "MD5", "value": md5},
                },
            },
        ],
    }


def build(mirror: Path) -> dict[str, bytes | dict]:
    """Return URL path (with query for the Dataverse API) → bytes, or a JSON answer, for every upstream."""
    files: dict[str, bytes | dict] = {}
    files[_path(registry.source("unvotes").upstream[0].url)] = cran_tarball(mirror)
    for sid, builder in (
        ("vdem14", lambda: vdem_zip(mirror, "vdem14", "V-Dem-CY-Full+Others-v14.csv")),
        ("vdem15", lambda: vdem_zip(mirror, "vdem15", "V-Dem-CY-Core-v15.csv")),
        ("fh_ratings", lambda: fh_ratings_xlsx(mirror)),
        ("fh_scores", lambda: fh_scores_xlsx(mirror)),
        ("polity5", lambda: polity_xls(mirror)),
        ("wgi", lambda: wgi_xlsx(mirror)),
    ):
        files[_path(registry.source(sid).upstream[0].url)] = builder()
    for sid, builder in (("unga_wide", voeten_wide_csv), ("fariss", fariss_csv)):
        dv = registry.source(sid).upstream[0].dataverse
        original = builder(mirror)
        listing = urlsplit(dv.listing())
        files[f"{listing.path}?{listing.query}"] = dataverse_listing(dv.pid, dv.filename, original)
        files[f"/api/access/datafile/{DATAVERSE_IDS[dv.pid]}?format=original"] = original
        tsv = pd.read_csv(io.BytesIO(original), low_memory=False).to_csv(sep="\t", index=False).encode()
        files[f"/api/access/datafile/{DATAVERSE_IDS[dv.pid]}"] = tsv
    return files


class Upstream:
    """The running impersonator: ``base`` URL, ``files`` it serves, ``faults`` by path, ``requests`` seen."""

    def __init__(self, files: dict[str, bytes | dict]) -> None:
        self.files = dict(files)
        self.faults: dict[str, str] = {}
        self.requests: list[tuple[str, dict]] = []
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet
                return None

            def do_GET(self) -> None:
                owner.requests.append((self.path, dict(self.headers)))
                parts = urlsplit(self.path)
                path, key = parts.path, self.path
                body = owner.files.get(key, owner.files.get(path))
                fault = owner.faults.get(path)
                if fault == "redirect" and "redirected" not in parse_qs(parts.query):
                    self.send_response(302)
                    self.send_header("Location", f"{owner.base}{self.path}{'&' if parts.query else '?'}redirected=1")
                    self.end_headers()
                    return
                if body is None or fault == "404":
                    self._send(404, b"<html><body>Not Found</body></html>", "text/html")
                    return
                if isinstance(body, dict):
                    self._send(200, json.dumps(body).encode(), "application/json")
                    return
                if fault == "html":
                    self._send(
                        200, b"<!DOCTYPE html><html><body>Please sign in</body></html>", "application/octet-stream"
                    )
                    return
                if fault == "truncate":
                    body = body[: len(body) // 2]
                if fault == "change":
                    body = body[:-1] + bytes([body[-1] ^ 1])
                start = 0
                rng = self.headers.get("Range")
                if rng and rng.startswith("bytes=") and fault != "norange":
                    start = int(rng[6:].split("-")[0])
                if fault == "drop":
                    owner.faults.pop(path)
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body[: len(body) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    return
                chunk = body[start:]
                self.send_response(206 if start else 200)
                if start:
                    self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
                self.send_header("Content-Length", str(len(chunk)))
                self.send_header("Content-Type", "application/octet-stream")
                self.end_headers()
                self.wfile.write(chunk)

            def _send(self, status: int, body: bytes, kind: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
