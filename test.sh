#!/usr/bin/env bash
# Runs every test: the Maven build's unit, integration and API tests and the dashboard's browser tests in
# headless Chromium. Installs Debian's chromium and chromium-driver first when they are missing (as root, or
# through sudo), since the browser tests need a real browser, and postgresql-client (psql) for the upgrade test.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  echo "Installing Chromium and ChromeDriver for the browser tests..."
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
fi
# The upgrade test loads the previous release's database with psql.
if ! command -v psql >/dev/null; then
  echo "Installing PostgreSQL's client tools for the upgrade test..."
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq postgresql-client >/dev/null
fi
command -v npm >/dev/null || { echo "the dashboard's build needs Node.js 20 and npm" >&2; exit 1; }

export HELPDESK_BROWSER_TESTS=required
exec ./mvnw verify "$@"
