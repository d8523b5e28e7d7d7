package org.golive.process;

/** Ids of the BPMN elements and names of the process variables, in one place. */
public final class ProcessConstants {

    private ProcessConstants() {
    }

    public static final String PROCESS_GO_LIVE = "go-live";
    public static final String PROCESS_ROLLBACK = "rollback";
    public static final String PROCESS_VALIDATE_RELEASE = "validate-release";

    public static final String ERROR_STEP_FAILED = "GOLIVE_STEP_FAILED";

    public static final String GROUP_LEAD = "golive-lead";
    public static final String GROUP_RELEASE = "golive-release";
    public static final String GROUP_OPS = "golive-ops";

    public static final String TASK_GO_NO_GO = "UserTask_DecideGoNoGo";

    // variables set at start from the validated manifest
    public static final String VAR_MANIFEST = "manifestYaml";
    public static final String VAR_GO_LIVE_ID = "goLiveId";
    public static final String VAR_ENVIRONMENT = "environment";
    public static final String VAR_IMAGE_REPOSITORY = "imageRepository";
    public static final String VAR_RELEASE_TAG = "releaseTag";
    public static final String VAR_INSTALL_MODULES = "installModules";
    public static final String VAR_UPDATE_MODULES = "updateModules";
    public static final String VAR_NOTES = "releaseNotes";
    public static final String VAR_PLAN = "deploymentPlan";
    public static final String VAR_STARTED_BY = "startedBy";

    // decisions
    public static final String VAR_DECISION = "goNoGoDecision";
    public static final String VAR_DECISION_REASON = "goNoGoReason";
    public static final String VAR_DECIDED_BY = "goNoGoDecidedBy";
    public static final String DECISION_GO = "go";
    public static final String DECISION_NO_GO = "no-go";

    // what the steps produce
    public static final String VAR_PREVIOUS_IMAGE = "previousImage";
    public static final String VAR_PREVIOUS_CONTAINER = "previousContainer";
    public static final String VAR_BACKUP_ID = "backupId";
    public static final String VAR_BACKUP_SHA256 = "backupSha256";
    public static final String VAR_BACKUP_SIZE = "backupSizeBytes";
    public static final String VAR_FAILURE_REASON = "failureReason";
    public static final String VAR_CHECK = "check";
    public static final String VAR_HYPERCARE_ENDS_AT = "hypercareEndsAt";
    public static final String VAR_MODULE_VERSIONS_BEFORE = "moduleVersionsBefore";
    public static final String VAR_MODULE_VERSIONS_AFTER = "moduleVersionsAfter";

    // --- evidence documents ---
    public static final String TASK_WRITE_EVIDENCE_DOCUMENTS = "Task_WriteEvidenceDocuments";
    /** File variables (text/markdown) Cockpit offers for download. */
    public static final String VAR_WHAT_SHIPPED = "whatShipped";
    public static final String VAR_GO_LIVE_MANIFEST = "goLiveManifest";
    /** Where both documents can be fetched over REST (append WHAT_SHIPPED.md or GO_LIVE_MANIFEST.md). */
    public static final String VAR_EVIDENCE_DOCUMENTS_URL = "evidenceDocumentsUrl";
    /** Set by the readiness gate; anything but a ready-like value makes the outcome "not ready". */
    public static final String VAR_EVIDENCE_READINESS_OUTCOME = "readinessOutcome";
    /** Optional input parameter of the task naming the outcome outright: completed, rolled-back, cancelled, not-ready. */
    public static final String INPUT_EVIDENCE_OUTCOME = "outcome";
}
