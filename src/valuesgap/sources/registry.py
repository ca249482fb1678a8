"""The source registry: every dataset valuesgap reads, declared once.

Each :class:`~valuesgap.sources.spec.Source` names its files (path inside a mirror, sha256 as
published), the reader module that loads them, the store tables it fills, its label, version,
citation, landing page and licence. The store's build steps, ``valuesgap data status``,
``valuesgap data fetch``, the brief's source notes and footnotes all read this table. To add a source,
add one entry here and one reader module (see docs/internals.md, "Adding a source").

``files`` are the forms a mirror folder (../shared/data) holds; ``upstream`` the files as their
publishers publish them, which ``valuesgap data fetch`` downloads. Addresses come from the publishers'
pages or their documented APIs (Dataverse's Native and Data Access APIs); a ``note`` says where one
could not be confirmed here, and ``no_address`` why a publisher offers no file address at all.
"""

from __future__ import annotations

from pathlib import Path

from valuesgap.sources.spec import Dataverse, Found, Loaded, Source, SourceFile, sha256_of

__all__ = ["FILES", "SOURCES", "Dataverse", "Found", "Loaded", "Source", "SourceFile", "sha256_of", "source", "steps"]

RESEARCH_USE = "no licence stated; published for research use with citation (see the landing page)"
HARVARD = "https://dataverse.harvard.edu"
CRAN = "https://cran.r-project.org/src/contrib"
VDEM_MEDIA = "https://www.v-dem.net/media/datasets"
FH_FILES = "https://freedomhouse.org/sites/default/files/2025-02"
UN_LIBRARY_TERMS = (
    "Copyright United Nations; non-commercial use with attribution "
    "(UN Digital Library terms of use, https://digitallibrary.un.org/pages/?ln=en&page=tos)"
)

SOURCES: tuple[Source, ...] = (
    Source(
        id="unvotes",
        label="UNGA votes (unvotes 0.3.0)",
        reader="unga",
        tables=("rollcalls", "votes", "build_report", "issue_repairs"),
        files=(
            SourceFile(
                "votes",
                "unga/unvotes-0.3.0/un_votes.rda",
                "36228d584d9cd8ea67dd33072da029628dabcc6faf3dffb183f916cc254660d9",
            ),
            SourceFile(
                "roll_calls",
                "unga/unvotes-0.3.0/un_roll_calls.rda",
                "61a83d780e07cdfda635ca89e05875ceb58c6d64f876f85ac45f36b966a02ec0",
            ),
            SourceFile(
                "issues",
                "unga/unvotes-0.3.0/un_roll_call_issues.rda",
                "eec1b509ebce692c242b842837d5d861b52b65b2868a7c66f573d4a87d2eb0be",
            ),
        ),
        version="0.3.0",
        citation=(
            "Voeten, E., Strezhnev, A. & Bailey, M. United Nations General Assembly Voting Data. "
            "Harvard Dataverse, doi:10.7910/DVN/LEJUQZ; R package unvotes 0.3.0 (D. Robinson)"
        ),
        landing="https://cran.r-project.org/package=unvotes",
        licence="MIT (R package unvotes)",
        upstream=(
            SourceFile(
                "package",
                "upstream/unvotes/unvotes_0.3.0.tar.gz",
                None,
                url=f"{CRAN}/unvotes_0.3.0.tar.gz",
                fallbacks=(f"{CRAN}/Archive/unvotes/unvotes_0.3.0.tar.gz",),
                note="CRAN source package (data/*.rda inside); CRAN publishes no sha256 of the tarball, and "
                "moves superseded versions to Archive/",
            ),
        ),
    ),
    Source(
        id="unga_wide",
        label="UNGA vote codes (Voeten, June 2024)",
        reader="unga",
        tables=("rollcalls", "votes", "build_report", "issue_repairs"),
        files=(
            SourceFile(
                "wide",
                "unga/voeten-wide-2024-06/ungaVoting_003.csv.gz",
                "3f44b39df7b559ec70b56a436b87eabc36dae66484e56d8b97b078b87715fcf3",
            ),
        ),
        version="2024-06",
        citation=(
            "Voeten, E., Strezhnev, A. & Bailey, M. United Nations General Assembly Voting Data, "
            "Harvard Dataverse, doi:10.7910/DVN/LEJUQZ (vote codes, release of June 2024)"
        ),
        landing="https://doi.org/10.7910/DVN/LEJUQZ",
        licence=RESEARCH_USE,
        upstream=(
            SourceFile(
                "wide",
                "upstream/unga_wide/ungaVoting_003.csv",
                None,
                dataverse=Dataverse(HARVARD, "doi:10.7910/DVN/LEJUQZ", "ungaVoting_003.csv"),
                note="file name as in the mirror copy, not checked against the dataset's file list here; "
                "the fetch looks it up by name and names the dataset page if it is not there",
            ),
        ),
    ),
    Source(
        id="vdem14",
        label="V-Dem v14",
        reader="vdem",
        tables=("indicators",),
        files=(
            SourceFile(
                "data",
                "democracy/vdem_v14_vdemlite_1970_2023.parquet",
                "3792e95fcf137e60b222b46b0f1672f905b29c6ef65c42934da6ece46c9d6823",
            ),
        ),
        version="v14",
        citation=(
            "Coppedge, M. et al. V-Dem Country-Year Dataset v14. Varieties of Democracy (V-Dem) Project, "
            "2024, doi:10.23696/mcwt-fr58"
        ),
        landing="https://v-dem.net/data/the-v-dem-dataset/",
        licence="CC BY-SA 4.0",
        upstream=(
            SourceFile(
                "data",
                "upstream/vdem14/V-Dem-CY-FullOthers-v14_csv.zip",
                None,
                url=f"{VDEM_MEDIA}/V-Dem-CY-FullOthers-v14_csv_YyKfizl.zip",
                note="Country-Year Full+Others v14 (the mirror keeps 297 of its columns, 1970–2023); the "
                "file name's suffix is V-Dem's and was read from public code, not confirmed here",
            ),
        ),
    ),
    Source(
        id="vdem15",
        label="V-Dem v15",
        reader="vdem",
        tables=("indicators",),
        files=(
            SourceFile(
                "data",
                "democracy/vdem_v15_democracyData_simple_1789_2024.parquet",
                "c1b970934bb8aa1b17ec52c5384c8d34a1a5831751c617d5d45077e7f9b8ea22",
            ),
        ),
        version="v15",
        citation=(
            "Coppedge, M. et al. V-Dem Country-Year Dataset v15. Varieties of Democracy (V-Dem) Project, "
            "2025, doi:10.23696/vdemds25"
        ),
        landing="https://v-dem.net/data/the-v-dem-dataset/",
        licence="CC BY-SA 4.0",
        upstream=(
            SourceFile(
                "data",
                "upstream/vdem15/V-Dem-CY-Core-v15_csv.zip",
                None,
                url=f"{VDEM_MEDIA}/V-Dem-CY-Core-v15_csv.zip",
                note="Country-Year Core v15; the store keeps the seven high-level indices with their intervals",
            ),
        ),
    ),
    Source(
        id="fh_ratings",
        label="Freedom House ratings",
        reader="freedomhouse",
        tables=("indicators",),
        files=(
            SourceFile(
                "data",
                "democracy/freedomhouse_fiw_ratings_1972_2024.parquet",
                "b85a5086339e4d5c5369f0c544d766022b26c79af30307d4422bf473bb83fc73",
            ),
        ),
        version="2024",
        citation="Freedom House. Freedom in the World: country and territory ratings and statuses, 1973–2024",
        landing="https://freedomhouse.org/report/freedom-world",
        licence=RESEARCH_USE,
        upstream=(
            SourceFile(
                "data",
                "upstream/fh_ratings/Country_and_Territory_Ratings_and_Statuses_FIW_1973-2024.xlsx",
                None,
                url=f"{FH_FILES}/Country_and_Territory_Ratings_and_Statuses_FIW_1973-2024.xlsx",
            ),
        ),
    ),
    Source(
        id="fh_scores",
        label="Freedom House scores",
        reader="freedomhouse",
        tables=("indicators",),
        files=(
            SourceFile(
                "data",
                "democracy/freedomhouse_fiw_scores_2012_2024.parquet",
                "01efb9882b11ab79dfcc983340ab5a5e19390c366ff8d8a3b0e532e37537ac2f",
            ),
        ),
        version="2025",
        citation="Freedom House. Freedom in the World: all data, editions 2013–2025",
        landing="https://freedomhouse.org/report/freedom-world",
        licence=RESEARCH_USE,
        upstream=(
            SourceFile(
                "data",
                "upstream/fh_scores/All_data_FIW_2013-2024.xlsx",
                None,
                url=f"{FH_FILES}/All_data_FIW_2013-2024.xlsx",
            ),
        ),
    ),
    Source(
        id="polity5",
        label="Polity5",
        reader="polity",
        tables=("indicators",),
        files=(
            SourceFile(
                "data",
                "democracy/polity5_1776_2020.parquet",
                "409a0409d813ddfc28246a1aa02b825e34d40dd115df5d2dc9545fd04759acd9",
            ),
        ),
        version="p5v2018",
        citation=(
            "Marshall, M. G. & Gurr, T. R. Polity5: Political Regime Characteristics and Transitions, "
            "1800–2018. Center for Systemic Peace, 2020"
        ),
        landing="https://www.systemicpeace.org/inscrdata.html",
        licence=RESEARCH_USE,
        upstream=(
            SourceFile(
                "data",
                "upstream/polity5/p5v2018.xls",
                None,
                url="https://www.systemicpeace.org/inscr/p5v2018.xls",
                note="Polity5 annual time series (p5v2018), Excel 97–2003",
            ),
        ),
    ),
    Source(
        id="fariss",
        label="Fariss latent human rights",
        reader="fariss",
        tables=("indicators",),
        files=(
            SourceFile(
                "data",
                "democracy/fariss_lhrs_v4.02_1946_2021.parquet",
                "b5a7aa727cede013d4baaed64642fb0426ff1fa59405f546743aa7ef55007457",
            ),
        ),
        version="4.02",
        citation=(
            "Fariss, C. J. et al. Latent Human Rights Protection Scores, version 4. Harvard Dataverse, "
            "doi:10.7910/DVN/TADPGE"
        ),
        landing="https://doi.org/10.7910/DVN/TADPGE",
        licence=RESEARCH_USE,
        upstream=(
            SourceFile(
                "data",
                "upstream/fariss/HumanRightsProtectionScores_v4.02.csv",
                None,
                dataverse=Dataverse(HARVARD, "doi:10.7910/DVN/TADPGE", "HumanRightsProtectionScores_v4.02.csv"),
                note="file name follows the dataset's published v4.01 file (HumanRightsProtectionScores_v4.01.csv); "
                "not checked against its file list here",
            ),
        ),
    ),
    Source(
        id="cirights",
        label="CIRIGHTS",
        reader="cirights",
        tables=("indicators",),
        files=(
            SourceFile(
                "data",
                "democracy/cirights_v1.22.11.25.parquet",
                "1cdac5cb391ecd370a32b31d67c2929f19a7064ad94a025ae35f93d755642086",
            ),
        ),
        version="1.22.11.25",
        citation="Cingranelli, D., Filippov, M. & Mark, S. The CIRIGHTS Data Project, v1.22.11.25",
        landing="https://cirights.com/",
        licence=RESEARCH_USE,
        optional=True,
        no_address="the project distributes its data from its website; no stable file address could be confirmed",
    ),
    Source(
        id="wgi",
        label="Worldwide Governance Indicators",
        reader="wgi",
        tables=("indicators",),
        files=(
            SourceFile(
                "data",
                "democracy/wgi_2024release_1996_2023.parquet",
                "9ca8102b9289decfca54d25dbb1dc41c2fad29fac9ea25b98721fe369a86ea63",
            ),
        ),
        version="2024",
        citation="Kaufmann, D. & Kraay, A. Worldwide Governance Indicators, 2024 update. World Bank",
        landing="https://www.worldbank.org/en/publication/worldwide-governance-indicators",
        licence="CC BY 4.0",
        upstream=(
            SourceFile(
                "data",
                "upstream/wgi/wgidataset.xlsx",
                None,
                url="https://www.worldbank.org/content/dam/sites/govindicators/doc/wgidataset.xlsx",
                note="unversioned address holding the current release (one row per economy, year and "
                "indicator); its sha256 is recorded at the first download",
            ),
        ),
    ),
    Source(
        id="untc",
        label="UN Treaty Collection status (2015)",
        reader="treaties",
        tables=("treaty_actions",),
        files=(
            SourceFile(
                "data",
                "treaties/untc_treaty_participation_2015.csv.gz",
                "533f8fbe3a41e4edc3b49142607077e6664a631d7a0facc71532a8f5824801b8",
            ),
        ),
        version="2015-03",
        citation=(
            "United Nations Treaty Collection, Status of Multilateral Treaties Deposited with the "
            "Secretary-General (status pages as of March 2015)"
        ),
        landing="https://treaties.un.org/",
        licence=RESEARCH_USE,
        optional=True,
        no_address="the Treaty Collection publishes status as one web page per treaty, not as a file; this "
        "table was scraped from those pages in March 2015",
    ),
    Source(
        id="un_hr_status",
        label="OHCHR ratification status (2022)",
        reader="treaties",
        tables=("treaty_actions",),
        files=(
            SourceFile(
                "data",
                "treaties/un_hr_treaty_status_2022.csv.gz",
                "72e53589a1304d1c803f7ef55bd1f0354c14343f66215df7d9c014af3a1b521d",
            ),
        ),
        version="2022-08",
        citation="OHCHR, Status of Ratification of 18 International Human Rights Treaties (August 2022)",
        landing="https://indicators.ohchr.org/",
        licence=RESEARCH_USE,
        optional=True,
        no_address="OHCHR's dashboard exports the status table from the page; it has no stable file address",
    ),
    Source(
        id="unsc_dppa",
        label="Security Council votes on drafts (UN DPPA)",
        reader="unsc",
        tables=("council_drafts", "council_votes", "council_sponsors", "vetoes", "council_report"),
        files=(
            SourceFile(
                "drafts",
                "unsc/dppa_sc_votes_on_drafts_1994-2025.xlsx",
                "71cdb6ed86eece01ac0452aed836041037d6984c55d0c23f93544ae57dbce752",
            ),
        ),
        version="1994-01-06 to 2025-06-04",
        citation=(
            "UN Department of Political and Peacebuilding Affairs, Security Council voting data, 1994–2025 "
            "(UN Peace and Security Data Hub), as copied in github.com/oliverunv/Voting-Agent, data/sc_voting.xlsx "
            "(commit 50cbeca7, July 2025)"
        ),
        landing="https://github.com/oliverunv/Voting-Agent",
        licence=RESEARCH_USE,
        optional=True,
        no_address=(
            "the UN DPPA publishes this table on the UN Peace and Security Data Hub without a stable file address; "
            "the copy used is data/sc_voting.xlsx of github.com/oliverunv/Voting-Agent (commit 50cbeca7, July 2025)"
        ),
    ),
    Source(
        id="unsc_vetoes",
        label="Security Council vetoes 1946–2022 (Dag Hammarskjöld Library list)",
        reader="unsc",
        tables=("vetoes", "council_report"),
        files=(
            SourceFile(
                "vetoes",
                "unsc/vetoes_1946-2022.csv",
                "d6b65d698d8f4e5a6eddcd922e7659b40e22d262940f1440b51360929d87ab74",
            ),
        ),
        version="2022-07-08",
        citation=(
            "United Nations Dag Hammarskjöld Library, Security Council – Veto List, as scraped by C. L. Yordan "
            "(World Politics Data Lab), 1946 to 8 July 2022"
        ),
        landing="https://research.un.org/en/docs/sc/quick/veto",
        licence="MIT (the scraped list)",
        optional=True,
        no_address=(
            "scraped from the Dag Hammarskjöld Library's veto list by C. L. Yordan (World Politics Data Lab); "
            "no versioned file address is published"
        ),
    ),
    Source(
        id="icews",
        label="ICEWS event counts (dyad-years, netify)",
        reader="icews",
        tables=("event_dyads",),
        files=(
            SourceFile(
                "dyad_years",
                "events/icews_dyad_year_2002-2014.rda",
                "7267fb4350b8926f389b1f7eeef0a1ef3e93a8f40cdb751a9d7d240e7348f5e9",
            ),
        ),
        version="2002–2014",
        citation=(
            "Boschee, E. et al. ICEWS Coded Event Data. Harvard Dataverse, doi:10.7910/DVN/28075; aggregated to "
            "directed dyad-years by the R package netify (data object icews)"
        ),
        landing="https://doi.org/10.7910/DVN/28075",
        licence="ICEWS: research use with citation; netify: GPL-3",
        optional=True,
        no_address=(
            "the directed dyad-year aggregate is the data object 'icews' of the R package netify, not a file at a "
            "pinned address: export it from R"
        ),
    ),
    # The UN Digital Library's official voting files (optional; rules in docs/sources.md). The file address
    # carries the release date; the Library publishes no hash, so the first download's sha256 is recorded.
    Source(
        id="undl_ga",
        label="UNGA votes (UN Digital Library, official file)",
        reader="unga",
        tables=("rollcalls", "votes", "official_report", "official_matches", "issue_mapping_quality"),
        files=(
            SourceFile(
                "votes",
                "undl/ga_voting.csv",
                None,
                url="https://digitallibrary.un.org/record/4060887/files/2026_02_06_ga_voting.csv",
            ),
        ),
        version="2026-02-06",
        citation=(
            "United Nations Dag Hammarskjöld Library, General Assembly Voting Data, United Nations, "
            "release of 6 February 2026, downloaded from https://digitallibrary.un.org/record/4060887"
        ),
        landing="https://digitallibrary.un.org/record/4060887",
        licence=UN_LIBRARY_TERMS,
        optional=True,
        validate="undl_ga",
        release_in_address=True,
    ),
    Source(
        id="undl_sc",
        label="UNSC resolutions (UN Digital Library, official file)",
        reader="undl_sc",
        tables=("council_resolutions", "council_resolution_votes", "official_report"),
        files=(
            SourceFile(
                "votes",
                "undl/sc_voting.csv",
                None,
                url="https://digitallibrary.un.org/record/4055387/files/2026_02_06_sc_voting.csv",
            ),
        ),
        version="2026-02-06",
        citation=(
            "United Nations Dag Hammarskjöld Library, Security Council Voting Data, United Nations, "
            "release of 6 February 2026, downloaded from https://digitallibrary.un.org/record/4055387"
        ),
        landing="https://digitallibrary.un.org/record/4055387",
        licence=UN_LIBRARY_TERMS,
        optional=True,
        validate="undl_sc",
        release_in_address=True,
    ),
)

# Every file of every source, in registry order.
FILES: tuple[SourceFile, ...] = tuple(f for s in SOURCES for f in s.files)

assert len({s.id for s in SOURCES}) == len(SOURCES), "source ids must be unique"
_ALL_PATHS = [f.path for s in SOURCES for f in (*s.files, *s.upstream)]
assert len(set(_ALL_PATHS)) == len(_ALL_PATHS), "source paths must be unique"


def source(source_id: str) -> Source:
    """Return the registry entry of ``source_id`` (KeyError if there is none)."""
    for s in SOURCES:
        if s.id == source_id:
            return s
    raise KeyError(f"no source {source_id!r} in the registry")


def files() -> list[tuple[Source, SourceFile]]:
    """Return every (source, mirror-form file) of the registry, in registry order."""
    return [(s, f) for s in SOURCES for f in s.files]


def steps() -> list[tuple[str, tuple[Source, ...]]]:
    """Return the build steps: (reader module name, its sources), in the order readers first appear."""
    order: dict[str, list[Source]] = {}
    for s in SOURCES:
        order.setdefault(s.reader, []).append(s)
    return [(reader, tuple(sources)) for reader, sources in order.items()]


def labels(ids: tuple[str, ...] | None = None) -> dict[str, str]:
    """Return source id → label, for ``ids`` (in that order) or every source."""
    return {i: source(i).label for i in ids} if ids is not None else {s.id: s.label for s in SOURCES}


def mirror_path(mirror: Path, file: SourceFile) -> Path:
    """Return where ``file`` sits inside a local mirror folder."""
    return Path(mirror) / file.path


def found(mirror: Path, reader: str) -> Found:
    """Return the sources read by ``reader`` that are installed in ``mirror``, with the form of each."""
    forms = {s.id: s.form_in(mirror) for s in SOURCES if s.reader == reader}
    installed = {s.id: s for s in SOURCES if forms.get(s.id)}
    return Found(Path(mirror), installed, {sid: str(form) for sid, form in forms.items() if form})


def missing(mirror: Path) -> list[tuple[Source, SourceFile]]:
    """Return the mirror-form files of required (not optional) sources installed in no form in ``mirror``."""
    return [
        (s, f)
        for s in SOURCES
        if not s.optional and not s.installed_in(mirror)
        for f in s.files
        if not (Path(mirror) / f.path).exists()
    ]


def installed_files(mirror: Path) -> list[tuple[Source, SourceFile]]:
    """Return (source, file) for every file of the form each installed source is in."""
    out = []
    for s in SOURCES:
        form = s.form_in(mirror)
        if form:
            out += [(s, f) for f in s.forms()[form]]
    return out
