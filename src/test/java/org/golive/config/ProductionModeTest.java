package org.golive.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.golive.GoliveApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** golive outside the sandbox profile: no start without an admin password of its own, and no demo users. */
class ProductionModeTest {

    @TempDir
    Path work;

    private SpringApplicationBuilder golive(String... properties) {
        return new SpringApplicationBuilder(GoliveApplication.class).properties(
                "server.port=0",
                "spring.datasource.url=jdbc:h2:mem:production-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "camunda.bpm.job-execution.enabled=false",
                "golive.data-dir=" + work).properties(properties);
    }

    @Test
    void refusesToStartWithoutAnAdminPassword() {
        assertThatThrownBy(() -> golive().run().close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("refuses to start in production mode")
                .hasMessageContaining("is not set")
                .hasMessageContaining("GOLIVE_ADMIN_PASSWORD_FILE");
    }

    @Test
    void refusesTheDefaultAdminPassword() {
        assertThatThrownBy(() -> golive("GOLIVE_ADMIN_PASSWORD=admin").run().close())
                .hasMessageContaining("is a default password");
    }

    @Test
    void withAPasswordFileStartsWithTheAdminAndNoDemoUser() throws Exception {
        Path secret = Files.writeString(work.resolve("admin-password"), "c0rrect-h0rse-battery\n");
        try (ConfigurableApplicationContext context = golive("GOLIVE_ADMIN_PASSWORD_FILE=" + secret).run()) {
            IdentityService identity = context.getBean(IdentityService.class);

            assertThat(identity.createUserQuery().list()).extracting(u -> u.getId()).containsExactly("admin");
            assertThat(identity.checkPassword("admin", "c0rrect-h0rse-battery")).isTrue();
            assertThat(identity.createUserQuery().memberOfGroup("golive-lead").count()).isZero();
        }
    }

    @Test
    void namesWhatIsWrongWithAPassword() {
        assertThat(ProductionMode.problem(null, "admin")).isEqualTo("is not set");
        assertThat(ProductionMode.problem("  ", "admin")).isEqualTo("is not set");
        assertThat(ProductionMode.problem("Demo", "admin")).isEqualTo("is a default password");
        assertThat(ProductionMode.problem("root", "root")).isEqualTo("is a default password");
        assertThat(ProductionMode.problem("short-pw", "admin")).isEqualTo("is shorter than 12 characters");
        assertThat(ProductionMode.problem("a-long-enough-secret", "admin")).isNull();
    }
}
