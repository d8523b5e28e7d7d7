package org.golive.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.golive.manifest.InvalidManifestException.Problem;
import org.junit.jupiter.api.Test;

class FleetManifestReaderTest {

    private static final Set<String> ENVIRONMENTS = Set.of("customer-a", "customer-b", "customer-c", "customer-d", "customer-e",
            "customer-f", "other-image");
    private final ManifestReader releases = new ManifestReader(ManifestReader.shippedEnterpriseModules(), ENVIRONMENTS::contains,
            environment -> environment.equals("other-image") ? Set.of("odoo") : Set.of("golive/odoo"));
    private final FleetManifestReader reader = new FleetManifestReader(releases, ENVIRONMENTS::contains);

    private static final String RELEASE = """
            image: golive/odoo
            tag: "18.0-2"
            install: [golive_extra]
            update: [golive_demo]
            """;

    private List<Problem> problems(String yaml) {
        try {
            reader.read(yaml);
        } catch (InvalidManifestException e) {
            return e.problems();
        }
        throw new AssertionError("accepted: " + yaml);
    }

    @Test
    void readsTheExampleFleetManifest() throws Exception {
        FleetManifest fleet = reader.read(Files.readString(Path.of("docs/examples/fleet-18.0-2.yaml")));
        assertThat(fleet.canary()).isEqualTo("customer-a");
        assertThat(fleet.waves()).containsExactly(List.of("customer-a"), List.of("customer-b", "customer-c"),
                List.of("customer-d", "customer-e", "customer-f"));
        assertThat(fleet.release().imageReference()).isEqualTo("golive/odoo:18.0-2");
        assertThat(fleet.release().install()).containsExactly("golive_extra");
    }

    @Test
    void eachEnvironmentsManifestIsTheReleasePartAsWrittenWithItsEnvironment() {
        FleetManifest fleet = reader.read(RELEASE + "fleet:\n  waves: [[customer-a, customer-b]]\nnotes: kept\n");
        String child = fleet.childManifest("customer-b");
        assertThat(child).doesNotContain("fleet").doesNotContain("waves").contains("tag: \"18.0-2\"").contains("notes: kept");
        ReleaseManifest release = releases.read(child);
        assertThat(release.environment()).isEqualTo("customer-b");
        assertThat(release.update()).containsExactly("golive_demo");
    }

    @Test
    void anEnvironmentListedTwiceIsRefusedNamingWhereItAppearsAgain() {
        assertThat(problems(RELEASE + "fleet:\n  waves: [[customer-a, customer-b], [customer-c, customer-a]]\n"))
                .extracting(Problem::field).containsExactly("fleet.waves[1][1]");
    }

    @Test
    void anUnknownEnvironmentIsRefused() {
        assertThat(problems(RELEASE + "fleet:\n  waves: [[customer-a], [customer-x]]\n"))
                .singleElement().satisfies(p -> {
                    assertThat(p.field()).isEqualTo("fleet.waves[1][0]");
                    assertThat(p.message()).contains("unknown environment 'customer-x'");
                });
    }

    @Test
    void anEmptyWaveIsRefused() {
        assertThat(problems(RELEASE + "fleet:\n  waves: [[customer-a], []]\n")).extracting(Problem::field).containsExactly("fleet.waves[1]");
    }

    @Test
    void noWavesAreRefused() {
        assertThat(problems(RELEASE + "fleet:\n  waves: []\n")).extracting(Problem::field).containsExactly("fleet.waves");
        assertThat(problems(RELEASE)).extracting(Problem::field).containsExactly("fleet");
    }

    @Test
    void aCanaryThatIsNotInTheFleetIsRefused() {
        assertThat(problems(RELEASE + "fleet:\n  canary: customer-f\n  waves: [[customer-a], [customer-b]]\n"))
                .singleElement().satisfies(p -> {
                    assertThat(p.field()).isEqualTo("fleet.canary");
                    assertThat(p.message()).contains("'customer-f' is not in the fleet");
                });
    }

    @Test
    void aCanaryMustBeAloneInTheFirstWave() {
        assertThat(problems(RELEASE + "fleet:\n  canary: customer-b\n  waves: [[customer-a, customer-b], [customer-c]]\n"))
                .extracting(Problem::field).containsExactly("fleet.canary");
        assertThat(problems(RELEASE + "fleet:\n  canary: customer-c\n  waves: [[customer-a], [customer-c]]\n"))
                .extracting(Problem::field).containsExactly("fleet.canary");
    }

    @Test
    void aFleetNamesNoSingleEnvironment() {
        assertThat(problems(RELEASE + "environment: customer-a\nfleet:\n  waves: [[customer-a]]\n"))
                .extracting(Problem::field).contains("environment");
    }

    @Test
    void anUnknownFleetKeyIsRefused() {
        assertThat(problems(RELEASE + "fleet:\n  wave: [[customer-a]]\n")).extracting(Problem::field).contains("fleet.wave", "fleet.waves");
    }

    @Test
    void eachEnvironmentsOwnRulesApplyToTheRelease() {
        assertThat(problems(RELEASE + "fleet:\n  waves: [[customer-a], [other-image]]\n")).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("image");
            assertThat(p.message()).contains("environment 'other-image'");
        });
    }

    @Test
    void aProblemOfTheReleasePartIsReportedOnceNotOncePerEnvironment() {
        assertThat(problems("image: golive/odoo\ntag: latest\nfleet:\n  waves: [[customer-a, customer-b, customer-c]]\n"))
                .extracting(Problem::field).containsExactly("tag");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThat(problems(RELEASE + "fleet:\n  canary: customer-x\n  waves: [[customer-a, customer-a], [], [customer-y]]\n"))
                .extracting(Problem::field)
                .containsExactlyInAnyOrder("fleet.waves[0][1]", "fleet.waves[1]", "fleet.waves[2][0]", "fleet.canary");
    }

    @Test
    void aFlowStyleManifestIsRefusedRatherThanCutWrong() {
        assertThatThrownBy(() -> reader.read("{image: golive/odoo, tag: \"18.0-2\", fleet: {waves: [[customer-a]]}}"))
                .isInstanceOf(InvalidManifestException.class).hasMessageContaining("block mapping");
    }
}
