"""Alembic environment: migrations run on the connection adreel hands over at start-up."""

from alembic import context

from adreel.platform.db.tables import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
