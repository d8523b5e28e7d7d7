package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.golive.config.GoliveProperties.Database;
import org.golive.config.GoliveProperties.TargetEnvironment;
import org.golive.config.Target;
import org.golive.config.TargetDatabases;
import org.golive.readiness.DatabaseAccessGate;
import org.golive.readiness.DatabaseAccessProperties;
import org.golive.readiness.DatabaseAccessProperties.Access;
import org.golive.readiness.GateRequest;
import org.golive.readiness.GateResult;
import org.golive.readiness.GateResult.Status;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gate {@code databaseAccess} against real PostgreSQL: a cluster of the test's own (its pg_hba.conf rewritten per
 * test, read back by the server through pg_hba_file_rules) and the stack's server, whose login is no superuser.
 */
class DatabaseAccessIT {

    private static final String ENV = "dbaccess";
    private static final String LOCAL = "local all all peer";
    private static final String ADMIN = "host all golive_admin 127.0.0.1/32 scram-sha-256";

    private static PgCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = PgCluster.start(Path.of("/tmp/golive-it-dbaccess-" + ProcessHandle.current().pid()));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static GateResult check(Target target, Access access) {
        DatabaseAccessGate gate = new DatabaseAccessGate(new TargetDatabases(), new DatabaseAccessProperties(Map.of(ENV, access)));
        return gate.check(new GateRequest(target, "golive/odoo", "18.0-1", "dbaccess-18.0-1-it"));
    }

    private static Access access(boolean requireTls, String... mustBeClosed) {
        return new Access(requireTls, List.of(mustBeClosed), Duration.ofSeconds(2));
    }

    @Test
    void passesWhenHostRulesNameNetworksAndAskForPasswords() throws Exception {
        cluster.pgHba(LOCAL, ADMIN, "host odoo odoo 10.0.0.0/8 scram-sha-256", "host all all 0.0.0.0/0 reject");
        GateResult result = check(cluster.target(ENV), access(false));
        assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
        assertThat(result.facts()).containsEntry("pgHbaRules", 4).containsEntry("listenAddresses", "127.0.0.1").containsEntry("ssl", "off");
    }

    @Test
    void passesWhenTheMustBeClosedEndpointRefuses() throws Exception {
        cluster.pgHba(LOCAL, ADMIN);
        int closed = LocalPorts.free();
        GateResult result = check(cluster.target(ENV), access(false, "127.0.0.1:" + closed));
        assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
        assertThat(result.facts().get("mustBeClosed")).isEqualTo(Map.of("127.0.0.1:" + closed, "closed"));
    }

    @Test
    void failsOnAHostRuleOpenToEveryAddress() throws Exception {
        cluster.pgHba(LOCAL, ADMIN, "host all all 0.0.0.0/0 scram-sha-256");
        GateResult result = check(cluster.target(ENV), access(false));
        assertThat(result.status()).as(result.summary()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains("line 3: host all all 0.0.0.0/0.0.0.0 scram-sha-256 (open to every address)");
    }

    @Test
    void failsOnAnIpv6RuleOpenToEveryAddress() throws Exception {
        cluster.pgHba(LOCAL, ADMIN, "host odoo odoo ::/0 md5");
        GateResult result = check(cluster.target(ENV), access(false));
        assertThat(result.status()).as(result.summary()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains("open to every address");
    }

    @Test
    void failsOnTrustOverTheNetworkEvenForOneAddress() throws Exception {
        cluster.pgHba(LOCAL, ADMIN, "host odoo odoo 10.1.2.3/32 trust");
        GateResult result = check(cluster.target(ENV), access(false));
        assertThat(result.status()).as(result.summary()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains("trust: no password over the network");
    }

    @Test
    void failsOnAHostnosslRuleAndSslOffWhenTlsIsRequired() throws Exception {
        cluster.pgHba(LOCAL, ADMIN, "hostnossl odoo odoo 10.0.0.0/8 scram-sha-256");
        GateResult result = check(cluster.target(ENV), access(true));
        assertThat(result.status()).as(result.summary()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains("accepts connections without TLS").contains("ssl = off");
    }

    @Test
    void failsWhenAMustBeClosedEndpointAccepts() throws Exception {
        cluster.pgHba(LOCAL, ADMIN);
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            GateResult result = check(cluster.target(ENV), access(false, "127.0.0.1:" + listening.getLocalPort()));
            assertThat(result.status()).as(result.summary()).isEqualTo(Status.FAIL);
            assertThat(result.summary()).contains("127.0.0.1:" + listening.getLocalPort() + " accepts connections");
        }
    }

    @Test
    void isInconclusiveNamingThePrivilegeWhenTheLoginIsNoSuperuser() {
        // the stack's server: golive's login there is odoo, no superuser, as an Odoo database user should be
        Path password = Path.of(System.getenv().getOrDefault("GOLIVE_STACK_DIR", "/var/lib/golive-stack"), "secrets/odoo-db-password");
        Target stack = new Target(ENV, new TargetEnvironment(null, new Database("127.0.0.1", 5432, "postgres", "odoo", null, password),
                null, null, null, null, null, null));
        GateResult result = check(stack, access(false));
        assertThat(result.status()).as(result.summary()).isEqualTo(Status.INCONCLUSIVE);
        assertThat(result.summary()).contains("needs superuser").contains("pg_hba_file_rules");
        assertThat(result.facts()).containsKeys("listenAddresses", "ssl");
    }
}
