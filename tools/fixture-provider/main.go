// Command pulumi-resource-tapfixture is a small Pulumi resource provider used only by the
// engine's integration tests. It manages real local files, so an edit made to a file outside
// Pulumi is genuine cloud-side drift that `pulumi refresh` detects, and it offers a resource whose
// create and update sleep, to hold the stack lock or to hang an operation on purpose.
//
// The provider is found by the pulumi CLI as an ambient plugin on PATH; it needs no schema or
// generated SDK: Java test programs declare its resources with plain CustomResource subclasses.
package main

import (
	"fmt"
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/provider"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

const (
	providerName = "tapfixture"
	version      = "1.0.0"
)

func main() {
	err := provider.Main(providerName, func(*provider.HostClient) (pulumirpc.ResourceProviderServer, error) {
		return newFixtureProvider(), nil
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
