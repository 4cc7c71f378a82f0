"""The `socialrx` command: Django's manage.py with the project's settings preset.

`socialrx seed-demo` is spelled with a hyphen for people; Django's command is `seed_demo`.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialrx.settings")
    from django.core.management import execute_from_command_line

    argv = [sys.argv[0], *(arg.replace("seed-demo", "seed_demo") for arg in sys.argv[1:2])]
    execute_from_command_line([*argv, *sys.argv[2:]])


if __name__ == "__main__":
    main()
