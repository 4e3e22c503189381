#!/usr/bin/env bash
# The OCR extra's opencv-python loads libGL and GLib at import: install Debian's when they are missing.
set -euo pipefail
if ! ldconfig -p 2>/dev/null | grep -q "libGL.so.1" || ! ldconfig -p 2>/dev/null | grep -q "libgthread-2.0.so.0"; then
  echo "installing libgl1, libglib2.0-0 (for the OCR extra's opencv)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq libgl1 libglib2.0-0 >/dev/null
fi
