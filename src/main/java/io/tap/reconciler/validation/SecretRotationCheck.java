package io.tap.reconciler.validation;

import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The database secret rotates automatically and was last rotated (or, if never, created) within its
 * rotation period plus a grace period.
 */
final class SecretRotationCheck extends RegionalCheck {

    private final Duration grace;
    private final Clock clock;

    SecretRotationCheck(String region, Duration grace, Clock clock) {
        super("secrets.rotation", region, CheckSeverity.CRITICAL);
        this.grace = grace;
        this.clock = clock;
    }

    @Override
    Verdict evaluate(StackOutputs outputs, AwsClients aws) {
        String arn = outputs.get(region(), OutputKeys.DB_SECRET_ARN);
        DescribeSecretResponse secret = aws.secretsManager(region()).describeSecret(r -> r.secretId(arn));
        return judge(secret, grace, clock.instant());
    }

    /** The verdict for a described secret at {@code now}; the secret's value is never read. */
    static Verdict judge(DescribeSecretResponse secret, Duration grace, Instant now) {
        String name = secret.name();
        if (!Boolean.TRUE.equals(secret.rotationEnabled())) {
            return Verdict.fail("Secret " + name + " has rotation disabled.");
        }
        Duration period = period(secret);
        if (period == null) {
            return Verdict.fail("Secret " + name + " has rotation enabled but no schedule.");
        }
        Instant last = secret.lastRotatedDate() != null ? secret.lastRotatedDate() : secret.createdDate();
        String what = secret.lastRotatedDate() != null ? "last rotated" : "never rotated, created";
        if (last == null) {
            return Verdict.fail("Secret " + name + " reports neither a rotation nor a creation date.");
        }
        Duration age = Duration.between(last, now);
        if (age.compareTo(period.plus(grace)) > 0) {
            return Verdict.fail("Secret " + name + " " + what + " " + age.toDays() + " days ago, beyond its "
                    + period.toDays() + "-day period plus " + grace.toHours() + "h grace.");
        }
        return Verdict.pass("Secret " + name + " rotates every " + period.toDays() + " days; " + what + " "
                + age.toHours() + "h ago.");
    }

    private static Duration period(DescribeSecretResponse secret) {
        var rules = secret.rotationRules();
        if (rules == null) {
            return null;
        }
        if (rules.automaticallyAfterDays() != null) {
            return Duration.ofDays(rules.automaticallyAfterDays());
        }
        if (rules.duration() != null || rules.scheduleExpression() != null) {
            // Cron/rate schedules: bound by the documented maximum interval between rotations.
            String expr = rules.scheduleExpression() == null ? "" : rules.scheduleExpression();
            var rate = java.util.regex.Pattern.compile("rate\\((\\d+) days?\\)").matcher(expr);
            return rate.matches() ? Duration.ofDays(Long.parseLong(rate.group(1))) : Duration.ofDays(1000);
        }
        return null;
    }
}
