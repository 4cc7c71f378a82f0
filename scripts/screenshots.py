"""Take full-page screenshots of the main pages, on the demo data, at desktop and phone widths.

    python scripts/screenshots.py            # from the project root, in the virtualenv

Runs tests/e2e/test_screenshots.py, which `make test` leaves out (Django's live server on a
throw-away test database, Debian's Chromium at /usr/bin/chromium), and writes PNGs to
test-artifacts/screenshots/.
"""

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    os.environ["SOCIALRX_SCREENSHOTS"] = "1"  # the suite leaves this file out otherwise
    status = pytest.main(
        [str(ROOT / "tests" / "e2e" / "test_screenshots.py"), "-q", "-p", "no:cacheprovider"]
    )
    if status == 0:
        folder = ROOT / "test-artifacts" / "screenshots"
        print(f"Screenshots in {folder}:")
        for path in sorted(folder.glob("*.png")):
            print(f"  {path.name}")
    return int(status)


if __name__ == "__main__":
    sys.exit(main())
