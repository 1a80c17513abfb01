package io.tap.reconciler.api;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a token holder may do: a viewer reads, an operator also triggers and approves. */
enum ApiRole {
    VIEWER, OPERATOR;

    /** Spring Security authorities; an operator is also a viewer. */
    List<GrantedAuthority> authorities() {
        return this == OPERATOR
                ? List.of(new SimpleGrantedAuthority("ROLE_VIEWER"), new SimpleGrantedAuthority("ROLE_OPERATOR"))
                : List.of(new SimpleGrantedAuthority("ROLE_VIEWER"));
    }

    static Optional<ApiRole> parse(String value) {
        for (ApiRole r : values()) {
            if (r.name().equals(value.trim().toUpperCase(Locale.ROOT))) return Optional.of(r);
        }
        return Optional.empty();
    }
}
