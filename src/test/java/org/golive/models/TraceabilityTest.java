package org.golive.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/traceability.md maps every item of the two go-live checklists (copied verbatim to docs/checklists/)
 * to the BPMN or DMN element that carries it, or says why it is out of scope. This fails when an item has
 * no row, when a row names no element and no reason, and when a named element no longer exists.
 */
class TraceabilityTest {

    private static final Path TABLE = Path.of("docs/traceability.md");
    private static final List<Path> CHECKLISTS = List.of(Path.of("docs/checklists/000_884a67d6cae648ec.txt"),
            Path.of("docs/checklists/001_e386ab6b1122f7f9.txt"));
    private static final Pattern CHECKBOX = Pattern.compile("^\\s*- \\[[ x]] (.+)$");
    private static final Pattern TABLE_ITEM = Pattern.compile("\\|\\s*\\[[ x]]\\s*\\|");
    private static final Pattern TIME = Pattern.compile("^T[+-]\\d+:\\d\\d$");
    private static final Pattern ELEMENT = Pattern.compile("`([A-Z][A-Za-z]+_[A-Z][A-Za-z0-9]+|rollback-decision)`");
    private static final Pattern ID = Pattern.compile("\\bid=\"([^\"]+)\"");

    /** item text -> "carried by" cell, per checklist file name prefix (000, 001). */
    private static Map<String, Map<String, String>> rows;
    private static Set<String> modelIds;

    @BeforeAll
    static void read() throws IOException {
        rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(TABLE)) {
            if (!line.startsWith("| 00")) {
                continue;
            }
            List<String> cells = cells(line);
            assertThat(cells).as("row needs checklist, section, item, carried by: %s", line).hasSizeGreaterThanOrEqualTo(4);
            rows.computeIfAbsent(cells.get(0), k -> new LinkedHashMap<>()).put(cells.get(2), cells.get(3));
        }
        modelIds = new HashSet<>();
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".bpmn") || f.toString().endsWith(".dmn")).toList()) {
                Matcher ids = ID.matcher(Files.readString(file));
                while (ids.find()) {
                    modelIds.add(ids.group(1));
                }
            }
        }
    }

    /** Splits a Markdown table row; "\|" inside a cell is not a separator. */
    static List<String> cells(String line) {
        String body = line.strip();
        body = body.substring(1, body.endsWith("|") ? body.length() - 1 : body.length());
        List<String> cells = new ArrayList<>();
        for (String cell : body.split("(?<!\\\\)\\|", -1)) {
            cells.add(cell.strip());
        }
        return cells;
    }

    static List<String> items(Path checklist) throws IOException {
        List<String> items = new ArrayList<>();
        for (String line : Files.readAllLines(checklist)) {
            Matcher box = CHECKBOX.matcher(line);
            if (box.matches()) {
                items.add(box.group(1).strip());
            } else if (line.startsWith("|") && TABLE_ITEM.matcher(line).find()) {
                cells(line).stream().filter(c -> !c.isEmpty() && !TIME.matcher(c).matches()).findFirst().ifPresent(items::add);
            }
        }
        return items;
    }

    @Test
    void everyChecklistItemHasARow() throws IOException {
        for (Path checklist : CHECKLISTS) {
            String prefix = checklist.getFileName().toString().substring(0, 3);
            List<String> items = items(checklist);
            assertThat(items).as("items of %s", checklist).hasSizeGreaterThan(50);
            Map<String, String> mapped = rows.getOrDefault(prefix, Map.of());
            assertThat(items).as("items of %s without a row in %s", checklist, TABLE)
                    .allSatisfy(item -> assertThat(mapped).containsKey(item));
        }
    }

    @Test
    void everyRowNamesAnElementOrAReason() {
        rows.values().forEach(table -> table.forEach((item, carriedBy) -> {
            boolean element = ELEMENT.matcher(carriedBy).find();
            boolean outOfScope = carriedBy.toLowerCase().startsWith("out of scope") && carriedBy.length() > "out of scope: ".length() + 5;
            assertThat(element || outOfScope).as("'%s' is carried by '%s': name an element or say why it is out of scope", item, carriedBy)
                    .isTrue();
        }));
    }

    @Test
    void everyNamedElementExists() {
        rows.values().forEach(table -> table.forEach((item, carriedBy) -> {
            Matcher element = ELEMENT.matcher(carriedBy);
            while (element.find()) {
                assertThat(modelIds).as("'%s' names %s, which is in no file of processes/", item, element.group(1))
                        .contains(element.group(1));
            }
        }));
    }
}
