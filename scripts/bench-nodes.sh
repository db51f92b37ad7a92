#!/usr/bin/env bash
# `npm run bench:nodes [-- figure...]`: `npm run bench` on the machine's Node, then on Node 22 and 24 (binaries
# from the npm registry, see .ci/node-bin). Every process the bench starts runs on the bench's own Node.
set -euo pipefail
cd "$(dirname "$0")/.."

npm run bench -- "$@"
for major in 22 24; do
  bin=$(.ci/node-bin "$major")
  echo
  PATH="$bin:$PATH" npm run bench -- "$@"
done
