"""Database plumbing: the ORM base, exact column types, engines, migrations and backups."""
