package org.golive.readiness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.golive.config.Target;
import org.golive.config.GoliveProperties.Container;
import org.golive.deploy.ContainerFiles;
import org.springframework.stereotype.Component;

/**
 * Checklist 001 §2.1, §6.2, §7.2 and 000 T-3 as far as odoo.conf shows them. Every missing hardening item is a
 * FAIL: each one is a known way to expose the database manager, leak databases across hosts or let a worker
 * run away. The file is read on the host side of its mount where golive sees it, else through the Docker host from the
 * container's {@code /etc/odoo/odoo.conf} (running or stopped; golive need not run on the Odoo host). An odoo.conf
 * golive cannot find or read, or a container that does not exist, is INCONCLUSIVE, for a person to look at.
 */
@Component
public class OdooConfigGate {

    static final String CONTAINER_PATH = "/etc/odoo/odoo.conf";
    static final List<String> LIMITS = List.of("limit_memory_hard", "limit_memory_soft", "limit_time_cpu", "limit_time_real");

    private final ReadinessProperties properties;
    private final ContainerFiles files;

    public OdooConfigGate(ReadinessProperties properties, ContainerFiles files) {
        this.properties = properties;
        this.files = files;
    }

    /** odoo.conf's text, or why golive could not read it ({@code unread}: the gate's INCONCLUSIVE summary). */
    record ConfigText(String text, String unread) {
    }

    public GateResult check(GateRequest request) {
        Map<String, Object> facts = new LinkedHashMap<>();
        ConfigText read = read(request.environment(), facts);
        if (read.text() == null) {
            return GateResult.inconclusive(read.unread(), facts);
        }
        String text = read.text();
        Map<String, String> options = parseOptions(text);
        List<String> problems = problems(options, facts);
        if (!problems.isEmpty()) {
            facts.put("problems", String.join("; ", problems));
            return GateResult.fail("odoo.conf not hardened: " + String.join("; ", problems), facts);
        }
        return GateResult.pass("odoo.conf hardened: list_db off, admin_passwd set, proxy_mode on, dbfilter "
                + options.get("dbfilter") + ", " + options.get("workers") + " workers, limits set", facts);
    }

    /**
     * Reads odoo.conf on the host side of its mount where golive sees it, else through the Docker host; puts
     * {@code odooConfig} (where) and {@code odooConfigAccess} (local or docker) into {@code facts}.
     */
    ConfigText read(Target environment, Map<String, Object> facts) {
        Optional<Path> file = configFile(environment);
        if (file.isPresent() && (properties.odooConfigs().containsKey(environment.name()) || Files.isReadable(file.get()))) {
            facts.put("odooConfig", file.get().toString());
            facts.put("odooConfigAccess", "local");
            try {
                return new ConfigText(Files.readString(file.get(), StandardCharsets.UTF_8), null);
            } catch (IOException e) {
                return new ConfigText(null, "cannot read " + file.get() + ": " + e.getMessage());
            }
        }
        // the host side of the mount is not here (golive on another host, or the file in a volume): ask Docker
        Optional<String> read;
        try {
            String container = ContainerFiles.containerName(environment);
            facts.put("odooConfig", container + ":" + CONTAINER_PATH);
            facts.put("odooConfigAccess", "docker");
            read = files.readText(environment, CONTAINER_PATH);
        } catch (ContainerFiles.NoContainerException e) {
            return new ConfigText(null, e.getMessage());
        } catch (IllegalStateException | IllegalArgumentException e) {
            return new ConfigText(null, "golive does not know where the odoo.conf of " + environment + " is: configure its"
                    + " container.name, mount it at " + CONTAINER_PATH + " or set golive.readiness.odoo-configs." + environment);
        }
        if (read.isEmpty()) {
            return new ConfigText(null, "container " + facts.get("odooConfig").toString().replaceFirst(":.*", "")
                    + " has no " + CONTAINER_PATH + file.map(f -> " and golive cannot read " + f).orElse(""));
        }
        return new ConfigText(read.get(), null);
    }

    /** The host file behind the container's /etc/odoo/odoo.conf, unless configured explicitly. */
    Optional<Path> configFile(Target environment) {
        Path explicit = properties.odooConfigs().get(environment.name());
        if (explicit != null) {
            return Optional.of(explicit);
        }
        Container container = environment.settings().container();
        if (container == null) {
            return Optional.empty();
        }
        for (String mount : container.mounts()) {
            String[] parts = mount.split(":");
            if (parts.length < 2) {
                continue;
            }
            Path host = Path.of(parts[0]).toAbsolutePath().normalize();
            if (parts[1].equals(CONTAINER_PATH)) {
                return Optional.of(host);
            }
            if (parts[1].equals("/etc/odoo") || parts[1].equals("/etc/odoo/")) {
                return Optional.of(host.resolve("odoo.conf"));
            }
        }
        return Optional.empty();
    }

    /** What is wrong; fills facts with every option read, the admin password only as set/missing/default. */
    static List<String> problems(Map<String, String> options, Map<String, Object> facts) {
        List<String> problems = new ArrayList<>();
        String listDb = options.get("list_db");
        facts.put("list_db", listDb == null ? "missing (Odoo's default: True)" : listDb);
        // Odoo parses only True/False as booleans here; anything else leaves the database manager listed
        if (listDb == null || !listDb.equalsIgnoreCase("false")) {
            problems.add("list_db must be False (is " + (listDb == null ? "missing, default True" : "'" + listDb + "'") + ")");
        }
        String admin = options.get("admin_passwd");
        String adminState = admin == null ? "missing" : admin.isEmpty() ? "empty" : admin.equals("admin") ? "default" : "set";
        facts.put("admin_passwd", adminState);
        if (!adminState.equals("set")) {
            problems.add("admin_passwd must be set to a non-default master password (is " + adminState + ")");
        }
        String proxyMode = options.get("proxy_mode");
        facts.put("proxy_mode", proxyMode == null ? "missing" : proxyMode);
        if (proxyMode == null || !proxyMode.equalsIgnoreCase("true")) {
            problems.add("proxy_mode must be True behind the reverse proxy (is " + describe(proxyMode) + ")");
        }
        String dbfilter = options.get("dbfilter");
        facts.put("dbfilter", dbfilter == null ? "missing" : dbfilter);
        if (dbfilter == null || dbfilter.isBlank()) {
            problems.add("dbfilter must be set (is " + describe(dbfilter) + ")");
        }
        String workers = options.get("workers");
        facts.put("workers", workers == null ? "missing" : workers);
        if (positive(workers) == null) {
            problems.add("workers must be > 0 for a production server (is " + describe(workers) + ")");
        }
        for (String limit : LIMITS) {
            String value = options.get(limit);
            facts.put(limit, value == null ? "missing" : value);
            if (positive(value) == null) {
                problems.add(limit + " must be set (is " + describe(value) + ")");
            }
        }
        return problems;
    }

    /** The {@code [options]} section of an odoo.conf (Python configparser syntax, keys lower-cased). */
    static Map<String, String> parseOptions(String text) {
        Map<String, String> options = new LinkedHashMap<>();
        boolean inOptions = false;
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith(";") || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                inOptions = line.substring(1, line.length() - 1).strip().equals("options");
                continue;
            }
            if (!inOptions) {
                continue;
            }
            int eq = line.indexOf('=');
            int colon = line.indexOf(':');
            int at = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
            if (at <= 0) {
                continue;
            }
            options.put(line.substring(0, at).strip().toLowerCase(Locale.ROOT), line.substring(at + 1).strip());
        }
        return options;
    }

    private static Long positive(String value) {
        if (value == null) {
            return null;
        }
        try {
            long n = Long.parseLong(value.strip());
            return n > 0 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String describe(String value) {
        return value == null ? "missing" : "'" + value + "'";
    }
}
