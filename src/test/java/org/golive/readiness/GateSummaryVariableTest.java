package org.golive.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GateSummaryVariableTest {

    @Test
    void aSummaryLongerThanAStringVariableHoldsIsCutAndSaysWhereTheWholeOneIs() {
        String text = CheckReadinessGateDelegate.variableText("changed but not in update: " + "module_x, ".repeat(600));

        assertThat(text.length()).isLessThanOrEqualTo(CheckReadinessGateDelegate.MAX_VARIABLE_TEXT);
        assertThat(text).startsWith("changed but not in update: module_x").endsWith("(cut: the whole summary is in the evidence)");
    }

    @Test
    void aShortSummaryIsKeptAsItIs() {
        assertThat(CheckReadinessGateDelegate.variableText("image present")).isEqualTo("image present");
        assertThat(CheckReadinessGateDelegate.variableText(null)).isNull();
    }
}
