package io.tap.reconciler.deploy;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.tap.reconciler.deploy.IamPolicy.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's own IAM policy ({@code k8s/iam/operator-policy.json}) stays least privilege and keeps
 * up with the code: every AWS SDK operation in the main sources must be allowed by a {@code Service*}
 * statement, so a new SDK call without a policy line fails here.
 */
class OperatorPolicyTest {

    private static final Path IAM = RepoFiles.K8S.resolve("iam");
    private static final String OPERATOR_ROLE = "PROD-tap-reconciler-operator";

    /**
     * Account-level settings for which AWS offers neither resource ARNs nor tag conditions. Each was
     * reviewed; adding one means changing this list on purpose.
     */
    private static final Set<String> REVIEWED_UNSCOPABLE_WRITES = Set.of(
            "config:PutConfigurationRecorder", "config:DeleteConfigurationRecorder",
            "config:StartConfigurationRecorder", "config:StopConfigurationRecorder",
            "config:PutDeliveryChannel", "config:DeleteDeliveryChannel",
            "ec2:EnableEbsEncryptionByDefault", "ec2:DisableEbsEncryptionByDefault",
            "ec2:ModifyEbsDefaultKmsKeyId", "ec2:ResetEbsDefaultKmsKeyId");

    private final IamPolicy policy = IamPolicy.read(IAM.resolve("operator-policy.json"));

    @Test
    void policyParsesAsAnIamDocument() {
        assertThat(policy.document().path("Version").asString()).isEqualTo("2012-10-17");
        assertThat(policy.statements()).isNotEmpty().allSatisfy(s -> {
            assertThat(s.sid()).as("every statement has a Sid").matches("[A-Za-z0-9]+");
            assertThat(s.effect()).isIn("Allow", "Deny");
            assertThat(s.actions().isEmpty()).as("Action xor NotAction in " + s.sid()).isNotEqualTo(s.notActions().isEmpty());
            assertThat(s.resources()).as("resources of " + s.sid()).isNotEmpty();
        });
        assertThat(policy.statements().stream().map(Statement::sid).distinct().count()).isEqualTo(policy.statements().size());
        assertThat(policy.statements()).filteredOn(s -> s.effect().equals("Allow")).allSatisfy(s ->
                assertThat(s.notActions()).as("no Allow with NotAction in " + s.sid()).isEmpty());
    }

    @Test
    void noWildcardActionAndWildcardsOnlyForReads() {
        for (Statement s : policy.statements()) {
            if (!s.effect().equals("Allow")) {
                continue;
            }
            for (String action : s.actions()) {
                assertThat(action).as(s.sid()).isNotEqualTo("*").doesNotEndWith(":*").matches("[a-z0-9-]+:[A-Za-z0-9*]+");
                if (action.contains("*")) {
                    assertThat(IamPolicy.isRead(action)).as("wildcard %s in %s must be a read prefix", action, s.sid()).isTrue();
                }
            }
        }
    }

    @Test
    void noWriteActionOnEveryResourceUnlessTagConditionedOrReviewedAccountSetting() {
        for (Statement s : policy.statements()) {
            if (!s.effect().equals("Allow") || !s.resources().contains("*")) {
                continue;
            }
            List<String> writes = s.actions().stream().filter(a -> !IamPolicy.isRead(a)).toList();
            if (writes.isEmpty() || s.hasCondition("StringEquals", "aws:RequestTag/Project", "TAP")) {
                continue;
            }
            assertThat(REVIEWED_UNSCOPABLE_WRITES).as("write actions on \"Resource\": \"*\" in %s", s.sid())
                    .containsAll(writes);
        }
    }

    @Test
    void everyAwsSdkCallInTheServiceCodeIsAllowedByAServiceStatement() {
        Map<String, Set<String>> calls = AwsSdkCalls.inMainCode();
        assertThat(missingFromServiceStatements(calls.keySet()))
                .as("SDK calls without a Service* statement in k8s/iam/operator-policy.json (call sites: %s)", calls)
                .isEmpty();
    }

    @Test
    void everyServiceStatementActionIsCalledByTheCode() {
        Set<String> called = AwsSdkCalls.inMainCode().keySet();
        Set<String> unused = policy.withSidPrefix("Service").stream().flatMap(s -> s.actions().stream())
                .filter(action -> called.stream().noneMatch(c -> IamPolicy.matches(action, c)))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(unused).as("least privilege: Service* actions no code calls any more").isEmpty();
    }

    @Test
    void theReplicationProbeMayOnlyWriteUnderItsPrefix() {
        var binder = org.springframework.boot.context.properties.bind.Binder.get(RepoFiles.applicationConfig());
        var validation = binder.bindOrCreate("tap.validation", io.tap.reconciler.config.ValidationProperties.class);
        assertThat(policy.statements()).filteredOn(s -> s.effect().equals("Allow"))
                .filteredOn(s -> s.allows("s3:PutObject") || s.allows("s3:DeleteObject"))
                .singleElement().satisfies(s -> assertThat(s.resources())
                        .containsExactly("arn:aws:s3:::prod-*/" + validation.probePrefix() + "*"));
    }

    @Test
    void aNewSdkCallWithoutAPolicyLineIsCaught() {
        String action = AwsSdkCalls.iamAction("software.amazon.awssdk.services.secretsmanager.SecretsManagerClient", "getSecretValue");
        assertThat(action).isEqualTo("secretsmanager:GetSecretValue");
        assertThat(missingFromServiceStatements(Set.of(action, "sns:Publish"))).containsExactly(action);
        assertThat(AwsSdkCalls.iamAction("software.amazon.awssdk.services.config.ConfigClient",
                "getComplianceDetailsByConfigRulePaginator")).isEqualTo("config:GetComplianceDetailsByConfigRule");
        assertThat(AwsSdkCalls.iamAction("software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient",
                "getResources")).isEqualTo("tag:GetResources");
        assertThat(AwsSdkCalls.iamAction("software.amazon.awssdk.services.sns.SnsAsyncClient", "publish")).isEqualTo("sns:Publish");
        assertThat(AwsSdkCalls.iamAction("software.amazon.awssdk.services.sns.SnsClient", "close")).isNull();
    }

    @Test
    void theScannerFindsCallsAndMethodReferencesInBytecode() {
        Path fixture = RepoFiles.ROOT.resolve("target/test-classes/io/tap/reconciler/deploy/OperatorPolicyTest$SdkCallFixture.class");
        assertThat(AwsSdkCalls.in(fixture)).containsOnlyKeys("sns:Publish", "config:DescribeComplianceByConfigRule");
    }

    /** Bytecode for the scanner test: a direct call, a paginator and a method reference. */
    @SuppressWarnings("unused")
    static final class SdkCallFixture {
        void publish(software.amazon.awssdk.services.sns.SnsClient sns, software.amazon.awssdk.services.config.ConfigClient config) {
            sns.publish(b -> b.message("m"));
            config.describeComplianceByConfigRulePaginator(b -> b.configRuleNames("r"));
            java.util.function.Consumer<software.amazon.awssdk.services.sns.model.PublishRequest> ref = sns::publish;
            sns.close();
        }
    }

    Set<String> missingFromServiceStatements(Set<String> actions) {
        List<Statement> service = policy.withSidPrefix("Service");
        List<Statement> unconditionalDenies = policy.statements().stream()
                .filter(s -> s.effect().equals("Deny") && s.condition() == null).toList();
        return actions.stream()
                .filter(a -> service.stream().noneMatch(s -> s.allows(a))
                        || unconditionalDenies.stream().anyMatch(d -> d.actions().stream().anyMatch(p -> IamPolicy.matches(p, a))))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void alertsArePublishedOnlyToTheConfiguredAlertTopics() {
        String topic = RepoFiles.applicationConfig().getProperty("tap.alerts.topic-arn");
        String account = topic.split(":")[4];
        Statement publish = policy.statements().stream().filter(s -> s.allows("sns:Publish")).collect(single());
        List<String> resources = publish.resources().stream().map(r -> r.replace(IamPolicy.ACCOUNT_PLACEHOLDER, account)).toList();
        assertThat(resources).anySatisfy(r -> assertThat(IamPolicy.matchesArn(r, topic)).as(r + " covers " + topic).isTrue());
        assertThat(resources).noneSatisfy(r -> assertThat(IamPolicy.matchesArn(r,
                "arn:aws:sns:us-east-1:" + account + ":PROD-sns-orders")).isTrue());
    }

    @Test
    void actionsAreLimitedToTheTopologyRegions() {
        Statement deny = policy.statements().stream().filter(s -> s.sid().equals("DenyOutsideTapRegions")).collect(single());
        List<String> regions = new ArrayList<>();
        var config = RepoFiles.applicationConfig();
        for (int i = 0; config.containsProperty("tap.topology.regions[" + i + "].name"); i++) {
            regions.add(config.getProperty("tap.topology.regions[" + i + "].name"));
        }
        assertThat(regions).isNotEmpty();
        assertThat(IamPolicy.strings(deny.condition().path("StringNotEquals").get("aws:RequestedRegion")))
                .containsExactlyInAnyOrderElementsOf(regions);
        assertThat(deny.resources()).containsExactly("*");
    }

    @Test
    void rolesTheOperatorCreatesCarryTheWorkloadBoundaryAndItCannotTouchItself() {
        for (String action : List.of("iam:CreateRole", "iam:PutRolePolicy", "iam:AttachRolePolicy")) {
            assertThat(policy.statements()).filteredOn(s -> s.allows(action)).isNotEmpty().allSatisfy(s ->
                    assertThat(s.condition().path("StringEquals").path("iam:PermissionsBoundary").asString())
                            .as(action + " requires the boundary").endsWith(":policy/PROD-tap-workload-boundary"));
        }
        Statement self = policy.statements().stream().filter(s -> s.sid().equals("DenyTouchingOwnRoleAndBoundary")).collect(single());
        assertThat(self.actions()).containsExactly("iam:*");
        assertThat(self.resources()).anySatisfy(r -> assertThat(r).endsWith(":role/" + OPERATOR_ROLE));
        assertThat(policy.statements()).filteredOn(s -> s.allows("iam:PassRole")).allSatisfy(s ->
                assertThat(s.condition().path("StringEquals").has("iam:PassedToService")).isTrue());
        assertThat(policy.statements()).filteredOn(s -> s.effect().equals("Deny") && s.condition() == null)
                .anySatisfy(s -> assertThat(s.actions()).contains("secretsmanager:GetSecretValue"));
    }

    @Test
    void everyArnIsWellFormedOnceTheAccountIsFilledIn() {
        for (Statement s : policy.statements()) {
            for (String resource : s.resources()) {
                String arn = resource.replace(IamPolicy.ACCOUNT_PLACEHOLDER, "123456789012");
                assertThat(arn).as(s.sid()).doesNotContain("${");
                if (!arn.equals("*")) {
                    assertThat(arn).as(s.sid()).matches("arn:aws:[a-z0-9-]+:[a-z0-9*-]*:(123456789012)?:.+");
                }
            }
        }
    }

    @Test
    void trustPolicyAdmitsOnlyTheServiceAccountThroughWebIdentity() {
        IamPolicy trust = IamPolicy.read(IAM.resolve("trust-policy.template.json"));
        assertThat(trust.statements()).singleElement().satisfies(s -> {
            assertThat(s.effect()).isEqualTo("Allow");
            assertThat(s.actions()).containsExactly("sts:AssumeRoleWithWebIdentity");
            var base = new DeploymentInvariants(RepoFiles.baseResources());
            String subject = "system:serviceaccount:" + base.one(Namespace.class).getMetadata().getName() + ":"
                    + base.one(ServiceAccount.class).getMetadata().getName();
            assertThat(s.hasCondition("StringEquals", "${OIDC_PROVIDER}:sub", subject)).as("sub = " + subject).isTrue();
            assertThat(s.hasCondition("StringEquals", "${OIDC_PROVIDER}:aud", "sts.amazonaws.com")).isTrue();
        });
        assertThat(trust.document().path("Statement").get(0).path("Principal").path("Federated").asString())
                .isEqualTo("arn:aws:iam::${AWS_ACCOUNT_ID}:oidc-provider/${OIDC_PROVIDER}");
    }

    @Test
    void splitScriptMakesManagedPoliciesWithinIamsSizeLimit(@TempDir Path out) throws Exception {
        Process split = new ProcessBuilder("python3", IAM.resolve("split-policy.py").toString(),
                IAM.resolve("operator-policy.json").toString(), out.toString()).redirectErrorStream(true).start();
        assertThat(split.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(split.exitValue()).as(new String(split.getInputStream().readAllBytes())).isZero();
        List<String> sids = new ArrayList<>();
        try (var parts = Files.list(out)) {
            for (Path part : parts.sorted().toList()) {
                String compact = tools.jackson.databind.json.JsonMapper.builder().build().readTree(Files.readString(part)).toString();
                assertThat(compact.length()).as(part.getFileName() + " characters").isLessThanOrEqualTo(6144);
                IamPolicy.parse(compact).statements().forEach(s -> sids.add(s.sid()));
            }
        }
        assertThat(sids).containsExactlyElementsOf(policy.statements().stream().map(Statement::sid).toList());
    }

    private static <T> java.util.stream.Collector<T, ?, T> single() {
        return Collectors.collectingAndThen(Collectors.toList(), list -> {
            assertThat(list).hasSize(1);
            return list.get(0);
        });
    }
}
