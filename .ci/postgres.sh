#!/usr/bin/env bash
# Install (Debian's packages) and start a PostgreSQL server for the tests, then print
# the URL the tests use. Idempotent: safe to run when the server is already up.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi
version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version main"; then
  pg_createcluster "$version" main >&2
fi
pg_ctlcluster "$version" main start >&2 2>&1 || true
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 1
done
pg_isready -h 127.0.0.1 -p 5432 >&2
as_pg() { su postgres -c "$1"; }
if [ "$(as_pg "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='goalparse'\"")" != "1" ]; then
  as_pg "psql -qc \"CREATE ROLE goalparse LOGIN SUPERUSER PASSWORD 'goalparse'\"" >&2
fi
if [ "$(as_pg "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='goalparse_test'\"")" != "1" ]; then
  as_pg "createdb -O goalparse goalparse_test" >&2
fi
echo "postgresql://goalparse:goalparse@127.0.0.1:5432/goalparse_test"
