package org.golive.evidence;

import org.golive.step.EvidenceKind;
import org.golive.step.EvidenceLog;
import static org.golive.step.ProcessConstants.DECISION_NO_GO;
import static org.golive.step.ProcessConstants.INPUT_EVIDENCE_OUTCOME;
import static org.golive.step.ProcessConstants.VAR_DECISION;
import static org.golive.step.ProcessConstants.VAR_DECISION_REASON;
import static org.golive.step.ProcessConstants.VAR_ENVIRONMENT;
import static org.golive.step.ProcessConstants.VAR_EVIDENCE_DOCUMENTS_URL;
import static org.golive.step.ProcessConstants.READINESS_READY;
import static org.golive.step.ProcessConstants.VAR_READINESS_OUTCOME;
import static org.golive.step.ProcessConstants.VAR_FAILURE_REASON;
import static org.golive.step.ProcessConstants.VAR_GO_LIVE_ID;
import static org.golive.step.ProcessConstants.VAR_GO_LIVE_MANIFEST;
import static org.golive.step.ProcessConstants.VAR_IMAGE_REPOSITORY;
import static org.golive.step.ProcessConstants.VAR_INSTALL_MODULES;
import static org.golive.step.ProcessConstants.VAR_NOTES;
import static org.golive.step.ProcessConstants.VAR_RELEASE_TAG;
import static org.golive.step.ProcessConstants.VAR_STARTED_BY;
import static org.golive.step.ProcessConstants.VAR_UPDATE_MODULES;
import static org.golive.step.ProcessConstants.VAR_WHAT_SHIPPED;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.golive.config.GoliveProperties;
import org.golive.evidence.EvidenceDocuments.Documents;
import org.golive.evidence.EvidenceDocuments.Outcome;
import org.golive.evidence.EvidenceDocuments.Summary;
import org.golive.step.StepDelegate;
import org.springframework.stereotype.Component;

/**
 * Writes WHAT_SHIPPED.md and GO_LIVE_MANIFEST.md just before a go-live ends, whichever way it ends, and hands
 * them to Cockpit as file variables. The outcome comes from the task's input parameter {@code outcome} when
 * the model names it, else from the variables: a rollback in the evidence, a no-go, a readiness outcome that
 * is not ready, a failure reason without a rollback (the target was not ready), otherwise completed.
 */
@Component("writeEvidenceDocumentsDelegate")
public class WriteEvidenceDocumentsDelegate extends StepDelegate {

    private final EvidenceDocuments documents;
    private final String publicUrl;

    public WriteEvidenceDocumentsDelegate(EvidenceLog evidence, EvidenceDocuments documents, GoliveProperties properties) {
        super(evidence);
        this.documents = documents;
        this.publicUrl = properties.publicUrl() == null ? "" : properties.publicUrl().replaceAll("/+$", "");
    }

    /** Bookkeeping at the end of a go-live: a failure is an incident for a person, never a rollback. */
    @Override
    protected boolean failureRollsBack() {
        return false;
    }

    @Override
    protected EvidenceKind evidenceKind() {
        return EvidenceKind.DOCUMENTS;
    }

    @Override
    protected Map<String, Object> perform(DelegateExecution execution) {
        String goLiveId = required(execution, VAR_GO_LIVE_ID);
        List<Map<String, Object>> entries = evidence.entries(goLiveId);
        Outcome outcome = outcome(execution, entries);
        Summary summary = new Summary(goLiveId, string(execution, VAR_ENVIRONMENT), string(execution, VAR_IMAGE_REPOSITORY),
                string(execution, VAR_RELEASE_TAG), modules(execution, VAR_INSTALL_MODULES), modules(execution, VAR_UPDATE_MODULES),
                string(execution, VAR_NOTES), string(execution, VAR_STARTED_BY), startedAt(execution, entries), Instant.now(),
                outcome, reason(execution, outcome));
        Documents written = documents.write(summary);

        execution.setVariable(VAR_WHAT_SHIPPED, file(EvidenceDocuments.WHAT_SHIPPED, written.whatShipped()));
        execution.setVariable(VAR_GO_LIVE_MANIFEST, file(EvidenceDocuments.GO_LIVE_MANIFEST, written.goLiveManifest()));
        String url = publicUrl + "/api/go-lives/" + goLiveId + "/documents/";
        execution.setVariable(VAR_EVIDENCE_DOCUMENTS_URL, url);

        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("outcome", outcome.label());
        facts.put("documents", url);
        facts.put("whatShippedBytes", bytes(written.whatShipped()).length);
        facts.put("whatShippedSha256", sha256(written.whatShipped()));
        facts.put("goLiveManifestBytes", bytes(written.goLiveManifest()).length);
        facts.put("goLiveManifestSha256", sha256(written.goLiveManifest()));
        return facts;
    }

    static Outcome outcome(DelegateExecution execution, List<Map<String, Object>> entries) {
        Object named = execution.getVariableLocal(INPUT_EVIDENCE_OUTCOME);
        if (named != null && !named.toString().isBlank()) {
            return Outcome.parse(named.toString());
        }
        if (EvidenceDocuments.rollbackRan(entries)) {
            return Outcome.ROLLED_BACK;
        }
        if (DECISION_NO_GO.equals(string(execution, VAR_DECISION))) {
            return Outcome.CANCELLED;
        }
        String readiness = string(execution, VAR_READINESS_OUTCOME);
        if (readiness != null && !READINESS_READY.equals(readiness)) {
            return Outcome.NOT_READY;
        }
        if (string(execution, VAR_FAILURE_REASON) != null) {
            // a failure that did not lead to a rollback stopped the go-live before it changed anything
            return Outcome.NOT_READY;
        }
        return Outcome.COMPLETED;
    }

    private static String reason(DelegateExecution execution, Outcome outcome) {
        return switch (outcome) {
            case COMPLETED -> null;
            // a rejected sign-off cancels with its own reason; a no-go with the go/no-go reason
            case CANCELLED -> string(execution, VAR_FAILURE_REASON) != null ? string(execution, VAR_FAILURE_REASON)
                    : string(execution, VAR_DECISION_REASON);
            case ROLLED_BACK -> string(execution, VAR_FAILURE_REASON);
            case NOT_READY -> string(execution, VAR_FAILURE_REASON) != null ? string(execution, VAR_FAILURE_REASON)
                    : string(execution, VAR_READINESS_OUTCOME) == null ? null
                    : "readiness: " + string(execution, VAR_READINESS_OUTCOME);
        };
    }

    /** The root process instance's start (a go-live may call this from a sub-process), else the first evidence entry. */
    private static Instant startedAt(DelegateExecution execution, List<Map<String, Object>> entries) {
        String root = execution instanceof ExecutionEntity entity && entity.getRootProcessInstanceId() != null
                ? entity.getRootProcessInstanceId() : execution.getProcessInstanceId();
        HistoricProcessInstance instance = execution.getProcessEngineServices().getHistoryService()
                .createHistoricProcessInstanceQuery().processInstanceId(root).singleResult();
        if (instance != null && instance.getStartTime() != null) {
            return instance.getStartTime().toInstant();
        }
        return EvidenceDocuments.firstRecorded(entries).orElse(null);
    }

    private static FileValue file(String name, String markdown) {
        return Variables.fileValue(name).file(bytes(markdown)).mimeType("text/markdown").encoding("UTF-8").create();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes(text)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
