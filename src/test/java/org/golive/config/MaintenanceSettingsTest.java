package org.golive.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;

/** An environment's maintenance page settings, bound as golive binds them at startup: complete, or refused. */
class MaintenanceSettingsTest {

    private static final String PREFIX = "golive.environments.prod.maintenance.";

    private static Map<String, Object> complete() {
        Map<String, Object> keys = new HashMap<>();
        keys.put("golive.environments.prod.odoo-url", "https://erp.example.com");
        keys.put(PREFIX + "ssh.host", "proxy.example.com");
        keys.put(PREFIX + "ssh.user", "golive");
        keys.put(PREFIX + "ssh.private-key-file", "/run/secrets/golive-ssh-key");
        keys.put(PREFIX + "ssh.known-hosts-file", "/etc/golive/known_hosts");
        keys.put(PREFIX + "enable[0]", "odoo-maintenance");
        keys.put(PREFIX + "enable[1]", "on");
        keys.put(PREFIX + "disable[0]", "odoo-maintenance");
        keys.put(PREFIX + "disable[1]", "off");
        return keys;
    }

    private static GoliveProperties bind(Map<String, Object> keys) {
        return new Binder(List.of(new MapConfigurationPropertySource(keys)), null, ApplicationConversionService.getSharedInstance())
                .bind("golive", GoliveProperties.class).get();
    }

    @Test
    void completeSettingsBindWithTheirDefaults() {
        GoliveProperties.Maintenance maintenance = bind(complete()).environments().get("prod").maintenance();

        assertThat(maintenance.enable()).containsExactly("odoo-maintenance", "on");
        assertThat(maintenance.ssh().port()).isEqualTo(22);
        assertThat(maintenance.ssh().timeout()).hasSeconds(30);
    }

    @Test
    void aLoginWithoutKnownHostsIsRefusedAtStartupWithTheSettingNamed() {
        Map<String, Object> keys = complete();
        keys.remove(PREFIX + "ssh.known-hosts-file");

        assertThatThrownBy(() -> bind(keys)).isInstanceOf(BindException.class)
                .hasMessageContaining("golive.environments.prod.maintenance")
                .rootCause().hasMessage("ssh needs known-hosts-file (golive does not log in without checking the host key)");
    }

    @Test
    void aMaintenancePageWithoutItsDisableCommandIsRefusedAtStartup() {
        Map<String, Object> keys = complete();
        keys.remove(PREFIX + "disable[0]");
        keys.remove(PREFIX + "disable[1]");

        assertThatThrownBy(() -> bind(keys)).isInstanceOf(BindException.class)
                .rootCause().hasMessage("maintenance needs both commands, enable and disable, each an argv list");
    }

    @Test
    void anEnvironmentWithoutAMaintenancePageHasNone() {
        Map<String, Object> keys = new HashMap<>(Map.of("golive.environments.prod.odoo-url", "https://erp.example.com"));

        assertThat(bind(keys).environments().get("prod").maintenance()).isNull();
    }
}
