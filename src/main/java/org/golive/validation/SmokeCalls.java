package org.golive.validation;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.golive.config.GoliveProperties.TargetEnvironment;
import org.golive.odoo.OdooRpc;
import org.golive.odoo.XmlRpc;
import org.golive.step.StepFailedException;
import org.golive.validation.SmokeProperties.Call;
import org.golive.validation.SmokeProperties.Settings;
import org.springframework.stereotype.Component;

/**
 * The smoke user logs in and runs the environment's calls: proof that users can work, where the login page only
 * proves that it renders. A refused login, a fault or a count below its minimum is a measured failure; an Odoo
 * that cannot be reached is a technical one (retried).
 */
@Component
public class SmokeCalls {

    private final OdooRpc rpc;
    private final SmokeProperties properties;

    public SmokeCalls(OdooRpc rpc, SmokeProperties properties) {
        this.rpc = rpc;
        this.properties = properties;
    }

    public Map<String, Object> run(String environment, TargetEnvironment target) {
        Settings settings = properties.environments().get(environment);
        Map<String, Object> facts = new LinkedHashMap<>();
        if (settings == null) {
            facts.put("configured", false);
            return facts;
        }
        String database = target.database().name();
        String password = password(environment, settings);
        facts.put("login", settings.login());
        facts.put("via", settings.via());
        Integer uid;
        try {
            uid = "jsonrpc".equals(settings.via())
                    ? rpc.sessionAuthenticate(target.odooUrl(), database, settings.login(), password)
                    : rpc.authenticate(target.odooUrl(), database, settings.login(), password);
        } catch (XmlRpc.Fault | OdooRpc.EndpointMissingException e) {
            throw new CheckFailedException("smoke user " + settings.login() + " cannot log in: " + e.getMessage(), facts);
        }
        if (uid == null) {
            throw new CheckFailedException("smoke user " + settings.login() + " refused by " + settings.via() + " login", facts);
        }
        facts.put("uid", uid);
        List<String> failures = new ArrayList<>();
        for (Call call : settings.calls()) {
            try {
                Object answer = rpc.executeKw(target.odooUrl(), database, uid, password, call.model(), call.method(),
                        List.of(call.domainTerms()), Map.of());
                long count = answer instanceof Number n ? n.longValue() : answer instanceof List<?> ids ? ids.size() : -1;
                facts.put(call.describe(), count);
                if (count < call.minCount()) {
                    failures.add(call.describe() + " = " + count + ", expected at least " + call.minCount());
                }
            } catch (XmlRpc.Fault | OdooRpc.EndpointMissingException e) {
                facts.put(call.describe(), "error: " + e.getMessage());
                failures.add(call.describe() + " failed: " + e.getMessage());
            }
        }
        facts.put("calls", settings.calls().size());
        if (!failures.isEmpty()) {
            throw new CheckFailedException("smoke calls failed: " + String.join("; ", failures), facts);
        }
        return facts;
    }

    private static String password(String environment, Settings settings) {
        if (settings.passwordEnv() != null && !settings.passwordEnv().isBlank()) {
            String value = System.getenv(settings.passwordEnv());
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        if (settings.passwordFile() != null) {
            try {
                return Files.readString(settings.passwordFile()).strip();
            } catch (IOException e) {
                throw new StepFailedException("golive.smoke.environments." + environment + ".password-file "
                        + settings.passwordFile() + " cannot be read: " + e.getMessage());
            }
        }
        throw new StepFailedException("golive.smoke.environments." + environment + ": no smoke password (variable "
                + settings.passwordEnv() + " empty, no password-file)");
    }
}
