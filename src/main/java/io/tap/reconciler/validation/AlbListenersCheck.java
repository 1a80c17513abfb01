package io.tap.reconciler.validation;

import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SslPolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An HTTPS listener with a certificate and a policy that offers TLS 1.2 or newer only; every HTTP
 * listener redirects to HTTPS.
 */
final class AlbListenersCheck extends RegionalCheck {

    private static final Set<String> WEAK = Set.of("SSLv3", "TLSv1", "TLSv1.1");

    AlbListenersCheck(String region) {
        super("loadbalancer.listeners", region, CheckSeverity.CRITICAL);
    }

    @Override
    Verdict evaluate(StackOutputs outputs, AwsClients aws) {
        String arn = outputs.get(region(), OutputKeys.ALB_ARN);
        ElasticLoadBalancingV2Client elb = aws.elb(region());
        List<Listener> listeners = elb.describeListenersPaginator(r -> r.loadBalancerArn(arn)).listeners().stream().toList();
        List<String> problems = new ArrayList<>();
        List<Listener> https = listeners.stream().filter(l -> l.protocol() == ProtocolEnum.HTTPS).toList();
        if (https.isEmpty()) {
            problems.add("no HTTPS listener");
        }
        for (Listener l : https) {
            if (l.certificates().isEmpty()) {
                problems.add("HTTPS listener on " + l.port() + " has no certificate");
            }
            SslPolicy policy = elb.describeSSLPolicies(r -> r.names(l.sslPolicy())).sslPolicies().get(0);
            List<String> weak = policy.sslProtocols().stream().filter(WEAK::contains).sorted().toList();
            if (!weak.isEmpty()) {
                problems.add("HTTPS listener on " + l.port() + " uses " + l.sslPolicy() + " which allows " + weak);
            }
        }
        for (Listener l : listeners) {
            if (l.protocol() == ProtocolEnum.HTTP && !redirectsToHttps(l)) {
                problems.add("HTTP listener on " + l.port() + " does not redirect to HTTPS");
            }
        }
        String policies = https.stream().map(Listener::sslPolicy).distinct().toList().toString();
        return Verdict.of(problems, https.size() + " HTTPS listener(s) with certificate and TLS 1.2+ policy "
                + policies + "; HTTP redirects to HTTPS.");
    }

    private static boolean redirectsToHttps(Listener listener) {
        return !listener.defaultActions().isEmpty() && listener.defaultActions().stream().allMatch(a ->
                a.type() == ActionTypeEnum.REDIRECT && a.redirectConfig() != null
                        && "HTTPS".equalsIgnoreCase(a.redirectConfig().protocol()));
    }
}
