package io.tap.reconciler.topology.security;

import com.pulumi.aws.iam.InstanceProfile;
import com.pulumi.aws.iam.InstanceProfileArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.lambda.Function;
import com.pulumi.aws.lambda.FunctionArgs;
import com.pulumi.aws.lambda.Permission;
import com.pulumi.aws.lambda.PermissionArgs;
import com.pulumi.aws.lambda.inputs.FunctionEnvironmentArgs;
import com.pulumi.aws.lambda.inputs.FunctionLoggingConfigArgs;
import com.pulumi.aws.lambda.inputs.FunctionVpcConfigArgs;
import com.pulumi.aws.secretsmanager.Secret;
import com.pulumi.aws.secretsmanager.SecretArgs;
import com.pulumi.aws.secretsmanager.SecretRotation;
import com.pulumi.aws.secretsmanager.SecretRotationArgs;
import com.pulumi.aws.secretsmanager.inputs.SecretRotationRotationRulesArgs;
import com.pulumi.core.Output;
import io.tap.reconciler.topology.LambdaCode;
import io.tap.reconciler.topology.RegionScope;
import io.tap.reconciler.topology.monitoring.LogGroups;
import io.tap.reconciler.topology.naming.AwsService;
import io.tap.reconciler.topology.networking.Network;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds a region's {@link RegionSecurity}: KMS key, security groups, roles, the rotated secret. */
public final class SecurityBuilder {

    /** Days between automatic rotations of the application secret. */
    public static final int ROTATION_DAYS = 30;

    private SecurityBuilder() {
    }

    public static RegionSecurity build(RegionScope s, Network net) {
        var key = KmsKeys.build(s);
        var groups = SecurityGroups.build(s, net);
        Role app = Roles.role(s, "app", "ec2.amazonaws.com", "TAP application instances");
        var profile = new InstanceProfile(s.logical("instance-profile-app"), InstanceProfileArgs.builder()
                .name(s.physical(AwsService.INSTANCE_PROFILE, "app"))
                .role(app.name())
                .tags(s.tags(AwsService.INSTANCE_PROFILE, "app"))
                .build(), s.opts());
        Role automation = Roles.role(s, "automation", "lambda.amazonaws.com", "TAP automation Lambda");
        Role flowLogs = Roles.role(s, "flowlogs", "vpc-flow-logs.amazonaws.com", "VPC flow logs delivery");
        Role config = Roles.role(s, "config", "config.amazonaws.com", "AWS Config recorder");

        var secret = new Secret(s.logical("secret-app"), SecretArgs.builder()
                .name(s.physical(AwsService.SECRET, "app"))
                .description("TAP application API credential, rotated every " + ROTATION_DAYS + " days")
                .kmsKeyId(key.key().arn())
                .recoveryWindowInDays(30)
                .tags(s.tags(AwsService.SECRET, "app"))
                .build(), s.opts());
        Function rotation = rotation(s, net, key, groups, secret);
        return new RegionSecurity(key, groups, app, profile, automation, flowLogs, config, secret, rotation);
    }

    private static Function rotation(RegionScope s, Network net, KmsKeys.RegionalKey key, SecurityGroups.Groups groups,
                                     Secret secret) {
        String name = s.physical(AwsService.LAMBDA, "rotation");
        var logGroup = LogGroups.create(s, "lambda-rotation", LogGroups.lambdaLogGroupName(name), key.key());
        Role role = Roles.role(s, "rotation", "lambda.amazonaws.com", "Rotates the TAP application secret");
        var statements = new ArrayList<Map<String, Object>>();
        statements.add(Policies.allow("RotateOwnSecret", List.of("secretsmanager:DescribeSecret",
                "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue",
                "secretsmanager:UpdateSecretVersionStage"), List.of(secret.arn())));
        statements.add(Policies.allow("GenerateRandomPassword", List.of("secretsmanager:GetRandomPassword"), List.of("*")));
        statements.add(Policies.useKey(key.key().arn()));
        statements.add(Policies.writeLogs(logGroup.arn()));
        statements.addAll(vpcAccess(s, net, groups.rotation().id()));
        var policy = Roles.inline(s, role, "rotation", statements);

        var function = new Function(s.logical("lambda-rotation"), FunctionArgs.builder()
                .name(name)
                .description("Rotates " + s.physical(AwsService.SECRET, "app"))
                .runtime("python3.12")
                .handler("index.handler")
                .code(LambdaCode.archive("rotation.py"))
                .role(role.arn())
                .timeout(60)
                .memorySize(128)
                .kmsKeyArn(key.key().arn())
                .environment(FunctionEnvironmentArgs.builder()
                        .variables(Map.of("SECRETS_MANAGER_ENDPOINT", "https://secretsmanager." + s.name() + ".amazonaws.com"))
                        .build())
                .vpcConfig(FunctionVpcConfigArgs.builder()
                        .subnetIds(Output.all(net.privateSubnets().stream().map(x -> x.id()).toList()))
                        .securityGroupIds(Output.all(groups.rotation().id()))
                        .build())
                .loggingConfig(FunctionLoggingConfigArgs.builder().logFormat("JSON").logGroup(logGroup.name()).build())
                .tags(s.tags(AwsService.LAMBDA, "rotation"))
                .build(), s.opts(policy, logGroup));
        var permission = new Permission(s.logical("lambda-rotation-invoke"), PermissionArgs.builder()
                .function(function.name())
                .action("lambda:InvokeFunction")
                .principal("secretsmanager.amazonaws.com")
                .sourceArn(secret.arn())
                .build(), s.opts());
        new SecretRotation(s.logical("secret-app-rotation"), SecretRotationArgs.builder()
                .secretId(secret.id())
                .rotationLambdaArn(function.arn())
                .rotationRules(SecretRotationRotationRulesArgs.builder().automaticallyAfterDays(ROTATION_DAYS).build())
                .build(), s.opts(permission));
        return function;
    }

    /** ENI permissions for a Lambda in the region's private subnets with security group {@code sgId}. */
    public static List<Map<String, Object>> vpcAccess(RegionScope s, Network net, Output<String> sgId) {
        List<Output<String>> subnetArns = net.privateSubnets().stream().map(x -> x.arn()).toList();
        return Policies.vpcAccess(s.arn("ec2", "network-interface/*"), subnetArns,
                sgId.applyValue(id -> id).apply(id -> s.arn("ec2", "security-group/" + id)));
    }
}
