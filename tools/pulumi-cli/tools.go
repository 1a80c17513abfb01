//go:build tools

// Package tools pins the pulumi CLI's Go modules so that `go build` of its main package
// resolves to one version.
package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
