"""Demo data of the toolkit, run by `socialrx seed-demo` after the community (demo_order 95).
Idempotent: each tool's demo makes its rows only when missing, so a second run creates
nothing.

- Policy clause templates the center keeps, and Riverside's social media policy with two
  versions and a legal reviewer's comments on a shared link (`policies.py`).
- Completed readiness assessments for the demo organizations, Riverside's improving over two
  takes (`assessments.py`).
- Checks Riverside saved to its history (`checks.py`).
- Riverside's executive brief (`briefs.py`, after the assessment and the policy it cites).

Reads: the demo organizations and their admins. Each module returns the lines of its part of
the report."""

from __future__ import annotations

from socialrx.core.demo import DemoContext, DemoReport

from . import assessments, briefs, checks, policies

__all__ = ["seed"]


def seed(context: DemoContext) -> DemoReport:
    lines: list[str] = []
    made: dict[str, int] = {}
    for part in (policies, assessments, checks, briefs):
        part_lines, part_made = part.seed(context)
        lines.extend(part_lines)
        made.update(part_made)
    return DemoReport(title="Toolkit", lines=lines, made=made)
