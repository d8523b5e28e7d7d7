package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import org.golive.config.Environments;
import org.golive.config.TargetDatabases;
import org.golive.deploy.DockerEngines;
import org.golive.deploy.ImageAddons;
import org.golive.plan.PlanProperties;
import org.golive.plan.ReleasePlanService;
import org.golive.readiness.Gate;
import org.golive.readiness.ReleasePlanGates;
import org.golive.readiness.GateRequest;
import org.golive.readiness.GateResult;
import org.golive.readiness.GateResult.Status;
import org.golive.readiness.ReadinessGateService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The release plan on the real stack, on an environment of its own ('plan': database golive_it_plan, container
 * golive-it-plan-odoo created from 18.0-1 and never started), so it never touches 'it' or the sandbox: the addons
 * of golive/odoo:18.0-1 and 18.0-2 read through the Docker API, the modules from PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles({"sandbox", "it"})
class ReleasePlanIT {

    private static final String ENV = "plan";
    private static final String DB = "golive_it_plan";
    private static final String CONTAINER = "golive-it-plan-odoo";
    private static final String MIGRATION_REPOSITORY = "golive/odoo-it-plan";

    @DynamicPropertySource
    static void planEnvironment(DynamicPropertyRegistry registry) {
        ItEnvironment env = ItEnvironment.of(registry, ENV, "http://127.0.0.1:1", DB).databaseOnLocalhost()
                .container(CONTAINER, "none");
        env.set("filestore", "target/it-plan/filestore/" + DB).set("backup-dir", "target/it-plan/backups");
        registry.add("golive.plan.manifest-check-prefixes." + ENV + "[0]", () -> "golive_");
    }

    @Autowired
    ReadinessGateService gates;
    @Autowired
    TargetDatabases databases;
    @Autowired
    Environments environments;
    @Autowired
    DockerEngines engines;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    ReleasePlanService plans;

    private String migrationImage;

    @BeforeEach
    void ownEnvironment() throws Exception {
        removeContainer();
        removeMigrationImages();
        ItStack.recreateDatabase(databases, environments.target(ENV), DB);
        // what Odoo 18 keeps of the modules of release 1: the plan reads state and latest_version
        try (Connection connection = databases.connect(environments.target(ENV)); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE ir_module_module (id serial PRIMARY KEY, name varchar NOT NULL, state varchar, latest_version varchar)");
            sql.execute("INSERT INTO ir_module_module (name, state, latest_version) VALUES ('base', 'installed', '18.0.1.3'),"
                    + " ('web', 'installed', '18.0.1.0'), ('golive_demo', 'installed', '18.0.1.0.0')");
        }
        docker().createContainerCmd("golive/odoo:18.0-1").withName(CONTAINER).withLabels(Map.of("org.golive.environment", ENV)).exec();
    }

    @AfterEach
    void cleanUp() throws Exception {
        removeContainer();
        removeMigrationImages();
        ItStack.dropDatabase(databases, environments.target(ENV), DB);
    }

    @Test
    void aChangedInstalledModuleMissingFromUpdateIsCaughtByThePlanGate() {
        GateResult result = gates.check(Gate.modulePlan, request("18.0-2", List.of("golive_extra"), List.of()));
        assertThat(result.status()).as(result.summary()).isEqualTo(Status.INCONCLUSIVE);
        assertThat(result.summary()).contains("changed but not in update: golive_demo");
        assertThat(result.facts()).containsEntry("unlistedChanges", List.of("golive_demo"))
                .containsEntry("changed", List.of("golive_demo"))
                .containsEntry("added", List.of("golive_broken", "golive_extra", "golive_not_installable"));
    }

    @Test
    void theSameReleaseWithTheModuleInUpdatePassesAndRecordsTheShippedChecksums() {
        GateResult result = gates.check(Gate.modulePlan, request("18.0-2", List.of("golive_extra"), List.of("golive_demo")));
        assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
        @SuppressWarnings("unchecked")
        Map<String, String> shipped = (Map<String, String>) result.facts().get("shippedChecksums");
        assertThat(shipped).containsOnlyKeys("golive_extra", "golive_demo");
        assertThat(shipped.values()).allMatch(checksum -> checksum.matches("[0-9a-f]{64}"));
    }

    @Test
    void anInstallOfAnUninstallableModuleFailsThePlanGate() {
        GateResult result = gates.check(Gate.modulePlan, request("18.0-2", List.of("golive_not_installable"), List.of("golive_demo")));
        assertThat(result.status()).as(result.summary()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains("golive_not_installable is not installable");
    }

    @Test
    void theManifestsOfTheEnvironmentsOwnAddonsInTheReleaseImagePass() {
        GateResult result = gates.check(Gate.modulePlan, request("18.0-2", List.of("golive_extra"), List.of("golive_demo")));
        assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
        assertThat(result.facts()).containsEntry("manifestsChecked", List.of("golive_broken", "golive_demo", "golive_extra", "golive_not_installable"))
                .containsEntry("manifestProblems", List.of());
        assertThat(result.summary()).contains("manifests of 4 addons (golive_) valid");
    }

    @Test
    void aBadManifestInTheReleaseImageFailsThePlanGateNamingTheAddonAndField() throws Exception {
        String tag = buildImageWith("golive_bad/__manifest__.py", "{'name': 'Bad', 'version': '1.0', 'depends': ['base']}\n");
        GateResult result = gates.check(Gate.modulePlan, new GateRequest(environments.target(ENV), MIGRATION_REPOSITORY, tag, "plan-it",
                List.of(), List.of("golive_demo")));
        assertThat(result.status()).as(result.summary()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).startsWith("bad manifests:").contains("golive_bad: license is missing")
                .contains("golive_bad: version '1.0' is not in Odoo's series form");
    }

    @Test
    void prefixesMatchingNoAddonOfTheImageLeaveThePlanGateInconclusive() {
        ReleasePlanGates ipai = new ReleasePlanGates(plans, new PlanProperties(PlanProperties.UnlistedChanges.review, Map.of(ENV, List.of("ipai_"))));
        GateResult result = ipai.modulePlan(request("18.0-2", List.of("golive_extra"), List.of("golive_demo")));
        assertThat(result.status()).as(result.summary()).isEqualTo(Status.INCONCLUSIVE);
        assertThat(result.summary()).contains("no addon of golive/odoo:18.0-2 starts with ipai_");
    }

    @Test
    void aReleaseOfTheDatabasesSeriesPassesTheSeriesGate() {
        GateResult result = gates.check(Gate.series, request("18.0-2", List.of(), List.of("golive_demo")));
        assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
        assertThat(result.facts()).containsEntry("releaseSeries", "18.0").containsEntry("databaseSeries", "18.0");
    }

    @Test
    void aReleaseOfAnotherSeriesIsRefusedAsAMigration() throws Exception {
        String tag = buildSeries17Image();
        GateResult result = gates.check(Gate.series, new GateRequest(environments.target(ENV), MIGRATION_REPOSITORY, tag, "plan-it", List.of(), List.of()));
        assertThat(result.status()).as(result.summary()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).startsWith("this is a migration, not a release").contains("17.0").contains("18.0");
        assertThat(result.facts()).containsEntry("releaseSeries", "17.0").containsEntry("waivable", false);
    }

    @Test
    void thePlanEndpointAnswersTheReleaseManagerWithThePlan() {
        ResponseEntity<Map> answer = post("release", manifest("[golive_extra]", "[]"));
        assertThat(answer.getStatusCode().value()).as("%s", answer.getBody()).isEqualTo(200);
        Map<?, ?> plan = (Map<?, ?>) answer.getBody().get("plan");
        assertThat(plan.get("unlistedChanges")).isEqualTo(List.of("golive_demo"));
        assertThat(plan.get("runningImage")).isEqualTo("golive/odoo:18.0-1");
        assertThat((List<?>) answer.getBody().get("summary")).anyMatch(line -> line.toString().equals("Changed but not in update: golive_demo"));
    }

    @Test
    void thePlanEndpointRefusesAUserOutsideTheReleaseAndLeadGroups() {
        ResponseEntity<Map> answer = post("ops", manifest("[golive_extra]", "[golive_demo]"));
        assertThat(answer.getStatusCode().value()).as("%s", answer.getBody()).isEqualTo(403);
    }

    @Test
    void thePlanEndpointRefusesABadManifestNamingTheField() {
        ResponseEntity<Map> answer = post("release", "image: golive/odoo\ntag: latest\nenvironment: " + ENV + "\n");
        assertThat(answer.getStatusCode().value()).as("%s", answer.getBody()).isEqualTo(400);
        assertThat(answer.getBody().toString()).contains("tag");
    }

    private GateRequest request(String tag, List<String> install, List<String> update) {
        return new GateRequest(environments.target(ENV), "golive/odoo", tag, "plan-it-" + UUID.randomUUID().toString().substring(0, 8), install, update);
    }

    private static String manifest(String install, String update) {
        return "image: golive/odoo\ntag: \"18.0-2\"\nenvironment: " + ENV + "\ninstall: " + install + "\nupdate: " + update + "\n";
    }

    private ResponseEntity<Map> post(String user, String yaml) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, "demo");
        headers.setContentType(MediaType.parseMediaType("application/yaml"));
        return rest.postForEntity("/api/go-lives/plan", new HttpEntity<>(yaml, headers), Map.class);
    }

    /**
     * golive/odoo:18.0-2 with base's manifest saying Odoo 17: a container of it (never started) gets the file through
     * the Docker API and is committed to a tag of this test's own repository; no registry, no rebuild of the stand-ins.
     */
    private String buildSeries17Image() throws Exception {
        String tag = "17.0-" + UUID.randomUUID().toString().substring(0, 8);
        String builder = "golive-it-plan-builder-" + tag;
        DockerClient docker = docker();
        docker.createContainerCmd("golive/odoo:18.0-2").withName(builder).exec();
        try {
            docker.copyArchiveToContainerCmd(builder).withRemotePath(ImageAddons.BUILT_IN + "/base")
                    .withTarInputStream(new ByteArrayInputStream(tarOf("__manifest__.py",
                            "{'name': 'Base', 'version': '17.0.1.3', 'depends': [], 'installable': True}\n"))).exec();
            docker.commitCmd(builder).withRepository(MIGRATION_REPOSITORY).withTag(tag).exec();
        } finally {
            docker.removeContainerCmd(builder).withForce(true).withRemoveVolumes(true).exec();
        }
        migrationImage = MIGRATION_REPOSITORY + ":" + tag;
        return tag;
    }

    /** golive/odoo:18.0-2 with one more file under Odoo's built-in addons path (not a volume, so it is committed). */
    private String buildImageWith(String path, String content) {
        String tag = "manifest-" + UUID.randomUUID().toString().substring(0, 8);
        String builder = "golive-it-plan-builder-" + tag;
        DockerClient docker = docker();
        docker.createContainerCmd("golive/odoo:18.0-2").withName(builder).exec();
        try {
            docker.copyArchiveToContainerCmd(builder).withRemotePath(ImageAddons.BUILT_IN)
                    .withTarInputStream(new ByteArrayInputStream(tarOf(path, content))).exec();
            docker.commitCmd(builder).withRepository(MIGRATION_REPOSITORY).withTag(tag).exec();
        } finally {
            docker.removeContainerCmd(builder).withForce(true).withRemoveVolumes(true).exec();
        }
        migrationImage = MIGRATION_REPOSITORY + ":" + tag;
        return tag;
    }

    private static byte[] tarOf(String name, String content) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", data.length));
        put(header, 136, String.format("%011o", System.currentTimeMillis() / 1000));
        header[156] = '0';
        put(header, 257, "ustar");
        put(header, 263, "00");
        java.util.Arrays.fill(header, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum) + "\0 ");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header);
        out.writeBytes(data);
        out.writeBytes(new byte[(512 - data.length % 512) % 512 + 1024]);
        return out.toByteArray();
    }

    private static void put(byte[] header, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }

    private DockerClient docker() {
        return engines.client(environments.get(ENV).dockerHost());
    }

    private void removeContainer() {
        try {
            docker().removeContainerCmd(CONTAINER).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // nothing left from an earlier run
        }
    }

    /**
     * This test's own repository only, by tag name: an image-name filter the engine ignores would list every image,
     * and the shared stand-ins must never be touched.
     */
    private void removeMigrationImages() {
        for (var image : docker().listImagesCmd().exec()) {
            for (String tag : image.getRepoTags() == null ? new String[0] : image.getRepoTags()) {
                if (tag.startsWith(MIGRATION_REPOSITORY + ":")) {
                    try {
                        docker().removeImageCmd(tag).exec();
                    } catch (NotFoundException e) {
                        // removed meanwhile
                    }
                }
            }
        }
        migrationImage = null;
    }
}
