"""Benchmark writing a brief: content, charts, HTML and PDF, in-process and through the CLI.

Run: ``.venv/bin/python benchmarks/bench_brief.py [--pair USA RUS] [--since 1992] [--repeat 3] [--no-pdf]``
(the store must be built; ``VALUESGAP_HOME`` picks it). The target: a brief in under 10 s once the
ideal points are cached.

Prints, for one dyad:
  first   the first in-process brief (builds the process caches: vote matrix, ideal points, …);
  warm    the best of ``--repeat`` further in-process briefs, split into content (analysis), charts
          (vl_convert SVG) and HTML (templates);
  pdf     printing the HTML to PDF with headless Chromium (best of ``--repeat``);
  cli     the whole command ``valuesgap brief A B --since Y --out … [--pdf …]`` in a fresh process
          (best of ``--repeat``) — what a user waits for, Python start-up and imports included.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pair", nargs=2, default=["United States", "Russia"])
    parser.add_argument("--since", type=int, default=1992)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-pdf", action="store_true")
    args = parser.parse_args()
    a, b = args.pair

    t_import, _ = timed(lambda: __import__("valuesgap.brief"))
    from valuesgap.brief import build_brief, render_html, write_html, write_pdf
    from valuesgap.brief.render import chart_svgs

    first, brief = timed(lambda: render_html(build_brief(a, b, since=args.since)))
    parts = {"content": [], "charts": [], "html": []}
    for _ in range(args.repeat):
        t, content = timed(lambda: build_brief(a, b, since=args.since))
        parts["content"].append(t)
        parts["charts"].append(timed(lambda: chart_svgs(content))[0])
        parts["html"].append(timed(lambda: render_html(content))[0])  # includes the charts again
    best = {k: min(v) for k, v in parts.items()}
    warm = best["content"] + best["html"]

    with tempfile.TemporaryDirectory() as tmp:
        html = write_html(content, Path(tmp) / "brief.html")
        pdf_times = (
            []
            if args.no_pdf
            else [timed(lambda: write_pdf(html, Path(tmp) / "brief.pdf"))[0] for _ in range(args.repeat)]
        )
        cmd = [
            sys.executable,
            "-m",
            "valuesgap",
            "brief",
            a,
            b,
            "--since",
            str(args.since),
            "--out",
            str(Path(tmp) / "cli.html"),
        ]
        if not args.no_pdf:
            cmd += ["--pdf", str(Path(tmp) / "cli.pdf")]
        cli_times = []
        for _ in range(args.repeat):
            t, proc = timed(lambda: subprocess.run(cmd, capture_output=True, text=True, env=os.environ.copy()))
            if proc.returncode != 0:
                raise SystemExit(f"the CLI failed: {proc.stderr.strip()}")
            cli_times.append(t)

    print(
        f"brief {a} – {b} since {args.since}: {len(content.figures)} numbers, {len(content.missing)} missing-data notes"
    )
    print(f"  import valuesgap.brief          {t_import:6.2f} s")
    print(f"  first in-process brief (HTML)   {first:6.2f} s   (fills the process caches)")
    print(f"  warm: content                   {best['content']:6.2f} s   (best of {args.repeat})")
    print(f"  warm: charts (SVG)              {best['charts']:6.2f} s")
    print(f"  warm: HTML incl. charts         {best['html']:6.2f} s")
    print(f"  warm: content + HTML            {warm:6.2f} s")
    if pdf_times:
        print(f"  PDF (headless Chromium)         {min(pdf_times):6.2f} s")
    print(
        f"  CLI end to end{' + PDF' if pdf_times else '':7}          {min(cli_times):6.2f} s   "
        f"(fresh process, best of {args.repeat}; target < 10 s)"
    )


if __name__ == "__main__":
    main()
