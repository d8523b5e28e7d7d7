package org.golive.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.golive.config.Environments;
import org.golive.config.GoliveProperties;
import org.golive.config.GoliveProperties.Maintenance;
import org.golive.config.GoliveProperties.Ssh;
import org.golive.config.GoliveProperties.TargetEnvironment;
import org.golive.config.Target;
import org.golive.deploy.MaintenancePage;
import org.golive.it.ItStack;
import org.golive.it.LocalPorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;

/**
 * Remote steps against a real OpenSSH server: an sshd of the test's own on 127.0.0.1 (a free port, its own host key,
 * key login only), stopped at the end. The maintenance page is shown and hidden by commands on that "proxy host".
 */
class SshCommandsIT {

    private static final Path WORK = Path.of("target/ssh-it").toAbsolutePath();
    private static Process sshd;
    private static int port;
    private static Ssh ssh;

    private final SshCommands commands = new SshCommands();

    @BeforeAll
    static void startSshd() throws Exception {
        ItStack.deleteTree(WORK);
        Files.createDirectories(WORK);
        keygen("host_key");
        keygen("client_key");
        keygen("other_host_key");
        Files.copy(WORK.resolve("client_key.pub"), WORK.resolve("authorized_keys"));
        // sshd's privilege separation directory; Debian's service creates it at boot, a test's sshd needs it too
        Files.createDirectories(Path.of("/run/sshd"));
        port = LocalPorts.free();
        Files.writeString(WORK.resolve("sshd_config"), String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + WORK.resolve("host_key"),
                "PidFile " + WORK.resolve("sshd.pid"),
                "AuthorizedKeysFile " + WORK.resolve("authorized_keys"),
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "StrictModes no",
                "UsePAM no", ""));
        sshd = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", WORK.resolve("sshd_config").toString())
                .redirectErrorStream(true).redirectOutput(WORK.resolve("sshd.log").toFile()).start();
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                break;
            } catch (IOException notYet) {
                if (!sshd.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("sshd did not start: " + Files.readString(WORK.resolve("sshd.log")));
                }
                Thread.sleep(100);
            }
        }
        knownHosts("known_hosts", "host_key.pub");
        knownHosts("known_hosts_other", "other_host_key.pub");
        ssh = new Ssh("127.0.0.1", port, System.getProperty("user.name"), WORK.resolve("client_key"), WORK.resolve("known_hosts"),
                Duration.ofSeconds(20));
    }

    @AfterAll
    static void stopSshd() throws InterruptedException {
        if (sshd != null) {
            sshd.destroy();
            sshd.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void argumentsReachTheRemoteCommandAsWordsNeverAsShellSyntax() {
        String tricky = "it's; touch " + WORK.resolve("injected") + " $(id) `id` \"q\" *";

        SshCommands.Result result = commands.run(ssh, List.of("printf", "%s", tricky));

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo(tricky);
        assertThat(WORK.resolve("injected")).doesNotExist();
    }

    @Test
    void aFailingCommandReportsItsExitCodeAndError() {
        SshCommands.Result result = commands.run(ssh, List.of("sh", "-c", "echo 'nginx: config test failed' >&2; exit 3"));

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stderr()).isEqualTo("nginx: config test failed");
    }

    @Test
    void aHostWhoseKeyIsNotTheKnownOneIsRefusedBeforeAnythingRuns() {
        Ssh impostor = new Ssh("127.0.0.1", port, ssh.user(), ssh.privateKeyFile(), WORK.resolve("known_hosts_other"), ssh.timeout());

        assertThatThrownBy(() -> commands.run(impostor, List.of("touch", WORK.resolve("should-not-exist").toString())))
                .isInstanceOf(RemoteCommandException.class)
                .hasMessageContaining("ssh " + ssh.user() + "@127.0.0.1:" + port)
                .hasMessageContaining("HostKey");
        assertThat(WORK.resolve("should-not-exist")).doesNotExist();
    }

    @Test
    void theMaintenancePageIsShownAndHiddenOnTheProxyHostAndBothAreSafeToRepeat() {
        Path flag = WORK.resolve("maintenance.on");
        Target proxy = proxyIt(new Maintenance(ssh, List.of("touch", flag.toString()), List.of("rm", "-f", flag.toString())));
        MaintenancePage page = new MaintenancePage(commands);

        Map<String, Object> shown = page.show(proxy).orElseThrow();
        assertThat(flag).exists();
        assertThat(shown).containsEntry("maintenancePage", "shown").containsEntry("maintenanceHost", "127.0.0.1");
        page.show(proxy);  // the engine may repeat a step after a crash
        assertThat(flag).exists();

        assertThat(page.hide(proxy).orElseThrow()).containsEntry("maintenancePage", "hidden");
        assertThat(flag).doesNotExist();
        page.hide(proxy);
        assertThat(flag).doesNotExist();
    }

    @Test
    void theMaintenancePageAsConfiguredInApplicationYaml() {
        Path flag = WORK.resolve("maintenance-from-config.on");
        String prefix = "golive.environments.proxy-it.";
        Map<String, Object> yaml = new HashMap<>(Map.of(
                prefix + "odoo-url", "http://127.0.0.1:1",
                prefix + "maintenance.ssh.host", "127.0.0.1",
                prefix + "maintenance.ssh.port", String.valueOf(port),
                prefix + "maintenance.ssh.user", ssh.user(),
                prefix + "maintenance.ssh.private-key-file", ssh.privateKeyFile().toString(),
                prefix + "maintenance.ssh.known-hosts-file", ssh.knownHostsFile().toString(),
                prefix + "maintenance.enable[0]", "touch",
                prefix + "maintenance.enable[1]", flag.toString()));
        yaml.putAll(Map.of(prefix + "maintenance.disable[0]", "rm", prefix + "maintenance.disable[1]", "-f",
                prefix + "maintenance.disable[2]", flag.toString()));
        GoliveProperties properties = new Binder(
                List.of(new MapConfigurationPropertySource(yaml)), null,
                ApplicationConversionService.getSharedInstance())
                .bind("golive", GoliveProperties.class).get();
        assertThat(properties.environments().get("proxy-it").maintenance().ssh().timeout()).as("default").isEqualTo(Duration.ofSeconds(30));
        MaintenancePage page = new MaintenancePage(commands);
        Target proxy = new Environments(properties).target("proxy-it");

        page.show(proxy);
        assertThat(flag).exists();
        page.hide(proxy);
        assertThat(flag).doesNotExist();
    }

    @Test
    void aMaintenanceCommandThatFailsIsAnErrorNamingEnvironmentCommandAndExitCode() {
        Target proxy = proxyIt(new Maintenance(ssh, List.of("sh", "-c", "echo 'no such site' >&2; exit 1"), List.of("true")));

        assertThatThrownBy(() -> new MaintenancePage(commands).show(proxy)).isInstanceOf(RemoteCommandException.class)
                .hasMessage("maintenance page of proxy-it: sh on 127.0.0.1 exited 1: no such site");
    }

    @Test
    void theProxyHostIsCheckedBeforeTheWindowByLoggingInAndRunningNothing() {
        Path flag = WORK.resolve("maintenance.on");
        Maintenance maintenance = new Maintenance(ssh, List.of("touch", flag.toString()), List.of("rm", "-f", flag.toString()));

        assertThat(new MaintenancePage(commands).checkReachable(proxyIt(maintenance)).orElseThrow()).containsEntry("maintenanceHost", "127.0.0.1")
                .containsKey("maintenanceLoginMillis");
        assertThat(flag).doesNotExist();

        Ssh impostor = new Ssh("127.0.0.1", port, ssh.user(), ssh.privateKeyFile(), WORK.resolve("known_hosts_other"), ssh.timeout());
        Target withImpostor = proxyIt(new Maintenance(impostor, maintenance.enable(), maintenance.disable()));
        assertThatThrownBy(() -> new MaintenancePage(commands).checkReachable(withImpostor))
                .isInstanceOf(RemoteCommandException.class).hasMessageContaining("HostKey");
    }

    @Test
    void anEnvironmentWithoutAMaintenancePageRunsNothing() {
        MaintenancePage page = new MaintenancePage(commands);
        assertThat(page.checkReachable(proxyIt(null))).isEmpty();
        assertThat(page.show(proxyIt(null))).isEmpty();
        assertThat(page.hide(proxyIt(null))).isEmpty();
    }

    private Target proxyIt(Maintenance maintenance) {
        TargetEnvironment target = new TargetEnvironment("http://127.0.0.1:1", null, null, null, null, null, null, maintenance);
        GoliveProperties properties = new GoliveProperties(WORK, Map.of("proxy-it", target), null, null, null, null, null,
                "http://localhost:8080", null, null);
        return new Environments(properties).target("proxy-it");
    }

    private static void keygen(String name) throws Exception {
        Process process = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "golive-it",
                "-f", WORK.resolve(name).toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("ssh-keygen " + name + ": " + output);
        }
    }

    private static void knownHosts(String file, String hostPublicKey) throws IOException {
        String[] key = Files.readString(WORK.resolve(hostPublicKey)).strip().split(" ");
        Files.writeString(WORK.resolve(file), "[127.0.0.1]:" + port + " " + key[0] + " " + key[1] + "\n");
    }
}
