package org.golive.readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.golive.readiness.OdooSetupProperties.GroupLimit;
import org.golive.readiness.OdooSetupProperties.Settings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class OdooSetupPropertiesTest {

    private static Settings modules(String... names) {
        return new Settings(List.of(names), null, null, null, null, null);
    }

    @Test
    void theSettingsBindFromTheKeysTheDocumentationNames() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "golive.odoo-setup.environments.prod.required-modules[0]", "ipai_ask_ai",
                "golive.odoo-setup.environments.prod.company-name", "InsightPulse AI",
                "golive.odoo-setup.environments.prod.currency", "PHP",
                "golive.odoo-setup.environments.prod.timezone", "Asia/Manila",
                "golive.odoo-setup.environments.prod.language", "en_US",
                "golive.odoo-setup.environments.prod.group-limits[0].group", "account.group_account_manager",
                "golive.odoo-setup.environments.prod.group-limits[0].max-users", "2")));
        Settings prod = binder.bind("golive.odoo-setup", OdooSetupProperties.class).get().environments().get("prod");
        assertThat(prod.requiredModules()).containsExactly("ipai_ask_ai");
        assertThat(prod.groupLimits()).containsExactly(new GroupLimit("account.group_account_manager", 2));
        assertThat(prod.timezone()).isEqualTo("Asia/Manila");
        assertThat(prod.empty()).isFalse();
    }

    @Test
    void nothingSetIsEmptySoTheGateCannotJudge() {
        assertThat(new Settings(null, " ", null, null, null, null).empty()).isTrue();
    }

    @Test
    void aModuleNameOdooCannotHaveIsRefusedByName() {
        assertThatThrownBy(() -> modules("ipai_ask_ai", "IPAI Ask AI")).hasMessageContaining("required-modules: 'IPAI Ask AI'");
    }

    @Test
    void anUnknownTimeZoneCurrencyOrLanguageIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new Settings(null, null, null, "Mars/Olympus", null, null)).hasMessageContaining("timezone");
        assertThatThrownBy(() -> new Settings(null, null, "peso", null, null, null)).hasMessageContaining("currency");
        assertThatThrownBy(() -> new Settings(null, null, null, null, "English", null)).hasMessageContaining("language");
    }

    @Test
    void groupLimitsNeedAnXmlIdAndANonNegativeMaximum() {
        assertThatThrownBy(() -> new GroupLimit("Accounting / Adviser", 2)).hasMessageContaining("group-limits[].group");
        assertThatThrownBy(() -> new GroupLimit("account.group_account_manager", -1)).hasMessageContaining("max-users");
        assertThatThrownBy(() -> new GroupLimit("account.group_account_manager", null)).hasMessageContaining("max-users");
    }

    @Test
    void settingsUsersStayWithTheSecurityGateSoThereIsOneLimit() {
        assertThatThrownBy(() -> new GroupLimit("base.group_system", 2)).hasMessageContaining("max-system-users");
    }

    @Test
    void aGroupListedTwiceIsRefused() {
        List<GroupLimit> twice = List.of(new GroupLimit("account.group_account_manager", 2), new GroupLimit("account.group_account_manager", 3));
        assertThatThrownBy(() -> new Settings(null, null, null, null, null, twice)).hasMessageContaining("listed twice");
    }
}
