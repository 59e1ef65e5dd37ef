"""Alembic migrations of the myomap database, shipped with the package."""
