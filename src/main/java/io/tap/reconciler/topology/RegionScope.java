package io.tap.reconciler.topology;

import com.pulumi.aws.Provider;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.tap.reconciler.topology.naming.AwsService;
import io.tap.reconciler.topology.naming.ResourceNames;
import io.tap.reconciler.topology.naming.Tags;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Everything a builder needs to place a resource in one region: the region's explicit provider,
 * the naming function, the tags and the account. Logical names are {@code <region>-<what>} so they
 * stay unique across the whole stack.
 *
 * @param spec      the validated topology
 * @param region    this region's entry
 * @param provider  this region's {@code aws.Provider}
 * @param names     the naming function
 * @param tags      the required tags
 * @param accountId the account the provider deploys into
 */
public record RegionScope(TopologySpec spec, TopologySpec.Region region, Provider provider, ResourceNames names,
                          Tags tags, Output<String> accountId) {

    /** The region code, e.g. {@code us-east-1}. */
    public String name() {
        return region.name();
    }

    /** Whether this is the primary region. */
    public boolean isPrimary() {
        return region.name().equals(spec.primaryRegion());
    }

    /** The availability zones used, {@code <region>a}, {@code <region>b}, …, in order. */
    public List<String> zones() {
        return java.util.stream.IntStream.range(0, region.availabilityZones())
                .mapToObj(i -> region.name() + (char) ('a' + i)).toList();
    }

    /** The stack-unique logical name of {@code what} in this region. */
    public String logical(String what) {
        return region.name() + "-" + what;
    }

    /** The physical name of {@code identifier} of {@code service} in this region. */
    public String physical(AwsService service, String identifier) {
        return names.physical(service, identifier, region.name());
    }

    /** Required tags plus {@code Name} = the physical name of {@code identifier}. */
    public Map<String, String> tags(AwsService service, String identifier) {
        return tags.named(physical(service, identifier));
    }

    /** Required tags plus an explicit {@code Name}. */
    public Map<String, String> tagsNamed(String name) {
        return tags.named(name);
    }

    /** Options placing a resource in this region, after {@code dependsOn}. */
    public CustomResourceOptions opts(Resource... dependsOn) {
        var b = CustomResourceOptions.builder().provider(provider);
        if (dependsOn.length > 0) {
            b.dependsOn(Arrays.asList(dependsOn));
        }
        return b.build();
    }

    /** An ARN in this region and account: {@code arn:aws:<service>:<region>:<account>:<resource>}. */
    public Output<String> arn(String service, String resource) {
        return accountId.applyValue(a -> "arn:aws:" + service + ":" + region.name() + ":" + a + ":" + resource);
    }

    /** The ARN of a global (IAM) resource in this account. */
    public Output<String> iamArn(String resource) {
        return accountId.applyValue(a -> "arn:aws:iam::" + a + ":" + resource);
    }
}
