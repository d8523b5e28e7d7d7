package org.golive.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ManifestReaderTest {

    private final ManifestReader reader = new ManifestReader(ManifestReader.shippedEnterpriseModules(), Set.of("sandbox", "prod")::contains);

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
}
