package io.tap.reconciler.validation;

import software.amazon.awssdk.services.rds.model.DBInstance;

import java.util.ArrayList;
import java.util.List;

/** The RDS primary is available, storage-encrypted and Multi-AZ. */
final class RdsPrimaryCheck extends RegionalCheck {

    RdsPrimaryCheck(String region) {
        super("database.primary", region, CheckSeverity.CRITICAL);
    }

    @Override
    Verdict evaluate(StackOutputs outputs, AwsClients aws) {
        String id = outputs.get(region(), OutputKeys.RDS_INSTANCE_ID);
        DBInstance db = aws.rds(region()).describeDBInstances(r -> r.dbInstanceIdentifier(id)).dbInstances().get(0);
        List<String> problems = new ArrayList<>();
        if (!"available".equals(db.dbInstanceStatus())) {
            problems.add("RDS " + id + " is " + db.dbInstanceStatus() + ", not available");
        }
        if (!Boolean.TRUE.equals(db.storageEncrypted())) {
            problems.add("RDS " + id + " storage is not encrypted");
        }
        if (!Boolean.TRUE.equals(db.multiAZ())) {
            problems.add("RDS " + id + " is not Multi-AZ");
        }
        return Verdict.of(problems, "RDS " + id + " is available, encrypted"
                + (db.kmsKeyId() == null ? "" : " with KMS") + " and Multi-AZ.");
    }
}
