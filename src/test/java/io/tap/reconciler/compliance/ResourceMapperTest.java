package io.tap.reconciler.compliance;

import io.tap.reconciler.drift.ManagedResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ResourceMapperTest {

    private static final String P = "urn:pulumi:prod::tap::";

    private static final ManagedResource BUCKET = new ManagedResource(P + "aws:s3/bucketV2:BucketV2::logs-east",
            "aws:s3/bucketV2:BucketV2", "prod-s3-logs-us-east-1", "arn:aws:s3:::prod-s3-logs-us-east-1");
    private static final ManagedResource BUCKET_VERSIONING = new ManagedResource(
            P + "aws:s3/bucketVersioningV2:BucketVersioningV2::logs-east-versioning",
            "aws:s3/bucketVersioningV2:BucketVersioningV2", "prod-s3-logs-us-east-1", null);
    private static final ManagedResource SG = new ManagedResource(P + "aws:ec2/securityGroup:SecurityGroup::web",
            "aws:ec2/securityGroup:SecurityGroup", "sg-0abc123", "arn:aws:ec2:us-east-1:123456789012:security-group/sg-0abc123");
    private static final ManagedResource RDS = new ManagedResource(P + "aws:rds/instance:Instance::db-east",
            "aws:rds/instance:Instance", "db-ABCDEFGHIJKLMNOPQRSTUVWX12",
            "arn:aws:rds:us-east-1:123456789012:db:prod-rds-main-us-east-1");
    private static final ManagedResource TABLE_EAST = new ManagedResource(P + "aws:dynamodb/table:Table::t-east",
            "aws:dynamodb/table:Table", "sessions", "arn:aws:dynamodb:us-east-1:123456789012:table/sessions");
    private static final ManagedResource TABLE_WEST = new ManagedResource(P + "aws:dynamodb/table:Table::t-west",
            "aws:dynamodb/table:Table", "sessions", "arn:aws:dynamodb:us-west-2:123456789012:table/sessions");
    private static final ManagedResource ALB = new ManagedResource(P + "aws:lb/loadBalancer:LoadBalancer::alb",
            "aws:lb/loadBalancer:LoadBalancer",
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/prod-alb-web/50dc6c495c0c9188",
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/prod-alb-web/50dc6c495c0c9188");
    private static final ManagedResource ROLE = new ManagedResource(P + "aws:iam/role:Role::app",
            "aws:iam/role:Role", "prod-iam-app-us-east-1", "arn:aws:iam::123456789012:role/prod-iam-app-us-east-1");

    private final ResourceMapper mapper = new ResourceMapper(
            List.of(BUCKET_VERSIONING, BUCKET, SG, RDS, TABLE_EAST, TABLE_WEST, ALB, ROLE));

    @Test
    void anS3BucketReportedByNameMapsToTheBucketNotToItsSubResources() {
        assertThat(mapper.find("us-east-1", "AWS::S3::Bucket", "prod-s3-logs-us-east-1")).contains(BUCKET);
    }

    @Test
    void anS3BucketReportedByArnMapsToTheBucket() {
        assertThat(mapper.find("us-east-1", "AWS::S3::Bucket", "arn:aws:s3:::prod-s3-logs-us-east-1")).contains(BUCKET);
    }

    @Test
    void aSecurityGroupMapsByItsId() {
        assertThat(mapper.find("us-east-1", "AWS::EC2::SecurityGroup", "sg-0abc123")).contains(SG);
    }

    @Test
    void anRdsInstanceMapsByDbiResourceIdAndByIdentifierFromItsArn() {
        assertThat(mapper.find("us-east-1", "AWS::RDS::DBInstance", "db-ABCDEFGHIJKLMNOPQRSTUVWX12")).contains(RDS);
        assertThat(mapper.find("us-east-1", "AWS::RDS::DBInstance", "prod-rds-main-us-east-1")).contains(RDS);
        assertThat(mapper.find("us-west-2", "AWS::RDS::DBInstance", "prod-rds-main-us-east-1"))
                .as("the identifier comes from a us-east-1 ARN").isEmpty();
    }

    @Test
    void aLoadBalancerReportedByArnMaps() {
        assertThat(mapper.find("us-east-1", "AWS::ElasticLoadBalancingV2::LoadBalancer", ALB.arn())).contains(ALB);
    }

    @Test
    void theSameNameInTwoRegionsMapsToTheResourceOfTheFindingsRegion() {
        assertThat(mapper.find("us-west-2", "AWS::DynamoDB::Table", "sessions")).contains(TABLE_WEST);
        assertThat(mapper.find("us-east-1", "AWS::DynamoDB::Table", "sessions")).contains(TABLE_EAST);
    }

    @Test
    void aKnownConfigTypeOnlyMapsToItsPulumiTypes() {
        assertThat(mapper.find("us-east-1", "AWS::EC2::Instance", "sg-0abc123")).isEmpty();
    }

    @Test
    void iamRolesReportedByUniqueIdAreNotMapped() {
        assertThat(mapper.find("us-east-1", "AWS::IAM::Role", "AROAEXAMPLEUNIQUEID1")).isEmpty();
    }

    @Test
    void resourcesTheStackDoesNotManageAreNotMapped() {
        assertThat(mapper.find("us-east-1", "AWS::S3::Bucket", "someone-elses-bucket")).isEmpty();
        assertThat(mapper.find("us-east-1", "AWS::S3::Bucket", null)).isEmpty();
        assertThat(new ResourceMapper(List.of()).find("us-east-1", "AWS::EC2::SecurityGroup", "sg-0abc123"))
                .isEqualTo(Optional.empty());
    }

    @Test
    void arnsAreParsedIntoServiceRegionAndName() {
        assertThat(ResourceMapper.Arn.parse("arn:aws:iam::123456789012:role/path/prod-role"))
                .contains(new ResourceMapper.Arn("iam", "", "prod-role"));
        assertThat(ResourceMapper.Arn.parse("arn:aws:lambda:us-east-1:123456789012:function:prod-fn"))
                .contains(new ResourceMapper.Arn("lambda", "us-east-1", "prod-fn"));
        assertThat(ResourceMapper.Arn.parse("sg-123")).isEmpty();
        assertThat(ResourceMapper.Arn.parse("arn:aws:broken")).isEmpty();
    }
}
