package org.golive.rehearsal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.golive.backup.BackupRecord;
import org.golive.backup.BackupService;
import org.golive.config.GoliveProperties;
import org.golive.config.Target;
import org.golive.config.TargetDatabases;
import org.golive.deploy.ContainerService;
import org.golive.deploy.ContainerService.RunResult;
import org.golive.deploy.OdooRuntimeService;
import org.golive.step.StepFailedException;
import org.golive.support.Commands;
import org.springframework.stereotype.Service;

/**
 * The parts of a rehearsal that touch things: the scratch copy of the environment's database (restored from its
 * newest verified backup) and filestore, its neutralization, the temporary Odoo of the release image on a local
 * port, and dropping all of it. Nothing here writes to the environment's own database, filestore or container.
 * The module runs and the validation checks are the go-live's own services, given the copy's {@link Target}.
 */
@Service
public class RehearsalService {

    private final BackupService backups;
    private final ContainerService containers;
    private final OdooRuntimeService odoo;
    private final TargetDatabases databases;
    private final Commands commands;
    private final Path scratchDir;
    private final Duration backupMaxAge;
    private final Duration toolTimeout;

    public RehearsalService(BackupService backups, ContainerService containers, OdooRuntimeService odoo, TargetDatabases databases,
                            Commands commands, GoliveProperties golive, RehearsalProperties properties) {
        this.backups = backups;
        this.containers = containers;
        this.odoo = odoo;
        this.databases = databases;
        this.commands = commands;
        this.scratchDir = properties.scratchDir() != null ? properties.scratchDir() : golive.dataDir().resolve("rehearsals");
        this.backupMaxAge = properties.backupMaxAge();
        this.toolTimeout = golive.steps().toolTimeout();
    }

    public ScratchCopy scratch(Target environment, String rehearsalId) {
        return ScratchCopy.of(environment, rehearsalId, scratchDir);
    }

    /**
     * Copies the database and filestore to the scratch names. Odoo serves meanwhile, so a template copy is impossible
     * (its sessions hold the database): the newest verified backup is restored instead, taken now when none is recent
     * enough, which also proves that backup restores. Safe to repeat: the copy is made again from the same backup.
     */
    public Map<String, Object> copy(Target environment, String rehearsalId) {
        ScratchCopy scratch = scratch(environment, rehearsalId);
        BackupRecord backup = source(environment, scratch);
        backups.restoreCopy(environment, backup.id(), scratch.database());
        try (Connection admin = databases.connect(environment, "postgres"); Statement sql = admin.createStatement()) {
            sql.execute("COMMENT ON DATABASE \"" + scratch.database() + "\" IS 'golive rehearsal " + Instant.now() + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot mark the scratch copy " + scratch.database() + ": " + e.getMessage(), e);
        }
        long files = copyFilestore(Path.of(backup.filestoreArchive()), scratch);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("scratchDatabase", scratch.database());
        facts.put("scratchFilestore", scratch.filestore().toString());
        facts.put("backupId", backup.id());
        facts.put("backupCreatedAt", String.valueOf(backup.createdAt()));
        facts.put("backupDumpSha256", backup.dumpSha256());
        facts.put("filestoreEntries", files);
        return facts;
    }

    private BackupRecord source(Target environment, ScratchCopy scratch) {
        Instant oldest = Instant.now().minus(backupMaxAge);
        Optional<BackupRecord> recent = backups.list(environment).stream().filter(b -> !b.createdAt().isBefore(oldest)).findFirst();
        // pg_dump reads one consistent snapshot while Odoo serves; its id is the copy's, so a repeat finds it
        return recent.orElseGet(() -> backups.backUp(environment, "rehearsal-" + scratch.database().substring(
                scratch.database().lastIndexOf('_') + 1), odoo.runningImage(environment)));
    }

    /** Extracts the backup's filestore archive (entries {@code <dir>/…}) as the copy's {@code filestore/<scratch>}. */
    private long copyFilestore(Path archive, ScratchCopy scratch) {
        try {
            deleteTree(scratch.directory());
            Files.createDirectories(scratch.filestore());
            // Odoo's uid, not golive's, writes here (sessions, attachments of the module runs)
            for (Path dir : List.of(scratch.dataDir(), scratch.dataDir().resolve("filestore"), scratch.filestore())) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
            }
            long entries = checkedEntries(archive);
            if (entries > 0) {
                Commands.Result tar = commands.run(List.of("tar", "--extract", "--gzip", "--file=" + archive, "--strip-components=1",
                        "--directory=" + scratch.filestore()), Map.of(), toolTimeout);
                if (!tar.succeeded()) {
                    throw new IllegalStateException("tar could not extract " + archive + ": " + tar.tail(5));
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the filestore to " + scratch.filestore() + ": " + e.getMessage(), e);
        }
    }

    /** Entries of the archive, each checked to stay in the one directory it holds. */
    private static long checkedEntries(Path archive) throws IOException {
        long count = 0;
        String root = null;
        try (TarArchiveInputStream in = new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(archive)))) {
            for (TarArchiveEntry entry; (entry = in.getNextEntry()) != null; count++) {
                String name = entry.getName();
                String first = name.split("/", 2)[0];
                root = root == null ? first : root;
                if (name.startsWith("/") || name.contains("..") || !first.equals(root)) {
                    throw new IOException("archive entry '" + name + "' leaves the filestore directory " + root);
                }
            }
        }
        return count;
    }

    /**
     * Runs the release image's own {@code odoo neutralize} on the copy; an image without it (usage error) gets
     * golive's SQL equivalent. Either way, afterwards no cron and no mail server may be active.
     */
    public Map<String, Object> neutralize(Target environment, String rehearsalId, String image) {
        ScratchCopy scratch = scratch(environment, rehearsalId);
        Target copy = scratch.target(environment, 0);
        RunResult run = containers.run(environment.settings().dockerHost(), copy.settings().container(), image,
                scratch.container() + "-neutralize", List.of("odoo", "neutralize", "-d", scratch.database()), toolTimeout);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("argv", String.join(" ", run.argv()));
        facts.put("exitCode", run.exitCode());
        try (Connection db = databases.connect(copy)) {
            if (run.exitCode() == 0) {
                facts.put("neutralizedBy", "odoo neutralize");
            } else if (Neutralization.unsupported(run.exitCode(), run.logs())) {
                facts.put("neutralizedBy", "golive SQL (the image has no odoo neutralize)");
                facts.put("rowsChanged", Neutralization.apply(db));
            } else {
                throw new StepFailedException("odoo neutralize -d " + scratch.database() + " exited " + run.exitCode() + "\n" + tail(run.logs()));
            }
            Map<String, Integer> active = Neutralization.active(db);
            facts.put("activeAfter", active);
            if (active.values().stream().anyMatch(n -> n > 0)) {
                throw new StepFailedException("the copy is not neutralized: active rows left " + active, facts);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot neutralize " + scratch.database() + ": " + e.getMessage(), e);
        }
        return facts;
    }

    /** A free port on 127.0.0.1 for the temporary Odoo. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port: " + e.getMessage(), e);
        }
    }

    /** Creates (once) and starts the temporary Odoo of the release image on the copy; returns the time until healthy. */
    public Duration start(Target environment, String rehearsalId, String image, int port) {
        ScratchCopy scratch = scratch(environment, rehearsalId);
        Target copy = scratch.target(environment, port);
        containers.create(environment.settings().dockerHost(), copy.settings().container(), image, scratch.container(),
                scratch.serverArgv(environment, port, freePort()), Map.of());
        return odoo.startOdoo(copy);
    }

    /** The last lines of the temporary Odoo's log, for a failed check's message. */
    public String logTail(Target environment, String rehearsalId) {
        return tail(containers.logs(environment.settings().dockerHost(), scratch(environment, rehearsalId).container(), 30));
    }

    /** Removes the temporary containers, drops the scratch database and deletes its directory; safe to repeat. */
    public List<String> drop(Target environment, String rehearsalId) {
        ScratchCopy scratch = scratch(environment, rehearsalId);
        String dockerHost = environment.settings().dockerHost();
        List<String> dropped = new ArrayList<>();
        // the temporary Odoo, and one-off containers (neutralize, module runs) a crash may have left
        for (String name : containers.names(dockerHost, scratch.container())) {
            containers.remove(dockerHost, name);
            dropped.add("container " + name);
        }
        try (Connection admin = databases.connect(environment, "postgres"); Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS \"" + scratch.database() + "\" WITH (FORCE)");
            dropped.add("database " + scratch.database());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the scratch copy " + scratch.database() + ": " + e.getMessage(), e);
        }
        try {
            if (Files.exists(scratch.directory())) {
                deleteTree(scratch.directory());
                dropped.add("directory " + scratch.directory());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + scratch.directory() + ": " + e.getMessage(), e);
        }
        return dropped;
    }

    static String tail(String logs) {
        String[] lines = (logs == null ? "" : logs).strip().split("\n");
        return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 15), lines.length));
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
