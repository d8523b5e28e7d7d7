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

    // --- readiness ---
    public static final String PROCESS_CHECK_READINESS = "check-readiness";
    public static final String END_GO_LIVE_COMPLETED = "EndEvent_GoLiveCompleted";
    public static final String TASK_ATTEST_READINESS = "UserTask_AttestReadiness";
    public static final String TASK_REVIEW_INCONCLUSIVE_GATES = "UserTask_ReviewInconclusiveGates";
    public static final String END_READY = "EndEvent_Ready";
    public static final String END_READY_AFTER_REVIEW = "EndEvent_ReadyAfterReview";
    public static final String END_NOT_READY = "EndEvent_NotReady";
    public static final String END_REVIEW_REJECTED = "EndEvent_ReviewRejected";
    /** input parameter of a gate task: which gate, by its {@code Gate} name */
    public static final String VAR_GATE = "gate";
    /** {@code gate_<name>} = pass | fail | inconclusive */
    public static final String VAR_GATE_PREFIX = "gate_";
    /** {@code gateSummary_<name>} = one line a person can act on */
    public static final String VAR_GATE_SUMMARY_PREFIX = "gateSummary_";
    public static final String VAR_READINESS_OUTCOME = "readinessOutcome";
    public static final String VAR_READINESS_REASON = "readinessReason";
    public static final String READINESS_READY = "ready";
    public static final String READINESS_NOT_READY = "not-ready";
    public static final String VAR_INCONCLUSIVE_GATES = "inconclusiveGates";
    public static final String VAR_GATE_REVIEW_DECISION = "gateReviewDecision";
    public static final String VAR_GATE_REVIEW_REASON = "gateReviewReason";
    public static final String VAR_GATE_REVIEWED_BY = "gateReviewedBy";
    public static final String GATE_REVIEW_ACCEPT = "accept";
    public static final String GATE_REVIEW_REJECT = "reject";
    public static final String VAR_ATTESTED_ITEMS = "attestedItems";
    public static final String VAR_WAIVED_ITEMS = "waivedItems";
    public static final String VAR_WAIVERS = "readinessWaivers";
    public static final String VAR_ATTESTED_BY = "attestedBy";
}
