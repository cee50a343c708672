# Starts a throwaway PostgreSQL cluster for the integration tests and exports SURVEYPLATFORM_TEST_POSTGRES.
# Sourced by test.sh. Uses Debian's postgresql package; runs as the postgres system user when root.
start_test_postgres() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$bin" ]; then echo "PostgreSQL is not installed" >&2; return 1; fi
  local dir=/tmp/surveyplatform-test-pg port=55432
  if [ -f "$dir/postmaster.pid" ] && kill -0 "$(head -1 "$dir/postmaster.pid")" 2>/dev/null; then
    :
  else
    rm -rf "$dir"; mkdir -p "$dir"
    local run=()
    if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$dir"; run=(runuser -u postgres --); fi
    "${run[@]}" "$bin/initdb" -D "$dir" -U surveyplatform --auth=trust >/dev/null
    "${run[@]}" "$bin/pg_ctl" -D "$dir" -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" -l "$dir/log" -w start >/dev/null
  fi
  export SURVEYPLATFORM_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=surveyplatform;Database=postgres"
}
