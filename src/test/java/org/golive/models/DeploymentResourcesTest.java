package org.golive.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** Every model file of processes/ and forms/ is in the engine's deployment, and Tasklist has filters. */
@SpringBootTest
@ActiveProfiles({"sandbox", "processtest"})
class DeploymentResourcesTest {

    @Autowired
    ProcessEngine engine;

    @Test
    void everyBpmnDmnAndFormFileIsDeployed() throws IOException {
        List<String> files = Stream.concat(list(Path.of("processes")), list(Path.of("forms")))
                .filter(f -> f.endsWith(".bpmn") || f.endsWith(".dmn") || f.endsWith(".form"))
                .toList();
        assertThat(files).anyMatch(f -> f.endsWith(".form")).anyMatch(f -> f.endsWith(".bpmn"));

        List<String> deployed = engine.getRepositoryService().createDeploymentQuery().list().stream()
                .map(Deployment::getId)
                .flatMap(id -> engine.getRepositoryService().getDeploymentResourceNames(id).stream())
                .map(name -> Path.of(name).getFileName().toString())
                .toList();
        assertThat(deployed).containsAll(files);
        assertThat(engine.getRepositoryService().createProcessDefinitionQuery().latestVersion().list())
                .extracting(d -> d.getKey() + ".bpmn")
                .containsExactlyInAnyOrderElementsOf(files.stream().filter(f -> f.endsWith(".bpmn")).toList());
    }

    @Test
    void tasklistHasFiltersForApprovers() {
        List<Filter> filters = engine.getFilterService().createTaskFilterQuery().list();
        assertThat(filters).extracting(Filter::getName).contains("My group tasks", "My tasks");
        assertThat(engine.getIdentityService().createUserQuery().memberOfGroup("golive-lead").count()).isPositive();
    }

    private static Stream<String> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList().stream();
        }
    }
}
