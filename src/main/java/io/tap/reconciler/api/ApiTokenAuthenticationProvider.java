package io.tap.reconciler.api;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Verifies a {@link BearerToken} against the configured tokens. Being an
 * {@link AuthenticationProvider} bean also keeps Spring Boot from creating its default user with
 * a generated password: there is no password login here.
 */
final class ApiTokenAuthenticationProvider implements AuthenticationProvider {

    private final ApiTokens tokens;

    ApiTokenAuthenticationProvider(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        ApiPrincipal principal = tokens.authenticate((String) authentication.getCredentials())
                .orElseThrow(() -> new BadCredentialsException("The bearer token is not valid"));
        return UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.role().authorities());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerToken.class.isAssignableFrom(authentication);
    }
}
