package org.golive.signoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SeparationOfDutiesTest {

    @Test
    void findsTheOtherRoleAPersonAlreadyApprovedFor() {
        Map<SignOffRole, String> approvers = Map.of(SignOffRole.TECHNICAL_LEAD, "cto", SignOffRole.FINANCE_LEAD, "finance");

        assertThat(SeparationOfDuties.otherRoleApprovedBy(SignOffRole.SECURITY_LEAD, "cto", approvers::get))
                .contains(SignOffRole.TECHNICAL_LEAD);
        assertThat(SeparationOfDuties.otherRoleApprovedBy(SignOffRole.SECURITY_LEAD, "security", approvers::get)).isEmpty();
    }

    @Test
    void theRoleBeingSignedDoesNotCountAgainstItsOwnApprover() {
        // a repeated completion of the same role (the engine may run a listener twice) is not a second role
        Map<SignOffRole, String> approvers = Map.of(SignOffRole.TECHNICAL_LEAD, "cto");

        assertThat(SeparationOfDuties.otherRoleApprovedBy(SignOffRole.TECHNICAL_LEAD, "cto", approvers::get)).isEmpty();
    }
}
