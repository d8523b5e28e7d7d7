package org.golive.step;

import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Runs an engine call as golive itself, outside the caller's authorizations: for what golive does on a
 * person's behalf after it checked their role (a breach report sets a variable that no person may set), or
 * reads for its own records (who started a go-live). The caller's authentication is restored afterwards.
 */
public final class AsGolive {

    private AsGolive() {
    }

    public static <T> T call(IdentityService identity, Supplier<T> call) {
        Authentication caller = identity.getCurrentAuthentication();
        identity.clearAuthentication();
        try {
            return call.get();
        } finally {
            if (caller != null) {
                identity.setAuthentication(caller);
            }
        }
    }
}
