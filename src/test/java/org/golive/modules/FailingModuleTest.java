package org.golive.modules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.golive.modules.FailingModule.Finding;
import org.junit.jupiter.api.Test;

/** Naming the module a one-run install/update failed in, from Odoo 18's log as loading.py and server.py write it. */
class FailingModuleTest {

    private static final List<String> RUN = List.of("golive_extra", "golive_broken", "golive_demo");

    /** A data file that does not parse: Odoo names the file being loaded, then fails the whole registry. */
    static final String PARSE_ERROR = """
            2026-12-01 17:19:05,001 1 INFO golive_it odoo.modules.loading: loading 14 modules...
            2026-12-01 17:19:05,200 1 INFO golive_it odoo.modules.loading: Loading module golive_demo (9/14)
            2026-12-01 17:19:05,300 1 INFO golive_it odoo.modules.loading: Module golive_demo loaded in 0.10s, 120 queries (+120 other)
            2026-12-01 17:19:05,400 1 INFO golive_it odoo.modules.loading: Loading module golive_extra (13/14)
            2026-12-01 17:19:05,500 1 INFO golive_it odoo.modules.loading: loading golive_extra/views/partner.xml
            2026-12-01 17:19:05,600 1 WARNING golive_it odoo.modules.loading: Transient module states were reset
            2026-12-01 17:19:05,601 1 ERROR golive_it odoo.modules.registry: Failed to load registry
            2026-12-01 17:19:05,700 1 CRITICAL golive_it odoo.service.server: Failed to initialize database `golive_it`.
            Traceback (most recent call last):
              File "/usr/lib/python3/dist-packages/odoo/service/server.py", line 1316, in preload_registries
                registry = Registry.new(dbname, update_module=update_module)
              File "/usr/lib/python3/dist-packages/odoo/addons/base/models/ir_ui_view.py", line 500, in _check_xml
                raise ValidationError(err)
              File "/usr/lib/python3/dist-packages/odoo/tools/convert.py", line 698, in convert_xml_import
                obj.parse(doc.getroot())
            odoo.tools.convert.ParseError: while parsing /mnt/extra-addons/golive_extra/views/partner.xml:4, somewhere inside
            <record id="view_partner_form_extra" model="ir.ui.view">
            2026-12-01 17:19:05,800 1 INFO golive_it odoo.service.server: Initiating shutdown
            """;

    @Test
    void theModuleBeingLoadedWhenTheFirstErrorCameIsNamedWithItsLine() {
        assertThat(FailingModule.in(PARSE_ERROR, RUN)).contains(new Finding("golive_extra",
                "2026-12-01 17:19:05,500 1 INFO golive_it odoo.modules.loading: loading golive_extra/views/partner.xml"));
    }

    @Test
    void withoutInfoLinesTheTracebacksFileUnderAnAddonsDirectoryNamesIt() {
        String warnOnly = PARSE_ERROR.lines().filter(l -> !l.contains(" INFO ")).reduce("", (a, b) -> a + b + "\n");
        assertThat(FailingModule.in(warnOnly, RUN)).get().extracting(Finding::module).isEqualTo("golive_extra");
        assertThat(FailingModule.in(warnOnly, RUN).orElseThrow().line()).startsWith("odoo.tools.convert.ParseError: while parsing");
    }

    @Test
    void anErrorLineNamingAModuleOfTheRunWins() {
        String importError = """
                2026-12-01 17:19:05,400 1 INFO golive_it odoo.modules.loading: Loading module golive_demo (9/14)
                2026-12-01 17:19:05,401 1 CRITICAL golive_it odoo.modules.module: Couldn't load module golive_broken
                2026-12-01 17:19:05,402 1 CRITICAL golive_it odoo.modules.module: No module named 'requests_toolbelt'
                2026-12-01 17:19:05,601 1 ERROR golive_it odoo.modules.registry: Failed to load registry
                """;
        assertThat(FailingModule.in(importError, RUN)).get().extracting(Finding::module).isEqualTo("golive_broken");
    }

    @Test
    void theStandInsRegistryErrorNamesTheModule() {
        String standIn = """
                2026-12-01 17:19:06,101 1 INFO golive_it odoo.modules.loading: Loading module golive_broken (install)
                2026-12-01 17:19:06,733 1 ERROR golive_it odoo.modules.registry: Failed to load registry: module golive_broken: ParseError while parsing golive_broken/data/golive_broken_data.xml
                2026-12-01 17:19:06,734 1 ERROR golive_it odoo.modules.loading: Module golive_broken failed to install
                2026-12-01 17:19:06,802 1 CRITICAL golive_it odoo.service.server: Failed to initialize database `golive_it`.
                """;
        assertThat(FailingModule.in(standIn, RUN)).get().satisfies(f -> {
            assertThat(f.module()).isEqualTo("golive_broken");
            assertThat(f.line()).contains("Failed to load registry: module golive_broken");
        });
    }

    @Test
    void aMissingDependencyNamesTheModuleOfTheRunNotTheMissingOne() {
        String missing = """
                2026-12-01 17:19:06,733 1 ERROR golive_it odoo.modules.loading: You try to install module "golive_extra" that depends on module "golive_gone".
                """;
        assertThat(FailingModule.in(missing, RUN)).get().extracting(Finding::module).isEqualTo("golive_extra");
    }

    @Test
    void aDependencyTheRunPulledInIsNamedWhenOdooWasLoadingIt() {
        String dependency = """
                2026-12-01 17:19:05,400 1 INFO golive_it odoo.modules.loading: Loading module mail (10/14)
                2026-12-01 17:19:05,601 1 ERROR golive_it odoo.modules.registry: Failed to load registry
                """;
        assertThat(FailingModule.in(dependency, RUN)).get().extracting(Finding::module).isEqualTo("mail");
    }

    @Test
    void aRunKilledWithoutAnErrorLineNamesTheModuleItWasLoading() {
        String killed = """
                2026-12-01 17:19:05,200 1 INFO golive_it odoo.modules.loading: Loading module golive_demo (9/14)
                2026-12-01 17:19:05,300 1 INFO golive_it odoo.modules.loading: Loading module golive_extra (13/14)
                """;
        assertThat(FailingModule.in(killed, RUN)).get().extracting(Finding::module).isEqualTo("golive_extra");
    }

    @Test
    void aLogThatNamesNoModuleNamesNone() {
        String connection = """
                2026-12-01 17:19:05,601 1 CRITICAL ? odoo.service.server: Failed to initialize database `golive_it`.
                psycopg2.OperationalError: connection to server at "127.0.0.1", port 5432 failed: Connection refused
                """;
        assertThat(FailingModule.in(connection, RUN)).isEmpty();
        assertThat(FailingModule.in(null, RUN)).isEmpty();
    }

    @Test
    void aModuleLeftOutOfARunThatExitedZeroHasItsWarning() {
        String log = """
                2026-12-01 17:19:05,001 1 INFO golive_it odoo.modules.loading: loading 14 modules...
                2026-12-01 17:19:05,002 1 WARNING golive_it odoo.modules.loading: invalid module names, ignored: golive_typo
                """;
        assertThat(FailingModule.warningAbout(log, "golive_typo")).get().asString().endsWith("invalid module names, ignored: golive_typo");
        assertThat(FailingModule.warningAbout(log, "golive_demo")).isEmpty();
    }
}
