package org.golive.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.golive.config.GoliveProperties.Ssh;

/**
 * A real OpenSSH server of the test's own on 127.0.0.1 (a free port, its own host key, key login only), so that
 * remote steps are tested against sshd and not a stand-in. {@link #close()} stops it by its pid.
 */
public final class Sshd implements AutoCloseable {

    private final Path work;
    private final Process process;
    private final Ssh login;

    private Sshd(Path work, Process process, Ssh login) {
        this.work = work;
        this.process = process;
        this.login = login;
    }

    /** Starts sshd with its files under {@code work} (deleted first); the login is the test's own user. */
    public static Sshd start(Path work) throws IOException, InterruptedException {
        ItStack.deleteTree(work);
        Files.createDirectories(work);
        keygen(work, "host_key");
        keygen(work, "client_key");
        Files.copy(work.resolve("client_key.pub"), work.resolve("authorized_keys"));
        // sshd's privilege separation directory; Debian's service creates it at boot, a test's sshd needs it too
        Files.createDirectories(Path.of("/run/sshd"));
        int port = LocalPorts.free();
        Files.writeString(work.resolve("sshd_config"), String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + work.resolve("host_key"),
                "PidFile " + work.resolve("sshd.pid"),
                "AuthorizedKeysFile " + work.resolve("authorized_keys"),
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "StrictModes no",
                "UsePAM no",
                // the off-site backup copy (OffsiteCopyIT) writes over SFTP
                "Subsystem sftp internal-sftp", ""));
        Process sshd = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", work.resolve("sshd_config").toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("sshd.log").toFile()).start();
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                break;
            } catch (IOException notYet) {
                if (!sshd.isAlive() || Instant.now().isAfter(deadline)) {
                    sshd.destroy();
                    throw new IllegalStateException("sshd did not start: " + Files.readString(work.resolve("sshd.log")));
                }
                Thread.sleep(100);
            }
        }
        String hostKey = Files.readString(work.resolve("host_key.pub"), StandardCharsets.UTF_8).strip();
        String[] parts = hostKey.split(" ");
        Files.writeString(work.resolve("known_hosts"), "[127.0.0.1]:" + port + " " + parts[0] + " " + parts[1] + "\n");
        Ssh login = new Ssh("127.0.0.1", port, System.getProperty("user.name"), work.resolve("client_key"),
                work.resolve("known_hosts"), Duration.ofSeconds(90));
        return new Sshd(work, sshd, login);
    }

    public Ssh login() {
        return login;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    private static void keygen(Path work, String name) throws IOException, InterruptedException {
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", work.resolve(name).toString())
                .redirectErrorStream(true).start();
        if (!keygen.waitFor(30, TimeUnit.SECONDS) || keygen.exitValue() != 0) {
            throw new IllegalStateException("ssh-keygen failed: " + new String(keygen.getInputStream().readAllBytes()));
        }
    }

    @Override
    public String toString() {
        return "sshd on 127.0.0.1:" + login.port() + " (" + work + ")";
    }
}
