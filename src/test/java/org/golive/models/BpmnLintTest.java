package org.golive.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * bpmnlint's recommended rules plus Camunda 7.24 compatibility over every diagram in processes/. The tools
 * are installed by the test command ({@code npm ci} in tools/bpmnlint); without them this test fails.
 */
class BpmnLintTest {

    private static final Path TOOL = Path.of("tools/bpmnlint");

    @Test
    void everyDiagramPassesBpmnlint() throws Exception {
        assertThat(TOOL.resolve("node_modules/.bin/bpmnlint")).as("run 'npm ci' in tools/bpmnlint").exists();
        List<String> argv = new ArrayList<>(List.of("node_modules/.bin/bpmnlint"));
        try (var files = Files.list(Path.of("processes"))) {
            files.filter(f -> f.toString().endsWith(".bpmn")).forEach(f -> argv.add(f.toAbsolutePath().toString()));
        }
        assertThat(argv).hasSizeGreaterThan(1);
        Path out = Files.createTempFile("bpmnlint", ".txt");
        Process lint = new ProcessBuilder(argv).directory(TOOL.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(lint.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String report = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(lint.exitValue()).as("bpmnlint report:%n%s", report).isZero();
    }

    @Test
    void bpmnlintCatchesAViolation() throws Exception {
        assertThat(TOOL.resolve("node_modules/.bin/bpmnlint")).exists();
        String diagram = Files.readString(Path.of("processes/go-live.bpmn"));
        Path broken = Files.createTempFile("unnamed-task", ".bpmn");
        Files.writeString(broken, diagram.replace("name=\"Install and update modules\"", ""));
        Process lint = new ProcessBuilder("node_modules/.bin/bpmnlint", broken.toAbsolutePath().toString())
                .directory(new File(TOOL.toString())).redirectErrorStream(true).start();
        String report = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lint.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(lint.exitValue()).isNotZero();
        assertThat(report).contains("Task_InstallAndUpdateModules").contains("label-required");
    }
}
