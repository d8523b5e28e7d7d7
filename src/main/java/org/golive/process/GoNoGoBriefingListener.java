package org.golive.process;

import static org.golive.step.ProcessConstants.VAR_BRIEFING_DOWNTIME;
import static org.golive.step.ProcessConstants.VAR_BRIEFING_GATES;
import static org.golive.step.ProcessConstants.VAR_BRIEFING_RESTORE_POINT;
import static org.golive.step.ProcessConstants.VAR_BRIEFING_SIGN_OFFS;
import static org.golive.step.ProcessConstants.VAR_ENVIRONMENT;
import static org.golive.step.ProcessConstants.VAR_GO_LIVE_ID;
import static org.golive.step.ProcessConstants.VAR_IMAGE_REPOSITORY;
import static org.golive.step.ProcessConstants.VAR_INSTALL_MODULES;
import static org.golive.step.ProcessConstants.VAR_RELEASE_TAG;
import static org.golive.step.ProcessConstants.VAR_UPDATE_MODULES;
import static org.golive.step.ProcessConstants.VAR_PLAN;

import java.time.Duration;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.golive.evidence.GoNoGoBriefing;
import org.golive.readiness.Gate;
import org.golive.readiness.GoLiveHistory;
import org.golive.readiness.GoLiveHistory.SuccessfulGoLive;
import org.golive.rehearsal.RehearsalHistory;
import org.golive.rehearsal.RehearsalHistory.Rehearsal;
import org.golive.step.EvidenceLog;
import org.springframework.stereotype.Component;

/**
 * Puts on the go/no-go form what the lead decides on: each readiness gate's result, each sign-off (who, when,
 * comment), the restore point the window takes, and the downtime to expect: the Odoo CLI run and start measured by
 * the last passed rehearsal of the same release on the environment, else the last go-live of the environment. Read-only fields: the listener writes
 * them when the task is created, so a lead who opens the task later sees the same record.
 */
@Component("goNoGoBriefingListener")
public class GoNoGoBriefingListener implements TaskListener {

    private final EvidenceLog evidence;
    private final GoLiveHistory history;
    private final RehearsalHistory rehearsals;

    public GoNoGoBriefingListener(EvidenceLog evidence, GoLiveHistory history, RehearsalHistory rehearsals) {
        this.evidence = evidence;
        this.history = history;
        this.rehearsals = rehearsals;
    }

    @Override
    public void notify(DelegateTask task) {
        String goLiveId = String.valueOf(task.getVariable(VAR_GO_LIVE_ID));
        String environment = String.valueOf(task.getVariable(VAR_ENVIRONMENT));
        GoNoGoBriefing briefing = GoNoGoBriefing.of(evidence.entries(goLiveId));
        task.setVariable(VAR_BRIEFING_GATES, briefing.gates());
        task.setVariable(VAR_BRIEFING_SIGN_OFFS, briefing.signOffs());
        task.setVariable(VAR_BRIEFING_RESTORE_POINT, restorePoint(task, briefing));
        task.setVariable(VAR_BRIEFING_DOWNTIME, rehearsed(task, environment).orElseGet(() -> downtime(environment)));
    }

    private static String restorePoint(DelegateTask task, GoNoGoBriefing briefing) {
        String plan = String.valueOf(task.getVariable(VAR_PLAN));
        String taken = plan.lines().filter(l -> l.startsWith("3. ")).findFirst().map(l -> l.substring(3))
                .orElse("a restore point of the database and filestore before anything changes");
        String text = "Taken in the window: " + taken + "\nNewest backup, test-restored by readiness: "
                + briefing.gate(Gate.backupRestore.name()).orElse("not checked in this go-live");
        return GoNoGoBriefing.fit(java.util.List.of(text.split("\n")));
    }

    /** The rehearsal's figure: it ran this very release's Odoo CLI on a copy of this environment's data. */
    private Optional<String> rehearsed(DelegateTask task, String environment) {
        Optional<Rehearsal> last = rehearsals.lastPassed(environment, String.valueOf(task.getVariable(VAR_IMAGE_REPOSITORY)),
                String.valueOf(task.getVariable(VAR_RELEASE_TAG)), list(task.getVariable(VAR_INSTALL_MODULES)),
                list(task.getVariable(VAR_UPDATE_MODULES)));
        if (last.isEmpty() || last.get().odooCliMillis() == null) {
            return Optional.empty();
        }
        Rehearsal rehearsal = last.get();
        long start = rehearsal.startMillis() == null ? 0 : rehearsal.startMillis();
        return Optional.of("about " + seconds(Duration.ofMillis(rehearsal.odooCliMillis() + start)) + " s plus stopping Odoo and the"
                + " restore point: the rehearsal " + rehearsal.rehearsalId() + " of this release (ended " + rehearsal.endedAt()
                + ") measured the Odoo CLI run at " + seconds(Duration.ofMillis(rehearsal.odooCliMillis())) + " s and the start until"
                + " healthy at " + seconds(Duration.ofMillis(start)) + " s (source: rehearsal)");
    }

    private static java.util.List<String> list(Object modules) {
        return modules == null || modules.toString().isBlank() ? java.util.List.of()
                : java.util.Arrays.stream(modules.toString().split(",")).map(String::strip).filter(m -> !m.isEmpty()).toList();
    }

    private String downtime(String environment) {
        Optional<SuccessfulGoLive> last = history.lastSuccessful(environment);
        if (last.isEmpty()) {
            return "not measured yet: no earlier go-live of " + environment + " completed";
        }
        Optional<Duration> measured = evidence.exists(last.get().goLiveId())
                ? GoNoGoBriefing.of(evidence.entries(last.get().goLiveId())).downtime() : Optional.empty();
        return measured.map(d -> "about " + seconds(d) + " s: the last go-live of " + environment + " (" + last.get().goLiveId()
                        + ", ended " + last.get().endedAt() + ") kept Odoo down that long, from maintenance on to Odoo answering (source: last go-live)")
                .orElse("not measured: the last go-live of " + environment + " (" + last.get().goLiveId()
                        + ") has no complete maintenance window in its evidence");
    }

    private static String seconds(Duration d) {
        return String.valueOf(Math.round(d.toMillis() / 100.0) / 10.0);
    }
}
