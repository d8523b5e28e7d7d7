package org.golive.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.golive.config.GoliveProperties;
import org.golive.config.GoliveProperties.ModuleRuns;
import org.golive.config.GoliveProperties.TargetEnvironment;
import org.golive.config.Target;
import org.golive.deploy.ContainerService;
import org.golive.deploy.ContainerService.RunResult;
import org.golive.modules.ModuleDeploymentService.Report;
import org.golive.odoo.ModuleStates;
import org.golive.odoo.ModuleStates.ModuleState;
import org.golive.step.StepFailedException;
import org.junit.jupiter.api.Test;

/**
 * The Odoo runs a release's modules take, with Docker and the database mocked: one run by default, per module when
 * configured, and what a failed run says. The real CLI and database: ServicesIT, GoLiveShipsReleaseIT, GoLiveFailedInstallIT.
 */
class ModuleRunsTest {

    private final ContainerService containers = mock(ContainerService.class);
    private final ModuleStates states = mock(ModuleStates.class);
    private final Map<String, ModuleState> db = new LinkedHashMap<>();
    private final List<List<String>> argvs = new ArrayList<>();
    private Target env;

    private ModuleDeploymentService service(ModuleRuns runs, int exitCode, String log) {
        GoliveProperties properties = mock(GoliveProperties.class);
        when(properties.steps()).thenReturn(new GoliveProperties.Steps("R3/PT10S", Duration.ofMinutes(30), 1, runs));
        TargetEnvironment target = new TargetEnvironment("http://127.0.0.1:18069",
                new GoliveProperties.Database("127.0.0.1", 5432, "golive_db", "odoo", null, null), "unix:///docker.sock", null,
                new GoliveProperties.Container("golive-odoo", "golive/odoo", null, null, null, "host", null, Duration.ofSeconds(30),
                        null, null), null, null, null);
        env = new Target("env", target);
        when(states.read(eq(env), anyCollection())).thenAnswer(call -> {
            Map<String, ModuleState> read = new LinkedHashMap<>();
            for (String name : call.<Collection<String>>getArgument(1)) {
                read.put(name, db.getOrDefault(name, new ModuleState(name, null, null)));
            }
            return read;
        });
        when(containers.run(anyString(), any(), anyString(), anyString(), any(), any())).thenAnswer(call -> {
            List<String> argv = call.getArgument(4);
            argvs.add(argv);
            if (exitCode == 0) {
                for (int i = 0; i < argv.size() - 1; i++) {
                    if (argv.get(i).equals("-i") || argv.get(i).equals("-u")) {
                        for (String m : argv.get(i + 1).split(",")) {
                            db.put(m, new ModuleState(m, "installed", "18.0.2.0"));
                        }
                    }
                }
            }
            return new RunResult(call.getArgument(3), argv, exitCode, log, Duration.ofSeconds(2));
        });
        return new ModuleDeploymentService(containers, states, properties);
    }

    @Test
    void byDefaultOneRunInstallsAndUpdates() {
        db.put("golive_demo", new ModuleState("golive_demo", "installed", "18.0.1.0"));
        Report report = service(ModuleRuns.SINGLE, 0, "").release(env, "golive/odoo:2", List.of("golive_extra", "golive_more"),
                List.of("golive_demo"), "gl-1");

        assertThat(argvs).containsExactly(List.of("odoo", "-d", "golive_db", "-i", "golive_extra,golive_more", "-u", "golive_demo",
                "--stop-after-init", "--no-http"));
        assertThat(report.runs()).singleElement().satisfies(run -> assertThat(run.modules())
                .containsExactly("golive_extra", "golive_more", "golive_demo"));
        assertThat(report.versionsBefore()).containsEntry("golive_demo", "18.0.1.0").containsEntry("golive_extra", null);
        assertThat(report.versionsAfter()).containsEntry("golive_demo", "18.0.2.0").containsEntry("golive_extra", "18.0.2.0");
    }

    @Test
    void modulesAlreadyInstalledAreNotInstalledAgain() {
        db.put("golive_extra", new ModuleState("golive_extra", "installed", "18.0.1.0"));
        Report report = service(ModuleRuns.SINGLE, 0, "").release(env, "golive/odoo:2", List.of("golive_extra"), List.of(), "gl-1");

        assertThat(argvs).isEmpty();
        assertThat(report.skipped()).containsExactly("golive_extra");
    }

    @Test
    void perModuleRunsInstallEachModuleAloneThenUpdate() {
        db.put("golive_demo", new ModuleState("golive_demo", "installed", "18.0.1.0"));
        Report report = service(ModuleRuns.PER_MODULE, 0, "").release(env, "golive/odoo:2", List.of("golive_extra", "golive_more"),
                List.of("golive_demo"), "gl-1");

        assertThat(argvs).extracting(argv -> String.join(" ", argv.subList(3, 5)))
                .containsExactly("-i golive_extra", "-i golive_more", "-u golive_demo");
        assertThat(report.runs()).hasSize(3);
        assertThat(report.versionsBefore()).containsEntry("golive_demo", "18.0.1.0");
    }

    @Test
    void aFailedRunNamesTheModuleOdoosLogNamesWithItsLineArgvAndExitCode() {
        db.put("golive_demo", new ModuleState("golive_demo", "installed", "18.0.1.0"));
        String log = FailingModuleTest.PARSE_ERROR;
        ModuleDeploymentService service = service(ModuleRuns.SINGLE, 255, log);

        assertThatThrownBy(() -> service.release(env, "golive/odoo:2", List.of("golive_extra"), List.of("golive_demo"), "gl-1"))
                .isInstanceOfSatisfying(StepFailedException.class, e -> {
                    assertThat(e.getMessage().lines().findFirst().orElseThrow()).isEqualTo("installing golive_extra: odoo exited 255"
                            + " (odoo -d golive_db -i golive_extra -u golive_demo --stop-after-init --no-http)");
                    assertThat(e.getMessage()).contains("loading golive_extra/views/partner.xml");
                    assertThat(e.facts()).containsEntry(ModuleDeploymentService.FAILING_MODULE, "golive_extra")
                            .containsEntry(ModuleDeploymentService.DECISIVE_LINE,
                                    "2026-12-01 17:19:05,500 1 INFO golive_it odoo.modules.loading: loading golive_extra/views/partner.xml");
                    assertThat(e.facts().get("runs")).asList().singleElement().hasFieldOrPropertyWithValue("exitCode", 255);
                });
        verify(containers, times(1)).run(anyString(), any(), anyString(), anyString(), any(), any());
    }

    @Test
    void aRunThatExitedZeroButLeftAModuleOutNamesItAndOdoosWarning() {
        String log = "2026-12-01 17:19:05,002 1 WARNING golive_db odoo.modules.loading: invalid module names, ignored: golive_typo\n";
        ModuleDeploymentService service = service(ModuleRuns.SINGLE, 0, log);
        // Odoo ignores an unknown name and exits 0: the run installs nothing
        doReturn(new RunResult("cli", List.of("odoo"), 0, log, Duration.ofSeconds(1)))
                .when(containers).run(anyString(), any(), anyString(), anyString(), any(), any());

        assertThatThrownBy(() -> service.release(env, "golive/odoo:2", List.of("golive_typo"), List.of(), "gl-1"))
                .isInstanceOfSatisfying(StepFailedException.class, e -> {
                    assertThat(e.getMessage()).startsWith("installing golive_typo: odoo exited 0 but golive_typo is unknown to Odoo")
                            .contains("invalid module names, ignored: golive_typo");
                    assertThat(e.facts()).containsEntry(ModuleDeploymentService.FAILING_MODULE, "golive_typo");
                });
    }

    @Test
    void updatingAModuleThatIsNotInstalledIsRefusedBeforeAnyRun() {
        ModuleDeploymentService service = service(ModuleRuns.SINGLE, 0, "");
        assertThatThrownBy(() -> service.release(env, "golive/odoo:2", List.of("golive_extra"), List.of("contacts"), "gl-1"))
                .isInstanceOf(StepFailedException.class).hasMessageContaining("not installed: [contacts]");
        verify(containers, never()).run(anyString(), any(), anyString(), anyString(), any(), any());
    }
}
