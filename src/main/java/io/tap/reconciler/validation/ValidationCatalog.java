package io.tap.reconciler.validation;

import io.tap.reconciler.config.ValidationProperties;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Which checks run for a stack, derived from its outputs: every region gets the regional set. */
final class ValidationCatalog {

    private final ValidationProperties properties;
    private final Clock clock;

    ValidationCatalog(ValidationProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    List<ValidationCheck> checks(StackOutputs outputs) {
        List<String> regions = outputs.regions();
        if (regions.isEmpty()) {
            return List.of(new OutputsCheck("The stack exports no per-region outputs."));
        }
        List<ValidationCheck> checks = new ArrayList<>();
        for (String region : regions) {
            checks.addAll(regional(region));
        }
        String primary;
        try {
            primary = outputs.primaryRegion();
        } catch (StackOutputs.MissingOutputException e) {
            checks.add(new OutputsCheck(e.getMessage()));
            return checks;
        }
        boolean trailSomewhere = false;
        for (String region : regions) {
            if (outputs.has(region, OutputKeys.CLOUDTRAIL_NAME)) {
                checks.add(new CloudTrailCheck(region));
                trailSomewhere = true;
            }
        }
        if (!trailSomewhere) {
            checks.add(new CloudTrailCheck(primary)); // reports the missing output
        }
        checks.add(new BucketReplicationCheck(primary));
        if (properties.writeProbes()) {
            checks.add(new ReplicationProbeCheck(primary, properties.probePrefix(), properties.replicationBound(),
                    properties.probePollInterval()));
        }
        return checks;
    }

    private List<ValidationCheck> regional(String region) {
        return List.of(
                new VpcCheck(region), new SubnetsCheck(region), new PeeringCheck(region),
                new NatGatewaysCheck(region), new FlowLogsCheck(region),
                new AlbCheck(region), new AlbListenersCheck(region), new TargetHealthCheck(region),
                new SecurityGroupsCheck(region),
                new RdsPrimaryCheck(region), new RdsReplicaCheck(region, properties.maxReplicaLag()),
                new RdsForceSslCheck(region), new RdsPublicAccessCheck(region),
                new BucketCheck(region), new DynamoTableCheck(region),
                new SecretRotationCheck(region, properties.rotationGrace(), clock),
                new ConfigRecorderCheck(region, properties.expectedConfigRules()),
                new AlarmsCheck(region), new SnsEncryptionCheck(region),
                new AutoScalingCheck(region), new LambdaCheck(region));
    }

    /** Stands in for the checks that cannot be built because the outputs are incomplete. */
    static final class OutputsCheck extends RegionalCheck {
        private final String problem;

        OutputsCheck(String problem) {
            super("outputs", "global", CheckSeverity.CRITICAL);
            this.problem = problem;
        }

        @Override
        Verdict evaluate(StackOutputs outputs, AwsClients aws) {
            return Verdict.error(problem);
        }
    }
}
