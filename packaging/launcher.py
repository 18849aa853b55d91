"""Entry script for the frozen executable (PyInstaller needs a file, not a module path)."""

import multiprocessing
import sys

from minesales_desktop.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
