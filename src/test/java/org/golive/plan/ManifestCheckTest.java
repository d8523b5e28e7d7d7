package org.golive.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.golive.deploy.AddonTree.Addon;
import org.junit.jupiter.api.Test;

class ManifestCheckTest {

    static final String GOOD = """
            # -*- coding: utf-8 -*-
            # Part of IPAI. See LICENSE file.
            {
                'name': "IPAI Finance",
                "version": '18.0.1.0.0',
                'summary': '''Multi-line
                   summary''' ' joined',
                'depends': ['base', "account",],
                'data': ('views/a.xml', 'security/ir.model.access.csv'),
                'license': 'LGPL-3',
                'installable': True,
                'auto_install': False,
                'sequence': -10,
                'assets': {'web.assets_backend': ['ipai_finance/static/src/**/*']},
            }
            """;

    static Addon addon(String name, String manifest) {
        return new Addon(name, "/mnt/extra-addons", "sha", manifest);
    }

    @Test
    void parsesAnOdooManifestAsLiteralEvalDoes() throws Exception {
        Map<String, Object> m = PythonLiteral.parseDict(GOOD);
        assertThat(m).containsEntry("name", "IPAI Finance").containsEntry("version", "18.0.1.0.0")
                .containsEntry("depends", List.of("base", "account")).containsEntry("installable", true)
                .containsEntry("sequence", -10L).containsEntry("data", List.of("views/a.xml", "security/ir.model.access.csv"));
        assertThat((String) m.get("summary")).startsWith("Multi-line").endsWith("summary joined");
        assertThat(m.get("assets")).isEqualTo(Map.of("web.assets_backend", List.of("ipai_finance/static/src/**/*")));
    }

    @Test
    void escapesRawStringsTuplesAndNoneAreRead() throws Exception {
        Map<String, Object> m = PythonLiteral.parseDict("{'a': 'it\\'s\\n', 'b': r'\\d', 'c': ('x'), 'd': ('x',), 'e': None}");
        assertThat(m.get("a")).isEqualTo("it's\n");
        assertThat(m.get("b")).isEqualTo("\\d");
        assertThat(m.get("c")).isEqualTo("x");
        assertThat(m.get("d")).isEqualTo(List.of("x"));
        assertThat(m).containsKey("e");
        assertThat(m.get("e")).isNull();
    }

    @Test
    void codeIsRefusedWithItsLineNeverRun() {
        assertThatThrownBy(() -> PythonLiteral.parseDict("{\n 'name': 'x',\n 'version': VERSION,\n}"))
                .hasMessageContaining("'VERSION' is not a literal").hasMessageContaining("line 3");
        assertThatThrownBy(() -> PythonLiteral.parseDict("{'name': 'x'} + {}")).hasMessageContaining("after the dict");
        assertThatThrownBy(() -> PythonLiteral.parseDict("{'name': 'x'")).hasMessageContaining("expected");
        assertThatThrownBy(() -> PythonLiteral.parseDict("{'name': 'x}")).hasMessageContaining("unterminated string");
        assertThatThrownBy(() -> PythonLiteral.parseDict("['a']")).hasMessageContaining("dict literal");
        assertThatThrownBy(() -> PythonLiteral.parseDict("{1: 'a'}")).hasMessageContaining("key must be a string");
    }

    @Test
    void aGoodManifestOfTheImagesSeriesPasses() {
        ManifestCheck.Outcome outcome = ManifestCheck.check(Map.of("ipai_finance", addon("ipai_finance", GOOD),
                "sale", addon("sale", "not even python")), List.of("ipai_"), "18.0");
        assertThat(outcome.checked()).containsExactly("ipai_finance");
        assertThat(outcome.problems()).isEmpty();
    }

    @Test
    void eachMissingOrBadFieldIsNamedWithItsAddon() {
        ManifestCheck.Outcome outcome = ManifestCheck.check(Map.of("ipai_bad", addon("ipai_bad",
                "{'name': '', 'version': '1.0', 'depends': 'base'}")), List.of("ipai_"), "18.0");
        assertThat(outcome.problems()).containsExactly("ipai_bad: name must be a non-empty string, is ", "ipai_bad: license is missing",
                "ipai_bad: depends must be a list of module names, is base",
                "ipai_bad: version '1.0' is not in Odoo's series form <series>.x.y.z (e.g. 18.0.1.0.0)");
    }

    @Test
    void aVersionOfAnotherSeriesIsNamed() {
        String manifest = GOOD.replace("18.0.1.0.0", "17.0.1.0.0");
        assertThat(ManifestCheck.check(Map.of("ipai_finance", addon("ipai_finance", manifest)), List.of("ipai_"), "18.0").problems())
                .containsExactly("ipai_finance: version '17.0.1.0.0' is for Odoo 17.0, the release image is Odoo 18.0");
    }

    @Test
    void anUnreadableManifestIsAFindingNotACrash() {
        assertThat(ManifestCheck.check(Map.of("ipai_x", addon("ipai_x", "{'name': get_name()}")), List.of("ipai_"), "18.0").problems())
                .singleElement().asString().startsWith("ipai_x: __manifest__.py cannot be read as a dict literal");
    }

    @Test
    void withoutPrefixesNothingIsChecked() {
        assertThat(ManifestCheck.check(Map.of("ipai_x", addon("ipai_x", "junk")), List.of(), "18.0").checked()).isEmpty();
    }
}
