"""List the Local Offer records that have not been checked for over a year.

For Local Offer officers: the Code asks that the Local Offer is up to date, and
answers already warn families about these records.

    python -m knowledge.stale_report [var/knowledge.db] [--today 2026-11-28]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from knowledge.build import DEFAULT_DB
from knowledge.query import KnowledgeBase, KnowledgeBaseUnavailable, Service


def report_lines(services: list[Service], today: dt.date) -> list[str]:
    """One line per stale service, then a count; plain text for a terminal or an email."""
    lines = [f"{s.last_checked.isoformat()}  {(today - s.last_checked).days:4d} days  "
             f"{s.id}  {s.name} ({s.organization}; {s.phone}; {s.email})" for s in services]
    lines.append(f"{len(services)} service(s) not checked for more than a year "
                 f"(as of {today.isoformat()}).")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="List Local Offer services not checked for a year.")
    parser.add_argument("db", nargs="?", type=Path, default=DEFAULT_DB)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today(),
                        help="the date to count from (YYYY-MM-DD); default today")
    args = parser.parse_args(argv)
    try:
        services = KnowledgeBase.open(args.db).stale_services(args.today)
    except KnowledgeBaseUnavailable as error:
        print(f"Cannot make the report: {error}. Run `make setup` first.", file=sys.stderr)
        return 1
    print("\n".join(report_lines(services, args.today)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
