package io.tap.reconciler.validation;

import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.FlowLog;

import java.util.List;

/** The VPC has an active flow log whose delivery has not failed. */
final class FlowLogsCheck extends RegionalCheck {

    FlowLogsCheck(String region) {
        super("network.flow-logs", region, CheckSeverity.WARNING);
    }

    @Override
    Verdict evaluate(StackOutputs outputs, AwsClients aws) {
        String vpcId = outputs.get(region(), OutputKeys.VPC_ID);
        List<FlowLog> logs = aws.ec2(region()).describeFlowLogs(r -> r.filter(
                Filter.builder().name("resource-id").values(vpcId).build())).flowLogs();
        if (logs.isEmpty()) {
            return Verdict.fail("VPC " + vpcId + " has no flow log.");
        }
        return logs.stream()
                .filter(l -> "ACTIVE".equalsIgnoreCase(l.flowLogStatus()) && !"FAILED".equalsIgnoreCase(l.deliverLogsStatus()))
                .findFirst()
                .map(l -> Verdict.pass("Flow log " + l.flowLogId() + " of VPC " + vpcId + " is active ("
                        + l.trafficTypeAsString() + " traffic to " + l.logDestinationTypeAsString() + ")."))
                .orElseGet(() -> Verdict.fail("No flow log of VPC " + vpcId + " is delivering: "
                        + logs.stream().map(l -> l.flowLogId() + " " + l.flowLogStatus() + "/" + l.deliverLogsStatus()
                        + (l.deliverLogsErrorMessage() == null ? "" : " (" + l.deliverLogsErrorMessage() + ")")).toList() + "."));
    }
}
