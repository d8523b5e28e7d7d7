package org.golive.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The {@code check} column of docs/traceability.md says how each checklist item is done: {@code automated},
 * {@code partly automated}, {@code attested} or {@code out of scope}. This recomputes the shares over the checkbox
 * items, prints them, and fails when the shares written at the top differ, when a row has another word, or when a
 * row says a machine does it but names no element a machine runs (a service, business-rule or call activity, or a
 * start event whose listener checks).
 */
class TraceabilitySharesTest {

    static final List<String> CHECKS = List.of("automated", "partly automated", "attested", "out of scope");
    private static final Path TABLE = Path.of("docs/traceability.md");
    private static final Pattern ELEMENT = Pattern.compile("`([A-Z][A-Za-z]+_[A-Z][A-Za-z0-9]+|rollback-decision)`");
    private static final Pattern SHARES = Pattern.compile(
            "automated (\\d+), partly automated (\\d+), attested (\\d+), out of scope (\\d+); checked by machine \\(automated or partly\\) (\\d+) of (\\d+) \\((\\d+) %\\)");
    private static final Set<String> MACHINE = Set.of("serviceTask", "businessRuleTask", "sendTask", "scriptTask", "callActivity",
            "subProcess", "decision");

    /** item → cells, of the checkbox items only (the first table). */
    private static Map<String, List<String>> checkboxRows;
    private static List<List<String>> allRows;
    private static Set<String> machineElements;
    private static String document;

    @BeforeAll
    static void read() throws Exception {
        document = Files.readString(TABLE);
        checkboxRows = new LinkedHashMap<>();
        allRows = new ArrayList<>();
        boolean checkboxSection = false;
        for (String line : document.split("\n")) {
            if (line.startsWith("## ")) {
                checkboxSection = line.startsWith("## Checklist items");
            }
            if (line.startsWith("| 00")) {
                List<String> cells = TraceabilityTest.cells(line);
                allRows.add(cells);
                if (checkboxSection) {
                    checkboxRows.put(cells.get(0) + " " + cells.get(1) + " " + cells.get(2), cells);
                }
            }
        }
        machineElements = new HashSet<>();
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".bpmn") || f.toString().endsWith(".dmn")).toList()) {
                var factory = DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(true);
                NodeList all = factory.newDocumentBuilder().parse(file.toFile()).getElementsByTagName("*");
                for (int i = 0; i < all.getLength(); i++) {
                    Element element = (Element) all.item(i);
                    String type = element.getLocalName();
                    boolean checkingStart = type.equals("startEvent")
                            && element.getElementsByTagNameNS("http://camunda.org/schema/1.0/bpmn", "executionListener").getLength() > 0;
                    if (element.hasAttribute("id") && (MACHINE.contains(type) || checkingStart)) {
                        machineElements.add(element.getAttribute("id"));
                    }
                }
            }
        }
    }

    @Test
    void everyRowSaysHowItIsChecked() {
        assertThat(allRows).allSatisfy(cells -> assertThat(cells).as("row %s needs a 'check' column", cells).hasSizeGreaterThanOrEqualTo(6));
        assertThat(allRows).allSatisfy(cells -> assertThat(CHECKS).as("check of '%s'", cells.get(2)).contains(cells.get(5)));
    }

    @Test
    void aRowDoneByMachineNamesAnElementAMachineRuns() {
        for (List<String> cells : allRows) {
            if (cells.get(5).endsWith("automated")) {
                List<String> named = new ArrayList<>();
                Matcher element = ELEMENT.matcher(cells.get(3));
                while (element.find()) {
                    named.add(element.group(1));
                }
                assertThat(named).as("'%s' says %s but names no service task, business-rule task, call activity or checking start event",
                        cells.get(2), cells.get(5)).anyMatch(machineElements::contains);
            }
        }
    }

    @Test
    void anOutOfScopeRowSaysWhy() {
        allRows.stream().filter(cells -> cells.get(5).equals("out of scope")).forEach(cells ->
                assertThat(cells.get(3).toLowerCase(Locale.ROOT)).as("'%s'", cells.get(2)).startsWith("out of scope:"));
    }

    @Test
    void theSharesAtTheTopAreTheComputedOnes() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        CHECKS.forEach(check -> counts.put(check, 0));
        checkboxRows.values().forEach(cells -> counts.merge(cells.get(5), 1, Integer::sum));
        int total = checkboxRows.size();
        int machine = counts.get("automated") + counts.get("partly automated");
        int percent = Math.round(100f * machine / total);
        String computed = String.format("automated %d, partly automated %d, attested %d, out of scope %d; checked by machine"
                        + " (automated or partly) %d of %d (%d %%)", counts.get("automated"), counts.get("partly automated"),
                counts.get("attested"), counts.get("out of scope"), machine, total, percent);
        System.out.println("traceability shares: " + computed);

        Matcher written = SHARES.matcher(document);
        assertThat(written.find()).as("docs/traceability.md states its shares as: %s", computed).isTrue();
        assertThat(written.group()).as("the shares written at the top of docs/traceability.md").isEqualTo(computed);
        assertThat(total).as("checkbox items of the two checklists").isEqualTo(240);
    }
}
