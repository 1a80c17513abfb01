package io.tap.reconciler.validation;

import software.amazon.awssdk.services.rds.model.DBInstance;

import java.util.List;
import java.util.stream.Stream;

/** Neither the primary nor a replica is publicly accessible. */
final class RdsPublicAccessCheck extends RegionalCheck {

    RdsPublicAccessCheck(String region) {
        super("database.not-public", region, CheckSeverity.CRITICAL);
    }

    @Override
    Verdict evaluate(StackOutputs outputs, AwsClients aws) {
        List<String> ids = Stream.concat(Stream.of(outputs.get(region(), OutputKeys.RDS_INSTANCE_ID)),
                outputs.list(region(), OutputKeys.RDS_REPLICA_IDS).stream()).toList();
        List<String> open = ids.stream()
                .map(id -> aws.rds(region()).describeDBInstances(r -> r.dbInstanceIdentifier(id)).dbInstances().get(0))
                .filter(db -> Boolean.TRUE.equals(db.publiclyAccessible()))
                .map(DBInstance::dbInstanceIdentifier).toList();
        return open.isEmpty() ? Verdict.pass("None of " + ids + " is publicly accessible.")
                : Verdict.fail("Publicly accessible: " + open + ".");
    }
}
