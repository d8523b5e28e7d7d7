package org.golive.process;

import org.golive.step.ProcessConstants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.golive.signoff.SignOffRole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * The sign-off page as a process: technical and business sign-offs side by side, one task per role for
 * that role's group, a rejection needs a comment and stops the go-live, an overdue sign-off is escalated.
 * The sign-off process is called from a small test-only parent that catches the rejection, as go-live does.
 */
class SignOffProcessTest extends ProcessTestSupport {

    private static final String PARENT = "sign-off-test-parent";
    private Deployment parent;

    @BeforeEach
    void deployParent() {
        BpmnModelInstance model = Bpmn.createExecutableProcess(PARENT).camundaHistoryTimeToLive(1)
                .startEvent("StartEvent_Test")
                .callActivity("CallActivity_SignOff").calledElement(ProcessConstants.PROCESS_SIGN_OFF).camundaIn("goLiveId", "goLiveId")
                .boundaryEvent("BoundaryEvent_Rejected").errorEventDefinition().error(ProcessConstants.ERROR_SIGN_OFF_REJECTED)
                .errorMessageVariable("failureReason").errorEventDefinitionDone()
                .endEvent("EndEvent_Rejected")
                .moveToActivity("CallActivity_SignOff").endEvent("EndEvent_SignedOff")
                .done();
        // the call activity must pass every variable, as go-live's does
        model.getModelElementById("CallActivity_SignOff").getChildElementsByType(
                org.camunda.bpm.model.bpmn.instance.ExtensionElements.class).iterator().next()
                .addExtensionElement(org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn.class).setCamundaVariables("all");
        parent = engine.getRepositoryService().createDeployment().addModelInstance(PARENT + ".bpmn", model).deploy();
    }

    @AfterEach
    void cleanUp() {
        engine.getRepositoryService().deleteDeployment(parent.getId(), true);
    }

    private String start() {
        return runtimeService().startProcessInstanceByKey(PARENT, "signoff-test-" + System.nanoTime(),
                Map.of("goLiveId", "signoff-test", "environment", "sandbox", "imageRepository", "golive/odoo",
                        "releaseTag", "18.0-2", "startedBy", "release")).getId();
    }

    private List<Task> openSignOffs() {
        return taskService().createTaskQuery().processDefinitionKey(ProcessConstants.PROCESS_SIGN_OFF).list();
    }

    private Task taskFor(SignOffRole role) {
        return openSignOffs().stream()
                .filter(t -> taskService().getIdentityLinksForTask(t.getId()).stream().map(IdentityLink::getGroupId).toList().contains(role.group()))
                .findFirst().orElseThrow(() -> new AssertionError("no open sign-off task for " + role.group()));
    }

    /** Completes a role's sign-off as Tasklist would; the flow after it goes on in a job (asyncAfter), run here. */
    private ResponseEntity<Map> signOff(SignOffRole role, String decision, String comment) {
        return signOff(role.demoUser(), role, decision, comment);
    }

    private ResponseEntity<Map> signOff(String user, SignOffRole role, String decision, String comment) {
        Map<String, Object> variables = comment == null ? Map.of("signOffDecision", decision)
                : Map.of("signOffDecision", decision, "signOffComment", comment);
        ResponseEntity<Map> response = completeGoNoGo(user, taskFor(role).getId(), variables);
        runJobsExceptTimers();
        return response;
    }

    private HistoricProcessInstance parentHistory(String id) {
        return historyService().createHistoricProcessInstanceQuery().processInstanceId(id).singleResult();
    }

    @Test
    void everyRoleGetsItsOwnTaskAndAllApprovalsSignTheReleaseOff() {
        String id = start();

        List<Task> tasks = openSignOffs();
        assertThat(tasks).hasSize(SignOffRole.values().length);
        assertThat(tasks).extracting(Task::getName).contains("Technical sign-off: Security Lead", "Business sign-off: Finance Lead");
        for (SignOffRole role : SignOffRole.values()) {
            ResponseEntity<Map> done = signOff(role, "approve", null);
            assertThat(done.getStatusCode().is2xxSuccessful()).as("%s: %s", role, done.getBody()).isTrue();
        }

        assertThat(parentHistory(id).getEndActivityId()).isEqualTo("EndEvent_SignedOff");
        for (SignOffRole role : SignOffRole.values()) {
            Object record = historyService().createHistoricVariableInstanceQuery().processInstanceIdIn(
                    historyService().createHistoricProcessInstanceQuery().superProcessInstanceId(id).singleResult().getId())
                    .variableName("signOff_" + role.key()).singleResult().getValue();
            assertThat(record).isEqualTo("approve by " + role.demoUser());
        }
    }

    @Test
    void aRejectionNeedsACommentAndThenStopsEveryOtherSignOff() {
        String id = start();
        signOff(SignOffRole.TECHNICAL_LEAD, "approve", null);

        ResponseEntity<Map> noComment = signOff(SignOffRole.FINANCE_LEAD, "reject", null);
        assertThat(noComment.getStatusCode().value()).isEqualTo(400);
        assertThat(String.valueOf(noComment.getBody())).contains("signOffComment");
        assertThat(openSignOffs()).hasSize(SignOffRole.values().length - 1);

        ResponseEntity<Map> noDecision = signOff(SignOffRole.FINANCE_LEAD, "maybe", "unsure");
        assertThat(noDecision.getStatusCode().value()).isEqualTo(400);

        ResponseEntity<Map> rejected = signOff(SignOffRole.FINANCE_LEAD, "reject", "month-end close is running");
        assertThat(rejected.getStatusCode().is2xxSuccessful()).as("%s", rejected.getBody()).isTrue();

        assertThat(openSignOffs()).isEmpty();
        assertThat(parentHistory(id).getEndActivityId()).isEqualTo("EndEvent_Rejected");
        Object reason = historyService().createHistoricVariableInstanceQuery().processInstanceId(id)
                .variableName("failureReason").singleResult().getValue();
        assertThat(reason).isEqualTo("Finance Lead sign-off rejected by finance: month-end close is running");
    }

    private String signOffInstance(String parentId) {
        return historyService().createHistoricProcessInstanceQuery().superProcessInstanceId(parentId).singleResult().getId();
    }

    @Test
    void onePersonApprovesForOneRoleOnly() {
        String id = start();
        createUser("cto", SignOffRole.TECHNICAL_LEAD.group(), SignOffRole.SECURITY_LEAD.group());
        try {
            assertThat(signOff("cto", SignOffRole.TECHNICAL_LEAD, "approve", null).getStatusCode().is2xxSuccessful()).isTrue();

            ResponseEntity<Map> second = signOff("cto", SignOffRole.SECURITY_LEAD, "approve", "also checked the CVEs");
            assertThat(second.getStatusCode().value()).isEqualTo(400);
            assertThat(String.valueOf(second.getBody().get("message")))
                    .contains("separation of duties", "cto already approved this release as Technical Lead",
                            "the Security Lead sign-off needs another member of golive-security-lead");
            assertThat(openSignOffs()).as("the refused approval changed nothing").hasSize(SignOffRole.values().length - 1);
            assertThat(runtimeService().getVariable(signOffInstance(id), "signOff_securityLead")).isNull();

            for (SignOffRole role : SignOffRole.values()) {
                if (role != SignOffRole.TECHNICAL_LEAD) {
                    ResponseEntity<Map> done = signOff(role, "approve", null);
                    assertThat(done.getStatusCode().is2xxSuccessful()).as("%s: %s", role, done.getBody()).isTrue();
                }
            }
            assertThat(parentHistory(id).getEndActivityId()).isEqualTo("EndEvent_SignedOff");
            assertThat(historyService().createHistoricVariableInstanceQuery().processInstanceId(signOffInstance(id))
                    .variableName("signOffApprover_securityLead").singleResult().getValue()).isEqualTo("security");
        } finally {
            engine.getIdentityService().deleteUser("cto");
        }
    }

    @Test
    void someoneWhoApprovedForOneRoleMayStillRejectForAnother() {
        String id = start();
        createUser("cto", SignOffRole.TECHNICAL_LEAD.group(), SignOffRole.SECURITY_LEAD.group());
        try {
            signOff("cto", SignOffRole.TECHNICAL_LEAD, "approve", null);
            ResponseEntity<Map> rejected = signOff("cto", SignOffRole.SECURITY_LEAD, "reject", "an open CVE in the release");
            assertThat(rejected.getStatusCode().is2xxSuccessful()).as("%s", rejected.getBody()).isTrue();
            assertThat(parentHistory(id).getEndActivityId()).isEqualTo("EndEvent_Rejected");
        } finally {
            engine.getIdentityService().deleteUser("cto");
        }
    }

    @Test
    void anOverdueSignOffIsEscalatedAndStaysOpen() {
        String id = start();
        String signOffId = historyService().createHistoricProcessInstanceQuery().superProcessInstanceId(id).singleResult().getId();
        List<Job> timers = engine.getManagementService().createJobQuery().timers()
                .processInstanceId(signOffId).activityId("BoundaryEvent_TechnicalSignOffOverdue").list();
        assertThat(timers).hasSize(SignOffRole.of(SignOffRole.Kind.TECHNICAL).size());

        engine.getManagementService().executeJob(timers.get(0).getId());
        Job escalation = engine.getManagementService().createJobQuery().processInstanceId(signOffId)
                .activityId("Task_EscalateTechnicalSignOff").singleResult();
        engine.getManagementService().executeJob(escalation.getId());

        assertThat(historyService().createHistoricActivityInstanceQuery().processInstanceId(signOffId).activityId("Task_EscalateTechnicalSignOff")
                .finished().count()).isEqualTo(1);
        assertThat(openSignOffs()).hasSize(SignOffRole.values().length);
    }
}
