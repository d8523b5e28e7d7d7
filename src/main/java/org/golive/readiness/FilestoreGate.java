package org.golive.readiness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectContainerResponse.Mount;
import org.golive.backup.FilestoreBackup;
import org.golive.config.Environments;
import org.golive.config.GoliveProperties.FilestoreAccess;
import org.golive.config.GoliveProperties.TargetEnvironment;
import org.golive.deploy.ContainerFiles;
import org.springframework.stereotype.Component;

/**
 * Filestore persistence: Odoo's data directory is a mount that outlives the container (a bind or a named volume;
 * an anonymous volume or none is lost when golive replaces the container), it is writable, Odoo's uid can write the
 * database's filestore directory, and that directory is the one golive backs up. Read from the container's inspect
 * and the host's file system, or, when golive does not see the mount's source ({@code filestore-access} docker, or
 * auto and the source not visible), inside the container's mounts: a one-off container ({@link ContainerFiles#run})
 * prints the owner and mode of each directory with {@code stat} (an image without a shell leaves it inconclusive).
 */
@Component
public class FilestoreGate {

    /** Per directory: {@code dir <uid> <gid> <octal mode>}, {@code other} or {@code missing}, in the order given. */
    static final String STAT = """
            for d; do
              if [ -d "$d" ]; then echo "dir $(stat -c '%u %g %a' "$d")"
              elif [ -e "$d" ]; then echo other
              else echo missing; fi
            done
            """;

    private final TargetContainer containers;
    private final Environments environments;
    private final EnvironmentGateProperties settings;
    private final ContainerFiles files;

    public FilestoreGate(TargetContainer containers, Environments environments, EnvironmentGateProperties settings,
                         ContainerFiles files) {
        this.containers = containers;
        this.environments = environments;
        this.settings = settings;
        this.files = files;
    }

    public GateResult check(GateRequest request) {
        TargetEnvironment target = request.environment().settings();
        EnvironmentGateProperties.Platform platform = settings.of(request.environment().name());
        String name = containers.name(request.environment().name());
        String database = target.database() == null ? null : target.database().name();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("container", String.valueOf(name));
        facts.put("dataDir", platform.dataDir());
        facts.put("odooUid", platform.odooUid());
        Optional<InspectContainerResponse> container = containers.inspect(request.environment().name());
        if (container.isEmpty()) {
            return GateResult.inconclusive("no container " + name + " on the Docker host of " + request.environment().name()
                    + ": no mounts to read", facts);
        }
        Mount mount = dataMount(container.get(), platform.dataDir());
        if (mount == null) {
            return GateResult.fail("nothing is mounted at " + platform.dataDir() + " in " + name
                    + ": the filestore lives in the container and is lost when it is replaced", facts);
        }
        String at = mount.getDestination().getPath();
        facts.put("mountDestination", at);
        facts.put("mountSource", String.valueOf(mount.getSource()));
        facts.put("mountWritable", Boolean.TRUE.equals(mount.getRW()));
        List<String> problems = new ArrayList<>();
        if (anonymous(mount)) {
            problems.add(at + " is an anonymous volume: the next container gets a new, empty one");
        }
        if (!Boolean.TRUE.equals(mount.getRW())) {
            problems.add(at + " is mounted read-only");
        }
        if (!problems.isEmpty()) {
            return GateResult.fail(String.join("; ", problems), facts);
        }
        Path root = Path.of(mount.getSource());
        if (target.filestoreAccess() == FilestoreAccess.DOCKER
                || target.filestoreAccess() == FilestoreAccess.AUTO && !Files.isDirectory(root)) {
            return throughContainer(request, platform, at, database, facts);
        }
        facts.put("filestoreGateAccess", "local");
        Path filestore = at.equals(stripSlash(platform.dataDir())) ? root.resolve("filestore") : root;
        Path databaseDir = database == null ? null : filestore.resolve(database);
        facts.put("databaseFilestore", String.valueOf(databaseDir));
        if (!Files.isDirectory(root)) {
            return GateResult.inconclusive("golive cannot see " + root + " (the mount's source) from where it runs", facts);
        }
        if (databaseDir == null || !Files.isDirectory(databaseDir)) {
            return GateResult.fail("the filestore directory of database " + database + " does not exist: " + databaseDir, facts);
        }
        if (target.filestore() != null && !samePath(target.filestore(), databaseDir)) {
            problems.add("golive backs up " + target.filestore() + " but Odoo writes " + databaseDir);
        }
        for (Path dir : List.of(root, databaseDir)) {
            try {
                UnixAccess access = UnixAccess.of(dir);
                facts.put(dir == root ? "mountSourceAccess" : "databaseFilestoreAccess", access.toString());
                if (!access.writableBy(platform.odooUid(), platform.odooUid())) {
                    problems.add(dir + " is not writable by uid " + platform.odooUid() + " (" + access + ")");
                }
            } catch (IOException | UnsupportedOperationException e) {
                return GateResult.inconclusive("cannot read the owner and mode of " + dir + ": " + e.getMessage(), facts);
            }
        }
        if (!problems.isEmpty()) {
            return GateResult.fail(String.join("; ", problems), facts);
        }
        return GateResult.pass(at + " mounted from " + root + ", writable by uid " + platform.odooUid() + "; " + databaseDir
                + " exists", facts);
    }

    /** The same checks on the container's side of the mount, read by a one-off container with the Odoo container's mounts. */
    private GateResult throughContainer(GateRequest request, EnvironmentGateProperties.Platform platform, String at, String database,
                                        Map<String, Object> facts) {
        TargetEnvironment target = request.environment().settings();
        String filestore = at.equals(stripSlash(platform.dataDir())) ? at + "/filestore" : at;
        String databaseDir = database == null ? null : filestore + "/" + database;
        facts.put("filestoreGateAccess", "docker");
        facts.put("databaseFilestore", String.valueOf(databaseDir));
        List<String> lines;
        try {
            List<String> argv = new ArrayList<>(List.of("sh", "-c", STAT, "sh", at));
            if (databaseDir != null) {
                argv.add(databaseDir);
            }
            lines = files.run(request.environment(), argv).strip().lines().map(String::strip).toList();
        } catch (RuntimeException e) {
            return GateResult.inconclusive("cannot read " + at + " through a one-off container with the mounts of "
                    + facts.get("container") + " (its image needs sh and stat): " + e.getMessage(), facts);
        }
        if (lines.isEmpty() || !lines.get(0).startsWith("dir ")) {
            return GateResult.inconclusive(at + " is not a directory the container's user can see", facts);
        }
        if (databaseDir == null || lines.size() < 2 || !lines.get(1).startsWith("dir ")) {
            return GateResult.fail("the filestore directory of database " + database + " does not exist: " + databaseDir, facts);
        }
        List<String> problems = new ArrayList<>();
        if (FilestoreBackup.DOCKER.equals(FilestoreBackup.archiveAccess(target))
                && !FilestoreBackup.containerDirectory(target, database).equals(databaseDir)) {
            problems.add("golive backs up " + FilestoreBackup.containerDirectory(target, database) + " but Odoo writes " + databaseDir);
        }
        for (int i = 0; i < 2; i++) {
            String[] stat = lines.get(i).split(" ");
            String dir = i == 0 ? at : databaseDir;
            if (stat.length != 4 || !stat[1].matches("\\d+") || !stat[2].matches("\\d+") || !stat[3].matches("[0-7]+")) {
                return GateResult.inconclusive("cannot read the owner and mode of " + dir + " in the container: '" + lines.get(i) + "'", facts);
            }
            UnixAccess access = new UnixAccess(Integer.parseInt(stat[1]), Integer.parseInt(stat[2]), Integer.parseInt(stat[3], 8));
            facts.put(i == 0 ? "mountSourceAccess" : "databaseFilestoreAccess", access.toString());
            if (!access.writableBy(platform.odooUid(), platform.odooUid())) {
                problems.add(dir + " is not writable by uid " + platform.odooUid() + " (" + access + ")");
            }
        }
        if (!problems.isEmpty()) {
            return GateResult.fail(String.join("; ", problems), facts);
        }
        return GateResult.pass(at + " mounted from " + facts.get("mountSource") + ", writable by uid " + platform.odooUid()
                + " (read through the container); " + databaseDir + " exists", facts);
    }

    /** The mount at the data directory, or at its filestore below it. */
    private static Mount dataMount(InspectContainerResponse container, String dataDir) {
        String data = stripSlash(dataDir);
        Mount found = null;
        for (Mount mount : container.getMounts() == null ? List.<Mount>of() : container.getMounts()) {
            String destination = mount.getDestination() == null ? "" : stripSlash(mount.getDestination().getPath());
            if (destination.equals(data)) {
                return mount;
            }
            if (destination.equals(data + "/filestore")) {
                found = mount;
            }
        }
        return found;
    }

    /** Docker names an anonymous volume by 64 hex digits; a named volume or a bind has a name a person chose or none. */
    private static boolean anonymous(Mount mount) {
        return mount.getName() != null && mount.getName().matches("[0-9a-f]{64}");
    }

    private static boolean samePath(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    private static String stripSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
