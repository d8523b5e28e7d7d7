package org.golive.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManifestReaderTest {

    private final ManifestReader reader = new ManifestReader(ManifestReader.shippedEnterpriseModules(),
            Set.of("sandbox", "prod", "bare")::contains, environment -> switch (environment) {
                case "sandbox" -> Set.of("golive/odoo");
                case "prod" -> Set.of("odoo", "registry.example/odoo");
                default -> Set.of();
            });

    @Test
    void readsTheExampleManifest() throws Exception {
        ReleaseManifest manifest = reader.read(Files.readString(Path.of("docs/examples/release-18.0-2.yaml")));
        assertThat(manifest.imageReference()).isEqualTo("golive/odoo:18.0-2");
        assertThat(manifest.environment()).isEqualTo("sandbox");
        assertThat(manifest.install()).containsExactly("golive_extra");
        assertThat(manifest.update()).containsExactly("golive_demo");
    }

    @Test
    void keepsTheInstallOrder() {
        ReleaseManifest manifest = reader.read("image: odoo\ntag: '18.0-20260101'\nenvironment: prod\ninstall: [c_mod, a_mod, b_mod]\n");
        assertThat(manifest.install()).containsExactly("c_mod", "a_mod", "b_mod");
        assertThat(manifest.update()).isEmpty();
        assertThat(manifest.notes()).isNull();
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> reader.read("image: Odoo:18\ntag: latest\nenvironment: moon\ninstall: [sign, 9lives, x]\nupdate: [x]\nextra: 1\n"))
                .isInstanceOfSatisfying(InvalidManifestException.class, e -> assertThat(e.problems())
                        .extracting(InvalidManifestException.Problem::field)
                        .containsExactlyInAnyOrder("extra", "image", "tag", "environment", "install[0]", "install[1]", "update"));
    }

    @Test
    void refusesDuplicateKeysAndNonMappings() {
        assertThatThrownBy(() -> reader.read("tag: a\ntag: b\n")).hasMessageContaining("manifest: not valid YAML");
        assertThatThrownBy(() -> reader.read("- just\n- a list\n")).hasMessageContaining("expected a YAML mapping");
        assertThatThrownBy(() -> reader.read("  ")).hasMessageContaining("manifest: empty");
    }

    @Test
    void refusesMovingTagsWhateverTheirCase() {
        assertThatThrownBy(() -> reader.read("image: odoo\ntag: LATEST\nenvironment: prod\n")).hasMessageContaining("tag: 'LATEST' is a moving tag");
    }

    @Test
    void shipsTheEnterprisePlaceholdersOfACommunityDatabase() {
        assertThat(ManifestReader.shippedEnterpriseModules()).contains("web_studio", "helpdesk", "sign", "planning", "knowledge",
                "account_accountant", "documents").doesNotContain("sale", "account", "mail");
    }

    @ParameterizedTest(name = "tag: {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "18.10      | a number  | 18.1",
            "1e3        | a number  | 1000.0",
            "0x1F       | a number  | 31",
            "18_0       | a number  | 180",
            "1:20       | a number  | 80",
            "yes        | a boolean | true",
            "2026-01-01 | a date    | 2026-01-01T00:00Z",
    })
    void refusesATagThatYamlReadsAsSomethingElseAndSaysToQuoteIt(String typed, String kind, String readAs) {
        assertThatThrownBy(() -> reader.read("image: golive/odoo\ntag: " + typed + "\nenvironment: sandbox\n"))
                .isInstanceOfSatisfying(InvalidManifestException.class, e -> assertThat(e.problems()).containsExactly(
                        new InvalidManifestException.Problem("tag",
                                typed + " is " + kind + " in YAML (read as " + readAs + "); quote it: tag: \"" + typed + "\"")));
    }

    @Test
    void namesTheNumberAsTypedInTheMessage() {
        assertThatThrownBy(() -> reader.read("image: golive/odoo\ntag: 18.10\nenvironment: sandbox\n"))
                .hasMessage("invalid release manifest: tag: 18.10 is a number in YAML (read as 18.1); quote it: tag: \"18.10\"");
    }

    @Test
    void takesAQuotedOrExplicitlyTypedTagAsWritten() {
        assertThat(reader.read("image: golive/odoo\ntag: \"18.10\"\nenvironment: sandbox\n").tag()).isEqualTo("18.10");
        assertThat(reader.read("image: golive/odoo\ntag: '1e3'\nenvironment: sandbox\n").tag()).isEqualTo("1e3");
        assertThat(reader.read("image: golive/odoo\ntag: !!str 0x1F\nenvironment: sandbox\n").tag()).isEqualTo("0x1F");
    }

    @Test
    void refusesOtherTextFieldsThatYamlReadsAsSomethingElse() {
        assertThatThrownBy(() -> reader.read("image: 123\ntag: \"1\"\nenvironment: 010\ninstall: [yes, sale]\nupdate: [on]\nnotes: 1.10\n"))
                .isInstanceOfSatisfying(InvalidManifestException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        new InvalidManifestException.Problem("image", "123 is a number in YAML (read as 123); quote it: image: \"123\""),
                        new InvalidManifestException.Problem("environment", "010 is a number in YAML (read as 8); quote it: environment: \"010\""),
                        new InvalidManifestException.Problem("install[0]", "yes is a boolean in YAML (read as true); quote it: \"yes\""),
                        new InvalidManifestException.Problem("update[0]", "on is a boolean in YAML (read as true); quote it: \"on\""),
                        new InvalidManifestException.Problem("notes", "1.10 is a number in YAML (read as 1.1); quote it: notes: \"1.10\"")));
    }

    @Test
    void refusesAnImageFromAnotherRepositoryNamingBoth() {
        assertThatThrownBy(() -> reader.read("image: alpine\ntag: \"3.20\"\nenvironment: sandbox\n"))
                .isInstanceOfSatisfying(InvalidManifestException.class, e -> assertThat(e.problems()).containsExactly(
                        new InvalidManifestException.Problem("image",
                                "'alpine' is not an image repository of environment 'sandbox'; it takes golive/odoo")));
        assertThatThrownBy(() -> reader.read("image: golive/odoo\ntag: \"18.0-2\"\nenvironment: prod\n"))
                .hasMessageContaining("image: 'golive/odoo' is not an image repository of environment 'prod'; it takes one of [odoo, registry.example/odoo]");
    }

    @Test
    void takesAnAllowedImageRepository() {
        assertThat(reader.read("image: registry.example/odoo\ntag: \"18.0-2\"\nenvironment: prod\n").imageReference())
                .isEqualTo("registry.example/odoo:18.0-2");
    }

    @Test
    void refusesEveryImageOnAnEnvironmentWithoutAnImageRepository() {
        assertThatThrownBy(() -> reader.read("image: odoo\ntag: \"18.0-2\"\nenvironment: bare\n"))
                .hasMessageContaining("image: environment 'bare' has no image repository configured");
    }
}
