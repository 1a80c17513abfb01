package io.tap.reconciler.validation;

/** What a check concluded, before the runner adds its name, region and severity. */
record Verdict(CheckStatus status, String evidence) {

    static Verdict pass(String evidence) {
        return new Verdict(CheckStatus.PASS, evidence);
    }

    static Verdict fail(String evidence) {
        return new Verdict(CheckStatus.FAIL, evidence);
    }

    static Verdict error(String evidence) {
        return new Verdict(CheckStatus.ERROR, evidence);
    }

    /** PASS with {@code ok} when {@code problems} is empty, else FAIL listing them. */
    static Verdict of(java.util.List<String> problems, String ok) {
        return problems.isEmpty() ? pass(ok) : fail(String.join("; ", problems) + ".");
    }
}
