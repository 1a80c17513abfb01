#!/usr/bin/env python3
"""Splits operator-policy.json into customer managed policies that fit IAM's 6,144-character limit.

IAM counts a managed policy's characters without whitespace; the full document is larger than one
policy may be. Statements are packed in order (explicit Denies apply across all attached policies).
Usage: split-policy.py [policy.json] [out-dir]   → writes operator-policy-1.json, -2.json, ...
"""
import json
import sys
from pathlib import Path

LIMIT = 6144


def compact(doc):
    return json.dumps(doc, separators=(",", ":"))


def split(policy):
    parts, current = [], []
    for statement in policy["Statement"]:
        candidate = {"Version": policy["Version"], "Statement": current + [statement]}
        if current and len(compact(candidate)) > LIMIT:
            parts.append({"Version": policy["Version"], "Statement": current})
            current = [statement]
        else:
            current.append(statement)
    if current:
        parts.append({"Version": policy["Version"], "Statement": current})
    for part in parts:
        if len(compact(part)) > LIMIT:
            sys.exit("statement group too large for one managed policy: "
                     + ", ".join(s["Sid"] for s in part["Statement"]))
    return parts


if __name__ == "__main__":
    source = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).with_name("operator-policy.json"))
    out = Path(sys.argv[2] if len(sys.argv) > 2 else ".")
    out.mkdir(parents=True, exist_ok=True)
    for i, part in enumerate(split(json.loads(source.read_text())), start=1):
        target = out / f"operator-policy-{i}.json"
        target.write_text(json.dumps(part, indent=2) + "\n")
        print(target)
