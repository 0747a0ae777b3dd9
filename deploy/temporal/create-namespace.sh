#!/bin/sh
# One-shot (temporalio/admin-tools): the namespace the node runs in, once the server answers.
set -eu
namespace="${TEMPORAL_NAMESPACE:-default}"
if temporal operator namespace describe --namespace "$namespace" >/dev/null 2>&1; then
  echo "namespace $namespace exists"
else
  temporal operator namespace create --namespace "$namespace" --retention "$RETENTION"
fi
