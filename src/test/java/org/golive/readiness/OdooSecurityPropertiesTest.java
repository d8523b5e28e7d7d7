package org.golive.readiness;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.golive.readiness.OdooSecurityProperties.Settings;
import org.junit.jupiter.api.Test;

class OdooSecurityPropertiesTest {

    private static Settings with(int maxSystemUsers, String location, Duration apiKeyMaxAge) {
        return new Settings("admin", List.of("admin"), maxSystemUsers, false, apiKeyMaxAge, location, true, true, null,
                Duration.ofSeconds(10), false, 1000);
    }

    @Test
    void anAttachmentLocationOtherThanFileOrDbIsRefused() {
        assertThatThrownBy(() -> with(3, "s3", Duration.ofDays(90))).hasMessageContaining("attachment-location must be file or db");
    }

    @Test
    void noSystemUserAtAllOrANonPositiveKeyAgeIsRefused() {
        assertThatThrownBy(() -> with(0, "file", Duration.ofDays(90))).hasMessageContaining("max-system-users");
        assertThatThrownBy(() -> with(3, "file", Duration.ZERO)).hasMessageContaining("api-key-max-age");
    }
}
