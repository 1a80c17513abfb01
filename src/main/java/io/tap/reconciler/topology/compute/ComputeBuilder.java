package io.tap.reconciler.topology.compute;

import com.pulumi.aws.acm.Certificate;
import com.pulumi.aws.acm.CertificateArgs;
import com.pulumi.aws.acm.CertificateValidation;
import com.pulumi.aws.acm.CertificateValidationArgs;
import com.pulumi.aws.acm.outputs.CertificateDomainValidationOption;
import com.pulumi.aws.route53.Record;
import com.pulumi.aws.route53.RecordArgs;
import com.pulumi.aws.autoscaling.Group;
import com.pulumi.aws.autoscaling.GroupArgs;
import com.pulumi.aws.autoscaling.inputs.GroupLaunchTemplateArgs;
import com.pulumi.aws.autoscaling.inputs.GroupTagArgs;
import com.pulumi.aws.cloudwatch.EventRule;
import com.pulumi.aws.cloudwatch.EventRuleArgs;
import com.pulumi.aws.cloudwatch.EventTarget;
import com.pulumi.aws.cloudwatch.EventTargetArgs;
import com.pulumi.aws.cloudwatch.MetricAlarm;
import com.pulumi.aws.cloudwatch.MetricAlarmArgs;
import com.pulumi.aws.ec2.LaunchTemplate;
import com.pulumi.aws.ec2.LaunchTemplateArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateBlockDeviceMappingArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateBlockDeviceMappingEbsArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateIamInstanceProfileArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateMetadataOptionsArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateMonitoringArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateNetworkInterfaceArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateTagSpecificationArgs;
import com.pulumi.aws.lambda.Function;
import com.pulumi.aws.lambda.FunctionArgs;
import com.pulumi.aws.lambda.Permission;
import com.pulumi.aws.lambda.PermissionArgs;
import com.pulumi.aws.lambda.inputs.FunctionEnvironmentArgs;
import com.pulumi.aws.lambda.inputs.FunctionLoggingConfigArgs;
import com.pulumi.aws.lambda.inputs.FunctionVpcConfigArgs;
import com.pulumi.aws.lb.Listener;
import com.pulumi.aws.lb.ListenerArgs;
import com.pulumi.aws.lb.LoadBalancer;
import com.pulumi.aws.lb.LoadBalancerArgs;
import com.pulumi.aws.lb.TargetGroup;
import com.pulumi.aws.lb.TargetGroupArgs;
import com.pulumi.aws.lb.inputs.ListenerDefaultActionArgs;
import com.pulumi.aws.lb.inputs.ListenerDefaultActionRedirectArgs;
import com.pulumi.aws.lb.inputs.TargetGroupHealthCheckArgs;
import com.pulumi.core.Output;
import io.tap.reconciler.topology.LambdaCode;
import io.tap.reconciler.topology.RegionScope;
import io.tap.reconciler.topology.monitoring.LogGroups;
import io.tap.reconciler.topology.monitoring.RegionMonitoring;
import io.tap.reconciler.topology.naming.AwsService;
import io.tap.reconciler.topology.networking.Network;
import io.tap.reconciler.topology.security.Policies;
import io.tap.reconciler.topology.security.RegionSecurity;
import io.tap.reconciler.topology.security.Roles;
import io.tap.reconciler.topology.security.SecurityBuilder;
import io.tap.reconciler.topology.security.SecurityGroups;
import io.tap.reconciler.topology.storage.RegionStorage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds a region's {@link RegionCompute} and the app and automation roles' permissions. */
public final class ComputeBuilder {

    /** The listener's TLS policy: TLS 1.3 and 1.2 only. */
    public static final String TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";
    /** Latest Amazon Linux 2023, resolved by EC2 at launch. */
    public static final String IMAGE = "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
    public static final String HEALTH_PATH = "/health";

    private ComputeBuilder() {
    }

    public static RegionCompute build(RegionScope s, Network net, RegionSecurity sec, RegionStorage storage,
                                      RegionMonitoring mon) {
        var spec = s.spec().compute();
        var key = sec.key().key();
        appPolicy(s, sec, storage, mon);

        String ltName = s.physical(AwsService.LAUNCH_TEMPLATE, "app");
        var lt = new LaunchTemplate(s.logical("launch-template-app"), LaunchTemplateArgs.builder()
                .name(ltName)
                .description("TAP application instances")
                .imageId(IMAGE)
                .instanceType(spec.instanceType())
                .updateDefaultVersion(true)
                .iamInstanceProfile(LaunchTemplateIamInstanceProfileArgs.builder().arn(sec.instanceProfile().arn()).build())
                .metadataOptions(LaunchTemplateMetadataOptionsArgs.builder()
                        .httpEndpoint("enabled")
                        .httpTokens("required")
                        .httpPutResponseHopLimit(1)
                        .httpProtocolIpv6("enabled")
                        .instanceMetadataTags("enabled")
                        .build())
                .blockDeviceMappings(LaunchTemplateBlockDeviceMappingArgs.builder()
                        .deviceName("/dev/xvda")
                        .ebs(LaunchTemplateBlockDeviceMappingEbsArgs.builder()
                                .volumeType("gp3")
                                .volumeSize(30)
                                .encrypted("true")
                                .kmsKeyId(key.arn())
                                .deleteOnTermination("true")
                                .build())
                        .build())
                .networkInterfaces(LaunchTemplateNetworkInterfaceArgs.builder()
                        .deviceIndex(0)
                        .associatePublicIpAddress("false")
                        .ipv6AddressCount(1)
                        .securityGroups(Output.all(sec.groups().app().id()))
                        .deleteOnTermination("true")
                        .build())
                .monitoring(LaunchTemplateMonitoringArgs.builder().enabled(true).build())
                .tagSpecifications(
                        LaunchTemplateTagSpecificationArgs.builder().resourceType("instance")
                                .tags(s.tags(AwsService.AUTO_SCALING_GROUP, "app-instance")).build(),
                        LaunchTemplateTagSpecificationArgs.builder().resourceType("volume")
                                .tags(s.tags(AwsService.AUTO_SCALING_GROUP, "app-volume")).build())
                .tags(s.tags(AwsService.LAUNCH_TEMPLATE, "app"))
                .build(), s.opts());

        var tg = new TargetGroup(s.logical("tg-web"), TargetGroupArgs.builder()
                .name(s.physical(AwsService.TARGET_GROUP, "web"))
                .port(spec.appPort())
                .protocol("HTTP")
                .targetType("instance")
                .ipAddressType("ipv4")
                .vpcId(net.vpc().id())
                .deregistrationDelay(30)
                .healthCheck(TargetGroupHealthCheckArgs.builder()
                        .enabled(true)
                        .path(HEALTH_PATH)
                        .protocol("HTTP")
                        .port("traffic-port")
                        .matcher("200")
                        .interval(15)
                        .timeout(5)
                        .healthyThreshold(3)
                        .unhealthyThreshold(3)
                        .build())
                .tags(s.tags(AwsService.TARGET_GROUP, "web"))
                .build(), s.opts());

        var asgTags = new ArrayList<GroupTagArgs>();
        s.tags(AwsService.AUTO_SCALING_GROUP, "app").forEach((k, v) ->
                asgTags.add(GroupTagArgs.builder().key(k).value(v).propagateAtLaunch(true).build()));
        var asg = new Group(s.logical("asg-app"), GroupArgs.builder()
                .name(s.physical(AwsService.AUTO_SCALING_GROUP, "app"))
                .minSize(spec.min())
                .maxSize(spec.max())
                .desiredCapacity(spec.desired())
                .vpcZoneIdentifiers(Output.all(net.privateSubnets().stream().map(x -> x.id()).toList()))
                .launchTemplate(GroupLaunchTemplateArgs.builder().id(lt.id()).version("$Latest").build())
                .targetGroupArns(Output.all(tg.arn()))
                .healthCheckType("ELB")
                .healthCheckGracePeriod(300)
                .enabledMetrics(List.of("GroupInServiceInstances", "GroupDesiredCapacity", "GroupMinSize", "GroupMaxSize"))
                .tags(asgTags)
                .build(), s.opts());

        var alb = new LoadBalancer(s.logical("alb-web"), LoadBalancerArgs.builder()
                .name(s.physical(AwsService.LOAD_BALANCER, "web"))
                .loadBalancerType("application")
                .internal(false)
                .ipAddressType("dualstack")
                .subnets(Output.all(net.publicSubnets().stream().map(x -> x.id()).toList()))
                .securityGroups(Output.all(sec.groups().alb().id()))
                .dropInvalidHeaderFields(true)
                .enableDeletionProtection(true)
                .enableHttp2(true)
                .tags(s.tags(AwsService.LOAD_BALANCER, "web"))
                .build(), s.opts(net.internetGateway()));

        String domain = s.name() + "." + s.spec().domainName();
        var cert = new Certificate(s.logical("acm-web"), CertificateArgs.builder()
                .domainName(domain)
                .validationMethod("DNS")
                .keyAlgorithm("EC_prime256v1")
                .tags(s.tags(AwsService.CERTIFICATE, "web"))
                .build(), s.opts());
        var validation = CertificateValidationArgs.builder().certificateArn(cert.arn());
        if (s.spec().hostedZoneId() != null) {
            validation.validationRecordFqdns(validationRecord(s, cert).fqdn().applyValue(List::of));
        }
        var validated = new CertificateValidation(s.logical("acm-web-validation"), validation.build(), s.opts());

        var https = new Listener(s.logical("listener-https"), ListenerArgs.builder()
                .loadBalancerArn(alb.arn())
                .port(SecurityGroups.HTTPS)
                .protocol("HTTPS")
                .sslPolicy(TLS_POLICY)
                .certificateArn(validated.certificateArn())
                .defaultActions(ListenerDefaultActionArgs.builder().type("forward").targetGroupArn(tg.arn()).build())
                .tags(s.tags(AwsService.LISTENER, "https"))
                .build(), s.opts());
        var redirect = new Listener(s.logical("listener-http-redirect"), ListenerArgs.builder()
                .loadBalancerArn(alb.arn())
                .port(SecurityGroups.HTTP)
                .protocol("HTTP")
                .defaultActions(ListenerDefaultActionArgs.builder().type("redirect")
                        .redirect(ListenerDefaultActionRedirectArgs.builder()
                                .protocol("HTTPS").port(String.valueOf(SecurityGroups.HTTPS)).statusCode("HTTP_301").build())
                        .build())
                .tags(s.tags(AwsService.LISTENER, "http-redirect"))
                .build(), s.opts());

        var automation = automation(s, net, sec, mon, asg);
        var alarms = List.of(
                alarm(s, mon, "alb-unhealthy-targets", "Targets behind the ALB are failing health checks",
                        "AWS/ApplicationELB", "UnHealthyHostCount", "Maximum", 1.0, "GreaterThanOrEqualToThreshold", 2,
                        Output.tuple(alb.arnSuffix(), tg.arnSuffix()).applyValue(t -> Map.of("LoadBalancer", t.t1, "TargetGroup", t.t2))),
                alarm(s, mon, "alb-5xx", "The ALB itself returns 5xx responses",
                        "AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", "Sum", 10.0, "GreaterThanOrEqualToThreshold", 1,
                        alb.arnSuffix().applyValue(a -> Map.of("LoadBalancer", a))),
                alarm(s, mon, "rds-free-storage", "The PostgreSQL primary has less than 10 GiB free",
                        "AWS/RDS", "FreeStorageSpace", "Minimum", 10.0 * 1024 * 1024 * 1024, "LessThanThreshold", 1,
                        storage.database().identifier().applyValue(id -> Map.of("DBInstanceIdentifier", id))),
                alarm(s, mon, "lambda-automation-errors", "The automation Lambda fails",
                        "AWS/Lambda", "Errors", "Sum", 1.0, "GreaterThanOrEqualToThreshold", 1,
                        automation.name().applyValue(n -> Map.of("FunctionName", n))));
        return new RegionCompute(lt, asg, alb, tg, https, redirect, cert, automation, alarms);
    }

    private static MetricAlarm alarm(RegionScope s, RegionMonitoring mon, String id, String description, String namespace,
                                     String metric, String statistic, double threshold, String comparison, int periods,
                                     Output<Map<String, String>> dimensions) {
        return new MetricAlarm(s.logical("alarm-" + id), MetricAlarmArgs.builder()
                .name(s.physical(AwsService.ALARM, id))
                .alarmDescription(description)
                .namespace(namespace)
                .metricName(metric)
                .dimensions(dimensions)
                .statistic(statistic)
                .period(300)
                .evaluationPeriods(periods)
                .threshold(threshold)
                .comparisonOperator(comparison)
                .treatMissingData("notBreaching")
                .alarmActions(Output.all(mon.alertTopic().arn()))
                .okActions(Output.all(mon.alertTopic().arn()))
                .tags(s.tags(AwsService.ALARM, id))
                .build(), s.opts());
    }

    /** The CNAME that proves control of the certificate's (single) domain, in the configured zone. */
    private static Record validationRecord(RegionScope s, Certificate cert) {
        Output<CertificateDomainValidationOption> option = cert.domainValidationOptions().applyValue(list -> list.get(0));
        return new Record(s.logical("acm-web-validation-record"), RecordArgs.builder()
                .zoneId(s.spec().hostedZoneId())
                .name(option.applyValue(o -> o.resourceRecordName().orElseThrow()))
                .type("CNAME")
                .records(option.applyValue(o -> List.of(o.resourceRecordValue().orElseThrow())))
                .ttl(300)
                .allowOverwrite(true)
                .build(), s.opts());
    }

    /** The instances' permissions: their bucket, session table, database secret, key and log group. */
    private static void appPolicy(RegionScope s, RegionSecurity sec, RegionStorage storage, RegionMonitoring mon) {
        var bucket = storage.data().bucket();
        Output<String> dbSecret = storage.database().masterUserSecrets()
                .applyValue(list -> list == null || list.isEmpty() ? "" : list.get(0).secretArn().orElse(""));
        Roles.inline(s, sec.appRole(), "app", List.of(
                Policies.allow("ListDataBucket", List.of("s3:ListBucket"), List.of(bucket.arn())),
                Policies.allow("ReadWriteDataObjects", List.of("s3:GetObject", "s3:PutObject", "s3:GetObjectVersion"),
                        List.of(bucket.arn().applyValue(a -> a + "/*"))),
                Policies.allow("UseSessionTable", List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
                        "dynamodb:DeleteItem", "dynamodb:Query"), List.of(storage.sessionTable().arn())),
                Policies.allow("ReadDatabaseCredentials", List.of("secretsmanager:GetSecretValue",
                        "secretsmanager:DescribeSecret"), List.of(dbSecret)),
                Policies.useKey(sec.key().key().arn()),
                Policies.allow("WriteAppLogs", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                        List.of(mon.appLogGroup().arn().applyValue(a -> a + ":*")))));
    }

    private static Function automation(RegionScope s, Network net, RegionSecurity sec, RegionMonitoring mon, Group asg) {
        String name = s.physical(AwsService.LAMBDA, "automation");
        var key = sec.key().key();
        var logGroup = LogGroups.create(s, "lambda-automation", LogGroups.lambdaLogGroupName(name), key);
        var statements = new ArrayList<Map<String, Object>>();
        statements.add(Policies.allow("ReadAutoScalingGroups", List.of("autoscaling:DescribeAutoScalingGroups"), List.of("*")));
        statements.add(Policies.allow("PublishAlerts", List.of("sns:Publish"), List.of(mon.alertTopic().arn())));
        statements.add(Policies.useKey(key.arn()));
        statements.add(Policies.writeLogs(logGroup.arn()));
        statements.addAll(SecurityBuilder.vpcAccess(s, net, sec.groups().lambda().id()));
        var policy = Roles.inline(s, sec.automationRole(), "automation", statements);

        var function = new Function(s.logical("lambda-automation"), FunctionArgs.builder()
                .name(name)
                .description("Alerts when the application tier is under capacity")
                .runtime("python3.12")
                .handler("index.handler")
                .code(LambdaCode.archive("automation.py"))
                .role(sec.automationRole().arn())
                .timeout(60)
                .memorySize(128)
                .kmsKeyArn(key.arn())
                .environment(FunctionEnvironmentArgs.builder()
                        .variables(Output.tuple(asg.name(), mon.alertTopic().arn())
                                .applyValue(t -> Map.of("ASG_NAME", t.t1, "TOPIC_ARN", t.t2)))
                        .build())
                .vpcConfig(FunctionVpcConfigArgs.builder()
                        .subnetIds(Output.all(net.privateSubnets().stream().map(x -> x.id()).toList()))
                        .securityGroupIds(Output.all(sec.groups().lambda().id()))
                        .build())
                .loggingConfig(FunctionLoggingConfigArgs.builder().logFormat("JSON").logGroup(logGroup.name()).build())
                .tags(s.tags(AwsService.LAMBDA, "automation"))
                .build(), s.opts(policy, logGroup));
        var schedule = new EventRule(s.logical("events-automation"), EventRuleArgs.builder()
                .name(s.physical(AwsService.EVENT_RULE, "automation"))
                .description("Runs the automation Lambda every 5 minutes")
                .scheduleExpression("rate(5 minutes)")
                .tags(s.tags(AwsService.EVENT_RULE, "automation"))
                .build(), s.opts());
        var permission = new Permission(s.logical("lambda-automation-invoke"), PermissionArgs.builder()
                .function(function.name())
                .action("lambda:InvokeFunction")
                .principal("events.amazonaws.com")
                .sourceArn(schedule.arn())
                .build(), s.opts());
        new EventTarget(s.logical("events-automation-target"), EventTargetArgs.builder()
                .rule(schedule.name())
                .arn(function.arn())
                .build(), s.opts(permission));
        return function;
    }
}
