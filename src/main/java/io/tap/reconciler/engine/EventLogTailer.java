package io.tap.reconciler.engine;

import com.pulumi.automation.events.EngineEvent;
import com.pulumi.automation.serialization.internal.LocalSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * Follows the CLI's {@code --event-log} file and hands each complete JSON line to the consumer as an
 * {@link EngineEvent}. It stops at the engine's cancel event (the last event of a run) or, if the
 * CLI died before writing it, once the process has exited and the file is drained — the SDK's own
 * watcher would wait forever in that case, and it can also parse a half-written line.
 */
final class EventLogTailer {

    private static final Logger log = LoggerFactory.getLogger(EventLogTailer.class);
    private static final long POLL_MILLIS = 50;

    private final Path file;
    private final Consumer<EngineEvent> consumer;
    private final Process process;
    private final Thread thread;
    private volatile boolean stop;
    private volatile RuntimeException consumerFailure;

    private EventLogTailer(Path file, Consumer<EngineEvent> consumer, Process process) {
        this.file = file;
        this.consumer = consumer;
        this.process = process;
        this.thread = new Thread(this::follow, "pulumi-events");
        this.thread.setDaemon(true);
    }

    static EventLogTailer start(Path file, Consumer<EngineEvent> consumer, Process process) {
        EventLogTailer t = new EventLogTailer(file, consumer, process);
        t.thread.start();
        return t;
    }

    /** Waits until every event written by the (exited) process has been delivered. */
    void finish() throws InterruptedException {
        thread.join(30_000);
        if (consumerFailure != null) throw consumerFailure;
    }

    /** Stops following, e.g. when the run failed to start. */
    void stop() {
        stop = true;
    }

    private void follow() {
        LocalSerializer serializer = new LocalSerializer();
        ByteArrayOutputStream line = new ByteArrayOutputStream(8192);
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            boolean exitedAndDrained = false;
            while (!stop && !exitedAndDrained) {
                boolean exited = !process.isAlive();
                int n = ch.read(buf);
                if (n <= 0) {
                    if (exited) {
                        exitedAndDrained = true; // read once more after exit saw nothing new
                    } else {
                        Thread.sleep(POLL_MILLIS);
                    }
                    continue;
                }
                buf.flip();
                while (buf.hasRemaining()) {
                    byte b = buf.get();
                    if (b == '\n') {
                        if (deliver(serializer, line.toString(StandardCharsets.UTF_8))) return;
                        line.reset();
                    } else {
                        line.write(b);
                    }
                }
                buf.clear();
            }
        } catch (IOException e) {
            log.warn("could not read the engine event log: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return true when the run's last event was seen */
    private boolean deliver(LocalSerializer serializer, String json) {
        if (json.isBlank()) return false;
        EngineEvent event;
        try {
            event = serializer.deserializeJson(json, EngineEvent.class);
        } catch (RuntimeException e) {
            log.debug("skipping an unreadable engine event: {}", e.toString());
            return false;
        }
        if (event == null) return false;
        try {
            consumer.accept(event);
        } catch (RuntimeException e) {
            consumerFailure = e;
            return true;
        }
        return event.cancelEvent() != null;
    }
}
