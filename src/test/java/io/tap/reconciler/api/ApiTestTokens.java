package io.tap.reconciler.api;

/** Tokens used by the API tests; the values are long enough to pass the start-up check. */
public final class ApiTestTokens {

    public static final String OPERATOR = "op-7c0f3b1e9a4d4e5f8a2b6c1d0e9f8a7b";
    public static final String VIEWER = "view-2a9d8c7b6e5f4a3b2c1d0e9f8a7b6c5d";
    /** {@code tap.security.tokens} for these two: alice is an operator, victor a viewer. */
    public static final String PROPERTY = "tap.security.tokens=alice:operator:" + OPERATOR + ",victor:viewer:" + VIEWER;

    private ApiTestTokens() {
    }
}
