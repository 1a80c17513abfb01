package io.tap.reconciler.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Authenticates {@code Authorization: Bearer <token>}. An unknown token leaves the request
 * anonymous and marks it, so that the entry point answers 401 "invalid token" where
 * authentication is required, while open endpoints (health probes) still answer.
 * Not a bean: a Filter bean would also be registered with the servlet container.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    static final String INVALID_TOKEN = BearerTokenFilter.class.getName() + ".invalid";
    private static final String PREFIX = "bearer ";

    private final ApiTokenAuthenticationProvider provider;

    BearerTokenFilter(ApiTokenAuthenticationProvider provider) {
        this.provider = provider;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            try {
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(provider.authenticate(new BearerToken(header.substring(PREFIX.length()).strip())));
                SecurityContextHolder.setContext(context);
            } catch (AuthenticationException e) {
                request.setAttribute(INVALID_TOKEN, Boolean.TRUE);
            }
        }
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
