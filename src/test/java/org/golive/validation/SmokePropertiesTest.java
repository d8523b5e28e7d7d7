package org.golive.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.golive.validation.SmokeProperties.Call;
import org.golive.validation.SmokeProperties.Settings;
import org.junit.jupiter.api.Test;

class SmokePropertiesTest {

    @Test
    void aDomainIsParsedIntoTheListsExecuteKwTakes() {
        Call call = new Call("sale.order", "search_count", "[[\"state\", \"=\", \"sale\"], [\"amount_total\", \">\", 0]]", 1);
        assertThat(call.domainTerms()).isEqualTo(List.of(List.of("state", "=", "sale"), List.of("amount_total", ">", 0)));
    }

    @Test
    void aDomainThatIsNoJsonArrayIsRefusedNamingTheField() {
        assertThatThrownBy(() -> new Call("res.partner", "search_count", "state = sale", 1))
                .hasMessageContaining("calls[].domain").hasMessageContaining("state = sale");
        assertThatThrownBy(() -> new Call("res.partner", "search_count", "{}", 1)).hasMessageContaining("calls[].domain");
    }

    @Test
    void onlyReadingMethodsAndModelNamesAreTaken() {
        assertThatThrownBy(() -> new Call("res.partner", "unlink", "[]", 1)).hasMessageContaining("calls[].method");
        assertThatThrownBy(() -> new Call("res partner; drop", "search_count", "[]", 1)).hasMessageContaining("calls[].model");
    }

    @Test
    void aLoginNeedsAPasswordSourceAndAKnownProtocol() {
        assertThatThrownBy(() -> new Settings("smoke", null, null, "xmlrpc", List.of()))
                .hasMessageContaining("password-env or password-file");
        assertThatThrownBy(() -> new Settings("smoke", null, Path.of("/run/secrets/smoke"), "soap", List.of()))
                .hasMessageContaining("via must be xmlrpc or jsonrpc");
        assertThat(new Settings("smoke", "SMOKE_PASSWORD", null, "jsonrpc", null).calls()).isEmpty();
    }
}
