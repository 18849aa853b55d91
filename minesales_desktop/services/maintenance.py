"""Database file maintenance the UI may ask for (it never imports ``db`` itself)."""

from minesales_desktop.db.backup import backup_file, check_backup, restore_file

__all__ = ["backup_file", "check_backup", "restore_file"]
