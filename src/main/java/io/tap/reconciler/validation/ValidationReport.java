package io.tap.reconciler.validation;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The results of one validation of a stack.
 *
 * @param stack      stack name
 * @param runId      the reconcile run it belongs to, {@code null} when run on its own (e.g. the IT suite)
 * @param startedAt  start
 * @param finishedAt end
 * @param results    one per check and region, in catalogue order
 */
public record ValidationReport(String stack, String runId, Instant startedAt, Instant finishedAt,
                               List<CheckResult> results) {

    public ValidationReport {
        results = List.copyOf(results);
    }

    /** Results with status FAIL. */
    public List<CheckResult> failures() {
        return results.stream().filter(r -> r.status() == CheckStatus.FAIL).toList();
    }

    /** Results with status ERROR. */
    public List<CheckResult> errors() {
        return results.stream().filter(r -> r.status() == CheckStatus.ERROR).toList();
    }

    /** Number of results per status (every status present, possibly 0). */
    public Map<CheckStatus, Long> counts() {
        Map<CheckStatus, Long> counts = new EnumMap<>(CheckStatus.class);
        for (CheckStatus s : CheckStatus.values()) {
            counts.put(s, 0L);
        }
        results.forEach(r -> counts.merge(r.status(), 1L, Long::sum));
        return counts;
    }

    /** True when every check passed. */
    public boolean passed() {
        return !results.isEmpty() && results.stream().allMatch(r -> r.status() == CheckStatus.PASS);
    }
}
