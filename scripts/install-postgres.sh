#!/usr/bin/env bash
# Installs PostgreSQL's server binaries from Debian's packages unless they are already there.
# Switchyard runs its own private clusters from them (dev and tests); it never uses a system cluster.
set -euo pipefail

if compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || command -v pg_ctl >/dev/null; then
    exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "Installing PostgreSQL from Debian's packages…"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends postgresql postgresql-contrib
