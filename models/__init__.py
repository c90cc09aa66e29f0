"""The store and the domain: tables, queries, validation, statistics, migrations. No Qt here."""

__version__ = "0.1.0"
