package org.golive.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.golive.manifest.InvalidManifestException.Problem;
import org.junit.jupiter.api.Test;

/** The manifest's {@code hooks:}: argv lists per phase; anything else refused with the field named. */
class ManifestHooksTest {

    private static final String HEAD = "image: golive/odoo\ntag: \"18.0-2\"\nenvironment: sandbox\n";

    private final ManifestReader reader = new ManifestReader(Set.of(), Set.of("sandbox")::contains, environment -> Set.of("golive/odoo"));

    private List<Problem> problems(String hooks) {
        try {
            reader.read(HEAD + hooks);
        } catch (InvalidManifestException e) {
            return e.problems();
        }
        throw new AssertionError("accepted: " + hooks);
    }

    @Test
    void readsBothPhasesInOrder() {
        ReleaseManifest manifest = reader.read(HEAD + """
                hooks:
                  pre-update:
                    - ["python3", "/mnt/extra-addons/scripts/fix.py", "--dry-run=no"]
                    - ["odoo", "shell"]
                  post-update:
                    - ["python3", "/mnt/extra-addons/scripts/after.py"]
                """);
        assertThat(manifest.hooks().preUpdate()).containsExactly(List.of("python3", "/mnt/extra-addons/scripts/fix.py", "--dry-run=no"),
                List.of("odoo", "shell"));
        assertThat(manifest.hooks().postUpdate()).containsExactly(List.of("python3", "/mnt/extra-addons/scripts/after.py"));
    }

    @Test
    void noHooksIsNoneAndTravelsAsEmptyText() {
        ReleaseManifest manifest = reader.read(HEAD);
        assertThat(manifest.hooks().isEmpty()).isTrue();
        assertThat(manifest.hooks().toJson()).isEmpty();
    }

    @Test
    void theVariableTextReadsBackAsTheSameHooks() {
        ReleaseHooks hooks = new ReleaseHooks(List.of(List.of("a", "b c")), List.of(List.of("d")));
        assertThat(ReleaseHooks.fromJson(hooks.toJson())).isEqualTo(hooks);
    }

    @Test
    void aShellStringIsRefusedNotSplit() {
        assertThat(problems("hooks:\n  pre-update: [\"python3 fix.py\"]\n")).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("hooks.pre-update[0]");
            assertThat(p.message()).contains("never a shell string");
        });
    }

    @Test
    void anEmptyArgvIsRefusedWithItsIndex() {
        assertThat(problems("hooks:\n  post-update:\n    - [\"ok\"]\n    - []\n")).extracting(Problem::field).containsExactly("hooks.post-update[1]");
    }

    @Test
    void aNonTextArgumentIsRefusedWithItsPosition() {
        assertThat(problems("hooks:\n  pre-update:\n    - [\"odoo\", 18]\n")).singleElement()
                .satisfies(p -> assertThat(p.field()).isEqualTo("hooks.pre-update[0][1]"));
    }

    @Test
    void anEmptyArgumentIsRefused() {
        assertThat(problems("hooks:\n  pre-update:\n    - [\"odoo\", \"\"]\n")).extracting(Problem::field).containsExactly("hooks.pre-update[0][1]");
    }

    @Test
    void aNulCharacterIsRefused() {
        assertThat(problems("hooks:\n  pre-update:\n    - [\"odoo\", \"a\\0b\"]\n")).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("hooks.pre-update[0][1]");
            assertThat(p.message()).contains("NUL");
        });
    }

    @Test
    void tooManyHooksAreRefused() {
        String many = "hooks:\n  pre-update:\n" + "    - [\"x\"]\n".repeat(HooksField.MAX_HOOKS + 1);
        assertThat(problems(many)).extracting(Problem::field).containsExactly("hooks.pre-update");
    }

    @Test
    void anUnknownPhaseIsRefused() {
        assertThat(problems("hooks:\n  pre-install: [[\"x\"]]\n")).extracting(Problem::field).containsExactly("hooks.pre-install");
    }

    @Test
    void hooksThatAreNoMappingAreRefused() {
        assertThat(problems("hooks: [[\"x\"]]\n")).extracting(Problem::field).containsExactly("hooks");
    }

    @Test
    void aPhaseThatIsNoListIsRefused() {
        assertThat(problems("hooks:\n  post-update: \"python3 x.py\"\n")).extracting(Problem::field).containsExactly("hooks.post-update");
    }

    @Test
    void aRefusedHookRefusesTheWholeManifest() {
        assertThatThrownBy(() -> reader.read(HEAD + "install: [golive_extra]\nhooks:\n  pre-update: [[]]\n"))
                .isInstanceOf(InvalidManifestException.class).hasMessageContaining("hooks.pre-update[0]");
    }

    @Test
    void theDocumentedExampleWithHooksIsValid() throws Exception {
        ReleaseManifest manifest = reader.read(Files.readString(Path.of("docs/examples/release-18.0-2-hooks.yaml")));
        assertThat(manifest.hooks().preUpdate()).isNotEmpty();
        assertThat(manifest.hooks().postUpdate()).isNotEmpty();
    }
}
