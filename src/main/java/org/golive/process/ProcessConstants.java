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

    // --- sign-off ---
    public static final String PROCESS_SIGN_OFF = "sign-off";
    public static final String ERROR_SIGN_OFF_REJECTED = "GOLIVE_SIGN_OFF_REJECTED";
    public static final String TASK_SIGN_OFF_TECHNICAL = "UserTask_SignOffTechnical";
    public static final String TASK_SIGN_OFF_BUSINESS = "UserTask_SignOffBusiness";
    public static final String VAR_SIGN_OFF_ROLE = "signOffRole";
    public static final String VAR_SIGN_OFF_DECISION = "signOffDecision";
    public static final String VAR_SIGN_OFF_COMMENT = "signOffComment";
    public static final String VAR_SIGN_OFF_REJECTION = "signOffRejection";
    public static final String SIGN_OFF_APPROVE = "approve";
    public static final String SIGN_OFF_REJECT = "reject";
    // --- notifications ---
    // input parameters of ${notifyDelegate}
    public static final String VAR_NOTIFY_EVENT = "event";
    public static final String VAR_NOTIFY_MESSAGE = "message";
    public static final String VAR_NOTIFY_SUBJECT = "subject";
    public static final String VAR_ESCALATED_TASK = "escalatedTask";
    // when the release started serving; the rollback message says data entered since then may be lost
    public static final String VAR_WENT_LIVE_AT = "wentLiveAt";
}
