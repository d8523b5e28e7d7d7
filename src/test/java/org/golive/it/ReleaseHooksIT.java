package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.golive.it.ItStack.RELEASE;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import org.golive.config.TargetDatabases;
import org.golive.hooks.ReleaseHookService;
import org.golive.hooks.ReleaseHookService.HookRun;
import org.golive.step.InstanceIds;
import org.golive.step.StepFailedException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The hooks service on the real stack: each hook in a one-off container of the release image (the stand-in's
 * odoo-standin-hook writes a row into golive_it and a marker file into the data directory), once per go-live.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles({"sandbox", "it"})
@Import(ItSupport.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReleaseHooksIT {

    // fresh per run: the engine database (H2 in memory) outlives a Spring context in the same JVM
    private static final String GO_LIVE = InstanceIds.next("it", "18.0-2");

    @Autowired
    ItStack stack;
    @Autowired
    ReleaseHookService hooks;
    @Autowired
    TargetDatabases databases;

    private List<HookRun> first;
    private List<HookRun> second;
    private StepFailedException failure;

    private static List<String> hook(String... actions) {
        List<String> argv = new java.util.ArrayList<>(List.of("java", "@/opt/standin/hook.args"));
        argv.addAll(List.of(actions));
        return argv;
    }

    @BeforeAll
    void runTheHooks() throws Exception {
        stack.reset();
        List<List<String>> pre = List.of(hook("--row", "once", "--file", "once", "--echo", "password=hunter2 and " + stack.env().databasePassword()));
        first = hooks.run(stack.env(), RELEASE, GO_LIVE, "pre-update", pre);
        // the job again (a retry, golive restarted): nothing runs twice
        second = hooks.run(stack.env(), RELEASE, GO_LIVE, "pre-update", pre);
        failure = catchThrowableOfType(() -> hooks.run(stack.env(), RELEASE, GO_LIVE, "post-update",
                List.of(hook("--row", "post-ok"), hook("--echo", "fixing invoices", "--exit", "3"))), StepFailedException.class);
    }

    private long rows(String name) throws Exception {
        try (Connection c = databases.connect(stack.env()); Statement sql = c.createStatement();
             ResultSet r = sql.executeQuery("SELECT count(*) FROM standin_hook_run WHERE name = '" + name + "' AND go_live_id = '" + GO_LIVE + "'")) {
            r.next();
            return r.getLong(1);
        }
    }

    private Path marker(String name) {
        return stack.target().filestore().getParent().getParent().resolve("standin-hooks").resolve(name);
    }

    @Test
    void aHookRunsInTheReleaseImageAgainstTheEnvironmentsDatabase() throws Exception {
        assertThat(first).singleElement().satisfies(run -> {
            assertThat(run.status()).isEqualTo(ReleaseHookService.RAN);
            assertThat(run.exitCode()).isZero();
            assertThat(run.output()).contains("row once written to golive_it");
        });
    }

    @Test
    void aHookSeesTheEnvironmentsMountsAndItsPhase() throws Exception {
        assertThat(Files.readAllLines(marker("once"))).singleElement().asString().startsWith(GO_LIVE + " pre-update[0]");
    }

    @Test
    void aRepeatedRunSkipsTheHookAndSaysSo() throws Exception {
        assertThat(rows("once")).isEqualTo(1);
        assertThat(second).singleElement().satisfies(run -> assertThat(run.status()).startsWith(ReleaseHookService.SKIPPED));
    }

    @Test
    void secretsInTheOutputAreRedacted() throws Exception {
        String password = stack.env().databasePassword();
        assertThat(first.get(0).output()).doesNotContain(password).doesNotContain("hunter2").contains("[redacted]");
    }

    @Test
    void aSecretInTheArgvIsNotRepeatedInTheEvidence() throws Exception {
        assertThat(String.join(" ", first.get(0).argv())).doesNotContain(stack.env().databasePassword()).doesNotContain("hunter2");
    }

    @Test
    void aFailingHookNamesItselfItsArgvAndExitCode() {
        assertThat(failure).isNotNull();
        assertThat(failure.getMessage()).contains("hooks.post-update[1]").contains("--exit 3").contains("exited 3").contains("fixing invoices");
    }

    @Test
    void theHooksBeforeTheFailingOneRanOnceAndTheFailingOneIsNotRecordedAsDone() throws Exception {
        assertThat(rows("post-ok")).isEqualTo(1);
        // run again, the hook that succeeded is skipped and the failing one runs (and fails) again
        StepFailedException again = catchThrowableOfType(() -> hooks.run(stack.env(), RELEASE, GO_LIVE, "post-update",
                List.of(hook("--row", "post-ok"), hook("--echo", "fixing invoices", "--exit", "3"))), StepFailedException.class);
        assertThat(again).isNotNull();
        assertThat(rows("post-ok")).isEqualTo(1);
    }

    @Test
    void theHookContainersAreRemoved() {
        assertThat(stack.containerNames()).noneMatch(name -> name.contains("-hook-"));
    }
}
