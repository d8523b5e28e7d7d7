package org.golive.validation;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The smoke login and calls of the validation check {@code smoke}, per environment under
 * {@code golive.smoke.environments.<name>.}. The password is read from {@code password-env} or
 * {@code password-file} when the check runs: never a process variable, never evidence.
 */
@ConfigurationProperties("golive.smoke")
public record SmokeProperties(Map<String, Settings> environments) {

    public SmokeProperties {
        environments = environments == null ? Map.of() : Map.copyOf(environments);
    }

    /**
     * @param login        the smoke user's login
     * @param passwordEnv  environment variable holding its password (read first)
     * @param passwordFile file holding its password
     * @param via          {@code xmlrpc} (common.authenticate) or {@code jsonrpc} (/web/session/authenticate)
     * @param calls        the calls run as that user after the login
     */
    public record Settings(String login, String passwordEnv, Path passwordFile, @DefaultValue("xmlrpc") String via,
                           List<Call> calls) {
        public Settings {
            calls = calls == null ? List.of() : List.copyOf(calls);
            if (login == null || login.isBlank()) {
                throw new IllegalArgumentException("golive.smoke: login must be set");
            }
            if ((passwordEnv == null || passwordEnv.isBlank()) && passwordFile == null) {
                throw new IllegalArgumentException("golive.smoke: password-env or password-file must be set for login " + login);
            }
            if (!Set.of("xmlrpc", "jsonrpc").contains(via)) {
                throw new IllegalArgumentException("golive.smoke: via must be xmlrpc or jsonrpc, was '" + via + "'");
            }
        }
    }

    /**
     * One call: {@code model.method(domain)} through execute_kw, whose count (search_count's number, search's ids)
     * must be at least {@code minCount}.
     *
     * @param domain an Odoo domain as JSON, e.g. {@code [["state", "=", "sale"]]}
     */
    public record Call(String model, @DefaultValue("search_count") String method, @DefaultValue("[]") String domain,
                       @DefaultValue("1") int minCount) {
        public Call {
            if (model == null || !model.matches("[a-z0-9_]+(\\.[a-z0-9_]+)*")) {
                throw new IllegalArgumentException("golive.smoke: calls[].model must be an Odoo model name, was '" + model + "'");
            }
            if (!Set.of("search_count", "search").contains(method)) {
                throw new IllegalArgumentException("golive.smoke: calls[].method must be search_count or search, was '" + method + "'");
            }
            if (minCount < 0) {
                throw new IllegalArgumentException("golive.smoke: calls[].min-count must not be negative");
            }
            parsedDomain(domain);
        }

        /** The domain as lists for XML-RPC. */
        public List<?> domainTerms() {
            return new ObjectMapper().convertValue(parsedDomain(domain), List.class);
        }

        private static JsonNode parsedDomain(String domain) {
            try {
                JsonNode node = new ObjectMapper().readTree(domain);
                if (node == null || !node.isArray()) {
                    throw new IllegalArgumentException("not a JSON array");
                }
                return node;
            } catch (Exception e) {
                throw new IllegalArgumentException("golive.smoke: calls[].domain must be a JSON array such as"
                        + " [[\"active\", \"=\", true]], was '" + domain + "': " + e.getMessage());
            }
        }

        public String describe() {
            return model + "." + method + "(" + domain + ")";
        }
    }
}
