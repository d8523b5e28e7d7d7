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
import org.golive.config.Environments;
import org.golive.config.GoliveProperties.TargetEnvironment;
import org.springframework.stereotype.Component;

/**
 * Filestore persistence: Odoo's data directory is a mount that outlives the container (a bind or a named volume;
 * an anonymous volume or none is lost when golive replaces the container), it is writable, Odoo's uid can write the
 * database's filestore directory, and that directory is the one golive backs up. Read from the container's inspect
 * and the host's file system (golive archives the filestore from there, so it must see it).
 */
@Component
public class FilestoreGate {

    private final TargetContainer containers;
    private final Environments environments;
    private final EnvironmentGateProperties settings;

    public FilestoreGate(TargetContainer containers, Environments environments, EnvironmentGateProperties settings) {
        this.containers = containers;
        this.environments = environments;
        this.settings = settings;
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
