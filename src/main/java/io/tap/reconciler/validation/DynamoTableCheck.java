package io.tap.reconciler.validation;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;
import software.amazon.awssdk.services.dynamodb.model.SSEStatus;
import software.amazon.awssdk.services.dynamodb.model.SSEType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import java.util.ArrayList;
import java.util.List;

/** The session table is encrypted with KMS and has point-in-time recovery on. */
final class DynamoTableCheck extends RegionalCheck {

    DynamoTableCheck(String region) {
        super("dynamodb.table", region, CheckSeverity.CRITICAL);
    }

    @Override
    Verdict evaluate(StackOutputs outputs, AwsClients aws) {
        String name = outputs.get(region(), OutputKeys.SESSIONS_TABLE_NAME);
        DynamoDbClient ddb = aws.dynamodb(region());
        TableDescription table = ddb.describeTable(r -> r.tableName(name)).table();
        var pitr = ddb.describeContinuousBackups(r -> r.tableName(name)).continuousBackupsDescription()
                .pointInTimeRecoveryDescription();
        List<String> problems = new ArrayList<>();
        var sse = table.sseDescription();
        // Without an SSEDescription the table uses an AWS-owned key: encrypted, but not with KMS.
        if (sse == null || sse.status() != SSEStatus.ENABLED || sse.sseType() != SSEType.KMS) {
            problems.add("SSE-KMS is " + (sse == null ? "off (AWS-owned key)" : sse.statusAsString() + "/" + sse.sseTypeAsString()));
        }
        if (pitr == null || pitr.pointInTimeRecoveryStatus() != PointInTimeRecoveryStatus.ENABLED) {
            problems.add("point-in-time recovery is " + (pitr == null ? "off" : pitr.pointInTimeRecoveryStatusAsString()));
        }
        return problems.isEmpty() ? Verdict.pass("Table " + name + " has SSE-KMS and point-in-time recovery.")
                : Verdict.fail("Table " + name + ": " + String.join(", ", problems) + ".");
    }
}
