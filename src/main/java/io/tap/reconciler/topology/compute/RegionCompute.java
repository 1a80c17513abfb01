package io.tap.reconciler.topology.compute;

import com.pulumi.aws.acm.Certificate;
import com.pulumi.aws.autoscaling.Group;
import com.pulumi.aws.ec2.LaunchTemplate;
import com.pulumi.aws.lambda.Function;
import com.pulumi.aws.lb.Listener;
import com.pulumi.aws.lb.LoadBalancer;
import com.pulumi.aws.lb.TargetGroup;

/**
 * One region's application tier.
 *
 * @param launchTemplate instances' launch template
 * @param autoScalingGroup the group over the private subnets
 * @param loadBalancer   dual-stack ALB in the public subnets
 * @param targetGroup    the ALB's target group with health check
 * @param https          TLS 1.2+ listener
 * @param httpRedirect   port 80 listener redirecting to HTTPS
 * @param certificate    ACM certificate for {@code <region>.<domain>}
 * @param automation     the automation Lambda
 * @param alarms         the tier's CloudWatch alarms (unhealthy targets, ALB 5xx, database storage, Lambda errors)
 */
public record RegionCompute(LaunchTemplate launchTemplate, Group autoScalingGroup, LoadBalancer loadBalancer,
                            TargetGroup targetGroup, Listener https, Listener httpRedirect, Certificate certificate,
                            Function automation, java.util.List<com.pulumi.aws.cloudwatch.MetricAlarm> alarms) {
}
