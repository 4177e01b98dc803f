"""The database: models, sessions, migrations and queries. Never imports the extractor."""
