package io.tap.reconciler.validation;

import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBParameterGroupStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The primary's and the replicas' parameter groups set {@code rds.force_ssl=1}. */
final class RdsForceSslCheck extends RegionalCheck {

    RdsForceSslCheck(String region) {
        super("database.force-ssl", region, CheckSeverity.CRITICAL);
    }

    @Override
    Verdict evaluate(StackOutputs outputs, AwsClients aws) {
        RdsClient rds = aws.rds(region());
        List<String> ids = Stream.concat(Stream.of(outputs.get(region(), OutputKeys.RDS_INSTANCE_ID)),
                outputs.list(region(), OutputKeys.RDS_REPLICA_IDS).stream()).toList();
        List<String> problems = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (String id : ids) {
            DBInstance db = rds.describeDBInstances(r -> r.dbInstanceIdentifier(id)).dbInstances().get(0);
            List<String> names = db.dbParameterGroups().stream().map(DBParameterGroupStatus::dbParameterGroupName).toList();
            if (names.isEmpty()) {
                problems.add(id + " has no parameter group");
            }
            for (String name : names) {
                String value = rds.describeDBParametersPaginator(r -> r.dbParameterGroupName(name)).parameters().stream()
                        .filter(p -> "rds.force_ssl".equals(p.parameterName()))
                        .map(p -> p.parameterValue()).filter(v -> v != null).findFirst().orElse("unset");
                if (!"1".equals(value)) {
                    problems.add(id + " parameter group " + name + " has rds.force_ssl=" + value);
                } else if (!groups.contains(name)) {
                    groups.add(name);
                }
            }
        }
        return Verdict.of(problems, "rds.force_ssl=1 in " + groups + " for " + ids + ".");
    }
}
