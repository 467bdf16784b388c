#!/usr/bin/env bash
# Installs graphql-core (the reference implementation the query language's differential tests compare against)
# from PyPI unless the pinned version is already there.
set -euo pipefail

version="3.2.8"
if python3 -c "import graphql, sys; sys.exit(0 if graphql.__version__ == '$version' else 1)" 2>/dev/null; then
    exit 0
fi
echo "Installing graphql-core $version from PyPI…"
python3 -m pip install --quiet "graphql-core==$version"
