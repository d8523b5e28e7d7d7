package org.golive.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The environment's rules a manifest must meet at the start: tag pattern, change ticket; and how a hotfix is written. */
class ManifestReleaseRulesTest {

    private static final Pattern PROD_TAGS = Pattern.compile("^prod-\\d{8}(-\\d+)?$|^\\d+\\.\\d+\\.\\d+$");

    private final ManifestReader reader = new ManifestReader(Set.of(), Set.of("prod", "sandbox")::contains,
            environment -> Set.of("golive/odoo"),
            environment -> environment.equals("prod") ? new ReleaseRules(PROD_TAGS, true) : ReleaseRules.NONE);

    @Test
    void aTagOfTheEnvironmentsPatternWithItsChangeTicketIsRead() {
        ReleaseManifest manifest = reader.read("image: golive/odoo\ntag: prod-20261201-2\nenvironment: prod\nchange: CHG-4711\n");
        assertThat(manifest.change()).isEqualTo("CHG-4711");
        assertThat(manifest.hotfix()).isFalse();
        assertThat(reader.read("image: golive/odoo\ntag: '1.2.3'\nenvironment: prod\nchange: CHG-4711\n").tag()).isEqualTo("1.2.3");
    }

    @Test
    void aTagOutsideTheEnvironmentsPatternIsRefusedNamingTheTagAndThePattern() {
        assertThatThrownBy(() -> reader.read("image: golive/odoo\ntag: 18.0-2\nenvironment: prod\nchange: CHG-4711\n"))
                .isInstanceOfSatisfying(InvalidManifestException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> {
                            assertThat(p.field()).isEqualTo("tag");
                            assertThat(p.message()).contains("'18.0-2'").contains("environment 'prod'").contains(PROD_TAGS.pattern());
                        }));
    }

    @Test
    void anEnvironmentWithoutRulesTakesAnyValidTagWithoutTicket() {
        ReleaseManifest manifest = reader.read("image: golive/odoo\ntag: 18.0-2\nenvironment: sandbox\n");
        assertThat(manifest.change()).isNull();
    }

    @Test
    void aMissingChangeTicketIsRefusedWhereTheEnvironmentRequiresOne() {
        assertThatThrownBy(() -> reader.read("image: golive/odoo\ntag: prod-20261201\nenvironment: prod\n"))
                .isInstanceOfSatisfying(InvalidManifestException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> {
                            assertThat(p.field()).isEqualTo("change");
                            assertThat(p.message()).contains("change ticket");
                        }));
    }

    @Test
    void aChangeTicketThatIsNoIdIsRefused() {
        assertThatThrownBy(() -> reader.read("image: golive/odoo\ntag: 18.0-2\nenvironment: sandbox\nchange: 'drop table; --'\n"))
                .isInstanceOfSatisfying(InvalidManifestException.class, e -> assertThat(e.problems()).extracting(p -> p.field())
                        .containsExactly("change"));
    }

    @Test
    void aHotfixCarriesItsReasonEitherWay() {
        ReleaseManifest nested = reader.read("image: golive/odoo\ntag: 18.0-2\nenvironment: sandbox\nhotfix: {reason: invoices fail to post}\n");
        assertThat(nested.hotfix()).isTrue();
        assertThat(nested.hotfixReason()).isEqualTo("invoices fail to post");
        ReleaseManifest flat = reader.read("image: golive/odoo\ntag: 18.0-2\nenvironment: sandbox\nhotfix: true\nhotfixReason: invoices fail\n");
        assertThat(flat.hotfixReason()).isEqualTo("invoices fail");
    }

    @Test
    void aHotfixWithoutReasonIsRefused() {
        assertThatThrownBy(() -> reader.read("image: golive/odoo\ntag: 18.0-2\nenvironment: sandbox\nhotfix: true\n"))
                .isInstanceOfSatisfying(InvalidManifestException.class, e -> assertThat(e.problems()).extracting(p -> p.field())
                        .containsExactly("hotfixReason"));
    }

    @Test
    void aReasonWithoutHotfixIsRefused() {
        assertThatThrownBy(() -> reader.read("image: golive/odoo\ntag: 18.0-2\nenvironment: sandbox\nhotfixReason: just because\n"))
                .isInstanceOfSatisfying(InvalidManifestException.class, e -> assertThat(e.problems()).extracting(p -> p.field())
                        .containsExactly("hotfixReason"));
    }

    @Test
    void aHotfixThatIsNeitherFlagNorMappingIsRefused() {
        assertThatThrownBy(() -> reader.read("image: golive/odoo\ntag: 18.0-2\nenvironment: sandbox\nhotfix: urgent\n"))
                .isInstanceOfSatisfying(InvalidManifestException.class, e -> assertThat(e.problems()).extracting(p -> p.field())
                        .containsExactly("hotfix"));
    }
}
