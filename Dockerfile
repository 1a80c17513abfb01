# PLACEHOLDER until the "Ship it to Kubernetes" issue: the hardened multi-stage image (pinned
# Temurin JRE, pulumi CLI + AWS plugin with verified checksums, non-root user) is not written yet.
# Nothing here is meant to be built.
