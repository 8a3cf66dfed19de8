"""Moving the test database's schema to an older migration and forward again, for the tests
of one data migration. Such a test must leave the schema at the latest migrations of every
app: the transactional tests after it restore rows, not tables, and a later migration
unapplied on the way back (a column of the next migration, another app's migration that
depends on this one) would break them."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets: list[tuple[str, str]]):
    """Migrate to ``targets`` and return the historical models at that point."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def migrate_to_latest() -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
