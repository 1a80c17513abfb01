#!/usr/bin/env bash
# Builds kustomize from its Go module into the tools cache (the k8s manifest tests render the
# overlays with it). Usage: .ci/install-kustomize.sh  → prints the bin dir to put on PATH.
set -euo pipefail
KUSTOMIZE_VERSION="${KUSTOMIZE_VERSION:-v5.7.1}"
bin="${TAP_TOOLS_DIR:-$HOME/.cache/tap-reconciler/tools}/kustomize-${KUSTOMIZE_VERSION}"
if [ ! -x "$bin/kustomize" ]; then
  mkdir -p "$bin"
  GOBIN="$bin" go install "sigs.k8s.io/kustomize/kustomize/v5@${KUSTOMIZE_VERSION}" >&2
fi
echo "$bin"
