package io.tap.reconciler.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * Routes the Pulumi Java SDK's {@code java.util.logging} output through the engines' secret maskers
 * into SLF4J ({@code io.tap.reconciler.engine.program}). The SDK's inline deployment logs a failing
 * program's exception — message included, which may carry a secret a program carelessly put there —
 * on the JUL logger {@code com.pulumi.deployment.internal.DeploymentImpl}, i.e. straight to the console
 * unless someone intervenes. Installed on the {@code com.pulumi} JUL logger with parent handlers off.
 */
final class MaskingJulLogger {

    private static final Logger log = LoggerFactory.getLogger("io.tap.reconciler.engine.program");
    private static final List<SecretMasker> MASKERS = new CopyOnWriteArrayList<>();
    /** JUL keeps loggers weakly; these references keep our configuration alive. */
    private static final java.util.logging.Logger SDK_ROOT = java.util.logging.Logger.getLogger("com.pulumi");
    private static final java.util.logging.Logger ANONYMOUS = java.util.logging.Logger.getAnonymousLogger();

    static {
        Forwarder forwarder = new Forwarder();
        for (java.util.logging.Logger l : List.of(SDK_ROOT, ANONYMOUS)) {
            l.setUseParentHandlers(false);
            l.setLevel(Level.INFO);
            l.addHandler(forwarder);
        }
    }

    private MaskingJulLogger() {
    }

    /** Registers an engine's masker; returns the logger to hand to the Automation API options. */
    static java.util.logging.Logger register(SecretMasker masker) {
        MASKERS.add(masker);
        return ANONYMOUS;
    }

    static void unregister(SecretMasker masker) {
        MASKERS.remove(masker);
    }

    static String mask(String text) {
        String out = text;
        for (SecretMasker m : MASKERS) out = m.mask(out);
        return out;
    }

    private static final class Forwarder extends Handler {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord r) {
            String text = formatter.formatMessage(r);
            if (r.getThrown() != null) {
                StringWriter sw = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(sw));
                text = text + System.lineSeparator() + sw;
            }
            String masked = mask(text);
            int level = r.getLevel().intValue();
            if (level >= Level.SEVERE.intValue()) log.error("{}", masked);
            else if (level >= Level.WARNING.intValue()) log.warn("{}", masked);
            else if (level >= Level.INFO.intValue()) log.info("{}", masked);
            else log.debug("{}", masked);
        }

        @Override
        public void flush() {
            // nothing buffered
        }

        @Override
        public void close() {
            // SLF4J owns the output
        }
    }
}
