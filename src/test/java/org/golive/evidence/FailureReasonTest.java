package org.golive.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one line a table cell shows of a failure that quotes Odoo's log. */
class FailureReasonTest {

    static final String UPDATE_FAILED = """
            Task_UpdateModules: updating [golive_demo, golive_extra]: odoo exited 255
            2026-12-01 17:19:06,101 1 INFO golive_sandbox odoo.modules.loading: loading 1 modules...
            2026-12-01 17:19:06,500 1 ERROR golive_sandbox odoo.sql_db: bad query: ALTER TABLE "res_partner" ADD COLUMN "x" int4
            2026-12-01 17:19:06,733 1 ERROR golive_sandbox odoo.modules.registry: Failed to load registry: module golive_extra: ParseError while parsing golive_extra/views/partner.xml
            Traceback (most recent call last):
              File "/usr/lib/python3/dist-packages/odoo/modules/registry.py", line 110, in new
            2026-12-01 17:19:06,802 1 CRITICAL golive_sandbox odoo.service.server: Failed to initialize database `golive_sandbox`.
            """;

    @Test
    void theLineNamingAModuleOfTheRunAndAFileWinsOverEarlierErrors() {
        assertThat(FailureReason.headline(UPDATE_FAILED)).isEqualTo("Task_UpdateModules: updating [golive_demo, golive_extra]: odoo exited 255"
                + " — ERROR odoo.modules.registry: Failed to load registry: module golive_extra: ParseError while parsing golive_extra/views/partner.xml");
        assertThat(FailureReason.hasDetail(UPDATE_FAILED)).isTrue();
    }

    @Test
    void withoutAModuleLineTheFirstErrorThenCriticalLineIsTaken() {
        String reason = "installing golive_x: odoo exited 1\n"
                + "2026-12-01 17:19:06,802 1 CRITICAL ? odoo.service.server: Failed to initialize database `golive_sandbox`.\n";
        assertThat(FailureReason.headline(reason))
                .isEqualTo("installing golive_x: odoo exited 1 — CRITICAL odoo.service.server: Failed to initialize database `golive_sandbox`.");
    }

    @Test
    void whenNoLogLineNamesTheModuleAndItsFileTheTracebacksExceptionLineDoes() {
        String reason = """
                Task_InstallAndUpdateModules: installing golive_extra: odoo exited 255 (odoo -d db -i golive_extra --stop-after-init --no-http)
                2026-12-01 17:19:05,500 1 INFO db odoo.modules.loading: loading golive_extra/views/partner.xml
                2026-12-01 17:19:05,601 1 ERROR db odoo.modules.registry: Failed to load registry
                2026-12-01 17:19:05,700 1 CRITICAL db odoo.service.server: Failed to initialize database `db`.
                Traceback (most recent call last):
                  File "/usr/lib/python3/dist-packages/odoo/tools/convert.py", line 698, in convert_xml_import
                odoo.tools.convert.ParseError: while parsing /mnt/extra-addons/golive_extra/views/partner.xml:4, somewhere inside
                """;
        assertThat(FailureReason.headline(reason)).endsWith(" — odoo.tools.convert.ParseError: while parsing"
                + " /mnt/extra-addons/golive_extra/views/partner.xml:4, somewhere inside");
    }

    @Test
    void aReasonWithoutOdoosLogIsItsFirstLine() {
        assertThat(FailureReason.headline("Task_BackUpDatabase: pg_dump: connection refused")).isEqualTo("Task_BackUpDatabase: pg_dump: connection refused");
        assertThat(FailureReason.hasDetail("Task_BackUpDatabase: pg_dump: connection refused")).isFalse();
        assertThat(FailureReason.headline("step: went wrong\n  at somewhere\n  at elsewhere")).isEqualTo("step: went wrong");
        assertThat(FailureReason.headline(null)).isNull();
    }
}
