"""The `socialrx` command: Django's manage.py with the project's settings preset.

Commands are spelled with hyphens for people (`socialrx seed-demo`, `socialrx registry-import`);
Django's are `seed_demo` and `registry_import`.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialrx.settings")
    from django.core.management import execute_from_command_line  # noqa: PLC0415 - Django's settings module is chosen first

    command = [arg if arg.startswith("-") else arg.replace("-", "_") for arg in sys.argv[1:2]]
    argv = [sys.argv[0], *command]
    execute_from_command_line([*argv, *sys.argv[2:]])


if __name__ == "__main__":
    main()
