package org.golive.readiness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import com.github.dockerjava.api.command.InspectContainerResponse;
import org.golive.config.Environments;
import org.golive.config.GoliveProperties.Container;
import org.springframework.stereotype.Component;

/**
 * Secrets reach Odoo as files, not as plain values: a {@code *PASSWORD*} variable shows in {@code docker inspect} to
 * whoever may read the engine, so only {@code *_FILE} variables may name a password; and once a secret file carries the
 * database password, a {@code db_password} in odoo.conf is a second copy on disk. Checked on the running container
 * and on the environment's container spec (what golive creates next). Names only: a value never enters the evidence.
 */
@Component
public class ContainerSecretsGate {

    private final TargetContainer containers;
    private final Environments environments;
    private final OdooConfigGate odooConfig;

    public ContainerSecretsGate(TargetContainer containers, Environments environments, OdooConfigGate odooConfig) {
        this.containers = containers;
        this.environments = environments;
        this.odooConfig = odooConfig;
    }

    public GateResult check(GateRequest request) {
        String name = containers.name(request.environment().name());
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("container", String.valueOf(name));
        Container spec = request.environment().settings().container();
        List<String> specNames = spec == null ? List.of() : List.copyOf(spec.env().keySet());
        Optional<InspectContainerResponse> container = containers.inspect(request.environment().name());
        List<String> runningNames = container.map(ContainerSecretsGate::variableNames).orElse(List.of());
        TreeSet<String> plain = new TreeSet<>();
        specNames.stream().filter(ContainerSecretsGate::plainPassword).forEach(plain::add);
        runningNames.stream().filter(ContainerSecretsGate::plainPassword).forEach(plain::add);
        boolean secretFile = specNames.stream().anyMatch(ContainerSecretsGate::passwordFile)
                || runningNames.stream().anyMatch(ContainerSecretsGate::passwordFile);
        facts.put("plainPasswordVariables", String.join(", ", plain));
        facts.put("passwordFileVariable", secretFile);
        List<String> problems = new ArrayList<>();
        if (!plain.isEmpty()) {
            problems.add("plain password variables " + plain + ": pass them as *_FILE (a file mounted from a secret)");
        }
        // odoo.conf by its host path, else through the Docker host (golive on another host, the file in a volume)
        Map<String, Object> confFacts = new LinkedHashMap<>();
        OdooConfigGate.ConfigText conf = odooConfig.read(request.environment(), confFacts);
        String dbPassword = "unknown";
        if (conf.text() != null) {
            facts.putAll(confFacts);
            dbPassword = OdooConfigGate.parseOptions(conf.text()).containsKey("db_password") ? "set" : "absent";
        } else if ("local".equals(confFacts.get("odooConfigAccess"))) {
            facts.putAll(confFacts);
            dbPassword = "unreadable";
        }
        facts.put("odooConfDbPassword", dbPassword);
        if (secretFile && dbPassword.equals("set")) {
            problems.add("odoo.conf " + facts.get("odooConfig") + " holds db_password although a secret file carries the password");
        }
        if (!problems.isEmpty()) {
            return GateResult.fail(String.join("; ", problems), facts);
        }
        if (container.isEmpty()) {
            return GateResult.inconclusive("no container " + name + " on the Docker host of " + request.environment().name()
                    + ": its environment variables cannot be read (the spec has no plain password)", facts);
        }
        if (secretFile && !dbPassword.equals("absent")) {
            return GateResult.inconclusive("no plain password variable; odoo.conf " + dbPassword
                    + ": whether it also holds db_password cannot be told", facts);
        }
        return GateResult.pass("no plain password variable on " + name + (secretFile ? "; the password comes from a file, odoo.conf"
                + " holds none" : ""), facts);
    }

    private static List<String> variableNames(InspectContainerResponse container) {
        String[] env = container.getConfig() == null ? null : container.getConfig().getEnv();
        List<String> names = new ArrayList<>();
        for (String entry : env == null ? new String[0] : env) {
            int eq = entry.indexOf('=');
            names.add(eq < 0 ? entry : entry.substring(0, eq));
        }
        return names;
    }

    static boolean plainPassword(String variable) {
        String upper = variable.toUpperCase(Locale.ROOT);
        return (upper.contains("PASSWORD") || upper.contains("PASSWD")) && !upper.endsWith("_FILE");
    }

    static boolean passwordFile(String variable) {
        String upper = variable.toUpperCase(Locale.ROOT);
        return (upper.contains("PASSWORD") || upper.contains("PASSWD")) && upper.endsWith("_FILE");
    }
}
