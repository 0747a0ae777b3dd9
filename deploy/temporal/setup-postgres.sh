#!/bin/sh
# One-shot (temporalio/admin-tools): create or update Temporal's two schemas, `temporal` and
# `temporal_visibility`, in the stack's Postgres. Safe to run on every `docker compose up`:
# `create` skips an existing database, `setup-schema -v 0.0` only records the base version,
# and `update-schema` applies just the versions the database does not have yet, so a new
# TEMPORAL_VERSION upgrades the schema before the new server starts.
set -eu

sql() {
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$DB_PORT" \
    -u "$POSTGRES_USER" --pw "$POSTGRES_PWD" "$@"
}

for db in temporal temporal_visibility; do
  case "$db" in
    temporal) schema=temporal ;;
    *) schema=visibility ;;
  esac
  sql --db "$db" create || echo "database $db exists"
  sql --db "$db" setup-schema -v 0.0
  sql --db "$db" update-schema -d "/etc/temporal/schema/postgresql/v12/$schema/versioned"
done
echo "Temporal schemas are up to date"
