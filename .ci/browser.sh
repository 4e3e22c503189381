#!/usr/bin/env bash
# Install Debian's Chromium, its WebDriver and a CJK font for the report's browser test.
set -euo pipefail
fonts="$(fc-list 2>/dev/null || true)"
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1 \
   || ! grep -qi "wenquanyi" <<<"$fonts"; then
  echo "installing chromium, chromium-driver, fonts-wqy-zenhei" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium chromium-driver fonts-wqy-zenhei >/dev/null
fi
