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

    // --- rollback decision ---
    // checklist 000 "Rollback Decision Criteria" as processes/rollback-decision.dmn, fed by validate-release
    public static final String DECISION_ROLLBACK = "rollback-decision";
    public static final String TASK_ASSESS_RELEASE_HEALTH = "Task_AssessReleaseHealth";
    public static final String TASK_DECIDE_ROLLBACK = "BusinessRuleTask_DecideRollback";
    public static final String TASK_CONSIDER_ROLLBACK = "UserTask_ConsiderRollback";
    public static final String FORM_CONSIDER_ROLLBACK = "form-consider-rollback";
    /** Prefix of the per-check results: {@code check_health} = pass|fail, {@code check_health_failure} = what failed. */
    public static final String VAR_CHECK_RESULT_PREFIX = "check_";
    public static final String VAR_CHECK_FAILURE_SUFFIX = "_failure";
    /** {@code check_<name>_fault}: {@code measured} (the check saw a failure) or {@code technical} (Odoo could not be asked). */
    public static final String VAR_CHECK_FAULT_SUFFIX = "_fault";
    public static final String CHECK_PASS = "pass";
    public static final String CHECK_FAIL = "fail";
    public static final String FAULT_MEASURED = "measured";
    public static final String FAULT_TECHNICAL = "technical";
    // what the checks measured beyond pass/fail
    public static final String VAR_LATENCY_REQUESTS = "latencyRequests";
    public static final String VAR_LATENCY_FAILED_REQUESTS = "latencyFailedRequests";
    public static final String VAR_INTERRUPTED_MODULES = "interruptedModules";
    // state carried from one validation run to the next (ISO-8601 instants, null when the series is broken)
    public static final String VAR_UNHEALTHY_SINCE = "unhealthySince";
    public static final String VAR_ERROR_RATE_HIGH_SINCE = "errorRateHighSince";
    // the decision's inputs
    public static final String VAR_OUTAGE_MINUTES = "outageMinutes";
    public static final String VAR_DATA_CORRUPTION = "dataCorruption";
    public static final String VAR_SECURITY_BREACH = "securityBreach";
    public static final String VAR_SECURITY_BREACH_REPORTED = "securityBreachReported";
    public static final String VAR_ERROR_RATE_PERCENT = "errorRatePercent";
    public static final String VAR_ERROR_RATE_MINUTES = "errorRateMinutes";
    public static final String VAR_CORE_WORKFLOWS_BLOCKED = "coreWorkflowsBlocked";
    public static final String VAR_FAILED_CHECKS = "failedChecks";
    public static final String VAR_ROLLBACK_REASON = "rollbackReason";
    // the decision's outputs
    public static final String VAR_ROLLBACK_DECISION = "rollbackDecision";
    public static final String VAR_ROLLBACK_CRITERION = "rollbackCriterion";
    public static final String ROLLBACK_IMMEDIATE = "immediate-rollback";
    public static final String ROLLBACK_CONSIDER = "consider-rollback";
    public static final String ROLLBACK_CONTINUE = "continue";
    // the go-live lead's answer to "consider rollback"
    public static final String VAR_ROLLBACK_CHOICE = "rollbackChoice";
    public static final String VAR_ROLLBACK_CHOICE_REASON = "rollbackChoiceReason";
    public static final String VAR_ROLLBACK_CHOICE_BY = "rollbackChoiceBy";
    public static final String ROLLBACK_CHOICE_ROLLBACK = "rollback";
    public static final String ROLLBACK_CHOICE_CONTINUE = "continue";
}
