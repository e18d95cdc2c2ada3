"""Markdown benchmark (README, "Performance"): how long `portal.markdown.render_markdown` (render and sanitise)
takes on 100 KB of adversarial input, one line per input, against the target of 100 ms each.

    make bench-markdown          or          .venv/bin/python bench/markdown_render.py [--size CHARS]... [--rounds N]

The inputs are the shapes that make renderers slow: long runs of `[`, `*`, `_`, `<` and backticks, links and
emphasis opened and never closed, deeply nested lists and block quotes, and a normal description repeated.
Each is timed `--rounds` times (default 3) and the best is printed. Needs no database. Exits 1 when an input
misses the target (so a rule change that brings back a quadratic case fails loudly).
"""

import argparse
import os
import sys
import time
from pathlib import Path

TARGET_SECONDS = 0.100


def inputs(size: int) -> dict[str, str]:
    """Named adversarial texts of about `size` characters each (bench and tests share them)."""

    def fill(unit: str) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    return {
        "run of [": fill("["),
        "run of [ with text": fill("[a"),
        "run of *": fill("*"),
        "run of _": fill("_"),
        "run of <": fill("<"),
        "run of backticks": fill("`"),
        "backticks of growing length": fill("".join("`" * n + "a" for n in range(1, 60))),
        "unclosed links": fill("[x]("),
        "unclosed emphasis": fill("*a **b "),
        "nested brackets": fill("[" * 50 + "a" + "]" * 50 + "(b) "),
        "nested lists": fill("".join("  " * depth + "- item\n" for depth in range(40))),
        "nested quotes": fill("".join(">" * depth + " quote\n" for depth in range(60))),
        "html-looking": fill("<a href='x' <b <script>alert(1)</script> "),
        "table cells": fill("| a " * 40 + "|\n" + "|---" * 40 + "|\n"),
        "normal description": fill(
            "## Goals\n\nThe **e-Government gateway** serves [citizens](https://www.turkiye.gov.tr) in *six* "
            "languages.\n\n- one\n- two\n  - three\n\n"
        ),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--size",
        type=int,
        action="append",
        help="characters per input, may be repeated (default: 100,000, then 20,000: the longest description)",
    )
    parser.add_argument("--rounds", type=int, default=3, help="timings per input, the best is kept (default 3)")
    args = parser.parse_args()

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from portal.markdown import render_markdown

    slow = 0
    for size in args.size or [100_000, 20_000]:
        print(f"render_markdown on {size:,} characters, best of {args.rounds} (target {TARGET_SECONDS * 1000:.0f} ms)")
        for name, text in inputs(size).items():
            best = float("inf")
            for _round in range(args.rounds):
                started = time.perf_counter()
                html = render_markdown(text)
                best = min(best, time.perf_counter() - started)
            ok = best <= TARGET_SECONDS
            slow += not ok
            print(f"  {name:<30} {best * 1000:8.1f} ms  {len(html):>9,} chars of HTML  {'ok' if ok else 'SLOW'}")
    print("every input within the target" if not slow else f"{slow} input(s) over the target")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
