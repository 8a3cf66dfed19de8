#!/usr/bin/env python
import sys

from django.core.management import execute_from_command_line

from config.settings_module import require_settings_module


def main() -> None:
    require_settings_module()
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
