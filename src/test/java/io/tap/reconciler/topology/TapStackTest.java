package io.tap.reconciler.topology;

import io.tap.reconciler.topology.OfflineMocks.Registration;
import io.tap.reconciler.topology.compute.ComputeBuilder;
import io.tap.reconciler.topology.monitoring.MonitoringBuilder;
import io.tap.reconciler.topology.naming.Tags;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.tap.reconciler.topology.Rendered.json;
import static io.tap.reconciler.topology.Rendered.list;
import static io.tap.reconciler.topology.Rendered.map;
import static org.assertj.core.api.Assertions.assertThat;

/** The seed's unit-test list, against the default three-region estate rendered under mocks. */
class TapStackTest {

    static final List<String> REGIONS = List.of("us-east-1", "us-west-2", "ap-south-1");
    static final Map<String, Integer> AZS = Map.of("us-east-1", 3, "us-west-2", 3, "ap-south-1", 2);
    static TopologyRender.Result r;

    @BeforeAll
    static void render() {
        r = Rendered.threeRegions();
    }

    private static List<Registration> of(String type, String region) {
        return r.ofType(type, region);
    }

    private static Registration in(String region, String what) {
        return r.named(region + "-" + what);
    }

    /** A value of a region's output object. */
    private static Object out(String region, String key) {
        return map(r.outputs().get(region)).get(key);
    }

    private static String str(Registration x, String key) {
        return String.valueOf(x.inputs().get(key));
    }

    private static int num(Object o) {
        return ((Number) o).intValue();
    }

    // ---- every required resource, in every region, with counts ------------------------------

    @Test
    void everyRegionHasEveryPartWithTheRightCounts() {
        for (String region : REGIONS) {
            int azs = AZS.get(region);
            boolean primary = region.equals("us-east-1");
            Map<String, Integer> expected = new java.util.LinkedHashMap<>();
            expected.put("aws:ec2/vpc:Vpc", 1);
            expected.put("aws:ec2/subnet:Subnet", 2 * azs);
            expected.put("aws:ec2/internetGateway:InternetGateway", 1);
            expected.put("aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway", 1);
            expected.put("aws:ec2/natGateway:NatGateway", azs);
            expected.put("aws:ec2/eip:Eip", azs);
            expected.put("aws:ec2/routeTable:RouteTable", 1 + azs);
            expected.put("aws:ec2/routeTableAssociation:RouteTableAssociation", 2 * azs);
            // defaults (2 public + 2 per private table) + peering (2 families × tables × 2 peers)
            expected.put("aws:ec2/route:Route", 2 + 2 * azs + 2 * (1 + azs) * 2);
            expected.put("aws:ec2/vpcPeeringConnection:VpcPeeringConnection", REGIONS.indexOf(region) == 0 ? 2 : REGIONS.indexOf(region) == 1 ? 1 : 0);
            expected.put("aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter", REGIONS.indexOf(region));
            expected.put("aws:ec2/flowLog:FlowLog", 1);
            expected.put("aws:ec2/securityGroup:SecurityGroup", 5);
            expected.put("aws:kms/key:Key", 1);
            expected.put("aws:kms/alias:Alias", 1);
            expected.put("aws:iam/role:Role", primary ? 7 : 5);
            expected.put("aws:iam/instanceProfile:InstanceProfile", 1);
            expected.put("aws:secretsmanager/secret:Secret", 1);
            expected.put("aws:secretsmanager/secretRotation:SecretRotation", 1);
            expected.put("aws:s3/bucketV2:BucketV2", primary ? 2 : 1);
            expected.put("aws:s3/bucketVersioningV2:BucketVersioningV2", primary ? 2 : 1);
            expected.put("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", primary ? 2 : 1);
            expected.put("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", primary ? 2 : 1);
            expected.put("aws:s3/bucketPolicy:BucketPolicy", primary ? 2 : 1);
            expected.put("aws:s3/bucketReplicationConfig:BucketReplicationConfig", primary ? 1 : 0);
            expected.put("aws:rds/instance:Instance", 2);
            expected.put("aws:rds/parameterGroup:ParameterGroup", 1);
            expected.put("aws:rds/subnetGroup:SubnetGroup", 1);
            expected.put("aws:dynamodb/table:Table", 1);
            expected.put("aws:ebs/encryptionByDefault:EncryptionByDefault", 1);
            expected.put("aws:ebs/defaultKmsKey:DefaultKmsKey", 1);
            expected.put("aws:cloudwatch/logGroup:LogGroup", primary ? 5 : 4);
            expected.put("aws:cloudwatch/logMetricFilter:LogMetricFilter", primary ? 3 : 0);
            expected.put("aws:cloudwatch/metricAlarm:MetricAlarm", primary ? 7 : 4);
            expected.put("aws:cloudtrail/trail:Trail", primary ? 1 : 0);
            expected.put("aws:cfg/recorder:Recorder", 1);
            expected.put("aws:cfg/deliveryChannel:DeliveryChannel", 1);
            expected.put("aws:cfg/recorderStatus:RecorderStatus", 1);
            expected.put("aws:cfg/rule:Rule", MonitoringBuilder.CONFIG_RULES.size());
            expected.put("aws:sns/topic:Topic", 1);
            expected.put("aws:sns/topicPolicy:TopicPolicy", 1);
            expected.put("aws:ec2/launchTemplate:LaunchTemplate", 1);
            expected.put("aws:autoscaling/group:Group", 1);
            expected.put("aws:lb/loadBalancer:LoadBalancer", 1);
            expected.put("aws:lb/targetGroup:TargetGroup", 1);
            expected.put("aws:lb/listener:Listener", 2);
            expected.put("aws:acm/certificate:Certificate", 1);
            expected.put("aws:acm/certificateValidation:CertificateValidation", 1);
            expected.put("aws:lambda/function:Function", 2);
            expected.put("aws:lambda/permission:Permission", 2);
            expected.put("aws:cloudwatch/eventRule:EventRule", 1);
            expected.put("aws:cloudwatch/eventTarget:EventTarget", 1);
            for (var e : expected.entrySet()) {
                assertThat(of(e.getKey(), region)).as(region + " " + e.getKey()).hasSize(e.getValue());
            }
            Set<String> unexpected = r.resources().stream().filter(x -> region.equals(x.region()))
                    .map(Registration::type).filter(t -> !expected.containsKey(t)).collect(Collectors.toCollection(java.util.TreeSet::new));
            assertThat(unexpected).as("types without an expected count")
                    .containsExactlyInAnyOrder("pulumi:providers:aws", "aws:iam/rolePolicy:RolePolicy",
                            "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
                            "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                            "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule");
        }
        assertThat(r.resources().stream().map(Registration::name).distinct()).hasSize(r.resources().size());
    }

    // ---- provider per region ------------------------------------------------------------------

    @Test
    void eachRegionHasItsOwnExplicitProviderWithDefaultTags() {
        var providers = r.ofType("pulumi:providers:aws");
        assertThat(providers).extracting(Registration::name).containsExactly("aws-us-east-1", "aws-us-west-2", "aws-ap-south-1");
        for (Registration p : providers) {
            assertThat(p.inputs().get("region")).isEqualTo(p.name().substring(4));
            assertThat(p.tags()).containsAllEntriesOf(new Tags("PROD", "platform-team", "CC-1042", "TAP").required());
        }
        for (Registration x : r.resources()) {
            if (x.type().startsWith("pulumi:providers")) {
                continue;
            }
            assertThat(x.provider()).as(x.name() + " has an explicit provider").isEqualTo("aws-" + x.region());
            assertThat(x.name()).as("logical names start with the region").startsWith(x.region() + "-");
        }
    }

    // ---- naming -----------------------------------------------------------------------------

    /** AWS's rules for each named type: (name input, pattern). */
    static final Map<String, Pattern> AWS_NAME_RULES = Map.ofEntries(
            Map.entry("aws:s3/bucketV2:BucketV2", Pattern.compile("(?=.{3,63}$)[a-z0-9][a-z0-9-]*[a-z0-9]")),
            Map.entry("aws:rds/instance:Instance", Pattern.compile("(?=.{1,63}$)[a-z](?!.*--)[a-z0-9-]*[a-z0-9]")),
            Map.entry("aws:rds/parameterGroup:ParameterGroup", Pattern.compile("(?=.{1,255}$)[a-z](?!.*--)[a-z0-9-]*[a-z0-9]")),
            Map.entry("aws:rds/subnetGroup:SubnetGroup", Pattern.compile("(?=.{1,255}$)[a-z0-9 ._-]+")),
            Map.entry("aws:lb/loadBalancer:LoadBalancer", Pattern.compile("(?=.{1,32}$)(?!internal-)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?")),
            Map.entry("aws:lb/targetGroup:TargetGroup", Pattern.compile("(?=.{1,32}$)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?")),
            Map.entry("aws:iam/role:Role", Pattern.compile("[\\w+=,.@-]{1,64}")),
            Map.entry("aws:iam/rolePolicy:RolePolicy", Pattern.compile("[\\w+=,.@-]{1,128}")),
            Map.entry("aws:iam/instanceProfile:InstanceProfile", Pattern.compile("[\\w+=,.@-]{1,128}")),
            Map.entry("aws:lambda/function:Function", Pattern.compile("[A-Za-z0-9_-]{1,64}")),
            Map.entry("aws:ec2/securityGroup:SecurityGroup", Pattern.compile("(?!sg-)[A-Za-z0-9 ._\\-:/()#,@\\[\\]+=&;{}!$*]{1,255}")),
            Map.entry("aws:kms/alias:Alias", Pattern.compile("alias/(?!aws/)[A-Za-z0-9/_-]{1,250}")),
            Map.entry("aws:sns/topic:Topic", Pattern.compile("[A-Za-z0-9_-]{1,256}")),
            Map.entry("aws:dynamodb/table:Table", Pattern.compile("[A-Za-z0-9_.-]{3,255}")),
            Map.entry("aws:secretsmanager/secret:Secret", Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}")),
            Map.entry("aws:cloudwatch/logGroup:LogGroup", Pattern.compile("[A-Za-z0-9._/#-]{1,512}")),
            Map.entry("aws:cloudwatch/logMetricFilter:LogMetricFilter", Pattern.compile("[^:*]{1,512}")),
            Map.entry("aws:cloudwatch/metricAlarm:MetricAlarm", Pattern.compile(".{1,255}")),
            Map.entry("aws:cloudtrail/trail:Trail", Pattern.compile("(?=.{3,128}$)[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]")),
            Map.entry("aws:cfg/recorder:Recorder", Pattern.compile(".{1,256}")),
            Map.entry("aws:cfg/deliveryChannel:DeliveryChannel", Pattern.compile(".{1,256}")),
            Map.entry("aws:cfg/rule:Rule", Pattern.compile("[A-Za-z0-9._-]{1,128}")),
            Map.entry("aws:autoscaling/group:Group", Pattern.compile("[^:]{1,255}")),
            Map.entry("aws:ec2/launchTemplate:LaunchTemplate", Pattern.compile("[A-Za-z0-9().\\/_-]{3,128}")),
            Map.entry("aws:cloudwatch/eventRule:EventRule", Pattern.compile("[A-Za-z0-9._-]{1,64}")));

    @Test
    void everyNamedResourceFollowsTheConventionAndAwsRules() {
        int checked = 0;
        for (Registration x : r.resources()) {
            Pattern rule = AWS_NAME_RULES.get(x.type());
            Object name = x.inputs().get(x.type().equals("aws:s3/bucketV2:BucketV2") ? "bucket"
                    : x.type().equals("aws:rds/instance:Instance") ? "identifier" : "name");
            if (rule == null) {
                assertThat(x.inputs().get("name")).as(x.type() + " has a name input but no rule").satisfiesAnyOf(
                        n -> assertThat(n).isNull(),
                        n -> assertThat(x.type()).isIn("pulumi:providers:aws", "aws:cfg/recorderStatus:RecorderStatus"));
                continue;
            }
            assertThat(name).as(x.name() + " has a physical name").isInstanceOf(String.class);
            String n = (String) name;
            assertThat(n).as(x.type() + " " + x.name()).matches(rule);
            String bare = n.replaceFirst("^alias/", "").replaceFirst("^/aws/lambda/", "");
            assertThat(bare).as("convention of " + x.name())
                    .matches("(?i)prod-[a-z0-9]+-.+-" + Pattern.quote(x.region()));
            checked++;
        }
        assertThat(checked).isGreaterThan(100);
        assertThat(in("us-east-1", "s3-tap-data").inputs().get("bucket")).isEqualTo("prod-s3-tap-data-us-east-1");
        assertThat(in("us-east-1", "rds-main").inputs().get("identifier")).isEqualTo("prod-rds-main-us-east-1");
        assertThat(in("ap-south-1", "alb-web").inputs().get("name")).isEqualTo("PROD-alb-web-ap-south-1");
        assertThat(in("us-west-2", "sns-alerts").inputs().get("name")).isEqualTo("PROD-sns-alerts-us-west-2");
    }

    @Test
    void resourcesWithoutANameCarryTheConventionalNameTag() {
        for (String type : List.of("aws:ec2/vpc:Vpc", "aws:ec2/subnet:Subnet", "aws:ec2/natGateway:NatGateway",
                "aws:ec2/routeTable:RouteTable", "aws:ec2/internetGateway:InternetGateway")) {
            for (Registration x : r.ofType(type)) {
                assertThat(x.tags().get("Name")).as(x.name()).matches("PROD-[a-z]+-.+-" + Pattern.quote(x.region()));
            }
        }
        assertThat(in("us-east-1", "subnet-private-c").tags()).containsEntry("Name", "PROD-subnet-private-c-us-east-1");
    }

    // ---- tags ---------------------------------------------------------------------------------

    @Test
    void everyTaggableResourceCarriesTheRequiredTagsAndAName() {
        var required = new Tags("PROD", "platform-team", "CC-1042", "TAP").required();
        int taggable = 0;
        for (Registration x : r.resources()) {
            if (!Rendered.taggable(x.type())) {
                continue;
            }
            taggable++;
            assertThat(x.tags()).as(x.type() + " " + x.name()).containsAllEntriesOf(required).containsKey("Name");
        }
        assertThat(taggable).isGreaterThan(240);
        var asgTags = list(in("us-east-1", "asg-app").inputs().get("tags"));
        assertThat(asgTags).allSatisfy(t -> assertThat(map(t)).containsEntry("propagateAtLaunch", true));
        var lt = in("us-east-1", "launch-template-app");
        assertThat(list(lt.inputs().get("tagSpecifications"))).extracting(t -> map(t).get("resourceType"))
                .containsExactlyInAnyOrder("instance", "volume");
        assertThat(list(lt.inputs().get("tagSpecifications")))
                .allSatisfy(t -> assertThat(map(map(t).get("tags"))).containsAllEntriesOf(required));
    }

    // ---- security groups ----------------------------------------------------------------------

    record Rule(String group, String direction, int port, String source) {
    }

    private static List<Rule> rules(String region) {
        Map<String, String> groupNames = new java.util.HashMap<>();
        for (Registration sg : of("aws:ec2/securityGroup:SecurityGroup", region)) {
            groupNames.put(idOf(sg), sg.name().substring(region.length() + 4));
        }
        var rules = new ArrayList<Rule>();
        for (String dir : List.of("Ingress", "Egress")) {
            for (Registration x : of("aws:vpc/securityGroup" + dir + "Rule:SecurityGroup" + dir + "Rule", region)) {
                assertThat(x.inputs().get("ipProtocol")).isEqualTo("tcp");
                assertThat(x.inputs().get("fromPort")).isEqualTo(x.inputs().get("toPort"));
                Object ref = x.inputs().get("referencedSecurityGroupId");
                String source = ref != null ? "sg:" + groupNames.get(ref)
                        : x.inputs().get("cidrIpv4") != null ? str(x, "cidrIpv4") : str(x, "cidrIpv6");
                rules.add(new Rule(groupNames.get(str(x, "securityGroupId")), dir.toLowerCase(), num(x.inputs().get("fromPort")), source));
            }
        }
        return rules;
    }

    /** The id the mocks gave a resource (the same hash the mock uses). */
    private static String idOf(Registration x) {
        return "sg-" + OfflineMocks.hash(x.name(), 17);
    }

    @Test
    void securityGroupsAreLeastPrivilege() {
        for (String region : REGIONS) {
            var rules = rules(region);
            assertThat(rules).containsExactlyInAnyOrder(
                    new Rule("alb", "ingress", 443, "0.0.0.0/0"), new Rule("alb", "ingress", 443, "::/0"),
                    new Rule("alb", "ingress", 80, "0.0.0.0/0"), new Rule("alb", "ingress", 80, "::/0"),
                    new Rule("alb", "egress", 8080, "sg:app"),
                    new Rule("app", "ingress", 8080, "sg:alb"),
                    new Rule("app", "egress", 443, "0.0.0.0/0"), new Rule("app", "egress", 443, "::/0"),
                    new Rule("app", "egress", 5432, "sg:db"),
                    new Rule("db", "ingress", 5432, "sg:app"), new Rule("db", "ingress", 5432, "sg:lambda"),
                    new Rule("lambda", "egress", 443, "0.0.0.0/0"), new Rule("lambda", "egress", 443, "::/0"),
                    new Rule("lambda", "egress", 5432, "sg:db"),
                    new Rule("rotation", "egress", 443, "0.0.0.0/0"), new Rule("rotation", "egress", 443, "::/0"));
            assertThat(rules).noneMatch(x -> x.port() == 22);
            assertThat(rules).filteredOn(x -> x.direction().equals("ingress") && !x.source().startsWith("sg:"))
                    .allMatch(x -> x.group().equals("alb"));
            for (Registration sg : of("aws:ec2/securityGroup:SecurityGroup", region)) {
                assertThat(sg.inputs()).as("no inline rules, so AWS's default egress is removed")
                        .doesNotContainKeys("ingress", "egress");
            }
        }
    }

    // ---- IAM ----------------------------------------------------------------------------------

    static final Pattern READ_ONLY = Pattern.compile("[a-z0-9-]+:(Describe|Get|List)[A-Za-z]*");

    @Test
    void everyRoleIsTrustedByExactlyOneServicePrincipal() {
        var roles = r.ofType("aws:iam/role:Role");
        assertThat(roles).hasSize(17);
        Set<String> services = new HashSet<>();
        for (Registration role : roles) {
            JsonNode trust = json(role.inputs().get("assumeRolePolicy"));
            assertThat(trust.get("Statement")).as(role.name()).hasSize(1);
            JsonNode st = trust.get("Statement").get(0);
            assertThat(st.get("Effect").asString()).isEqualTo("Allow");
            assertThat(st.get("Action").asString()).isEqualTo("sts:AssumeRole");
            assertThat(st.get("Principal").propertyNames()).containsExactly("Service");
            assertThat(st.get("Principal").get("Service").isString()).as("one service, not a list").isTrue();
            services.add(st.get("Principal").get("Service").asString());
        }
        assertThat(services).containsExactlyInAnyOrder("ec2.amazonaws.com", "lambda.amazonaws.com",
                "vpc-flow-logs.amazonaws.com", "config.amazonaws.com", "s3.amazonaws.com", "cloudtrail.amazonaws.com");
    }

    @Test
    void policiesAreScopedToArnsAndNeverWriteToEverything() {
        var policies = r.ofType("aws:iam/rolePolicy:RolePolicy");
        assertThat(policies).hasSizeGreaterThanOrEqualTo(17);
        for (Registration p : policies) {
            for (JsonNode st : json(p.inputs().get("policy")).get("Statement")) {
                assertThat(st.get("Effect").asString()).isEqualTo("Allow");
                List<String> actions = new ArrayList<>();
                st.get("Action").forEach(a -> actions.add(a.asString()));
                assertThat(actions).as(p.name()).noneMatch(a -> a.equals("*") || a.endsWith(":*"));
                List<String> resources = new ArrayList<>();
                st.get("Resource").forEach(a -> resources.add(a.asString()));
                assertThat(resources).as(p.name() + " " + st.get("Sid")).isNotEmpty().allMatch(x -> x.equals("*") || x.startsWith("arn:aws:"));
                if (resources.contains("*")) {
                    assertThat(actions).as(p.name() + " " + st.get("Sid") + " may use * only for reads").allMatch(a -> READ_ONLY.matcher(a).matches());
                }
            }
        }
        var attachments = r.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment");
        assertThat(attachments).extracting(x -> x.inputs().get("policyArn")).containsOnly(MonitoringBuilder.CONFIG_MANAGED_POLICY);
        var app = json(in("us-east-1", "policy-app").inputs().get("policy"));
        assertThat(app.findValuesAsString("Sid")).contains("ReadWriteDataObjects", "UseSessionTable", "ReadDatabaseCredentials");
        assertThat(app.toString()).contains("arn:aws:s3:::prod-s3-tap-data-us-east-1/*", ":table/PROD-dynamodb-sessions-us-east-1",
                ":secret:rds!db-");
    }

    // ---- encryption at rest -------------------------------------------------------------------

    @Test
    void everythingIsEncryptedAtRestWithTheRegionalKey() {
        for (String region : REGIONS) {
            String key = "arn:aws:kms:" + region + ":" + OfflineMocks.ACCOUNT + ":key/";
            var kms = in(region, "kms-key");
            assertThat(kms.inputs()).containsEntry("enableKeyRotation", true);
            assertThat(of("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", region))
                    .allSatisfy(x -> {
                        var rule = map(list(x.inputs().get("rules")).get(0));
                        var byDefault = map(rule.get("applyServerSideEncryptionByDefault"));
                        assertThat(byDefault).containsEntry("sseAlgorithm", "aws:kms");
                        assertThat(String.valueOf(byDefault.get("kmsMasterKeyId"))).startsWith(key);
                    });
            assertThat(of("aws:rds/instance:Instance", region)).allSatisfy(x -> {
                assertThat(x.inputs()).containsEntry("storageEncrypted", true);
                assertThat(str(x, "kmsKeyId")).startsWith(key);
                assertThat(str(x, "performanceInsightsKmsKeyId")).startsWith(key);
            });
            var table = map(in(region, "dynamodb-sessions").inputs().get("serverSideEncryption"));
            assertThat(table).containsEntry("enabled", true);
            assertThat(String.valueOf(table.get("kmsKeyArn"))).startsWith(key);
            assertThat(of("aws:cloudwatch/logGroup:LogGroup", region)).allSatisfy(x -> {
                assertThat(str(x, "kmsKeyId")).startsWith(key);
                assertThat(num(x.inputs().get("retentionInDays"))).isEqualTo(365);
            });
            assertThat(str(in(region, "sns-alerts"), "kmsMasterKeyId")).startsWith(key);
            assertThat(str(in(region, "secret-app"), "kmsKeyId")).startsWith(key);
            assertThat(of("aws:lambda/function:Function", region)).allSatisfy(x -> assertThat(str(x, "kmsKeyArn")).startsWith(key));
            assertThat(in(region, "ebs-encryption-by-default").inputs()).containsEntry("enabled", true);
            assertThat(str(in(region, "ebs-default-kms-key"), "keyArn")).startsWith(key);
            var ebs = map(map(list(in(region, "launch-template-app").inputs().get("blockDeviceMappings")).get(0)).get("ebs"));
            assertThat(ebs).containsEntry("encrypted", "true").containsEntry("volumeType", "gp3");
            assertThat(String.valueOf(ebs.get("kmsKeyId"))).startsWith(key);
            assertThat(str(in(region, "rds-main"), "masterUserSecretKmsKeyId")).startsWith(key);
        }
        assertThat(str(r.named("us-east-1-cloudtrail"), "kmsKeyId")).startsWith("arn:aws:kms:us-east-1:");
    }

    @Test
    void keyPoliciesNameTheServicesAllowedToUseTheKey() {
        JsonNode policy = json(in("us-west-2", "kms-key").inputs().get("policy"));
        assertThat(policy.findValuesAsString("Sid")).contains("AccountAdministersKey", "AccountUsesKeyThroughNamedServices",
                "CloudWatchLogsEncryptsLogGroups", "CloudTrailEncryptsLogs");
        List<String> via = new ArrayList<>();
        policy.findValue("kms:ViaService").forEach(v -> via.add(v.asString()));
        assertThat(via).contains("rds.us-west-2.amazonaws.com", "s3.us-west-2.amazonaws.com", "dynamodb.us-west-2.amazonaws.com",
                "secretsmanager.us-west-2.amazonaws.com", "ec2.us-west-2.amazonaws.com");
        assertThat(policy.findValuesAsString("Service")).contains("logs.us-west-2.amazonaws.com", "cloudtrail.amazonaws.com");
        JsonNode admin = policy.get("Statement").get(0);
        List<String> adminActions = new ArrayList<>();
        admin.get("Action").forEach(a -> adminActions.add(a.asString()));
        assertThat(adminActions).as("administration without direct data access").doesNotContain("kms:Decrypt", "kms:*");
    }

    // ---- TLS ----------------------------------------------------------------------------------

    @Test
    void theHttpsListenerUsesTls12PlusAndHttpRedirects() {
        for (String region : REGIONS) {
            var https = in(region, "listener-https");
            assertThat(https.inputs()).containsEntry("protocol", "HTTPS").containsEntry("sslPolicy", ComputeBuilder.TLS_POLICY);
            assertThat(ComputeBuilder.TLS_POLICY).isEqualTo("ELBSecurityPolicy-TLS13-1-2-2021-06");
            assertThat(num(https.inputs().get("port"))).isEqualTo(443);
            assertThat(str(https, "certificateArn")).startsWith("arn:aws:acm:" + region + ":");
            var redirect = map(map(list(in(region, "listener-http-redirect").inputs().get("defaultActions")).get(0)).get("redirect"));
            assertThat(redirect).containsEntry("protocol", "HTTPS").containsEntry("port", "443").containsEntry("statusCode", "HTTP_301");
            var cert = in(region, "acm-web");
            assertThat(cert.inputs()).containsEntry("domainName", region + ".tap.example.com").containsEntry("validationMethod", "DNS");
            var alb = in(region, "alb-web");
            assertThat(alb.inputs()).containsEntry("ipAddressType", "dualstack").containsEntry("internal", false)
                    .containsEntry("dropInvalidHeaderFields", true);
            var health = map(in(region, "tg-web").inputs().get("healthCheck"));
            assertThat(health).containsEntry("path", ComputeBuilder.HEALTH_PATH).containsEntry("matcher", "200");
        }
    }

    @Test
    void everyBucketPolicyDeniesNonTls() {
        var policies = r.ofType("aws:s3/bucketPolicy:BucketPolicy");
        assertThat(policies).hasSize(4);
        for (Registration p : policies) {
            JsonNode deny = json(p.inputs().get("policy")).get("Statement").get(0);
            assertThat(deny.get("Effect").asString()).isEqualTo("Deny");
            assertThat(deny.get("Principal").asString()).isEqualTo("*");
            assertThat(deny.get("Condition").get("Bool").get("aws:SecureTransport").asString()).isEqualTo("false");
            assertThat(deny.get("Resource")).hasSize(2);
        }
        for (Registration pab : r.ofType("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")) {
            assertThat(pab.inputs()).containsEntry("blockPublicAcls", true).containsEntry("blockPublicPolicy", true)
                    .containsEntry("ignorePublicAcls", true).containsEntry("restrictPublicBuckets", true);
        }
        for (Registration v : r.ofType("aws:s3/bucketVersioningV2:BucketVersioningV2")) {
            assertThat(map(v.inputs().get("versioningConfiguration"))).containsEntry("status", "Enabled");
        }
        JsonNode data = json(in("ap-south-1", "s3-tap-data-policy").inputs().get("policy"));
        JsonNode limit = data.get("Statement").get(2);
        assertThat(limit.get("Effect").asString()).isEqualTo("Deny");
        List<String> named = new ArrayList<>();
        limit.get("Condition").get("ArnNotEquals").get("aws:PrincipalArn").forEach(a -> named.add(a.asString()));
        assertThat(named).containsExactly("arn:aws:iam::123456789012:role/PROD-role-app-ap-south-1",
                "arn:aws:iam::123456789012:role/PROD-role-s3-replication-us-east-1");
    }

    @Test
    void snsTopicsDenyNonTlsPublishing() {
        for (Registration p : r.ofType("aws:sns/topicPolicy:TopicPolicy")) {
            JsonNode deny = json(p.inputs().get("policy")).get("Statement").get(0);
            assertThat(deny.get("Effect").asString()).isEqualTo("Deny");
            assertThat(deny.get("Condition").get("Bool").get("aws:SecureTransport").asString()).isEqualTo("false");
        }
    }

    // ---- database -----------------------------------------------------------------------------

    @Test
    void postgresForcesSslIsMultiAzPrivateAndHasAReplica() {
        for (String region : REGIONS) {
            var params = in(region, "db-parameter-group");
            assertThat(params.inputs()).containsEntry("family", "postgres16");
            assertThat(list(params.inputs().get("parameters"))).anySatisfy(p ->
                    assertThat(map(p)).containsEntry("name", "rds.force_ssl").containsEntry("value", "1"));
            var db = in(region, "rds-main");
            assertThat(db.inputs()).containsEntry("engine", "postgres").containsEntry("multiAz", true)
                    .containsEntry("publiclyAccessible", false).containsEntry("manageMasterUserPassword", true)
                    .containsEntry("parameterGroupName", params.inputs().get("name"))
                    .containsEntry("dbSubnetGroupName", in(region, "db-subnet-group").inputs().get("name"))
                    .containsEntry("deletionProtection", true).doesNotContainKey("password");
            var replica = in(region, "rds-replica-1");
            assertThat(replica.inputs()).containsEntry("replicateSourceDb", db.inputs().get("identifier"))
                    .containsEntry("parameterGroupName", params.inputs().get("name"));
            assertThat(list(in(region, "db-subnet-group").inputs().get("subnetIds"))).hasSize(AZS.get(region));
            var table = in(region, "dynamodb-sessions");
            assertThat(map(table.inputs().get("pointInTimeRecovery"))).containsEntry("enabled", true);
            assertThat(map(table.inputs().get("ttl"))).containsEntry("enabled", true).containsEntry("attributeName", "expires_at");
        }
    }

    // ---- peering ------------------------------------------------------------------------------

    @Test
    void everyPairOfRegionsIsPeeredWithRoutesBothWays() {
        var connections = r.ofType("aws:ec2/vpcPeeringConnection:VpcPeeringConnection");
        assertThat(connections).extracting(Registration::name).containsExactlyInAnyOrder(
                "us-east-1-pcx-to-us-west-2", "us-east-1-pcx-to-ap-south-1", "us-west-2-pcx-to-ap-south-1");
        for (Registration c : connections) {
            String peer = str(c, "peerRegion");
            assertThat(c.inputs()).containsEntry("peerOwnerId", OfflineMocks.ACCOUNT);
            assertThat(str(c, "peerVpcId")).isEqualTo("vpc-" + OfflineMocks.hash(peer + "-vpc", 17));
            var accepter = r.named(peer + "-pcx-accept-from-" + c.region());
            assertThat(accepter.region()).isEqualTo(peer);
            assertThat(accepter.inputs()).containsEntry("autoAccept", true)
                    .containsEntry("vpcPeeringConnectionId", "pcx-" + OfflineMocks.hash(c.name(), 17));
        }
        Map<String, String> cidrs = Map.of("us-east-1", "10.10.0.0/16", "us-west-2", "10.20.0.0/16", "ap-south-1", "10.30.0.0/16");
        for (String from : REGIONS) {
            for (String to : REGIONS) {
                if (from.equals(to)) {
                    continue;
                }
                var routes = of("aws:ec2/route:Route", from).stream()
                        .filter(x -> cidrs.get(to).equals(x.inputs().get("destinationCidrBlock"))).toList();
                assertThat(routes).as(from + " → " + to).hasSize(1 + AZS.get(from))
                        .allSatisfy(x -> assertThat(str(x, "vpcPeeringConnectionId")).startsWith("pcx-"));
                var v6 = of("aws:ec2/route:Route", from).stream()
                        .filter(x -> x.name().endsWith("-ipv6-" + to)).toList();
                assertThat(v6).hasSize(1 + AZS.get(from))
                        .allSatisfy(x -> assertThat(str(x, "destinationIpv6CidrBlock")).isEqualTo(out(to, TapOutputs.VPC_IPV6_CIDR)));
                Set<Object> tables = routes.stream().map(x -> x.inputs().get("routeTableId")).collect(Collectors.toSet());
                assertThat(tables).as("one route per route table").hasSize(1 + AZS.get(from));
            }
        }
    }

    // ---- networking and IPv6 ------------------------------------------------------------------

    @Test
    void vpcsAndSubnetsAreDualStack() throws Exception {
        for (String region : REGIONS) {
            var vpc = in(region, "vpc");
            assertThat(vpc.inputs()).containsEntry("assignGeneratedIpv6CidrBlock", true).containsEntry("enableDnsHostnames", true);
            String v6 = (String) out(region, TapOutputs.VPC_IPV6_CIDR);
            var subnets = of("aws:ec2/subnet:Subnet", region);
            Set<String> v6Blocks = new HashSet<>();
            Set<String> azs = new HashSet<>();
            for (Registration s : subnets) {
                assertThat(s.inputs()).containsEntry("assignIpv6AddressOnCreation", true).containsEntry("mapPublicIpOnLaunch", false);
                String block = str(s, "ipv6CidrBlock");
                assertThat(block).endsWith("/64");
                assertThat(within(block, v6)).as(block + " in " + v6).isTrue();
                assertThat(within(str(s, "cidrBlock"), vpc.inputs().get("cidrBlock").toString())).isTrue();
                v6Blocks.add(block);
                azs.add(str(s, "availabilityZone"));
            }
            assertThat(v6Blocks).hasSize(subnets.size());
            assertThat(azs).hasSize(AZS.get(region)).allMatch(az -> az.startsWith(region));
            var publicDefault = of("aws:ec2/route:Route", region).stream()
                    .filter(x -> x.name().startsWith(region + "-route-public-ipv") && x.name().endsWith("-default")).toList();
            assertThat(publicDefault).hasSize(2);
            assertThat(publicDefault).extracting(x -> x.inputs().get("gatewayId")).containsOnly("igw-" + OfflineMocks.hash(region + "-igw", 17));
            for (String az : List.of("a", "b")) {
                var v4 = in(region, "route-private-" + az + "-ipv4-default");
                assertThat(v4.inputs()).containsEntry("natGatewayId", "nat-" + OfflineMocks.hash(region + "-nat-" + az, 17));
                var ipv6 = in(region, "route-private-" + az + "-ipv6-default");
                assertThat(ipv6.inputs()).containsEntry("destinationIpv6CidrBlock", "::/0")
                        .containsEntry("egressOnlyGatewayId", "eigw-" + OfflineMocks.hash(region + "-eigw", 17));
                assertThat(str(in(region, "nat-" + az), "subnetId")).isEqualTo("subnet-" + OfflineMocks.hash(region + "-subnet-public-" + az, 17));
            }
        }
    }

    private static boolean within(String inner, String outer) throws Exception {
        String[] i = inner.split("/");
        String[] o = outer.split("/");
        int op = Integer.parseInt(o[1]);
        if (Integer.parseInt(i[1]) < op) {
            return false;
        }
        byte[] ib = InetAddress.getByName(i[0]).getAddress();
        byte[] ob = InetAddress.getByName(o[0]).getAddress();
        int width = ib.length * 8;
        return new BigInteger(1, ib).shiftRight(width - op).equals(new BigInteger(1, ob).shiftRight(width - op));
    }

    // ---- compute ------------------------------------------------------------------------------

    @Test
    void instancesRequireImdsV2HaveNoPublicIpAndRunInPrivateSubnets() {
        for (String region : REGIONS) {
            var lt = in(region, "launch-template-app");
            assertThat(map(lt.inputs().get("metadataOptions"))).containsEntry("httpTokens", "required")
                    .containsEntry("httpPutResponseHopLimit", 1.0);
            var nic = map(list(lt.inputs().get("networkInterfaces")).get(0));
            assertThat(nic).containsEntry("associatePublicIpAddress", "false");
            assertThat(map(lt.inputs().get("iamInstanceProfile")).get("arn"))
                    .isEqualTo("arn:aws:iam::123456789012:instance-profile/PROD-profile-app-" + region);
            var asg = in(region, "asg-app");
            var privateIds = of("aws:ec2/subnet:Subnet", region).stream().filter(s -> s.name().contains("private"))
                    .map(s -> "subnet-" + OfflineMocks.hash(s.name(), 17)).toList();
            assertThat(list(asg.inputs().get("vpcZoneIdentifiers"))).containsExactlyInAnyOrderElementsOf(privateIds);
            assertThat(asg.inputs()).containsEntry("healthCheckType", "ELB");
            assertThat(num(asg.inputs().get("minSize"))).isEqualTo(2);
            assertThat(num(asg.inputs().get("maxSize"))).isEqualTo(6);
            for (String fn : List.of("lambda-automation", "lambda-rotation")) {
                var vpcConfig = map(in(region, fn).inputs().get("vpcConfig"));
                assertThat(list(vpcConfig.get("subnetIds"))).containsExactlyInAnyOrderElementsOf(privateIds);
            }
            assertThat(str(in(region, "lambda-automation"), "role")).endsWith(":role/PROD-role-automation-" + region);
        }
    }

    // ---- monitoring ---------------------------------------------------------------------------

    @Test
    void monitoringCoversTrailFlowLogsConfigAndAlarms() {
        var trail = r.named("us-east-1-cloudtrail");
        assertThat(trail.inputs()).containsEntry("isMultiRegionTrail", true).containsEntry("enableLogFileValidation", true)
                .containsEntry("includeGlobalServiceEvents", true).containsEntry("s3BucketName", "prod-s3-tap-audit-us-east-1");
        assertThat(r.ofType("aws:cloudtrail/trail:Trail")).hasSize(1);
        var alarms = r.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").stream()
                .filter(a -> MonitoringBuilder.SECURITY_NAMESPACE.equals(a.inputs().get("namespace"))).toList();
        assertThat(alarms).extracting(x -> x.inputs().get("metricName"))
                .containsExactlyInAnyOrder("UnauthorizedApiCalls", "RootAccountUsage", "SecurityGroupChanges");
        assertThat(alarms).allSatisfy(a -> assertThat(list(a.inputs().get("alarmActions")))
                .containsExactly("arn:aws:sns:us-east-1:123456789012:PROD-sns-alerts-us-east-1"));
        var filters = r.ofType("aws:cloudwatch/logMetricFilter:LogMetricFilter");
        assertThat(filters).allSatisfy(f -> assertThat(f.inputs()).containsEntry("logGroupName", "PROD-logs-cloudtrail-us-east-1"));
        assertThat(filters).extracting(f -> f.inputs().get("pattern")).anySatisfy(p -> assertThat((String) p).contains("Root"));
        for (String region : REGIONS) {
            var regional = of("aws:cloudwatch/metricAlarm:MetricAlarm", region).stream()
                    .filter(a -> !MonitoringBuilder.SECURITY_NAMESPACE.equals(a.inputs().get("namespace"))).toList();
            assertThat(regional).extracting(a -> a.inputs().get("metricName"))
                    .containsExactlyInAnyOrder("UnHealthyHostCount", "HTTPCode_ELB_5XX_Count", "FreeStorageSpace", "Errors");
            assertThat(regional).allSatisfy(a -> {
                assertThat(list(a.inputs().get("alarmActions"))).containsExactly("arn:aws:sns:" + region + ":123456789012:PROD-sns-alerts-" + region);
                assertThat(map(a.inputs().get("dimensions"))).isNotEmpty();
            });
        }
        for (String region : REGIONS) {
            var flow = in(region, "flow-log");
            assertThat(flow.inputs()).containsEntry("trafficType", "ALL").containsEntry("logDestinationType", "cloud-watch-logs")
                    .containsEntry("vpcId", "vpc-" + OfflineMocks.hash(region + "-vpc", 17));
            var rules = of("aws:cfg/rule:Rule", region).stream()
                    .map(x -> map(x.inputs().get("source")).get("sourceIdentifier")).toList();
            assertThat(rules).contains("S3_BUCKET_SSL_REQUESTS_ONLY", "ENCRYPTED_VOLUMES", "RDS_STORAGE_ENCRYPTED",
                    "INCOMING_SSH_DISABLED", "CLOUD_TRAIL_ENABLED", "VPC_FLOW_LOGS_ENABLED");
            assertThat(map(in(region, "config-recorder").inputs().get("recordingGroup")))
                    .containsEntry("allSupported", true).containsEntry("includeGlobalResourceTypes", region.equals("us-east-1"));
            assertThat(in(region, "config-delivery-channel").inputs()).containsEntry("s3BucketName", "prod-s3-tap-audit-us-east-1");
            assertThat(in(region, "config-recorder-status").inputs()).containsEntry("isEnabled", true);
        }
    }

    @Test
    void thePrimaryDataBucketReplicatesToEveryOtherRegion() {
        var replication = in("us-east-1", "s3-tap-data-replication");
        assertThat(replication.inputs()).containsEntry("role", "arn:aws:iam::123456789012:role/PROD-role-s3-replication-us-east-1");
        var rules = list(replication.inputs().get("rules"));
        assertThat(rules).hasSize(2);
        for (Object o : rules) {
            var rule = map(o);
            String to = ((String) rule.get("id")).substring(3);
            var dest = map(rule.get("destination"));
            assertThat(dest).containsEntry("bucket", "arn:aws:s3:::prod-s3-tap-data-" + to);
            assertThat(String.valueOf(map(dest.get("encryptionConfiguration")).get("replicaKmsKeyId"))).startsWith("arn:aws:kms:" + to + ":");
            assertThat(rule).containsEntry("status", "Enabled");
        }
    }

    // ---- outputs ------------------------------------------------------------------------------

    @Test
    void everyDocumentedOutputIsExportedForEveryRegion() {
        for (String region : REGIONS) {
            var object = map(r.outputs().get(region));
            for (String name : TapOutputs.PER_REGION) {
                assertThat(object.get(name)).as(region + "." + name).isNotNull();
            }
            assertThat(object.keySet()).containsExactlyInAnyOrderElementsOf(region.equals("us-east-1")
                    ? java.util.stream.Stream.concat(TapOutputs.PER_REGION.stream(), TapOutputs.PRIMARY_ONLY.stream()).toList()
                    : TapOutputs.PER_REGION);
            assertThat(map(object.get(TapOutputs.PEERING_IDS))).hasSize(2);
            assertThat((String) object.get(TapOutputs.RDS_ENDPOINT)).endsWith(".rds.amazonaws.com:5432");
            assertThat((String) object.get(TapOutputs.DB_SECRET_ARN)).contains(":secret:rds!db-");
            assertThat(list(object.get(TapOutputs.PRIVATE_ROUTE_TABLE_IDS))).hasSize(AZS.get(region));
            assertThat(list(object.get(TapOutputs.ALARM_NAMES))).hasSize(region.equals("us-east-1") ? 7 : 4);
            assertThat(map(object.get(TapOutputs.CONFIG_RULE_NAMES))).containsKeys("restricted-ssh", "cloudtrail-enabled");
        }
        for (String name : TapOutputs.GLOBAL) {
            assertThat(r.outputs().get(name)).as(name).isNotNull();
        }
        assertThat(r.outputs().keySet()).hasSize(TapOutputs.GLOBAL.size() + REGIONS.size());
        assertThat(map(r.outputs().get(TapOutputs.PEERING_CONNECTION_IDS))).containsOnlyKeys(
                "us-east-1-to-us-west-2", "us-east-1-to-ap-south-1", "us-west-2-to-ap-south-1");
        assertThat(out("us-east-1", TapOutputs.CLOUDTRAIL_NAME)).isEqualTo("PROD-trail-main-us-east-1");
    }

    @Test
    void theValidationChecksFindEveryOutputTheyRead() {
        var outputs = new io.tap.reconciler.validation.StackOutputs(r.outputs());
        assertThat(outputs.primaryRegion()).isEqualTo("us-east-1");
        assertThat(outputs.regions()).containsExactly("us-east-1", "ap-south-1", "us-west-2");
        for (String region : REGIONS) {
            for (String key : io.tap.reconciler.validation.OutputKeys.REGIONAL) {
                assertThat(outputs.has(region, key)).as(region + "." + key).isTrue();
            }
            assertThat(outputs.has(region, io.tap.reconciler.validation.OutputKeys.CLOUDTRAIL_NAME)).isEqualTo(region.equals("us-east-1"));
        }
    }

    @Test
    void theRenderDocumentListsEveryResourceWithNamesRegionsAndTags() {
        var doc = r.document();
        assertThat(doc.get("resourceCount")).isEqualTo(r.resources().size());
        var first = map(list(doc.get("resources")).get(3));
        assertThat(first).containsOnlyKeys("type", "logicalName", "physicalName", "region", "tags");
        JsonNode parsed = json(Json.write(doc));
        assertThat(parsed.get("resources")).hasSize(r.resources().size());
    }
}
