package org.golive.signoff;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/** Separation of duties on the sign-off page: one person approves for one role at most. */
public final class SeparationOfDuties {

    private SeparationOfDuties() {
    }

    /**
     * The role other than {@code role} that {@code user} already approved for, if any.
     *
     * @param approverOf who approved for a role so far, null for nobody
     */
    public static Optional<SignOffRole> otherRoleApprovedBy(SignOffRole role, String user, Function<SignOffRole, Object> approverOf) {
        return Arrays.stream(SignOffRole.values())
                .filter(other -> other != role)
                .filter(other -> user.equals(approverOf.apply(other)))
                .findFirst();
    }
}
