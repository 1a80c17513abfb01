package io.tap.reconciler.topology.security;

import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.core.Output;
import io.tap.reconciler.topology.RegionScope;
import io.tap.reconciler.topology.naming.AwsService;

import java.util.List;
import java.util.Map;

/** IAM roles, each trusted by exactly one service, with inline policies scoped to ARNs. */
public final class Roles {

    private Roles() {
    }

    /** A role {@code identifier} that only {@code service} may assume. */
    public static Role role(RegionScope s, String identifier, String service, String description) {
        return new Role(s.logical("role-" + identifier), RoleArgs.builder()
                .name(s.physical(AwsService.IAM_ROLE, identifier))
                .description(description)
                .assumeRolePolicy(Policies.trust(service))
                .maxSessionDuration(3600)
                .tags(s.tags(AwsService.IAM_ROLE, identifier))
                .build(), s.opts());
    }

    /** The role's inline policy {@code identifier} made of {@code statements}. */
    public static RolePolicy inline(RegionScope s, Role role, String identifier, List<Map<String, Object>> statements) {
        Output<String> document = Policies.document(statements);
        return new RolePolicy(s.logical("policy-" + identifier), RolePolicyArgs.builder()
                .name(s.physical(AwsService.IAM_POLICY, identifier))
                .role(role.id())
                .policy(document)
                .build(), s.opts());
    }
}
