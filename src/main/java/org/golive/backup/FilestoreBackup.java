package org.golive.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.golive.config.GoliveProperties;
import org.golive.config.GoliveProperties.FilestoreAccess;
import org.golive.config.GoliveProperties.TargetEnvironment;
import org.golive.config.Target;
import org.golive.deploy.ContainerFiles;
import org.golive.support.Commands;
import org.golive.support.Commands.Result;
import org.springframework.stereotype.Component;

/**
 * The filestore half of a backup: archived to and restored from {@code filestore.tar.gz}, by the host path
 * {@code filestore} where golive sees it (GNU tar, the fast path), else through the Docker host
 * ({@link ContainerFiles}: {@code <odoo-data-dir>/filestore/<database>} of the Odoo container). The archive's
 * layout is the same either way, so a backup taken one way restores the other.
 */
@Component
public class FilestoreBackup {

    /** How the filestore was reached: {@code local}, {@code docker}, or {@code none} (no filestore to reach). */
    public static final String LOCAL = "local";
    public static final String DOCKER = "docker";
    public static final String NONE = "none";

    private final Commands commands;
    private final ContainerFiles files;
    private final Duration toolTimeout;

    public FilestoreBackup(Commands commands, ContainerFiles files, GoliveProperties properties) {
        this.commands = commands;
        this.files = files;
        this.toolTimeout = properties.steps().toolTimeout();
    }

    /** The filestore's directory inside the Odoo container. */
    public static String containerDirectory(TargetEnvironment target, String database) {
        String data = target.odooDataDir().endsWith("/") ? target.odooDataDir() : target.odooDataDir() + "/";
        return data + "filestore/" + database;
    }

    /** Writes {@code archive} (atomically, through a .partial file); returns how the filestore was reached. */
    public String archive(Target environment, String database, Path archive) throws IOException {
        Path partial = archive.resolveSibling(archive.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        String access = archiveAccess(environment.settings());
        String used = switch (access) {
            case DOCKER -> archiveThroughDocker(environment, containerDirectory(environment.settings(), database), partial);
            default -> archiveLocally(environment.settings().filestore(), partial);
        };
        Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return used;
    }

    /**
     * Writes {@code archive} of a snapshot's linked filestore: a directory on golive's host, or in the Odoo container
     * when the environment reaches its filestore through Docker ({@link SnapshotFilestores}); returns how.
     */
    public String archiveCopy(Target environment, Path directory, Path archive) throws IOException {
        Path partial = archive.resolveSibling(archive.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        String used = directory != null && archiveAccess(environment.settings()).equals(DOCKER)
                ? archiveThroughDocker(environment, directory.toString(), partial) : archiveLocally(directory, partial);
        Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return used;
    }

    /** Replaces the filestore with the archive's content; returns how it was reached. */
    public String restore(Target environment, String database, Path archive) throws IOException {
        TargetEnvironment target = environment.settings();
        if (restoreAccess(target).equals(DOCKER)) {
            String directory = containerDirectory(target, database);
            try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
                FilestoreArchive.checkedNames(in, database);
            }
            try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
                files.replace(environment, directory, in);
            }
            return DOCKER;
        }
        Path filestore = target.filestore();
        if (filestore == null) {
            return NONE;
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
            FilestoreArchive.checkedNames(in, filestore.getFileName().toString());
        }
        deleteTree(filestore);
        Files.createDirectories(filestore.getParent());
        Result extract = commands.run(List.of("tar", "--extract", "--gzip", "--same-owner", "--same-permissions",
                "--file=" + archive, "--directory=" + filestore.getParent()), Map.of(), toolTimeout);
        if (!extract.succeeded()) {
            throw new IllegalStateException("tar could not extract " + archive + ": " + extract.tail(5));
        }
        Files.createDirectories(filestore);
        return LOCAL;
    }

    /**
     * auto: docker only when a host path {@code filestore} is configured, golive cannot see it as a readable directory,
     * and the environment has a container; without a configured path, auto keeps the host path's behaviour (nothing to
     * archive), so an environment reaching its filestore only through Docker says {@code filestore-access: docker}.
     */
    public static String archiveAccess(TargetEnvironment target) {
        return switch (target.filestoreAccess()) {
            case LOCAL -> LOCAL;
            case DOCKER -> DOCKER;
            case AUTO -> target.filestore() == null || visible(target.filestore()) || !hasContainer(target) ? LOCAL : DOCKER;
        };
    }

    /** auto: as {@link #archiveAccess}, a host path counting as seen when it or its parent is a visible directory. */
    static String restoreAccess(TargetEnvironment target) {
        if (target.filestoreAccess() != FilestoreAccess.AUTO) {
            return archiveAccess(target);
        }
        Path filestore = target.filestore();
        boolean seen = filestore == null || visible(filestore) || filestore.getParent() != null && visible(filestore.getParent());
        return seen || !hasContainer(target) ? LOCAL : DOCKER;
    }

    private String archiveThroughDocker(Target environment, String directory, Path partial) throws IOException {
        boolean found;
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(partial), 1 << 16)) {
            try {
                found = files.copyOut(environment, directory, out);
            } catch (ContainerFiles.NoContainerException e) {
                if (environment.settings().filestoreAccess() == FilestoreAccess.DOCKER) {
                    throw e;
                }
                found = false; // auto, and neither a local directory nor a container: nothing to archive, as before
            }
            if (!found) {
                FilestoreArchive.writeEmpty(out);
            }
        }
        return found ? DOCKER : NONE;
    }

    private String archiveLocally(Path filestore, Path partial) {
        List<String> argv = new ArrayList<>(List.of("tar", "--create", "--gzip", "--file=" + partial));
        boolean found = filestore != null && Files.isDirectory(filestore);
        if (found) {
            argv.addAll(List.of("--directory=" + filestore.getParent(), filestore.getFileName().toString()));
        } else {
            // an environment without filestore yet: an empty archive keeps restore uniform
            argv.add("--files-from=/dev/null");
        }
        Result tar = commands.run(argv, Map.of(), toolTimeout);
        if (!tar.succeeded()) {
            throw new IllegalStateException("tar of filestore " + filestore + " exited " + tar.exitCode() + ": " + tar.tail(5));
        }
        return found ? LOCAL : NONE;
    }

    private static boolean visible(Path path) {
        return path != null && Files.isDirectory(path) && Files.isReadable(path);
    }

    private static boolean hasContainer(TargetEnvironment target) {
        return target.container() != null && target.container().name() != null && !target.container().name().isBlank();
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
