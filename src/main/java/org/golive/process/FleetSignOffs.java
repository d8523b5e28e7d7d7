package org.golive.process;

import static org.golive.step.ProcessConstants.CALL_FLEET_SIGN_OFF;
import static org.golive.step.ProcessConstants.END_RELEASE_SIGNED_OFF;
import static org.golive.step.ProcessConstants.EVENT_FLEET_AUTHORIZED;
import static org.golive.step.ProcessConstants.PROCESS_GO_LIVE_FLEET;
import static org.golive.step.ProcessConstants.VAR_SIGN_OFF_APPROVER_PREFIX;
import static org.golive.step.ProcessConstants.VAR_SIGN_OFF_RECORD_PREFIX;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.golive.step.ReleaseSeals;
import org.springframework.stereotype.Component;

/**
 * Whether a go-live's sign-off and go/no-go are those of the fleet that called it. Derived from the engine alone,
 * never from a variable a client could send along: the go-live must be a called instance of a {@code go-live-fleet}
 * instance, that fleet's sign-off call activity must have ended at the sign-off process's approved end, its lead
 * must have authorized it at the fleet's go/no-go (four eyes, as a go-live's), and the
 * release this go-live sealed at its start must be the one the fleet sealed for this environment before its
 * sign-off. A direct start, a forged variable or a release changed after the fleet's sign-off gets the full
 * sign-off and go/no-go of a go-live of its own.
 */
@Component("fleetSignOffs")
public class FleetSignOffs {

    /** The fleet whose sign-off a go-live ships under, and who signed it off, role key to record. */
    public record FleetSignOff(String fleetInstanceId, String fleetId, Map<String, String> signers, Map<String, String> records) {
    }

    private final ReleaseSeals seals;

    public FleetSignOffs(ReleaseSeals seals) {
        this.seals = seals;
    }

    /** The seal the fleet writes for each of its environments: the release as it was signed off. */
    static String sealKey(String fleetInstanceId, String environment) {
        return "fleet:" + fleetInstanceId + ":" + environment;
    }

    /** The gateways of go-live ask this: true only when the fleet's approval covers this go-live's release. */
    public boolean covers(DelegateExecution execution) {
        return of(execution).isPresent();
    }

    public Optional<FleetSignOff> of(DelegateExecution execution) {
        ExecutionEntity instance = ((ExecutionEntity) execution).getProcessInstance();
        ExecutionEntity superExecution = instance.getSuperExecution();
        if (superExecution == null) {
            return Optional.empty();
        }
        ExecutionEntity fleet = superExecution.getProcessInstance();
        if (!PROCESS_GO_LIVE_FLEET.equals(fleet.getProcessDefinition().getKey())) {
            return Optional.empty();
        }
        HistoryService history = execution.getProcessEngineServices().getHistoryService();
        return Context.getCommandContext().runWithoutAuthorization(() -> {
            Optional<String> signOffInstance = approvedSignOff(history, fleet.getId());
            if (signOffInstance.isEmpty() || !authorized(history, fleet.getId())) {
                return Optional.<FleetSignOff>empty();
            }
            String environment = String.valueOf(instance.getVariable(org.golive.step.ProcessConstants.VAR_ENVIRONMENT));
            Optional<String> fleetSeal = seals.sealed(sealKey(fleet.getId(), environment));
            Optional<String> ownSeal = seals.sealed(instance.getBusinessKey() == null ? "" : instance.getBusinessKey());
            if (fleetSeal.isEmpty() || !fleetSeal.equals(ownSeal)) {
                return Optional.<FleetSignOff>empty();
            }
            Map<String, String> signers = new TreeMap<>();
            Map<String, String> records = new TreeMap<>();
            for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery().processInstanceId(signOffInstance.get()).list()) {
                String name = variable.getName();
                if (name.startsWith(VAR_SIGN_OFF_APPROVER_PREFIX) && variable.getValue() != null) {
                    signers.put(name.substring(VAR_SIGN_OFF_APPROVER_PREFIX.length()), variable.getValue().toString());
                } else if (name.startsWith(VAR_SIGN_OFF_RECORD_PREFIX) && variable.getValue() != null) {
                    records.put(name.substring(VAR_SIGN_OFF_RECORD_PREFIX.length()), variable.getValue().toString());
                }
            }
            return Optional.of(new FleetSignOff(fleet.getId(), fleet.getBusinessKey(), signers, records));
        });
    }

    /**
     * Who signed a fleet off, one line per role, for its summary; read once the fleet's sign-off is in the history
     * (a later transaction than the sign-off's own end). The called go-lives ask {@link #of} the engine themselves.
     */
    public String signedOffBy(DelegateExecution fleet) {
        HistoryService history = fleet.getProcessEngineServices().getHistoryService();
        return Context.getCommandContext().runWithoutAuthorization(() -> approvedSignOff(history, fleet.getProcessInstanceId())
                .map(id -> String.join("; ", records(history, id).values())).orElse("not signed off"));
    }

    private static Map<String, String> records(HistoryService history, String signOffInstance) {
        Map<String, String> records = new TreeMap<>();
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery().processInstanceId(signOffInstance).list()) {
            if (variable.getName().startsWith(VAR_SIGN_OFF_RECORD_PREFIX) && variable.getValue() != null) {
                records.put(variable.getName().substring(VAR_SIGN_OFF_RECORD_PREFIX.length()), variable.getValue().toString());
            }
        }
        return records;
    }

    /**
     * Whether the fleet's go/no-go ended with a go: the fleet passed the event that only the go flow reaches. The
     * history of an activity is written by the engine, so no client variable can stand in for it.
     */
    private static boolean authorized(HistoryService history, String fleetInstanceId) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(fleetInstanceId)
                .activityId(EVENT_FLEET_AUTHORIZED).finished().count() > 0;
    }

    /** The fleet's sign-off instance, when its call activity ended (not cancelled) at the approved end. */
    private static Optional<String> approvedSignOff(HistoryService history, String fleetInstanceId) {
        for (HistoricActivityInstance call : history.createHistoricActivityInstanceQuery().processInstanceId(fleetInstanceId)
                .activityId(CALL_FLEET_SIGN_OFF).finished().list()) {
            if (call.isCanceled() || call.getCalledProcessInstanceId() == null) {
                continue;
            }
            HistoricProcessInstance signOff = history.createHistoricProcessInstanceQuery()
                    .processInstanceId(call.getCalledProcessInstanceId()).singleResult();
            if (signOff != null && END_RELEASE_SIGNED_OFF.equals(signOff.getEndActivityId())) {
                return Optional.of(signOff.getId());
            }
        }
        return Optional.empty();
    }
}
