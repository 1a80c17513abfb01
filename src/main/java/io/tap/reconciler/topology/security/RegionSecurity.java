package io.tap.reconciler.topology.security;

import com.pulumi.aws.iam.InstanceProfile;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.lambda.Function;
import com.pulumi.aws.secretsmanager.Secret;

/**
 * One region's security resources. Roles are created here with their trust policy; their
 * permission policies are added by the builders that own the resources they are scoped to.
 *
 * @param key            regional KMS key and alias
 * @param groups         security groups
 * @param appRole        EC2 instances' role ({@code ec2.amazonaws.com})
 * @param instanceProfile profile carrying {@code appRole}
 * @param automationRole automation Lambda's role ({@code lambda.amazonaws.com})
 * @param flowLogsRole   VPC flow logs' role ({@code vpc-flow-logs.amazonaws.com})
 * @param configRole     AWS Config recorder's role ({@code config.amazonaws.com})
 * @param secret         application secret, KMS-encrypted, rotated by {@code rotationFunction}
 * @param rotationFunction the Lambda that rotates {@code secret}
 */
public record RegionSecurity(KmsKeys.RegionalKey key, SecurityGroups.Groups groups, Role appRole,
                             InstanceProfile instanceProfile, Role automationRole, Role flowLogsRole, Role configRole,
                             Secret secret, Function rotationFunction) {
}
