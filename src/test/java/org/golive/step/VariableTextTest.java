package org.golive.step;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class VariableTextTest {

    private static final int ENGINE_COLUMN = 4000;

    @Test
    void aLongTextIsCutBelowTheEngineColumnAndSaysWhereTheRestIs() {
        String text = VariableText.cut("x".repeat(10_000), " (cut)");
        assertThat(text).hasSizeLessThanOrEqualTo(ENGINE_COLUMN).endsWith("x (cut)");
    }

    @Test
    void aShortTextAndNullPassUnchanged() {
        assertThat(VariableText.cut("image present", " (cut)")).isEqualTo("image present");
        assertThat(VariableText.cut(null, " (cut)")).isNull();
    }

    @Test
    void linesAreCutOneByOneAndTheOnesThatDoNotFitAreLeftOutWhole() {
        List<String> lines = Collections.nCopies(100, "y".repeat(300));
        String text = VariableText.lines(lines, 50, "(more)");
        assertThat(text).hasSizeLessThanOrEqualTo(ENGINE_COLUMN).endsWith("\n(more)");
        assertThat(text.split("\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(50));
        assertThat(text.split("\n")).hasSizeLessThan(101);
    }

    @Test
    void linesThatFitAreJoinedWithoutANote() {
        assertThat(VariableText.lines(List.of("a", "b"), 50, "(more)")).isEqualTo("a\nb");
    }
}
