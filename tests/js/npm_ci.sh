#!/usr/bin/env bash
# Installs the third-party checkers (shacl-engine, N3.js, Oxigraph) from package-lock.json with
# `npm ci`, unless node_modules already holds exactly that lock.
set -euo pipefail
cd "$(dirname "$0")"
command -v npm >/dev/null || { echo "npm_ci: npm not found (Node.js 18 or later with npm is needed)" >&2; exit 1; }
if [ -f node_modules/.newskg-lock ] && cmp -s package-lock.json node_modules/.newskg-lock; then
  echo "npm_ci: node_modules matches package-lock.json"
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
cp package-lock.json node_modules/.newskg-lock
echo "npm_ci: installed $(ls node_modules | wc -l) packages"
