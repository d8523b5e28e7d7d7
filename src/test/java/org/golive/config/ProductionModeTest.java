package org.golive.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.spring.boot.starter.configuration.impl.custom.CreateAdminUserConfiguration;
import org.golive.GoliveApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * golive outside the sandbox profile: no start without an admin password of its own, and no demo users; with users
 * from LDAP no admin password and no local user at all.
 */
class ProductionModeTest {

    @TempDir
    Path work;

    /**
     * golive with its own in-memory database and data directory. These go in as arguments: application.yaml names
     * both (GOLIVE_DB_URL, GOLIVE_DATA_DIR) and would win over default properties, sharing ./data between runs.
     */
    private ConfigurableApplicationContext golive(String... properties) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:production-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "--camunda.bpm.job-execution.enabled=false",
                "--golive.data-dir=" + work));
        Stream.of(properties).map(p -> "--" + p).forEach(arguments::add);
        return new SpringApplicationBuilder(GoliveApplication.class).run(arguments.toArray(String[]::new));
    }

    @Test
    void refusesToStartWithoutAnAdminPassword() {
        assertThatThrownBy(() -> golive().close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("refuses to start in production mode")
                .hasMessageContaining("is not set")
                .hasMessageContaining("GOLIVE_ADMIN_PASSWORD_FILE");
    }

    @Test
    void refusesTheDefaultAdminPassword() {
        assertThatThrownBy(() -> golive("GOLIVE_ADMIN_PASSWORD=admin").close())
                .hasMessageContaining("is a default password");
    }

    @Test
    void withAPasswordFileStartsWithTheAdminAndNoDemoUser() throws Exception {
        Path secret = Files.writeString(work.resolve("admin-password"), "c0rrect-h0rse-battery\n");
        try (ConfigurableApplicationContext context = golive("GOLIVE_ADMIN_PASSWORD_FILE=" + secret)) {
            IdentityService identity = context.getBean(IdentityService.class);

            assertThat(identity.createUserQuery().list()).extracting(u -> u.getId()).containsExactly("admin");
            assertThat(identity.checkPassword("admin", "c0rrect-h0rse-battery")).isTrue();
            assertThat(identity.createUserQuery().memberOfGroup("golive-lead").count()).isZero();
        }
    }

    @Test
    void withUsersFromLdapStartsWithoutAnAdminPasswordAndCreatesNoUser() throws Exception {
        // a directory that does not answer: golive still starts (nobody can log in until it does) and creates nothing
        String closed = "ldap://127.0.0.1:" + closedPort() + "/";
        try (ConfigurableApplicationContext context = golive("golive.ldap.enabled=true", "golive.ldap.server-url=" + closed,
                "golive.ldap.base-dn=dc=golive,dc=test")) {
            assertThat(context.getBean(IdentityService.class).isReadOnly()).isTrue();
            assertThat(context.getBeansOfType(CreateAdminUserConfiguration.class)).as("the starter's admin user").isEmpty();
            JdbcTemplate database = new JdbcTemplate(context.getBean(DataSource.class));
            assertThat(database.queryForObject("SELECT COUNT(*) FROM ACT_ID_USER", Long.class)).isZero();
            assertThat(database.queryForObject("SELECT COUNT(*) FROM ACT_ID_GROUP", Long.class)).isZero();
            assertThat(context.getBean(AuthorizationService.class).createAuthorizationQuery().groupIdIn("camunda-admin")
                    .resourceType(Resources.AUTHORIZATION).singleResult().isPermissionGranted(Permissions.ALL))
                    .as("the directory's admin group (default camunda-admin) may do everything").isTrue();
        }
    }

    @Test
    void withUsersFromLdapAManagerNeedsAPassword() {
        assertThatThrownBy(() -> golive("golive.ldap.enabled=true", "golive.ldap.manager-dn=cn=manager,dc=golive,dc=test",
                "golive.ldap.manager-password-env=GOLIVE_TEST_UNSET_" + UUID.randomUUID().toString().replace("-", "")).close())
                .rootCause().hasMessageContaining("golive.ldap.manager-dn is cn=manager,dc=golive,dc=test but it has no password")
                .hasMessageContaining("golive.ldap.manager-password-file");
    }

    @Test
    void withoutLdapTheStartersAdminStaysOn() {
        assertThatThrownBy(() -> golive("golive.ldap.enabled=yes").close())
                .as("only 'true' switches LDAP on, as the LDAP plugin's condition reads it")
                .hasMessageContaining("the admin password is not set");
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
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
