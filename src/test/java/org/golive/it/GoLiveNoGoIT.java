package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.golive.it.ItStack.PREVIOUS;

import java.time.Duration;
import java.util.Map;

import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A go-live the lead stops at go/no-go: nothing changes, one behaviour per test. */
class GoLiveNoGoIT extends GoLiveJourney {

    private Map<String, String> before;
    private String id;
    private HistoricProcessInstance done;

    @BeforeAll
    void goLiveStoppedAtGoNoGo() throws Exception {
        stack.reset();
        backUpNow();
        before = stack.tableChecksums();
        id = start("image: golive/odoo\ntag: \"18.0-2\"\nenvironment: it\ninstall: [golive_extra]\n");
        passReadinessAndSignOffs(id);
        decide(id, "no-go", "UAT not signed off");
        done = awaitEnd(id, Duration.ofMinutes(1));
    }

    @Test
    void endsStoppedWithTheOutcomeNoGo() {
        assertThat(done.getEndActivityId()).isEqualTo("EndEvent_GoLiveStopped");
        assertThat(variable(id, "goLiveOutcome")).isEqualTo("no-go");
    }

    @Test
    void theDatabaseIsUnchanged() throws Exception {
        assertThat(stack.tableChecksums()).isEqualTo(before);
    }

    @Test
    void thePreviousContainerStillServes() {
        assertThat(containers.find(stack.target().dockerHost(), "golive-it-odoo").orElseThrow().image()).isEqualTo(PREVIOUS);
    }
}
