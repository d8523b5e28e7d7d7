package org.golive.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The house rules of every diagram: one process per file named after it, async steps with retries, layout. */
class BpmnConventionsTest {

    static Stream<Path> diagrams() throws Exception {
        return Files.list(Path.of("processes")).filter(p -> p.toString().endsWith(".bpmn")).sorted().toList().stream();
    }

    @ParameterizedTest
    @MethodSource("diagrams")
    void followsTheConventions(Path file) {
        BpmnModelInstance model = Bpmn.readModelFromFile(new File(file.toString()));
        List<Process> processes = List.copyOf(model.getModelElementsByType(Process.class));
        assertThat(processes).hasSize(1);
        assertThat(file.getFileName().toString()).isEqualTo(processes.get(0).getId() + ".bpmn");

        for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
            assertThat(task.getId()).startsWith("Task_");
            assertThat(task.isCamundaAsyncBefore()).as("%s is a transaction boundary", task.getId()).isTrue();
            assertThat(task.getCamundaDelegateExpression()).as("%s delegate", task.getId()).matches("\\$\\{[a-z][A-Za-z]+}");
            assertThat(task.getExtensionElements().getElementsQuery().filterByType(CamundaFailedJobRetryTimeCycle.class).count())
                    .as("%s retry policy", task.getId()).isEqualTo(1);
        }
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            assertThat(node.getId()).matches("[A-Z][A-Za-z]+_[A-Z][A-Za-z0-9]+");
            assertThat(node.getName()).as("%s has a name", node.getId()).isNotBlank();
            assertThat(model.getModelElementsByType(BpmnShape.class))
                    .as("%s is laid out", node.getId())
                    .anyMatch(shape -> shape.getBpmnElement() == node);
        }
    }
}
