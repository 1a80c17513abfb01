package io.tap.reconciler.drift;

/**
 * A resource the stack manages, as recorded in its state; used to map outside findings to URNs.
 *
 * @param urn  Pulumi URN
 * @param type Pulumi type token
 * @param id   physical id, may be {@code null}
 * @param arn  ARN output, may be {@code null}
 */
public record ManagedResource(String urn, String type, String id, String arn) {
}
