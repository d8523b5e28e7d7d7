package org.golive.readiness;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The readiness gate {@code odooSetup}, per environment under {@code golive.odoo-setup.environments.<name>.}: what
 * the implementation's Odoo must have set up. Only what is set is checked; an environment without an entry, or
 * with nothing set, leaves the gate inconclusive (a person decides on it in the gate review).
 */
@ConfigurationProperties("golive.odoo-setup")
public record OdooSetupProperties(Map<String, Settings> environments) {

    static final String PREFIX = "golive.odoo-setup.environments.<env>.";

    public OdooSetupProperties {
        environments = environments == null ? Map.of() : Map.copyOf(environments);
    }

    /**
     * @param requiredModules modules that must be installed ({@code ir_module_module.state}), or installed by this release
     * @param companyName     the main company's name ({@code base.main_company}, {@code res_company.name})
     * @param currency        the main company's currency, ISO 4217 ({@code res_currency.name})
     * @param timezone        the admin user's time zone ({@code base.user_admin}'s partner, {@code res_partner.tz})
     * @param language        a language that must be active ({@code res_lang.code}, e.g. {@code en_US})
     * @param groupLimits     groups by xml id with the most active internal users each may have
     */
    public record Settings(List<String> requiredModules, String companyName, String currency, String timezone,
                           String language, List<GroupLimit> groupLimits) {

        public Settings {
            requiredModules = requiredModules == null ? List.of() : List.copyOf(requiredModules);
            groupLimits = groupLimits == null ? List.of() : List.copyOf(groupLimits);
            companyName = blankToNull(companyName);
            currency = blankToNull(currency);
            timezone = blankToNull(timezone);
            language = blankToNull(language);
            for (String module : requiredModules) {
                if (module == null || !module.matches("[a-z0-9_]+")) {
                    throw new IllegalArgumentException(PREFIX + "required-modules: '" + module + "' is not an Odoo module name");
                }
            }
            if (currency != null && !currency.matches("[A-Z]{3}")) {
                throw new IllegalArgumentException(PREFIX + "currency must be an ISO 4217 code such as EUR, was '" + currency + "'");
            }
            if (timezone != null) {
                try {
                    ZoneId.of(timezone);
                } catch (DateTimeException e) {
                    throw new IllegalArgumentException(PREFIX + "timezone must be an IANA time zone such as Europe/Brussels, was '"
                            + timezone + "'");
                }
            }
            if (language != null && !language.matches("[a-z]{2,3}(_[A-Z][A-Za-z0-9]+)?(@[a-z]+)?")) {
                throw new IllegalArgumentException(PREFIX + "language must be an Odoo language code such as en_US, was '" + language + "'");
            }
            Set<String> groups = new HashSet<>();
            for (GroupLimit limit : groupLimits) {
                if (!groups.add(limit.group())) {
                    throw new IllegalArgumentException(PREFIX + "group-limits: " + limit.group() + " is listed twice");
                }
            }
        }

        /** Nothing to compare: the gate cannot judge this environment's setup. */
        public boolean empty() {
            return requiredModules.isEmpty() && companyName == null && currency == null && timezone == null && language == null
                    && groupLimits.isEmpty();
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    /**
     * @param group    the group's xml id, {@code module.name}, e.g. {@code account.group_account_manager}
     * @param maxUsers the most active internal users the group may have
     */
    public record GroupLimit(String group, Integer maxUsers) {

        public GroupLimit {
            if (group == null || !group.matches("[a-z0-9_]+\\.[a-z0-9_]+")) {
                throw new IllegalArgumentException(PREFIX + "group-limits[].group must be an xml id such as"
                        + " account.group_account_manager, was '" + group + "'");
            }
            if ("base.group_system".equals(group)) {
                // one limit, one place: the odooSecurity gate already counts Settings users
                throw new IllegalArgumentException(PREFIX + "group-limits: base.group_system is limited by"
                        + " golive.odoo-security.environments.<env>.max-system-users (gate odooSecurity)");
            }
            if (maxUsers == null || maxUsers < 0) {
                throw new IllegalArgumentException(PREFIX + "group-limits[].max-users must be set and not negative for " + group);
            }
        }

        String module() {
            return group.substring(0, group.indexOf('.'));
        }

        String name() {
            return group.substring(group.indexOf('.') + 1);
        }
    }
}
