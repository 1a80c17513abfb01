package main

// schema documents the fixture resources for `pulumi package get-schema`; the engine does not
// need it to run programs.
const schema = `{
  "name": "tapfixture",
  "version": "1.0.0",
  "resources": {
    "tapfixture:index:File": {
      "description": "A local file; editing it outside Pulumi is drift that refresh sees.",
      "inputProperties": {
        "path": {"type": "string", "description": "Absolute path; changing it replaces the resource."},
        "content": {"type": "string"},
        "mode": {"type": "string", "description": "Octal permission, e.g. 0644."}
      },
      "requiredInputs": ["path", "content"],
      "properties": {
        "path": {"type": "string"},
        "content": {"type": "string"},
        "mode": {"type": "string"},
        "sha256": {"type": "string"},
        "size": {"type": "number"}
      },
      "required": ["path", "content", "sha256", "size"]
    },
    "tapfixture:index:Sleep": {
      "description": "Sleeps on create and update, to hold the stack lock or hang an operation.",
      "inputProperties": {
        "seconds": {"type": "number"},
        "trigger": {"type": "string"},
        "ignoreCancel": {"type": "boolean", "description": "Keep sleeping when the engine cancels."}
      },
      "requiredInputs": ["seconds"],
      "properties": {
        "seconds": {"type": "number"},
        "trigger": {"type": "string"},
        "ignoreCancel": {"type": "boolean"}
      },
      "required": ["seconds"]
    }
  }
}`
