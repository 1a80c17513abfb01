package io.tap.reconciler.api;

/**
 * Who called: the name of the token entry (recorded, e.g., as the approver) and its role.
 *
 * @param name entry name from the token configuration, never the token
 * @param role what the holder may do
 */
record ApiPrincipal(String name, ApiRole role) {

    @Override
    public String toString() {
        return name;
    }
}
