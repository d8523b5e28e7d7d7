package org.golive.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.golive.config.Target;
import org.golive.config.GoliveProperties.Maintenance;
import org.golive.remote.RemoteCommandException;
import org.golive.remote.SshCommands;
import org.springframework.stereotype.Service;

/**
 * The maintenance page of an environment ({@code golive.environments.<name>.maintenance}): shown before Odoo stops,
 * hidden once Odoo serves again, by the environment's own commands on its proxy host over SSH. An environment
 * without one keeps the plain behaviour: Odoo is down while maintenance lasts.
 */
@Service
public class MaintenancePage {

    private final SshCommands ssh;

    public MaintenancePage(SshCommands ssh) {
        this.ssh = ssh;
    }

    /** Logs in to the proxy host, running nothing: the facts to record, or empty when there is no maintenance page. */
    public Optional<Map<String, Object>> checkReachable(Target environment) {
        Maintenance maintenance = environment.settings().maintenance();
        if (maintenance == null) {
            return Optional.empty();
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("maintenanceHost", maintenance.ssh().host());
        facts.put("maintenanceLoginMillis", ssh.login(maintenance.ssh()).toMillis());
        return Optional.of(facts);
    }

    /** Shows the page; the facts to record, or empty when the environment has no maintenance page. */
    public Optional<Map<String, Object>> show(Target environment) {
        return run(environment, Maintenance::enable, "shown");
    }

    /** Hides the page; the facts to record, or empty when the environment has no maintenance page. */
    public Optional<Map<String, Object>> hide(Target environment) {
        return run(environment, Maintenance::disable, "hidden");
    }

    private Optional<Map<String, Object>> run(Target environment, Function<Maintenance, List<String>> command, String done) {
        Maintenance maintenance = environment.settings().maintenance();
        if (maintenance == null) {
            return Optional.empty();
        }
        List<String> argv = command.apply(maintenance);
        SshCommands.Result result = ssh.run(maintenance.ssh(), argv);
        String host = maintenance.ssh().host();
        if (result.exitCode() != 0) {
            throw new RemoteCommandException("maintenance page of " + environment + ": " + argv.get(0) + " on " + host + " exited "
                    + result.exitCode() + (result.stderr().isEmpty() ? "" : ": " + result.stderr()));
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("maintenancePage", done);
        facts.put("maintenanceHost", host);
        facts.put("maintenanceMillis", result.took().toMillis());
        return Optional.of(facts);
    }
}
