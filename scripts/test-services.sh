#!/usr/bin/env bash
# What the tests need beyond node_modules, made ready before `npm test` runs them
# (it is npm's pretest step, so a fresh machine needs nothing done by hand):
#   - Redis, PostgreSQL and MariaDB on 127.0.0.1, started when down, with the
#     commands this machine kind starts them with;
#   - Debian's prometheus-pushgateway, installed when missing: the Pushgateway
#     tests start a private one from /usr/bin/prometheus-pushgateway.
# Each check is a quick probe, so on a ready machine this costs well under a second.
set -euo pipefail

say() { echo "test-services: $*" >&2; }

wait_for() { # name, command: up to 30 s for a service to answer
  for _ in $(seq 1 60); do
    if eval "$2" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  say "$1 did not come up within 30 s"
  return 1
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
  else say "need root to run: $*"; return 1
  fi
}

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  say "starting Redis"
  as_root mkdir -p /var/lib/redis /var/log/redis
  as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
  wait_for Redis "redis-cli -h 127.0.0.1 -p 6379 ping"
fi

if ! pg_isready -h 127.0.0.1 -p 5432 >/dev/null 2>&1; then
  say "starting PostgreSQL"
  as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
  wait_for PostgreSQL "pg_isready -h 127.0.0.1 -p 5432"
fi

if ! mariadb-admin -h 127.0.0.1 -P 3306 -u root ping >/dev/null 2>&1; then
  say "starting MariaDB"
  as_root start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
  wait_for MariaDB "mariadb-admin -h 127.0.0.1 -P 3306 -u root ping"
fi

if [ ! -x "${PUSHGATEWAY_BINARY:-/usr/bin/prometheus-pushgateway}" ]; then
  say "installing Debian's prometheus-pushgateway"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus-pushgateway >/dev/null
fi
