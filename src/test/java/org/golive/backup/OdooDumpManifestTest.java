package org.golive.backup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OdooDumpManifestTest {

    @Test
    void pgVersionIsWhatOdoosDivmodAndPercentDMakeOfServerVersion() {
        assertThat(OdooDumpManifest.pgVersion(150008)).isEqualTo("15.0");
        assertThat(OdooDumpManifest.pgVersion(160004)).isEqualTo("16.0");
        assertThat(OdooDumpManifest.pgVersion(90605)).isEqualTo("9.6");
    }

    @Test
    void seriesIsTheFirstTwoPartsOfBasesVersion() {
        assertThat(OdooDumpManifest.series("18.0.1.3")).isEqualTo("18.0");
        assertThat(OdooDumpManifest.series("saas~17.4.1.0")).isEqualTo("saas~17.4");
        assertThat(OdooDumpManifest.series(null)).isNull();
    }
}
