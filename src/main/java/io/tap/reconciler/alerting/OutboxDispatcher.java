package io.tap.reconciler.alerting;

import io.tap.reconciler.config.AlertProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Delivers the outbox: every {@code tap.alerts.dispatch.interval}, and right after a run's alerts commit,
 * it sends up to {@code batch-size} unsent alerts in order and marks each sent. A failed send is recorded
 * (attempts, last error) and retried after an exponential backoff; it also holds back the later alerts of
 * the same stack, so a stack's alerts arrive in order. Nothing is ever dropped.
 *
 * <p>Guarantee: at-least-once. A row is claimed before sending, so no two dispatchers send it at once,
 * and it is never sent again once marked sent. Only a crash (or a lost database) between SNS accepting a
 * message and the row being marked sent makes it go out again, after the claim times out; on a FIFO topic
 * SNS drops that resend when it falls within its 5-minute deduplication window.
 */
final class OutboxDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final AlertOutbox outbox;
    private final AlertPublisher publisher;
    private final TopicResolver topics;
    private final AlertProperties.Dispatch settings;
    private final SecretScrubber scrubber;
    private final AlertMetrics metrics;
    private final Clock clock;
    private final ReentrantLock pass = new ReentrantLock();
    private volatile ScheduledExecutorService executor;

    OutboxDispatcher(AlertOutbox outbox, AlertPublisher publisher, TopicResolver topics,
                     AlertProperties.Dispatch settings, SecretScrubber scrubber, AlertMetrics metrics, Clock clock) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.topics = topics;
        this.settings = settings;
        this.scrubber = scrubber;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (!settings.enabled() || executor != null) return;
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tap-alert-dispatcher");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::passSafely, 0, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService e = executor;
        executor = null;
        if (e == null) return;
        e.shutdown();
        try {
            if (!e.awaitTermination(settings.claimTimeout().toMillis(), TimeUnit.MILLISECONDS)) e.shutdownNow();
        } catch (InterruptedException ex) {
            e.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /** Asks for a pass now (after a run's alerts committed); a no-op when not running. */
    void nudge() {
        ScheduledExecutorService e = executor;
        if (e != null) {
            try {
                e.execute(this::passSafely);
            } catch (java.util.concurrent.RejectedExecutionException ignored) {
                // stopping; the next start sends it
            }
        }
    }

    private void passSafely() {
        try {
            dispatchOnce();
        } catch (RuntimeException e) {
            // e.g. the database is briefly unavailable: the next pass tries again
            log.warn("alert dispatch pass failed: {}", scrubber.scrub(String.valueOf(e.getMessage())));
        }
    }

    /** One bounded pass; returns how many alerts SNS accepted. */
    int dispatchOnce() {
        if (!pass.tryLock()) return 0; // a pass is already running
        try {
            int sent = 0;
            Set<String> heldBack = new HashSet<>();
            List<OutboxEntry> due = outbox.unsent(settings.batchSize());
            for (OutboxEntry entry : due) {
                Alert alert = entry.alert();
                if (heldBack.contains(alert.stack())) continue;
                // the claim runs from now, not from the start of the pass: earlier sends took time
                Instant now = clock.instant();
                if (entry.nextAttemptAt().isAfter(now)
                        || !outbox.claim(alert.id(), now, now.plus(settings.claimTimeout()))) {
                    heldBack.add(alert.stack()); // backing off or being sent: keep the stack's order
                    continue;
                }
                if (send(entry)) sent++;
                else heldBack.add(alert.stack());
            }
            metrics.unsent(outbox.countUnsent());
            return sent;
        } finally {
            pass.unlock();
        }
    }

    private boolean send(OutboxEntry entry) {
        Alert alert = entry.alert();
        String messageId;
        try {
            messageId = publisher.publish(alert, topics.topicFor(alert.stack()));
        } catch (RuntimeException e) {
            int attempts = entry.attempts() + 1;
            Instant retryAt = clock.instant().plus(settings.backoffAfter(attempts));
            String error = scrubber.scrub(e.getClass().getSimpleName() + ": " + e.getMessage());
            outbox.markFailed(alert.id(), retryAt, error);
            metrics.count(alert.kind(), "failed");
            log.warn("alert {} ({} for stack {}) not sent, attempt {}, retry at {}: {}", alert.id(), alert.kind(),
                    alert.stack(), attempts, retryAt, error);
            return false;
        }
        outbox.markSent(alert.id(), clock.instant(), messageId);
        metrics.count(alert.kind(), "sent");
        log.info("alert {} ({} for stack {}) sent as {}", alert.id(), alert.kind(), alert.stack(), messageId);
        return true;
    }
}
