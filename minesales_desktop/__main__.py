"""``python -m minesales_desktop`` runs the same entry point as the ``minesales`` command."""

import sys

from minesales_desktop.cli import main

sys.exit(main())
