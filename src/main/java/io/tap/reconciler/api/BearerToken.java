package io.tap.reconciler.api;

import org.springframework.security.authentication.AbstractAuthenticationToken;

import java.util.List;

/** A presented, not yet verified bearer token. Its string form never shows the token. */
final class BearerToken extends AbstractAuthenticationToken {

    private final String token;

    BearerToken(String token) {
        super(List.of());
        this.token = token;
    }

    @Override
    public Object getCredentials() {
        return token;
    }

    @Override
    public Object getPrincipal() {
        return null;
    }

    @Override
    public String toString() {
        return "BearerToken[masked]";
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
