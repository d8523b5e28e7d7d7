package org.golive.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.golive.config.GoliveProperties.Database;
import org.golive.config.GoliveProperties.TargetEnvironment;
import org.golive.config.Target;

/**
 * A PostgreSQL 15 cluster of the test's own (initdb in {@code work}, 127.0.0.1 on a free port, superuser
 * {@code golive_admin} with a password), for what cannot be tried on the stack's server: its pg_hba.conf rewritten.
 * initdb refuses root, so the cluster runs as the system user {@code postgres} when the test runs as root.
 * {@link #close()} stops the postmaster by the pid in its {@code postmaster.pid}.
 */
public final class PgCluster implements AutoCloseable {

    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    public static final String SUPERUSER = "golive_admin";
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final Path work;
    private final int port;

    private PgCluster(Path work, int port) {
        this.work = work;
        this.port = port;
    }

    public static PgCluster start(Path work) throws IOException, InterruptedException {
        ItStack.deleteTree(work);
        Files.createDirectories(work);
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path password = work.resolve("password");
        Files.writeString(password, "it-" + Long.toHexString(System.nanoTime()) + "\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-r--r--"));
        int port = LocalPorts.free();
        PgCluster cluster = new PgCluster(work, port);
        Path data = cluster.data();
        if (ROOT) {
            // the postmaster writes its log and its socket here, and initdb creates the data directory in it
            cluster.asPostgres(List.of("chown", "postgres:postgres", work.toString()), true);
        }
        cluster.run(List.of(BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", SUPERUSER, "--pwfile=" + password,
                "--auth-local=peer", "--auth-host=scram-sha-256", "--no-sync"));
        cluster.run(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", work.resolve("postgres.log").toString(),
                "-o", "-c listen_addresses=127.0.0.1 -c port=" + port + " -c unix_socket_directories=" + work, "-w", "start"));
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return cluster;
            } catch (IOException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("PostgreSQL did not start: " + Files.readString(work.resolve("postgres.log")));
                }
                Thread.sleep(100);
            }
        }
    }

    /** An environment whose database is this cluster's {@code postgres}, logged in as its superuser. */
    public Target target(String name) {
        Database database = new Database("127.0.0.1", port, "postgres", SUPERUSER, null, work.resolve("password"));
        return new Target(name, new TargetEnvironment(null, database, null, null, null, null, null, null));
    }

    /** Replaces pg_hba.conf; the view pg_hba_file_rules reads the file as it is on disk now. */
    public void pgHba(String... lines) throws IOException {
        Files.writeString(data().resolve("pg_hba.conf"), String.join("\n", lines) + "\n");
    }

    public Path data() {
        return work.resolve("data");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Path pidFile = data().resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        ProcessHandle.of(pid).ifPresent(postmaster -> {
            postmaster.destroy(); // SIGTERM: PostgreSQL's smart shutdown
            postmaster.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        });
    }

    private void run(List<String> argv) throws IOException, InterruptedException {
        asPostgres(argv, false);
    }

    private void asPostgres(List<String> argv, boolean asRoot) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (!asRoot && ROOT) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.addAll(argv);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(Duration.ofSeconds(60).toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }
}
