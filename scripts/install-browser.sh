#!/usr/bin/env bash
# Installs Debian's Chromium (and a font) for the export tests, which open the HTML page in a
# real headless browser. Does nothing when Chromium is already there. Needs root or sudo.
# CHROMIUM names where the package puts the browser (default /usr/bin/chromium); the tests
# point it elsewhere to run this script as a machine without Chromium would.
set -euo pipefail
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
    echo "chromium already installed: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
    exit 0
fi
# env, not export: sudo resets the environment, and apt-get must not stop to ask questions.
APT=(env DEBIAN_FRONTEND=noninteractive apt-get)
if [ "$(id -u)" -ne 0 ]; then APT=(sudo "${APT[@]}"); fi
"${APT[@]}" update
"${APT[@]}" install -y --no-install-recommends chromium fonts-dejavu-core
"$CHROMIUM" --version
