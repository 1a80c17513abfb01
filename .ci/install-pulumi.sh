#!/usr/bin/env bash
# Builds the pulumi CLI from its Go modules (no prebuilt binary can be fetched here) and the
# project's fixture resource provider, into a cache dir that later runs reuse.
# Usage: .ci/install-pulumi.sh  → prints the bin dir to put on PATH.
set -euo pipefail
PULUMI_VERSION="${PULUMI_VERSION:-v3.276.0}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cache="${TAP_TOOLS_DIR:-$HOME/.cache/tap-reconciler/tools}/pulumi-${PULUMI_VERSION}"
mkdir -p "$cache"

if [ ! -x "$cache/pulumi" ]; then
  work="$(mktemp -d)"
  cp "$root/tools/pulumi-cli/go.mod" "$root/tools/pulumi-cli/tools.go" "$work/"
  [ -f "$root/tools/pulumi-cli/go.sum" ] && cp "$root/tools/pulumi-cli/go.sum" "$work/"
  (cd "$work" && go mod download github.com/pulumi/pulumi/pkg/v3 github.com/pulumi/pulumi/sdk/v3 >&2 \
     && go mod tidy >&2 \
     && go build -trimpath \
        -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=${PULUMI_VERSION}" \
        -o "$cache/pulumi.tmp" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >&2)
  mv "$cache/pulumi.tmp" "$cache/pulumi"
  rm -rf "$work"
fi

# The fixture provider is ours and small; rebuild it when its source changes (the engine ITs check
# the same hash and fail with this script's name when the binary is stale).
fixture="$root/tools/fixture-provider"
if [ -d "$fixture" ]; then
  src_hash="$(cat "$fixture"/*.go "$fixture"/go.mod | sha256sum | cut -c1-16)"
  if [ ! -x "$cache/fixture-$src_hash/pulumi-resource-tapfixture" ]; then
    mkdir -p "$cache/fixture-$src_hash"
    (cd "$fixture" && go build -trimpath -o "$cache/fixture-$src_hash/pulumi-resource-tapfixture.tmp" . >&2)
    mv "$cache/fixture-$src_hash/pulumi-resource-tapfixture.tmp" "$cache/fixture-$src_hash/pulumi-resource-tapfixture"
  fi
  ln -sfn "$cache/fixture-$src_hash/pulumi-resource-tapfixture" "$cache/pulumi-resource-tapfixture"
fi
echo "$cache"
