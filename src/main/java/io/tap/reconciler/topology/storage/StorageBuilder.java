package io.tap.reconciler.topology.storage;

import com.pulumi.aws.dynamodb.Table;
import com.pulumi.aws.dynamodb.TableArgs;
import com.pulumi.aws.dynamodb.inputs.TableAttributeArgs;
import com.pulumi.aws.dynamodb.inputs.TablePointInTimeRecoveryArgs;
import com.pulumi.aws.dynamodb.inputs.TableServerSideEncryptionArgs;
import com.pulumi.aws.dynamodb.inputs.TableTtlArgs;
import com.pulumi.aws.ebs.DefaultKmsKey;
import com.pulumi.aws.ebs.DefaultKmsKeyArgs;
import com.pulumi.aws.ebs.EncryptionByDefault;
import com.pulumi.aws.ebs.EncryptionByDefaultArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.rds.Instance;
import com.pulumi.aws.rds.InstanceArgs;
import com.pulumi.aws.rds.ParameterGroup;
import com.pulumi.aws.rds.ParameterGroupArgs;
import com.pulumi.aws.rds.SubnetGroup;
import com.pulumi.aws.rds.SubnetGroupArgs;
import com.pulumi.aws.rds.inputs.ParameterGroupParameterArgs;
import com.pulumi.core.Output;
import io.tap.reconciler.topology.RegionScope;
import io.tap.reconciler.topology.naming.AwsService;
import io.tap.reconciler.topology.networking.Network;
import io.tap.reconciler.topology.security.RegionSecurity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.tap.reconciler.topology.Json.obj;

/** Builds a region's {@link RegionStorage}: buckets, PostgreSQL with replicas, the session table, EBS defaults. */
public final class StorageBuilder {

    public static final String DATA_BUCKET = "tap-data";
    public static final String AUDIT_BUCKET = "tap-audit";
    static final String DB_USER = "tapadmin";
    static final String SESSION_KEY = "session_id";
    static final String SESSION_TTL = "expires_at";

    private StorageBuilder() {
    }

    /**
     * @param replicationRole the cross-region replication role, allowed into every data bucket
     */
    public static RegionStorage build(RegionScope s, Network net, RegionSecurity sec, Role replicationRole) {
        var key = sec.key().key();
        List<Output<String>> namedRoles = List.of(sec.appRole().arn(), replicationRole.arn());
        var data = Buckets.create(s, DATA_BUCKET, key, arn -> List.of(
                obj("Sid", "AllowNamedRoles", "Effect", "Allow", "Principal", obj("AWS", namedRoles),
                        "Action", List.of("s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:GetObjectVersion",
                                "s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"),
                        "Resource", List.of(arn, arn.applyValue(a -> a + "/*"))),
                obj("Sid", "DenyObjectAccessExceptNamedRoles", "Effect", "Deny", "Principal", "*",
                        "Action", List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:GetObjectVersion",
                                "s3:DeleteObjectVersion"),
                        "Resource", List.of(arn.applyValue(a -> a + "/*")),
                        "Condition", obj("ArnNotEquals", obj("aws:PrincipalArn", namedRoles)))));
        var audit = s.isPrimary() ? audit(s, sec) : null;

        new EncryptionByDefault(s.logical("ebs-encryption-by-default"), EncryptionByDefaultArgs.builder()
                .enabled(true).build(), s.opts());
        new DefaultKmsKey(s.logical("ebs-default-kms-key"), DefaultKmsKeyArgs.builder()
                .keyArn(key.arn()).build(), s.opts());

        var subnetGroup = new SubnetGroup(s.logical("db-subnet-group"), SubnetGroupArgs.builder()
                .name(s.physical(AwsService.RDS_SUBNET_GROUP, "main"))
                .description("TAP PostgreSQL private subnets")
                .subnetIds(Output.all(net.privateSubnets().stream().map(x -> x.id()).toList()))
                .tags(s.tags(AwsService.RDS_SUBNET_GROUP, "main"))
                .build(), s.opts());
        var database = s.spec().database();
        var params = new ParameterGroup(s.logical("db-parameter-group"), ParameterGroupArgs.builder()
                .name(s.physical(AwsService.RDS_PARAMETER_GROUP, "main"))
                .family(database.parameterGroupFamily())
                .description("TAP PostgreSQL: TLS only, connection logging")
                .parameters(List.of(
                        ParameterGroupParameterArgs.builder().name("rds.force_ssl").value("1").applyMethod("pending-reboot").build(),
                        ParameterGroupParameterArgs.builder().name("ssl_min_protocol_version").value("TLSv1.2").applyMethod("pending-reboot").build(),
                        ParameterGroupParameterArgs.builder().name("log_connections").value("1").build()))
                .tags(s.tags(AwsService.RDS_PARAMETER_GROUP, "main"))
                .build(), s.opts());
        String dbName = s.physical(AwsService.RDS_INSTANCE, "main");
        var primary = new Instance(s.logical("rds-main"), InstanceArgs.builder()
                .identifier(dbName)
                .engine("postgres")
                .engineVersion(database.engineVersion())
                .instanceClass(database.instanceClass())
                .allocatedStorage(database.allocatedStorage())
                .maxAllocatedStorage(database.allocatedStorage() * 4)
                .storageType("gp3")
                .storageEncrypted(true)
                .kmsKeyId(key.arn())
                .multiAz(true)
                .dbSubnetGroupName(subnetGroup.name())
                .vpcSecurityGroupIds(Output.all(sec.groups().db().id()))
                .parameterGroupName(params.name())
                .publiclyAccessible(false)
                .username(DB_USER)
                .manageMasterUserPassword(true)
                .masterUserSecretKmsKeyId(key.arn())
                .iamDatabaseAuthenticationEnabled(true)
                .backupRetentionPeriod(14)
                .copyTagsToSnapshot(true)
                .deletionProtection(true)
                .skipFinalSnapshot(false)
                .finalSnapshotIdentifier(dbName + "-final")
                .performanceInsightsEnabled(true)
                .performanceInsightsKmsKeyId(key.arn())
                .enabledCloudwatchLogsExports(List.of("postgresql", "upgrade"))
                .autoMinorVersionUpgrade(true)
                .tags(s.tags(AwsService.RDS_INSTANCE, "main"))
                .build(), s.opts());
        var replicas = new ArrayList<Instance>();
        for (int i = 1; i <= database.replicasPerRegion(); i++) {
            String id = "replica-" + i;
            replicas.add(new Instance(s.logical("rds-" + id), InstanceArgs.builder()
                    .identifier(s.physical(AwsService.RDS_INSTANCE, id))
                    .replicateSourceDb(primary.identifier())
                    .instanceClass(database.instanceClass())
                    .storageType("gp3")
                    .storageEncrypted(true)
                    .kmsKeyId(key.arn())
                    .vpcSecurityGroupIds(Output.all(sec.groups().db().id()))
                    .parameterGroupName(params.name())
                    .publiclyAccessible(false)
                    .iamDatabaseAuthenticationEnabled(true)
                    .performanceInsightsEnabled(true)
                    .performanceInsightsKmsKeyId(key.arn())
                    .skipFinalSnapshot(true)
                    .deletionProtection(true)
                    .autoMinorVersionUpgrade(true)
                    .tags(s.tags(AwsService.RDS_INSTANCE, id))
                    .build(), s.opts()));
        }

        var sessions = new Table(s.logical("dynamodb-sessions"), TableArgs.builder()
                .name(s.physical(AwsService.DYNAMODB_TABLE, "sessions"))
                .billingMode("PAY_PER_REQUEST")
                .hashKey(SESSION_KEY)
                .attributes(TableAttributeArgs.builder().name(SESSION_KEY).type("S").build())
                .ttl(TableTtlArgs.builder().attributeName(SESSION_TTL).enabled(true).build())
                .pointInTimeRecovery(TablePointInTimeRecoveryArgs.builder().enabled(true).build())
                .serverSideEncryption(TableServerSideEncryptionArgs.builder().enabled(true).kmsKeyArn(key.arn()).build())
                .deletionProtectionEnabled(true)
                .tags(s.tags(AwsService.DYNAMODB_TABLE, "sessions"))
                .build(), s.opts());
        return new RegionStorage(data, audit, primary, List.copyOf(replicas), sessions);
    }

    /** The primary region's bucket for CloudTrail and AWS Config, writable only by those services. */
    private static Buckets.HardenedBucket audit(RegionScope s, RegionSecurity sec) {
        Output<String> account = s.accountId();
        return Buckets.create(s, AUDIT_BUCKET, sec.key().key(), arn -> {
            Output<String> trailArn = s.arn("cloudtrail", "trail/" + s.physical(AwsService.CLOUDTRAIL, "main"));
            List<Map<String, Object>> st = new ArrayList<>();
            st.add(obj("Sid", "CloudTrailAclCheck", "Effect", "Allow", "Principal", obj("Service", "cloudtrail.amazonaws.com"),
                    "Action", "s3:GetBucketAcl", "Resource", arn,
                    "Condition", obj("StringEquals", obj("aws:SourceArn", trailArn))));
            st.add(obj("Sid", "CloudTrailWrite", "Effect", "Allow", "Principal", obj("Service", "cloudtrail.amazonaws.com"),
                    "Action", "s3:PutObject",
                    "Resource", Output.tuple(arn, account).applyValue(t -> t.t1 + "/cloudtrail/AWSLogs/" + t.t2 + "/*"),
                    "Condition", obj("StringEquals", obj("s3:x-amz-acl", "bucket-owner-full-control", "aws:SourceArn", trailArn))));
            st.add(obj("Sid", "ConfigAclCheck", "Effect", "Allow", "Principal", obj("Service", "config.amazonaws.com"),
                    "Action", List.of("s3:GetBucketAcl", "s3:ListBucket"), "Resource", arn,
                    "Condition", obj("StringEquals", obj("aws:SourceAccount", account))));
            st.add(obj("Sid", "ConfigWrite", "Effect", "Allow", "Principal", obj("Service", "config.amazonaws.com"),
                    "Action", "s3:PutObject",
                    "Resource", Output.tuple(arn, account).applyValue(t -> t.t1 + "/config/AWSLogs/" + t.t2 + "/Config/*"),
                    "Condition", obj("StringEquals", obj("s3:x-amz-acl", "bucket-owner-full-control", "aws:SourceAccount", account))));
            return st;
        });
    }
}
