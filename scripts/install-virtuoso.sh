#!/usr/bin/env bash
# Installs Debian's Virtuoso server (virtuoso-t, and isql-vt) for the remote-store tests, which
# push a build to a Virtuoso they start on loopback with a database folder of their own. Does
# nothing when Virtuoso is already there. Needs root or sudo.
# Only the server's binaries (virtuoso-opensource-7-bin): the full virtuoso-opensource package
# would ask for a dba password through debconf and start a system-wide service, which the
# tests do not use. VIRTUOSO names where the package puts the server (default
# /usr/bin/virtuoso-t); the tests point it elsewhere to run this script as a machine without
# Virtuoso would.
set -euo pipefail
VIRTUOSO="${VIRTUOSO:-/usr/bin/virtuoso-t}"
if [ -x "$VIRTUOSO" ]; then
    echo "virtuoso already installed: $VIRTUOSO"
    exit 0
fi
# env, not export: sudo resets the environment, and apt-get must not stop to ask questions.
APT=(env DEBIAN_FRONTEND=noninteractive apt-get)
if [ "$(id -u)" -ne 0 ]; then APT=(sudo "${APT[@]}"); fi
"${APT[@]}" update
"${APT[@]}" install -y --no-install-recommends virtuoso-opensource-7-bin
# virtuoso-t has no --version: its usage text (exit status 1) starts with the version.
test -x "$VIRTUOSO"
{ "$VIRTUOSO" -? 2>&1 || true; } | sed -n 2p
