package org.golive.step;

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
    /** The Security Lead's sign-off group; also who may report a security breach. */
    public static final String GROUP_SECURITY_LEAD = "golive-security-lead";
    /** Any golive group (an {@code /api} reader: every role takes part in a go-live). */
    public static final String GROUP_ANY_GOLIVE = "golive-*";

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
    /** The go/no-go form's record of what the lead decides on (GoNoGoBriefingListener). */
    public static final String VAR_BRIEFING_GATES = "briefingGates";
    public static final String VAR_BRIEFING_SIGN_OFFS = "briefingSignOffs";
    public static final String VAR_BRIEFING_RESTORE_POINT = "briefingRestorePoint";
    public static final String VAR_BRIEFING_DOWNTIME = "briefingDowntime";
    /** The change ticket the manifest names ({@code change}); empty when none. */
    public static final String VAR_CHANGE = "changeTicket";
    /** Why this release is a hotfix (manifest {@code hotfix}); empty when it is none. A freeze lets only hotfixes through. */
    public static final String VAR_HOTFIX_REASON = "hotfixReason";
    /** The release plan's gate summaries, returned by check-readiness for the go/no-go form. */
    public static final String VAR_PLAN_SERIES = "planSeries";
    public static final String VAR_PLAN_MODULES = "planModules";
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
    // the restore point inside the window, when it is a snapshot (docs/processes.md, "Restore points")
    /** The go-live whose snapshot a rollback swaps back; unset when the window fell back to a dump. */
    public static final String VAR_RESTORE_POINT_ID = "restorePointId";
    /** The snapshot database, for Cockpit; the filestore snapshot lives beside the filestore under the same name. */
    public static final String VAR_RESTORE_POINT = "restorePoint";
    /** Where a snapshot rollback set the failed database aside. */
    public static final String VAR_FAILED_DATABASE = "failedDatabase";
    public static final String TASK_TAKE_RESTORE_POINT = "Task_BackUpDatabase";
    public static final String TASK_BACK_UP_RESTORE_POINT = "Task_BackUpRestorePoint";
    public static final String TASK_DROP_RESTORE_POINT = "Task_DropRestorePoint";
    public static final String TASK_SWAP_RESTORE_POINT = "Task_SwapRestorePoint";
    public static final String VAR_FAILURE_REASON = "failureReason";
    /** camunda:property of a check task in validate-release: which check, by its {@code Check} name */
    public static final String TASK_PROPERTY_CHECK = "check";
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
    /** {@code signOff_<role>}: "approve by techlead: comment", what Cockpit and the evidence show. */
    public static final String VAR_SIGN_OFF_RECORD_PREFIX = "signOff_";
    /** {@code signOffApprover_<role>}: who approved for that role, for separation of duties. */
    public static final String VAR_SIGN_OFF_APPROVER_PREFIX = "signOffApprover_";
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
    // --- post-go-live ---
    public static final String PROCESS_POST_GO_LIVE = "post-go-live";
    public static final String TASK_START_POST_GO_LIVE = "Task_StartPostGoLiveFollowUp";
    /** After the follow-up started: the environment's backup retention (keep the newest, never the newest verified). */
    public static final String TASK_APPLY_BACKUP_RETENTION = "Task_ApplyBackupRetention";
    public static final String TASK_HAND_OVER = "UserTask_HandOverToOperations";
    public static final String VAR_POST_GO_LIVE_ENDS_AT = "postGoLiveEndsAt";
    public static final String VAR_POST_GO_LIVE_INSTANCE_ID = "postGoLiveInstanceId";
    /** Ends the follow-up of an older go-live of the environment when a newer one completes. */
    public static final String MESSAGE_FOLLOW_UP_SUPERSEDED = "golive-follow-up-superseded";
    public static final String END_FOLLOW_UP_SUPERSEDED = "EndEvent_FollowUpSuperseded";
    /** On a superseded follow-up: the go-live whose follow-up took over. */
    public static final String VAR_SUPERSEDED_BY = "supersededBy";
    // what validate-release leaves behind for one day's review; any of them may be missing
    public static final String VAR_REVIEW_FAILURE = "reviewFailure";
    public static final String VAR_VALIDATION_ROLLBACK_DECISION = "rollbackDecision";
    public static final String VAR_VALIDATION_ROLLBACK_CRITERION = "rollbackCriterion";
    public static final String VAR_VALIDATION_FAILED_CHECKS = "failedChecks";
    public static final String VAR_BACKUP_VERIFIED = "backupVerified";
    public static final String VAR_BACKUP_VERIFICATION = "backupVerification";
    public static final String VAR_LATEST_BACKUP_ID = "latestBackupId";
    public static final String VAR_REVIEW_DAYS = "reviewDays";
    public static final String VAR_UNHEALTHY_DAYS = "unhealthyDays";
    public static final String VAR_FAILED_BACKUP_VERIFICATIONS = "failedBackupVerifications";
    public static final String VAR_LAST_DAILY_REVIEW = "lastDailyReview";
    // the handover form
    public static final String VAR_HANDOVER_KNOWLEDGE_TRANSFER = "handoverKnowledgeTransfer";
    public static final String VAR_HANDOVER_POST_IMPLEMENTATION_REVIEW = "handoverPostImplementationReview";
    public static final String VAR_HANDOVER_LESSONS_LEARNED = "handoverLessonsLearned";
    public static final String VAR_HANDOVER_PERFORMANCE_BASELINE = "handoverPerformanceBaseline";
    public static final String VAR_HANDOVER_SLA_MONITORING = "handoverSlaMonitoring";
    public static final String VAR_HANDOVER_OPEN_ISSUES_TRIAGED = "handoverOpenIssuesTriaged";
    public static final String VAR_HANDOVER_KNOWN_ISSUES_CLOSED = "handoverKnownIssuesClosed";
    public static final String VAR_HANDOVER_NOTES = "handoverNotes";
    public static final String VAR_HANDED_OVER_BY = "handedOverBy";
    public static final String VAR_HANDED_OVER_AT = "handedOverAt";
    // --- evidence documents ---
    public static final String TASK_WRITE_EVIDENCE_DOCUMENTS = "Task_WriteEvidenceDocuments";
    /** File variables (text/markdown) Cockpit offers for download. */
    public static final String VAR_WHAT_SHIPPED = "whatShipped";
    public static final String VAR_GO_LIVE_MANIFEST = "goLiveManifest";
    /** Where both documents can be fetched over REST (append WHAT_SHIPPED.md or GO_LIVE_MANIFEST.md). */
    public static final String VAR_EVIDENCE_DOCUMENTS_URL = "evidenceDocumentsUrl";
    /** Set by the readiness gate; anything but a ready-like value makes the outcome "not ready". */
    /** Optional input parameter of the task naming the outcome outright: completed, rolled-back, cancelled, not-ready. */
    public static final String INPUT_EVIDENCE_OUTCOME = "outcome";
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

    /** A rollback started on its own waits for a go-live lead; one called by a go-live was decided there. */
    public static final String TASK_APPROVE_ROLLBACK = "UserTask_ApproveRollback";
    public static final String VAR_ROLLBACK_NEEDS_APPROVAL = "rollbackNeedsApproval";
    public static final String VAR_ROLLBACK_APPROVAL = "rollbackApproval";
    public static final String VAR_ROLLBACK_APPROVAL_REASON = "rollbackApprovalReason";
    public static final String VAR_ROLLBACK_APPROVED_BY = "rollbackApprovedBy";
    public static final String VAR_ROLLBACK_REQUESTED_BY = "rollbackRequestedBy";
    public static final String VAR_BACKUP_TAKEN_AT = "backupTakenAt";
    public static final String VAR_BACKUP_AGE = "backupAge";
    public static final String VAR_ROLLBACK_LOSES = "rollbackLoses";
    public static final String ROLLBACK_APPROVE = "approve";
    public static final String ROLLBACK_REJECT = "reject";
    public static final String ROLLBACK_CHOICE_ROLLBACK = "rollback";
    public static final String ROLLBACK_CHOICE_CONTINUE = "continue";
    // --- readiness ---
    public static final String PROCESS_CHECK_READINESS = "check-readiness";
    public static final String END_GO_LIVE_COMPLETED = "EndEvent_GoLiveCompleted";
    /** The rollback process restored the environment (the end a rehearsal must reach). */
    public static final String END_ROLLED_BACK = "EndEvent_RolledBack";
    public static final String TASK_ATTEST_READINESS = "UserTask_AttestReadiness";
    public static final String TASK_REVIEW_INCONCLUSIVE_GATES = "UserTask_ReviewInconclusiveGates";
    public static final String END_READY = "EndEvent_Ready";
    public static final String END_READY_AFTER_REVIEW = "EndEvent_ReadyAfterReview";
    public static final String END_NOT_READY = "EndEvent_NotReady";
    public static final String END_REVIEW_REJECTED = "EndEvent_ReviewRejected";
    /** camunda:property of a gate task in check-readiness: which gate, by its {@code Gate} name */
    public static final String TASK_PROPERTY_GATE = "gate";
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
    /** After the backup retention: the go-live's verified backup copied to the environment's off-site host. */
    public static final String TASK_COPY_BACKUP_OFFSITE = "Task_CopyBackupOffsite";
    // --- fleet go-lives in waves (issue 13 point 6, i13-fleet) ---
    public static final String PROCESS_GO_LIVE_FLEET = "go-live-fleet";
    /** The fleet manifest a fleet is started with (release fields plus {@code fleet:}), read once by its start listener. */
    public static final String VAR_FLEET_MANIFEST = "fleetManifestYaml";
    public static final String VAR_FLEET_ID = "fleetId";
    /** The waves as text, one wave per line, environments comma-separated: for people (Cockpit, forms). */
    public static final String VAR_FLEET_WAVES = "fleetWaveList";
    public static final String VAR_FLEET_WAVE_COUNT = "fleetWaveCount";
    /** The wave running or next (0 first); the BPMN moves it on. */
    public static final String VAR_FLEET_WAVE = "fleetWave";
    /** The multi-instance element variable: the environment one called go-live ships to. */
    public static final String VAR_FLEET_ENVIRONMENT = "fleetEnvironment";
    public static final String CALL_FLEET_SIGN_OFF = "CallActivity_FleetSignOff";
    public static final String CALL_FLEET_WAVE = "CallActivity_GoLiveWave";
    public static final String TASK_FLEET_NEXT_WAVE = "UserTask_DecideNextWave";
    public static final String VAR_FLEET_DECISION = "fleetDecision";
    public static final String VAR_FLEET_DECISION_REASON = "fleetDecisionReason";
    public static final String FLEET_GO_ON = "go-on";
    public static final String FLEET_STOP = "stop";
    /** What the last finished wave left: which go-lives did not complete, for the lead's task. */
    public static final String VAR_FLEET_WAVE_FAILURES = "fleetWaveFailures";
    public static final String VAR_FLEET_OUTCOME = "fleetOutcome";
    /** Who signed the fleet off, recorded by a called go-live whose sign-off and go/no-go the fleet's stands for. */
    public static final String VAR_FLEET_SIGNED_OFF_BY = "fleetSignedOffBy";
    /** The fleet's go/no-go: the lead's final authorization of every go-live of the fleet (four eyes, as a go-live's). */
    public static final String TASK_FLEET_GO_NO_GO = "UserTask_DecideFleetGoNoGo";
    /** Reached only by the fleet's go: what a called go-live checks in the history before it skips its own go/no-go. */
    public static final String EVENT_FLEET_AUTHORIZED = "Event_FleetAuthorized";
    public static final String END_RELEASE_SIGNED_OFF = "EndEvent_ReleaseSignedOff";
    // issue 13 point 3 (release hooks, i13-hooks)
    /** The manifest's hooks as JSON text ({@code manifest.ReleaseHooks}); empty when the release has none. Sealed. */
    public static final String VAR_RELEASE_HOOKS = "releaseHooks";
    public static final String TASK_RUN_PRE_UPDATE_HOOKS = "Task_RunPreUpdateHooks";
    public static final String TASK_RUN_POST_UPDATE_HOOKS = "Task_RunPostUpdateHooks";
    /** camunda:property of a hooks task: which phase it runs, pre-update or post-update */
    public static final String TASK_PROPERTY_HOOK_PHASE = "phase";
    // --- rehearse-release (issue 13 point 4, i13-rehearsal) ---
    /** A release rehearsed on a neutralized scratch copy of the environment's database and filestore. */
    public static final String PROCESS_REHEARSE_RELEASE = "rehearse-release";
    public static final String END_REHEARSAL_PASSED = "EndEvent_RehearsalPassed";
    public static final String END_REHEARSAL_FAILED = "EndEvent_RehearsalFailed";
    /** Why the rehearsal failed: the step and its message (a failed module run's message ends with Odoo's log tail). */
    public static final String VAR_REHEARSAL_FAILURE = "rehearsalFailure";
    /** The local port of the rehearsal's temporary Odoo, chosen once so a repeated step uses the same one. */
    public static final String VAR_REHEARSAL_PORT = "rehearsalPort";
    /** Timings, in milliseconds: the evidence of what the window will cost. */
    public static final String VAR_REHEARSAL_COPY_MILLIS = "rehearsalCopyMillis";
    public static final String VAR_REHEARSAL_NEUTRALIZE_MILLIS = "rehearsalNeutralizeMillis";
    public static final String VAR_REHEARSAL_ODOO_CLI_MILLIS = "rehearsalOdooCliMillis";
    public static final String VAR_REHEARSAL_START_MILLIS = "rehearsalStartMillis";
    public static final String VAR_REHEARSAL_CHECKS_MILLIS = "rehearsalChecksMillis";
    /** How the copy was neutralized: {@code odoo neutralize} of the release image, or golive's SQL. */
    public static final String VAR_REHEARSAL_NEUTRALIZED_BY = "rehearsalNeutralizedBy";
}
