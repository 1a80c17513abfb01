package io.tap.reconciler.topology.security;

import com.pulumi.core.Output;
import io.tap.reconciler.topology.Json;

import java.util.List;
import java.util.Map;

import static io.tap.reconciler.topology.Json.obj;

/**
 * IAM policy documents. Trust policies name exactly one service principal; permission statements
 * name their resources by ARN (ARN patterns with {@code *} inside are fine, a bare {@code *} is
 * only for read actions that have no resource-level permissions).
 */
public final class Policies {

    public static final String VERSION = "2012-10-17";

    private Policies() {
    }

    /** A trust policy that lets exactly {@code service} (e.g. {@code lambda.amazonaws.com}) assume the role. */
    public static String trust(String service) {
        return Json.write(obj("Version", VERSION, "Statement", List.of(obj(
                "Effect", "Allow",
                "Principal", obj("Service", service),
                "Action", "sts:AssumeRole"))));
    }

    /** An {@code Allow} statement of {@code actions} on {@code resources} (strings or {@link Output}s). */
    public static Map<String, Object> allow(String sid, List<String> actions, List<?> resources) {
        return obj("Sid", sid, "Effect", "Allow", "Action", actions, "Resource", resources);
    }

    /** A policy document from statements; it resolves once every ARN in it is known. */
    public static Output<String> document(List<Map<String, Object>> statements) {
        return Json.render(obj("Version", VERSION, "Statement", statements));
    }

    /** A bucket/topic statement denying every request that is not over TLS. */
    public static Map<String, Object> denyInsecureTransport(String action, List<?> resources) {
        return obj("Sid", "DenyInsecureTransport", "Effect", "Deny", "Principal", "*", "Action", action,
                "Resource", resources, "Condition", obj("Bool", obj("aws:SecureTransport", "false")));
    }

    /** Permissions to write a Lambda's logs to its own log group. */
    public static Map<String, Object> writeLogs(Output<String> logGroupArn) {
        return allow("WriteOwnLogs", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                List.of(logGroupArn.applyValue(a -> a + ":*")));
    }

    /**
     * Elastic network interfaces for a Lambda in a VPC, scoped to the region's interfaces, the
     * function's subnets and its security group ({@code Describe} has no resource-level scope).
     */
    public static List<Map<String, Object>> vpcAccess(Output<String> networkInterfaces, List<Output<String>> subnetArns,
                                                      Output<String> securityGroupArn) {
        var createOn = new java.util.ArrayList<Object>();
        createOn.add(networkInterfaces);
        createOn.addAll(subnetArns);
        createOn.add(securityGroupArn);
        return List.of(
                allow("CreateVpcInterfaces", List.of("ec2:CreateNetworkInterface"), createOn),
                allow("ManageOwnInterfaces", List.of("ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses",
                        "ec2:UnassignPrivateIpAddresses"), List.of(networkInterfaces)),
                allow("DescribeInterfaces", List.of("ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets",
                        "ec2:DescribeSecurityGroups", "ec2:DescribeVpcs"), List.of("*")));
    }

    /** Use of one KMS key for data keys and decryption. */
    public static Map<String, Object> useKey(Output<String> keyArn) {
        return allow("UseRegionalKey", List.of("kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"), List.of(keyArn));
    }
}
