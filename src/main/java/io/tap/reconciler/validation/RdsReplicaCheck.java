package io.tap.reconciler.validation;

import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBInstanceStatusInfo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Each read replica exists, is available and replicating, and its {@code ReplicaLag} (where
 * CloudWatch reports it) is within bounds.
 */
final class RdsReplicaCheck extends RegionalCheck {

    private final Duration maxLag;

    RdsReplicaCheck(String region, Duration maxLag) {
        super("database.replica", region, CheckSeverity.CRITICAL);
        this.maxLag = maxLag;
    }

    @Override
    Verdict evaluate(StackOutputs outputs, AwsClients aws) {
        List<String> ids = outputs.list(region(), OutputKeys.RDS_REPLICA_IDS);
        if (ids.isEmpty()) {
            return Verdict.fail("The stack exports no read replica.");
        }
        List<String> problems = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String id : ids) {
            DBInstance db = aws.rds(region()).describeDBInstances(r -> r.dbInstanceIdentifier(id)).dbInstances().get(0);
            if (db.readReplicaSourceDBInstanceIdentifier() == null) {
                problems.add(id + " is not a read replica");
                continue;
            }
            if (!"available".equals(db.dbInstanceStatus())) {
                problems.add(id + " is " + db.dbInstanceStatus());
                continue;
            }
            Optional<DBInstanceStatusInfo> replication = db.statusInfos().stream()
                    .filter(s -> "read replication".equals(s.statusType())).findFirst();
            if (replication.isEmpty() || !"replicating".equals(replication.get().status())) {
                problems.add(id + " replication is " + replication.map(DBInstanceStatusInfo::status).orElse("not reported")
                        + replication.map(s -> s.message() == null ? "" : " (" + s.message() + ")").orElse(""));
                continue;
            }
            OptionalDouble lag = lagSeconds(aws, id);
            if (lag.isPresent() && lag.getAsDouble() > maxLag.toSeconds()) {
                problems.add(id + " lags " + (long) lag.getAsDouble() + "s, above " + maxLag.toSeconds() + "s");
                continue;
            }
            seen.add(id + (lag.isPresent() ? " (lag " + (long) lag.getAsDouble() + "s)" : ""));
        }
        return Verdict.of(problems, "Replicating: " + seen + ".");
    }

    /** Highest ReplicaLag of the last 10 minutes, empty when CloudWatch has no datapoint. */
    private OptionalDouble lagSeconds(AwsClients aws, String id) {
        // The end lies a minute ahead so the current, still-open period is included.
        Instant end = Instant.now().plus(Duration.ofMinutes(1));
        return aws.cloudWatch(region()).getMetricStatistics(r -> r.namespace("AWS/RDS").metricName("ReplicaLag")
                        .dimensions(Dimension.builder().name("DBInstanceIdentifier").value(id).build())
                        .startTime(end.minus(Duration.ofMinutes(11))).endTime(end).period(60)
                        .statistics(Statistic.MAXIMUM))
                .datapoints().stream().map(Datapoint::maximum).mapToDouble(Double::doubleValue).max();
    }
}
