"""The source files valuesgap reads: mirror path, upstream landing page, citation, version.

``url`` is set only where the direct file address is known with certainty; otherwise ``fetch``
says where the file is published and how to place it (``landing``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SourceFile:
    """One upstream file: store source id, path inside a mirror, where it is published, citation."""

    source: str
    path: str
    landing: str
    citation: str
    version: str
    url: str | None = None


UNVOTES_CITE = (
    "Voeten, E., Strezhnev, A. & Bailey, M. United Nations General Assembly Voting Data. "
    "Harvard Dataverse, doi:10.7910/DVN/LEJUQZ; R package unvotes 0.3.0 (D. Robinson)"
)
UNVOTES_LANDING = "https://cran.r-project.org/package=unvotes"
WIDE_LANDING = "https://doi.org/10.7910/DVN/LEJUQZ"

FILES: tuple[SourceFile, ...] = (
    SourceFile("unvotes", "unga/unvotes-0.3.0/un_votes.rda", UNVOTES_LANDING, UNVOTES_CITE, "0.3.0"),
    SourceFile("unvotes", "unga/unvotes-0.3.0/un_roll_calls.rda", UNVOTES_LANDING, UNVOTES_CITE, "0.3.0"),
    SourceFile("unvotes", "unga/unvotes-0.3.0/un_roll_call_issues.rda", UNVOTES_LANDING, UNVOTES_CITE, "0.3.0"),
    SourceFile(
        "unga_wide",
        "unga/voeten-wide-2024-06/ungaVoting_003.csv.gz",
        WIDE_LANDING,
        "Voeten, E., Strezhnev, A. & Bailey, M. United Nations General Assembly Voting Data, "
        "Harvard Dataverse, doi:10.7910/DVN/LEJUQZ (vote codes, release of June 2024)",
        "2024-06",
    ),
    SourceFile(
        "vdem14",
        "democracy/vdem_v14_vdemlite_1970_2023.parquet",
        "https://v-dem.net/data/the-v-dem-dataset/",
        "Coppedge, M. et al. V-Dem Country-Year Dataset v14. Varieties of Democracy (V-Dem) Project, "
        "2024, doi:10.23696/mcwt-fr58",
        "v14",
    ),
    SourceFile(
        "vdem15",
        "democracy/vdem_v15_democracyData_simple_1789_2024.parquet",
        "https://v-dem.net/data/the-v-dem-dataset/",
        "Coppedge, M. et al. V-Dem Country-Year Dataset v15. Varieties of Democracy (V-Dem) Project, "
        "2025, doi:10.23696/vdemds25",
        "v15",
    ),
    SourceFile(
        "fh_ratings",
        "democracy/freedomhouse_fiw_ratings_1972_2024.parquet",
        "https://freedomhouse.org/report/freedom-world",
        "Freedom House. Freedom in the World: country and territory ratings and statuses, 1973–2024",
        "2024",
    ),
    SourceFile(
        "fh_scores",
        "democracy/freedomhouse_fiw_scores_2012_2024.parquet",
        "https://freedomhouse.org/report/freedom-world",
        "Freedom House. Freedom in the World: all data, editions 2013–2025",
        "2025",
    ),
    SourceFile(
        "polity5",
        "democracy/polity5_1776_2020.parquet",
        "https://www.systemicpeace.org/inscrdata.html",
        "Marshall, M. G. & Gurr, T. R. Polity5: Political Regime Characteristics and Transitions, "
        "1800–2018. Center for Systemic Peace, 2020",
        "p5v2018",
    ),
    SourceFile(
        "fariss",
        "democracy/fariss_lhrs_v4.02_1946_2021.parquet",
        "https://doi.org/10.7910/DVN/TADPGE",
        "Fariss, C. J. et al. Latent Human Rights Protection Scores, version 4. Harvard Dataverse, "
        "doi:10.7910/DVN/TADPGE",
        "4.02",
    ),
    SourceFile(
        "cirights",
        "democracy/cirights_v1.22.11.25.parquet",
        "https://cirights.com/",
        "Cingranelli, D., Filippov, M. & Mark, S. The CIRIGHTS Data Project, v1.22.11.25",
        "1.22.11.25",
    ),
    SourceFile(
        "wgi",
        "democracy/wgi_2024release_1996_2023.parquet",
        "https://www.worldbank.org/en/publication/worldwide-governance-indicators",
        "Kaufmann, D. & Kraay, A. Worldwide Governance Indicators, 2024 update. World Bank",
        "2024",
    ),
    SourceFile(
        "untc",
        "treaties/untc_treaty_participation_2015.csv.gz",
        "https://treaties.un.org/",
        "United Nations Treaty Collection, Status of Multilateral Treaties Deposited with the "
        "Secretary-General (status pages as of March 2015)",
        "2015-03",
    ),
    SourceFile(
        "un_hr_status",
        "treaties/un_hr_treaty_status_2022.csv.gz",
        "https://indicators.ohchr.org/",
        "OHCHR, Status of Ratification of 18 International Human Rights Treaties (August 2022)",
        "2022-08",
    ),
)

# sha256 of each file as published in the release named by its version (checked by `data fetch`).
SHA256 = {
    "unga/unvotes-0.3.0/un_votes.rda": "36228d584d9cd8ea67dd33072da029628dabcc6faf3dffb183f916cc254660d9",
    "unga/unvotes-0.3.0/un_roll_calls.rda": "61a83d780e07cdfda635ca89e05875ceb58c6d64f876f85ac45f36b966a02ec0",
    "unga/unvotes-0.3.0/un_roll_call_issues.rda": "eec1b509ebce692c242b842837d5d861b52b65b2868a7c66f573d4a87d2eb0be",
    "unga/voeten-wide-2024-06/ungaVoting_003.csv.gz": "3f44b39df7b559ec70b56a436b87eabc36dae66484e56d8b97b078b87715fcf3",
    "democracy/vdem_v14_vdemlite_1970_2023.parquet": "3792e95fcf137e60b222b46b0f1672f905b29c6ef65c42934da6ece46c9d6823",
    "democracy/vdem_v15_democracyData_simple_1789_2024.parquet": "c1b970934bb8aa1b17ec52c5384c8d34a1a5831751c617d5d45077e7f9b8ea22",
    "democracy/freedomhouse_fiw_ratings_1972_2024.parquet": "b85a5086339e4d5c5369f0c544d766022b26c79af30307d4422bf473bb83fc73",
    "democracy/freedomhouse_fiw_scores_2012_2024.parquet": "01efb9882b11ab79dfcc983340ab5a5e19390c366ff8d8a3b0e532e37537ac2f",
    "democracy/polity5_1776_2020.parquet": "409a0409d813ddfc28246a1aa02b825e34d40dd115df5d2dc9545fd04759acd9",
    "democracy/fariss_lhrs_v4.02_1946_2021.parquet": "b5a7aa727cede013d4baaed64642fb0426ff1fa59405f546743aa7ef55007457",
    "democracy/cirights_v1.22.11.25.parquet": "1cdac5cb391ecd370a32b31d67c2929f19a7064ad94a025ae35f93d755642086",
    "democracy/wgi_2024release_1996_2023.parquet": "9ca8102b9289decfca54d25dbb1dc41c2fad29fac9ea25b98721fe369a86ea63",
    "treaties/untc_treaty_participation_2015.csv.gz": "533f8fbe3a41e4edc3b49142607077e6664a631d7a0facc71532a8f5824801b8",
    "treaties/un_hr_treaty_status_2022.csv.gz": "72e53589a1304d1c803f7ef55bd1f0354c14343f66215df7d9c014af3a1b521d",
}


def files_of(source: str) -> list[SourceFile]:
    """Return the files of one source id, in registry order."""
    return [f for f in FILES if f.source == source]


def mirror_path(mirror: Path, file: SourceFile) -> Path:
    """Return where ``file`` sits inside a local mirror folder."""
    return Path(mirror) / file.path


def sha256_of(path: Path) -> str:
    """Return the hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
