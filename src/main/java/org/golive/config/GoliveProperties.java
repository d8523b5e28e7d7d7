package org.golive.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** Everything golive is configured with, under the {@code golive.} prefix. */
@ConfigurationProperties("golive")
public record GoliveProperties(
        @DefaultValue("./data") Path dataDir,
        Map<String, TargetEnvironment> environments,
        @DefaultValue Validation validation,
        @DefaultValue Hypercare hypercare,
        @DefaultValue Steps steps,
        @DefaultValue DemoUsers demoUsers,
        @DefaultValue Escalation escalation,
        @DefaultValue("http://localhost:8080") String publicUrl,
        String nodeId,
        @DefaultValue SignOff signOff) {

    public GoliveProperties {
        environments = environments == null ? Map.of() : Map.copyOf(environments);
    }

    /**
     * A named place a release can go live on. A {@code tcp://} Docker host needs {@code dockerCertPath}: a directory
     * with the TLS client certificate ({@code ca.pem}, {@code cert.pem}, {@code key.pem}, as Docker's
     * {@code DOCKER_CERT_PATH}), because whoever reaches that port unauthenticated is root on the host.
     */
    public record TargetEnvironment(
            String odooUrl,
            Database database,
            String dockerHost,
            Path dockerCertPath,
            Container container,
            Path filestore,
            Path backupDir,
            Maintenance maintenance,
            @DefaultValue("auto") FilestoreAccess filestoreAccess,
            @DefaultValue("/var/lib/odoo") String odooDataDir) {

        @ConstructorBinding
        public TargetEnvironment {
            filestoreAccess = filestoreAccess == null ? FilestoreAccess.AUTO : filestoreAccess;
            odooDataDir = odooDataDir == null ? "/var/lib/odoo" : odooDataDir;
            if (!odooDataDir.startsWith("/")) {
                throw new IllegalArgumentException("odoo-data-dir must be an absolute path inside the Odoo container, was " + odooDataDir);
            }
        }

        /** An environment with the default filestore access (auto) and data directory (/var/lib/odoo). */
        public TargetEnvironment(String odooUrl, Database database, String dockerHost, Path dockerCertPath, Container container,
                                 Path filestore, Path backupDir, Maintenance maintenance) {
            this(odooUrl, database, dockerHost, dockerCertPath, container, filestore, backupDir, maintenance, null, null);
        }
    }

    /**
     * How golive reaches the filestore: {@code local} by the host path {@code filestore}, {@code docker} through the
     * environment's Docker host (archives streamed through the Docker API, for data golive cannot see), {@code auto}
     * local when that path is a readable directory, else docker.
     */
    public enum FilestoreAccess { AUTO, LOCAL, DOCKER }

    /**
     * A maintenance page shown while Odoo is down, by commands run over SSH on the host that serves it (the reverse
     * proxy). Each command is an argv; both must be safe to run twice (the engine may repeat a step).
     */
    public record Maintenance(
            Ssh ssh,
            List<String> enable,
            List<String> disable) {

        /** Refused at startup when incomplete: a missing command would otherwise show only inside the window. */
        public Maintenance {
            enable = enable == null ? List.of() : List.copyOf(enable);
            disable = disable == null ? List.of() : List.copyOf(disable);
            if (ssh == null) {
                throw new IllegalArgumentException("maintenance needs ssh (host, user, private-key-file, known-hosts-file)");
            }
            if (enable.isEmpty() || disable.isEmpty()) {
                throw new IllegalArgumentException("maintenance needs both commands, enable and disable, each an argv list");
            }
        }
    }

    /**
     * An SSH login with a key. The host key must be in {@code knownHostsFile}: an unknown or changed host key is
     * refused. The private key stays in its file; golive never copies it into a variable, a log or the evidence.
     */
    public record Ssh(
            String host,
            @DefaultValue("22") int port,
            String user,
            Path privateKeyFile,
            Path knownHostsFile,
            @DefaultValue("30s") Duration timeout) {

        public Ssh {
            List<String> missing = new ArrayList<>();
            if (host == null || host.isBlank()) {
                missing.add("host");
            }
            if (user == null || user.isBlank()) {
                missing.add("user");
            }
            if (privateKeyFile == null) {
                missing.add("private-key-file");
            }
            if (knownHostsFile == null) {
                missing.add("known-hosts-file (golive does not log in without checking the host key)");
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("ssh needs " + String.join(", ", missing));
            }
        }
    }

    /** The Odoo database; the password comes from an environment variable or a file, never from here. */
    public record Database(
            @DefaultValue("127.0.0.1") String host,
            @DefaultValue("5432") int port,
            String name,
            @DefaultValue("odoo") String user,
            String passwordEnv,
            Path passwordFile) {
    }

    /**
     * How the Odoo container of an environment is run. {@code memoryLimit} caps the container (docker
     * {@code --memory}); none means unlimited, which the readiness gate {@code runtime} refuses. A release manifest
     * must name {@code imageRepository} or one of {@code allowedImageRepositories} (none by default).
     */
    public record Container(
            String name,
            String imageRepository,
            Map<String, String> env,
            List<String> mounts,
            List<String> ports,
            @DefaultValue("host") String networkMode,
            Map<String, String> labels,
            @DefaultValue("30s") Duration stopTimeout,
            DataSize memoryLimit,
            List<String> allowedImageRepositories) {

        public Container {
            allowedImageRepositories = allowedImageRepositories == null ? List.of() : List.copyOf(allowedImageRepositories);
            env = env == null ? Map.of() : Map.copyOf(env);
            mounts = mounts == null ? List.of() : List.copyOf(mounts);
            ports = ports == null ? List.of() : List.copyOf(ports);
            labels = labels == null ? Map.of() : Map.copyOf(labels);
        }
    }

    /** Thresholds of the validation checks; defaults from the go-live checklist. */
    public record Validation(
            @DefaultValue("20") int latencyRequests,
            @DefaultValue("5") int latencyConcurrency,
            @DefaultValue("2s") Duration latencyP95Max,
            @DefaultValue("1h") Duration cronStalledAfter,
            @DefaultValue("10s") Duration httpTimeout,
            @DefaultValue("120s") Duration startupTimeout) {
    }

    /** Hypercare re-validates every {@code interval} until {@code window} has passed. */
    public record Hypercare(
            @DefaultValue("30m") Duration interval,
            @DefaultValue("6h") Duration window) {
    }

    /**
     * How often a technical fault is retried, how long one external tool run (an Odoo CLI run, pg_dump,
     * pg_restore, tar) may take, and how often a node extends the job locks of the steps it runs
     * ({@code lockHeartbeat}; none: a third of the job lock; {@code JobLockGuard} checks it against the lock).
     */
    public record Steps(
            @DefaultValue("R3/PT10S") String retryCycle,
            @DefaultValue("30m") Duration toolTimeout,
            // pg_dump's zlib level for the backup inside the window: 1 dumps 2.1 times faster than pg_dump's default
            // for 4 % more bytes (docs/benchmark.md, session 6); 0 is faster still but 2.6 times larger
            @DefaultValue("1") int dumpCompression,
            // one Odoo run (one registry load) installs and updates the release's modules; per-module is the older way
            @DefaultValue("single") ModuleRuns moduleRuns,
            // custom: one file; directory: one file per table, dumped by dump-jobs processes in parallel (pg_dump --jobs).
            // Custom by default: on 2 cores a directory dump with 2 jobs was as often slower as faster (docs/benchmark.md)
            @DefaultValue("custom") String dumpFormat,
            // processes of a directory-format dump and of every restore (pg_restore --jobs, 2 jobs restored 11-43 %
            // faster on 2 cores); 0: one per processor golive's JVM sees
            @DefaultValue("0") int dumpJobs,
            // none: a third of the job lock; JobLockGuard checks it against the lock
            Duration lockHeartbeat) {

        public static final List<String> DUMP_FORMATS = List.of("custom", "directory");

        @ConstructorBinding
        public Steps {
            moduleRuns = moduleRuns == null ? ModuleRuns.SINGLE : moduleRuns;
            if (dumpCompression < 0 || dumpCompression > 9) {
                throw new IllegalArgumentException("golive.steps.dump-compression must be 0 (none) to 9 (smallest), was " + dumpCompression);
            }
            if (!DUMP_FORMATS.contains(dumpFormat)) {
                throw new IllegalArgumentException("golive.steps.dump-format must be one of " + DUMP_FORMATS + ", was '" + dumpFormat + "'");
            }
            if (dumpJobs < 0) {
                throw new IllegalArgumentException("golive.steps.dump-jobs must be 0 (one per processor) or more, was " + dumpJobs);
            }
        }

        /** The settings before the dump format was configurable: custom format. */
        public Steps(String retryCycle, Duration toolTimeout, int dumpCompression) {
            this(retryCycle, toolTimeout, dumpCompression, ModuleRuns.SINGLE, "custom", 0, null);
        }

        /** The dump settings, modules in one run. */
        public Steps(String retryCycle, Duration toolTimeout, int dumpCompression, String dumpFormat, int dumpJobs) {
            this(retryCycle, toolTimeout, dumpCompression, ModuleRuns.SINGLE, dumpFormat, dumpJobs, null);
        }

        /** The settings before the dump format was configurable, with the way the modules go in. */
        public Steps(String retryCycle, Duration toolTimeout, int dumpCompression, ModuleRuns moduleRuns) {
            this(retryCycle, toolTimeout, dumpCompression, moduleRuns, "custom", 0, null);
        }

        /** The settings before the lock heartbeat was configurable: a third of the job lock. */
        public Steps(String retryCycle, Duration toolTimeout, int dumpCompression, ModuleRuns moduleRuns, String dumpFormat, int dumpJobs) {
            this(retryCycle, toolTimeout, dumpCompression, moduleRuns, dumpFormat, dumpJobs, null);
        }

        /** pg_dump/pg_restore processes of a directory-format dump. */
        public int effectiveDumpJobs() {
            return dumpJobs > 0 ? dumpJobs : Math.max(1, Runtime.getRuntime().availableProcessors());
        }
    }

    /**
     * How the release's modules go in: {@code single}, one {@code odoo -i … -u … --stop-after-init} (Odoo loads its
     * registry once); {@code per-module}, one run per module to install, then one run updating the rest.
     */
    public enum ModuleRuns {
        SINGLE, PER_MODULE
    }

    /**
     * Whether the sign-off page needs a different person for each approval. On by default: seven approvals by
     * one person are one opinion. A team where one person holds several roles turns it off.
     */
    public record SignOff(@DefaultValue("true") boolean distinctSigners) {
    }

    /** Demo logins of the embedded default. */
    public record DemoUsers(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("demo") String password) {
    }

    /**
     * How long a person may leave a task before the escalation contact is told (the response SLAs of the
     * checklist's contact matrix). The task stays open; the reminder repeats never.
     */
    public record Escalation(
            @DefaultValue("1h") Duration signOff,
            @DefaultValue("2h") Duration attestation,
            @DefaultValue("30m") Duration goNoGo,
            @DefaultValue("15m") Duration considerRollback,
            @DefaultValue("1h") Duration inconclusiveGate,
            @DefaultValue("1d") Duration handover) {
    }
}
