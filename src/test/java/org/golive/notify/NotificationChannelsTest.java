package org.golive.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.golive.config.GoliveProperties;
import org.golive.step.EvidenceLog;
import org.golive.it.LocalPorts;
import org.golive.notify.NotificationTemplates.GoLive;
import org.golive.notify.NotificationTemplates.WaitingTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The channels against real servers on 127.0.0.1: GreenMail's SMTP server in this JVM, and the JDK's HTTP
 * server standing in for Slack and Mattermost. Wired the way golive wires them, from properties.
 */
@ExtendWith(OutputCaptureExtension.class)
class NotificationChannelsTest {

    private static final String SMTP_USER = "golive";
    private static final String SMTP_PASSWORD = "s3cret-smtp-pw";
    private static final String SLACK_TOKEN = "T0001/B0001/slackt0k3n";
    private static final String MATTERMOST_TOKEN = "mmt0k3nabc";
    private static final String REFUSED_TOKEN = "refusedt0k3n";
    private static final String BROKEN_TOKEN = "brokent0k3n";

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(SMTP_USER, SMTP_PASSWORD));

    @TempDir
    Path dataDir;

    private HttpServer chat;
    private final List<Received> posts = new CopyOnWriteArrayList<>();

    record Received(String path, String contentType, String body) {
    }

    @BeforeEach
    void startChatServer() throws IOException {
        chat = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        chat.createContext("/hooks/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            posts.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Content-Type"), body));
            int status = exchange.getRequestURI().getPath().contains(BROKEN_TOKEN) ? 500 : 200;
            byte[] answer = (status == 200 ? "ok" : "internal error for " + exchange.getRequestURI()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        chat.start();
    }

    @AfterEach
    void stopChatServer() {
        chat.stop(0);
    }

    @Configuration
    @EnableConfigurationProperties({GoliveProperties.class, NotificationProperties.class})
    @Import({EvidenceLog.class, NotificationService.class, NotificationConfiguration.class})
    static class Wiring {
    }

    private ApplicationContextRunner golive(String... properties) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class, JacksonAutoConfiguration.class))
                .withUserConfiguration(Wiring.class)
                .withPropertyValues("golive.data-dir=" + dataDir, "golive.public-url=http://golive.example:8080/",
                        "spring.mail.host=127.0.0.1", "spring.mail.port=" + smtp.getSmtp().getPort(),
                        "spring.mail.username=" + SMTP_USER, "spring.mail.password=" + SMTP_PASSWORD,
                        "spring.mail.properties.mail.smtp.auth=true",
                        "golive.notifications.email.enabled=true", "golive.notifications.email.from=golive@example.com",
                        "golive.notifications.email.to=team@example.com,ops@example.com")
                .withPropertyValues(properties);
    }

    private String chatUrl(String token) {
        return "http://127.0.0.1:" + chat.getAddress().getPort() + "/hooks/" + token;
    }

    private void run(ApplicationContextRunner runner, Consumer<NotificationService> test) {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            test.accept(context.getBean(NotificationService.class));
        });
    }

    /** A fixed "now" of 10:00 UTC, so the filled-in times can be checked. */
    private static NotificationTemplates templates(Duration expectedResolution, Duration nextUpdate) {
        return new NotificationTemplates("http://golive.example:8080/", new NotificationProperties.Rollback(expectedResolution, nextUpdate),
                ZoneId.of("UTC"), Clock.fixed(Instant.parse("2025-06-01T10:00:00Z"), ZoneOffset.UTC));
    }

    private static final GoLive GO_LIVE = new GoLive("sandbox-18.0-2-0001", "sandbox", "golive/odoo:18.0-2");

    @Test
    void rollbackInitiatedMailsAndPostsTheChecklistTemplateFilledIn(CapturedOutput output) throws Exception {
        ApplicationContextRunner runner = golive(
                "golive.notifications.webhooks[0].name=release-slack", "golive.notifications.webhooks[0].allow-insecure=true", "golive.notifications.webhooks[0].url=" + chatUrl(SLACK_TOKEN),
                "golive.notifications.webhooks[1].name=ops-mattermost", "golive.notifications.webhooks[1].allow-insecure=true", "golive.notifications.webhooks[1].url=" + chatUrl(MATTERMOST_TOKEN),
                "golive.notifications.webhooks[1].format=mattermost", "golive.notifications.webhooks[1].username=golive",
                "golive.notifications.webhooks[1].channel=go-live");
        Notification rollback = templates(Duration.ofMinutes(45), Duration.ofMinutes(20)).rollbackInitiated(GO_LIVE,
                "Task_UpdateModules: odoo -u golive_demo exited with 1", Instant.parse("2025-06-01T09:30:00Z"));

        run(runner, notifications -> {
            List<ChannelResult> results = notifications.send(rollback);
            assertThat(results).extracting(ChannelResult::channel)
                    .containsExactly("email", "webhook:release-slack", "webhook:ops-mattermost");
            assertThat(results).allMatch(ChannelResult::delivered);
        });

        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(2); // one per recipient mailbox
        MimeMessage mail = mails[0];
        assertThat(mail.getSubject()).isEqualTo("[URGENT] Odoo CE Deployment Rollback Initiated");
        assertThat(Arrays.stream(mail.getFrom()).map(Object::toString)).containsExactly("golive@example.com");
        assertThat(Arrays.stream(mail.getRecipients(Message.RecipientType.TO)).map(Object::toString))
                .containsExactly("team@example.com", "ops@example.com");
        String body = GreenMailUtil.getBody(mail).replace("\r\n", "\n");
        assertThat(body).contains("Dear Stakeholders,",
                "We are initiating a rollback of the Odoo CE deployment due to:",
                "- Issue: Task_UpdateModules: odoo -u golive_demo exited with 1",
                "- Impact: Odoo on sandbox (release golive/odoo:18.0-2)",
                "- Expected Resolution: 2025-06-01 10:45 UTC",
                "1. System will be unavailable for approximately 45 minutes",
                "2. Data entered since 2025-06-01 09:30 UTC may need to be re-entered",
                "3. Support team will assist with data recovery",
                "Next Update: 2025-06-01 10:20 UTC",
                "Thank you for your patience.",
                "sandbox-18.0-2-0001");

        assertThat(posts).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        Received slack = posts.stream().filter(p -> p.path().endsWith(SLACK_TOKEN)).findFirst().orElseThrow();
        assertThat(slack.contentType()).isEqualTo("application/json");
        Map<?, ?> slackJson = json.readValue(slack.body(), Map.class);
        assertThat(slackJson.keySet().stream().map(String::valueOf)).containsExactly("text");
        assertThat((String) slackJson.get("text")).startsWith("*[URGENT] Odoo CE Deployment Rollback Initiated*\n")
                .contains("- Issue: Task_UpdateModules", "Next Update: 2025-06-01 10:20 UTC");
        Map<?, ?> mattermost = json.readValue(posts.stream().filter(p -> p.path().endsWith(MATTERMOST_TOKEN)).findFirst().orElseThrow().body(),
                Map.class);
        assertThat(mattermost.get("username")).isEqualTo("golive");
        assertThat(mattermost.get("channel")).isEqualTo("go-live");
        assertThat((String) mattermost.get("text")).startsWith("#### [URGENT] Odoo CE Deployment Rollback Initiated\n")
                .contains("Expected Resolution: 2025-06-01 10:45 UTC");

        String evidence = evidenceOf(GO_LIVE.id());
        assertThat(evidence).contains("\"step\":\"notify\"", "\"event\":\"rollback-initiated\"",
                "{\"channel\":\"email\",\"result\":\"delivered\"}",
                "{\"channel\":\"webhook:release-slack\",\"result\":\"delivered\"}",
                "{\"channel\":\"webhook:ops-mattermost\",\"result\":\"delivered\"}");
        assertNoSecrets(evidence);
        assertNoSecrets(output.getAll());
    }

    @Test
    void goNoGoMailLinksTheTaskInTasklist() throws Exception {
        WaitingTask task = new WaitingTask("4f6c1a2e-task", "Decide go/no-go", List.of("golive-lead"), List.of(), null,
                Instant.parse("2025-06-01T09:59:00Z"));
        Notification request = templates(Duration.ofHours(1), Duration.ofMinutes(30)).goNoGoRequested(GO_LIVE, task,
                "1. Announce the deployment\n2. Maintenance");

        run(golive(), notifications -> assertThat(notifications.send(request)).allMatch(ChannelResult::delivered));

        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("[golive] Go/no-go decision needed: golive/odoo:18.0-2 on sandbox (sandbox-18.0-2-0001)");
        assertThat(GreenMailUtil.getBody(mail).replace("\r\n", "\n")).contains(
                "Decide here: http://golive.example:8080/camunda/app/tasklist/default/#/?task=4f6c1a2e-task",
                "Waiting for: group golive-lead", "1. Announce the deployment");
    }

    @Test
    void escalationNamesTheTaskAndAlsoReachesTheEscalationContacts() throws Exception {
        WaitingTask task = new WaitingTask("task-7", "Decide go/no-go", List.of("golive-lead"), List.of(), null,
                Instant.parse("2025-06-01T09:15:00Z"));
        Notification escalation = templates(Duration.ofHours(1), Duration.ofMinutes(30)).escalation(GO_LIVE, task,
                "Nobody decided within the go/no-go SLA.");

        run(golive("golive.notifications.escalation-to=lead@example.com", "golive.notifications.webhooks[0].name=ops", "golive.notifications.webhooks[0].allow-insecure=true",
                "golive.notifications.webhooks[0].url=" + chatUrl(SLACK_TOKEN)),
                notifications -> assertThat(notifications.send(escalation)).allMatch(ChannelResult::delivered));

        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("[golive] ESCALATION: \"Decide go/no-go\" still open (sandbox-18.0-2-0001)");
        assertThat(Arrays.stream(mail.getRecipients(Message.RecipientType.TO)).map(Object::toString))
                .containsExactly("team@example.com", "ops@example.com");
        assertThat(Arrays.stream(mail.getRecipients(Message.RecipientType.CC)).map(Object::toString)).containsExactly("lead@example.com");
        assertThat(smtp.getReceivedMessages()).hasSize(3);
        assertThat(GreenMailUtil.getBody(mail).replace("\r\n", "\n")).contains(
                "is still open since 2025-06-01 09:15 UTC (45 minutes)", "Waiting for: group golive-lead",
                "Open the task: http://golive.example:8080/camunda/app/tasklist/default/#/?task=task-7",
                "Nobody decided within the go/no-go SLA.");
        assertThat(posts).singleElement().satisfies(p -> assertThat(p.body()).contains("ESCALATION", "?task=task-7"));
    }

    @Test
    void failedChannelsAreRecordedWithoutSecretsAndTheOthersStillDeliver(CapturedOutput output) throws Exception {
        int closed = LocalPorts.free();
        ApplicationContextRunner runner = golive("spring.mail.port=" + closed,
                "golive.notifications.webhooks[0].name=broken", "golive.notifications.webhooks[0].allow-insecure=true", "golive.notifications.webhooks[0].url=" + chatUrl(BROKEN_TOKEN),
                "golive.notifications.webhooks[1].name=refused", "golive.notifications.webhooks[1].allow-insecure=true",
                "golive.notifications.webhooks[1].url=http://127.0.0.1:" + closed + "/hooks/" + REFUSED_TOKEN + "?token=" + REFUSED_TOKEN,
                "golive.notifications.webhooks[2].name=ops-mattermost", "golive.notifications.webhooks[2].allow-insecure=true", "golive.notifications.webhooks[2].url=" + chatUrl(MATTERMOST_TOKEN),
                "golive.notifications.webhooks[2].format=mattermost");

        List<ChannelResult> results = new ArrayList<>();
        run(runner, notifications -> results.addAll(notifications.announce(GO_LIVE.id(), "deployment-starting", "Deployment is starting.")));

        assertThat(results).extracting(ChannelResult::channel, ChannelResult::delivered).containsExactly(
                org.assertj.core.groups.Tuple.tuple("email", false), org.assertj.core.groups.Tuple.tuple("webhook:broken", false),
                org.assertj.core.groups.Tuple.tuple("webhook:refused", false), org.assertj.core.groups.Tuple.tuple("webhook:ops-mattermost", true));
        assertThat(results.get(0).reason()).contains("ConnectException");
        assertThat(results.get(1).reason()).isEqualTo("IOException: HTTP 500");
        assertThat(results.get(2).reason()).contains("ConnectException");
        assertThat(posts).extracting(Received::path).contains("/hooks/" + MATTERMOST_TOKEN);
        assertThat(smtp.getReceivedMessages()).isEmpty();

        List<Map<String, Object>> entries = new EvidenceLog(properties(), new ObjectMapper()).entries(GO_LIVE.id());
        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry).containsEntry("step", "notify").containsEntry("event", "deployment-starting")
                    .containsEntry("message", "Deployment is starting.");
            List<Map<String, Object>> channels = (List<Map<String, Object>>) entry.get("channels");
            assertThat(channels).extracting(c -> c.get("channel") + "=" + c.get("result")).containsExactly(
                    "email=failed", "webhook:broken=failed", "webhook:refused=failed", "webhook:ops-mattermost=delivered");
            assertThat(channels.get(1)).containsEntry("reason", "IOException: HTTP 500");
            assertThat(String.valueOf(channels.get(0).get("reason"))).contains("ConnectException");
        });
        assertNoSecrets(evidenceOf(GO_LIVE.id()));
        assertNoSecrets(output.getAll());
    }

    @Test
    void aSecretInAFailureReasonIsMasked() {
        NotificationChannel leaky = new NotificationChannel() {
            @Override
            public String name() {
                return "webhook:leaky";
            }

            @Override
            public void deliver(Notification notification) throws IOException {
                throw new IOException("cannot reach http://chat.example/hooks/" + SLACK_TOKEN + " as " + SMTP_PASSWORD);
            }

            @Override
            public List<String> secrets() {
                return List.of("http://chat.example/hooks/" + SLACK_TOKEN, SMTP_PASSWORD);
            }
        };
        NotificationService notifications = new NotificationService(new EvidenceLog(properties(), new ObjectMapper()), List.of(leaky));

        List<ChannelResult> results = notifications.announce(GO_LIVE.id(), "go-live-announced", "live");

        assertThat(results).singleElement().satisfies(r -> assertThat(r.reason()).isEqualTo("IOException: cannot reach *** as ***"));
        assertNoSecrets(evidenceOf(GO_LIVE.id()));
    }

    @Test
    void noChannelsConfiguredMeansLogAndEvidenceOnly() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class, JacksonAutoConfiguration.class))
                .withUserConfiguration(Wiring.class).withPropertyValues("golive.data-dir=" + dataDir)
                .run(context -> {
                    NotificationService notifications = context.getBean(NotificationService.class);
                    assertThat(notifications.channelNames()).isEmpty();
                    assertThat(notifications.announce(GO_LIVE.id(), "deployment-starting", "starting")).isEmpty();
                });
        assertThat(evidenceOf(GO_LIVE.id())).contains("\"event\":\"deployment-starting\"", "\"channels\":[]");
    }

    @Test
    void badSettingsStopTheStartNamingTheKey() {
        golive("golive.notifications.webhooks[0].name=ops").run(context -> assertThat(context).getFailure()
                .rootCause().hasMessageContaining("golive.notifications.webhooks[0].url"));
        golive("golive.notifications.webhooks[0].url=" + chatUrl(SLACK_TOKEN)).run(context -> assertThat(context).getFailure()
                .rootCause().hasMessageContaining("golive.notifications.webhooks[0].name").hasMessageNotContaining(SLACK_TOKEN));
        golive("golive.notifications.webhooks[0].name=ops", "golive.notifications.webhooks[0].url=ftp://chat.example/" + SLACK_TOKEN)
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("golive.notifications.webhooks[0].url").hasMessageNotContaining(SLACK_TOKEN));
        golive("golive.notifications.webhooks[0].name=ops", "golive.notifications.webhooks[0].url=" + chatUrl(SLACK_TOKEN))
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("golive.notifications.webhooks[0].url of webhook 'ops' must be https://")
                        .hasMessageContaining("allow-insecure").hasMessageNotContaining(SLACK_TOKEN));
        golive("golive.notifications.email.to=").run(context -> assertThat(context).getFailure()
                .rootCause().hasMessageContaining("golive.notifications.email.to"));
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class, JacksonAutoConfiguration.class))
                .withUserConfiguration(Wiring.class)
                .withPropertyValues("golive.data-dir=" + dataDir, "golive.notifications.email.enabled=true",
                        "golive.notifications.email.from=golive@example.com", "golive.notifications.email.to=team@example.com")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("spring.mail.host"));
    }

    @Test
    void httpsWebhooksAndExplicitlyAllowedHttpOnesStart() {
        golive("golive.notifications.webhooks[0].name=ops", "golive.notifications.webhooks[0].url=https://chat.example/hooks/" + SLACK_TOKEN,
                "golive.notifications.webhooks[1].name=local", "golive.notifications.webhooks[1].url=" + chatUrl(MATTERMOST_TOKEN),
                "golive.notifications.webhooks[1].allow-insecure=true")
                .run(context -> assertThat(context.getBean(NotificationService.class).channelNames())
                        .containsExactly("email", "webhook:ops", "webhook:local"));
    }

    private GoliveProperties properties() {
        return new GoliveProperties(dataDir, Map.of(), null, null, null, null, null, "http://localhost:8080", null, null);
    }

    private String evidenceOf(String goLiveId) {
        try {
            return Files.readString(dataDir.resolve("evidence").resolve(goLiveId + ".jsonl"));
        } catch (IOException e) {
            throw new AssertionError("no evidence for " + goLiveId, e);
        }
    }

    private static void assertNoSecrets(String text) {
        assertThat(text).doesNotContain(SMTP_PASSWORD, SLACK_TOKEN, MATTERMOST_TOKEN, REFUSED_TOKEN, BROKEN_TOKEN, "/hooks/");
    }
}
