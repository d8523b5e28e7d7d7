package org.golive.rehearsal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.golive.config.GoliveProperties.Container;
import org.golive.config.GoliveProperties.Database;
import org.golive.config.GoliveProperties.FilestoreAccess;
import org.golive.config.GoliveProperties.TargetEnvironment;
import org.golive.config.Target;

/**
 * The names of one rehearsal's scratch copy, all derived from the rehearsal id (its time and random part), so two
 * rehearsals of one environment never share a database, a directory or a container: {@code <db>_rehearsal_<id>},
 * {@code <container>-rehearsal-<id>}, {@code <scratch-dir>/<db>_rehearsal_<id>/} holding the copy's Odoo data directory.
 */
public record ScratchCopy(String database, String container, Path directory) {

    static final String LABEL_REHEARSAL = "org.golive.rehearsal";

    public static ScratchCopy of(Target environment, String rehearsalId, Path scratchDir) {
        TargetEnvironment target = environment.settings();
        String plain = rehearsalId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        String suffix = plain.substring(Math.max(0, plain.length() - 18));
        String database = target.database().name() + "_rehearsal_" + suffix;
        return new ScratchCopy(database, (target.container().name() + "-rehearsal-" + suffix).replaceAll("[^a-zA-Z0-9_.-]", "-"),
                scratchDir.toAbsolutePath().normalize().resolve(database));
    }

    /** Odoo's data directory of the copy on the host ({@code filestore/<database>} in it). */
    public Path dataDir() {
        return directory.resolve("data");
    }

    public Path filestore() {
        return dataDir().resolve("filestore").resolve(database);
    }

    /**
     * The environment as the rehearsal sees it: the scratch database, the scratch container answering on
     * {@code 127.0.0.1:port}, the scratch data directory mounted where Odoo keeps its data; the server, the login,
     * the image's settings and the other mounts (odoo.conf, secrets) are the environment's. No maintenance page.
     */
    public Target target(Target environment, int port) {
        TargetEnvironment target = environment.settings();
        Database db = target.database();
        Container spec = target.container();
        String dataMount = dataDir() + ":" + target.odooDataDir();
        List<String> mounts = new ArrayList<>();
        for (String mount : spec.mounts()) {
            if (!mountsAt(mount, target.odooDataDir())) {
                mounts.add(mount);
            }
        }
        mounts.add(dataMount);
        boolean hostNetwork = "host".equals(spec.networkMode());
        List<String> ports = hostNetwork ? List.of() : List.of("127.0.0.1:" + port + ":8069");
        // not the environment's labels: nothing that looks for its Odoo container by label may find the copy's
        Container scratch = new Container(container, spec.imageRepository(), spec.env(), mounts, ports, spec.networkMode(),
                Map.of(LABEL_REHEARSAL, database), spec.stopTimeout(), spec.memoryLimit(), spec.allowedImageRepositories());
        TargetEnvironment settings = new TargetEnvironment("http://127.0.0.1:" + port,
                new Database(db.host(), db.port(), database, db.user(), db.passwordEnv(), db.passwordFile()),
                target.dockerHost(), target.dockerCertPath(), scratch, filestore(), target.backupDir(), null,
                FilestoreAccess.LOCAL, target.odooDataDir());
        return new Target(environment.name(), settings);
    }

    /** The temporary Odoo's command: the copy only, on the chosen port, 127.0.0.1 only, no cron thread. */
    public List<String> serverArgv(Target environment, int port, int geventPort) {
        boolean hostNetwork = "host".equals(environment.settings().container().networkMode());
        return List.of("odoo", "-d", database, "--db-filter=^" + database + "$",
                "--http-port=" + (hostNetwork ? port : 8069), "--http-interface=" + (hostNetwork ? "127.0.0.1" : "0.0.0.0"),
                "--gevent-port=" + (hostNetwork ? geventPort : 8072), "--max-cron-threads=0");
    }

    private static boolean mountsAt(String mount, String containerPath) {
        String[] parts = mount.split(":");
        return parts.length >= 2 && strip(parts[1]).equals(strip(containerPath));
    }

    private static String strip(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
