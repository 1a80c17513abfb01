module tap-reconciler/tools/pulumi-cli

go 1.26

require (
	github.com/pulumi/pulumi/pkg/v3 v3.276.0
	github.com/pulumi/pulumi/sdk/v3 v3.276.0
)
