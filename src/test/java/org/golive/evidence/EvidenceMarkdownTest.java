package org.golive.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.golive.config.GoliveProperties;
import org.golive.evidence.EvidenceDocuments.Documents;
import org.golive.evidence.EvidenceDocuments.Outcome;
import org.golive.evidence.EvidenceDocuments.Summary;
import org.golive.step.EvidenceKind;
import org.golive.step.EvidenceLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The documents read with a CommonMark parser (GFM tables), as a Markdown viewer shows them. */
class EvidenceMarkdownTest {

    static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();
    static final String HEADLINE = "Task_InstallModules: installing golive_broken: odoo exited 255 — ERROR odoo.modules.registry: "
            + "Failed to load registry: module golive_broken: ParseError while parsing golive_broken/data/golive_broken_data.xml";

    @TempDir
    Path dataDir;

    EvidenceLog log;
    EvidenceDocuments documents;

    @BeforeEach
    void services() {
        GoliveProperties properties = new Binder(new MapConfigurationPropertySource(Map.of("golive.data-dir", dataDir.toString())))
                .bind("golive", GoliveProperties.class).get();
        log = new EvidenceLog(properties, new ObjectMapper());
        documents = new EvidenceDocuments(log, properties);
    }

    @Test
    void failedInstallSaysOdoosDecisiveLineInTheOutcomeAndKeepsTheLogForTheManifest() throws IOException {
        Documents written = legacy("odoo-install-failure");

        Node shipped = PARSER.parse(written.whatShipped());
        assertThat(row(shipped, "Outcome")).containsExactly("Outcome", "rolled back: " + HEADLINE);
        assertThat(row(shipped, "Why")).containsExactly("Why", HEADLINE);
        assertThat(fences(shipped)).isEmpty();

        Node manifest = PARSER.parse(written.goLiveManifest());
        assertThat(row(manifest, "Outcome")).containsExactly("Outcome", "rolled back: " + HEADLINE);
        assertThat(fences(manifest)).anySatisfy(log -> assertThat(log)
                .startsWith("Task_InstallModules: installing golive_broken: odoo exited 255\n")
                .contains("Traceback (most recent call last):")
                .contains("CRITICAL golive_sandbox odoo.service.server: Failed to initialize database `golive_sandbox`."));
    }

    @Test
    void everyDecisionNamesItsPersonAndTheReviewerOfInconclusiveGatesIsNamed() throws IOException {
        Node shipped = PARSER.parse(legacy("odoo-install-failure").whatShipped());

        List<List<String>> decisions = table(shipped, "when", "task", "who", "role", "decision", "why");
        assertThat(decisions).isNotEmpty().allSatisfy(row -> assertThat(row.get(2)).isNotBlank().isNotEqualTo("unknown"));
        assertThat(decisions).anySatisfy(row -> assertThat(row).containsExactly(row.get(0), "UserTask_ReviewInconclusiveGates", "lead",
                "—", "accept", "ops can read odoo.conf -> fine; workers > 0 & proxy_mode checked by hand"));
        assertThat(decisions).anySatisfy(row -> assertThat(row.subList(1, 5))
                .containsExactly("UserTask_AttestReadiness", "lead", "—", "attested 17 items"));
        assertThat(decisions).anySatisfy(row -> assertThat(row.subList(1, 5)).containsExactly("UserTask_DecideGoNoGo", "lead", "—", "go"));
    }

    @Test
    void textIsEscapedAsMarkdownSoItReadsAsWrittenAndCarriesNoHtml() throws IOException {
        Documents written = legacy("odoo-install-failure");
        Node shipped = PARSER.parse(written.whatShipped());

        assertThat(paragraphs(shipped)).contains("Adds golive_broken > replaces golive_old & fixes <b>prices</b> for *all* companies");
        assertThat(written.whatShipped()).doesNotContain("&gt;", "&lt;", "&amp;");
        for (String document : EvidenceDocuments.NAMES) {
            List<Node> html = new ArrayList<>();
            PARSER.parse(written.get(document)).accept(new AbstractVisitor() {
                @Override
                public void visit(HtmlInline node) {
                    html.add(node);
                }

                @Override
                public void visit(HtmlBlock node) {
                    html.add(node);
                }
            });
            assertThat(html).as(document).isEmpty();
        }
    }

    @Test
    void entriesThatNameTheirKindAreReadByKindNotByTheirStepsName() {
        String id = "sandbox-18.0-2-20261201-120000-kind";
        log.record(id, "start", EvidenceKind.START, Map.of("environment", "sandbox"));
        log.record(id, "Task_Smoke", EvidenceKind.CHECK, Map.of("check", "SMOKE", "result", "done", "millis", 12));
        log.record(id, "Task_CheckCoffee", EvidenceKind.STEP, Map.of("cups", 2, "result", "done", "millis", 3));
        log.record(id, "UserTask_Approve", EvidenceKind.DECISION, Map.of("decision", "approve", "reviewedBy", "qa", "reason", "a > b"));
        Summary summary = new Summary(id, "sandbox", "golive/odoo", "18.0-2", List.of(), List.of(), "", "release",
                Instant.parse("2026-12-01T12:00:00Z"), Instant.parse("2026-12-01T12:05:00Z"), Outcome.COMPLETED, null);

        Node manifest = PARSER.parse(documents.write(summary).goLiveManifest());

        List<List<String>> checks = table(manifest, "at", "check", "step", "result", "duration", "measured");
        assertThat(checks).extracting(row -> row.get(2)).containsExactly("Task_Smoke");
        assertThat(table(manifest, "when", "task", "who", "role", "decision", "why"))
                .anySatisfy(row -> assertThat(row.subList(1, 6)).containsExactly("UserTask_Approve", "qa", "—", "approve", "a > b"));
        assertThat(log.entries(id)).allSatisfy(e -> assertThat(e).containsKey(EvidenceKind.FIELD));
    }

    private Documents legacy(String name) throws IOException {
        return documents.render(LegacyEvidenceLogsTest.summary(name), LegacyEvidenceLogsTest.entries(name));
    }

    /** The cells of the two-column row whose first cell is {@code name}, in the first table that has one. */
    static List<String> row(Node document, String name) {
        List<List<String>> rows = new ArrayList<>();
        tables(document).forEach(rows::addAll);
        return rows.stream().filter(r -> !r.isEmpty() && r.get(0).equals(name)).findFirst().orElse(List.of());
    }

    /** The body rows of the first table with this header. */
    static List<List<String>> table(Node document, String... header) {
        return tables(document).stream().filter(t -> !t.isEmpty() && t.get(0).equals(List.of(header))).findFirst()
                .map(t -> t.subList(1, t.size())).orElse(List.of());
    }

    static List<List<List<String>>> tables(Node document) {
        List<List<List<String>>> tables = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(org.commonmark.node.CustomBlock block) {
                if (block instanceof TableBlock) {
                    List<List<String>> rows = new ArrayList<>();
                    collectRows(block, rows);
                    tables.add(rows);
                }
            }
        });
        return tables;
    }

    private static void collectRows(Node node, List<List<String>> rows) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof TableRow) {
                List<String> cells = new ArrayList<>();
                for (Node cell = child.getFirstChild(); cell != null; cell = cell.getNext()) {
                    if (cell instanceof TableCell) {
                        cells.add(text(cell));
                    }
                }
                rows.add(cells);
            } else {
                collectRows(child, rows);
            }
        }
    }

    static List<String> paragraphs(Node document) {
        List<String> paragraphs = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Paragraph paragraph) {
                paragraphs.add(text(paragraph));
            }
        });
        return paragraphs;
    }

    static List<String> fences(Node document) {
        List<String> fences = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(FencedCodeBlock block) {
                fences.add(block.getLiteral());
            }
        });
        return fences;
    }

    /** What a reader sees of a node: its text and code, emphasis dropped. */
    static String text(Node node) {
        StringBuilder out = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                out.append(text.getLiteral());
            }

            @Override
            public void visit(Code code) {
                out.append(code.getLiteral());
            }
        });
        return Optional.of(out.toString()).map(String::strip).orElse("");
    }
}
