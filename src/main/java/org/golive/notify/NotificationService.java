package org.golive.notify;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.golive.step.EvidenceKind;
import org.golive.step.EvidenceLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;

/**
 * Tells people what the pipeline is doing: every configured channel (mail, chat webhooks), the log, and the
 * go-live's evidence. Never throws: a notification that cannot be delivered is recorded, and the go-live
 * goes on.
 */
@Service
public class NotificationService {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationService.class);
    static final String EVIDENCE_STEP = "notify";

    private final EvidenceLog evidence;
    private final List<NotificationChannel> channels;

    @Autowired
    public NotificationService(EvidenceLog evidence, NotificationProperties properties, ObjectProvider<JavaMailSender> mail,
            ObjectMapper json) {
        this(evidence, channels(properties, mail.getIfAvailable(), json));
    }

    public NotificationService(EvidenceLog evidence, List<NotificationChannel> channels) {
        this.evidence = evidence;
        this.channels = List.copyOf(channels);
    }

    static List<NotificationChannel> channels(NotificationProperties properties, JavaMailSender mail, ObjectMapper json) {
        List<NotificationChannel> channels = new ArrayList<>();
        NotificationProperties.Email email = properties.email();
        if (email.enabled()) {
            if (mail == null) {
                throw new IllegalStateException("golive.notifications.email.enabled is true but no SMTP server is configured: set spring.mail.host");
            }
            channels.add(new EmailChannel(mail, email.from(), email.to(), properties.escalationTo(), properties.timeout()));
        }
        if (!properties.webhooks().isEmpty()) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(properties.timeout())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            for (NotificationProperties.Webhook webhook : properties.webhooks()) {
                channels.add(new WebhookChannel(webhook, http, json, properties.timeout()));
            }
        }
        return channels;
    }

    /** The names of the configured channels, e.g. {@code [email, webhook:ops]}. */
    public List<String> channelNames() {
        return channels.stream().map(NotificationChannel::name).toList();
    }

    /** Sends to every channel, one after the other; returns what became of it on each. */
    public List<ChannelResult> send(Notification notification) {
        List<ChannelResult> results = new ArrayList<>();
        for (NotificationChannel channel : channels) {
            results.add(deliver(channel, notification));
        }
        record(notification, results);
        return results;
    }

    /** The announcement of a simple event: the message is the body. */
    public List<ChannelResult> announce(String goLiveId, String event, String message) {
        return send(new Notification(goLiveId, event, null, message, false));
    }

    private ChannelResult deliver(NotificationChannel channel, Notification notification) {
        try {
            channel.deliver(notification);
            LOG.info("[{}] {} delivered to {}", notification.goLiveId(), notification.event(), channel.name());
            return ChannelResult.delivered(channel.name());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(channel, notification, "interrupted");
        } catch (Exception e) {
            return failed(channel, notification, reason(e));
        }
    }

    private static ChannelResult failed(NotificationChannel channel, Notification notification, String reason) {
        String safe = scrub(reason, channel.secrets());
        LOG.warn("[{}] {} not delivered to {}: {}", notification.goLiveId(), notification.event(), channel.name(), safe);
        return ChannelResult.failed(channel.name(), safe);
    }

    /** The exception and its causes, e.g. "MailSendException: ... <- ConnectException: Connection refused". */
    private static String reason(Throwable e) {
        StringBuilder reason = new StringBuilder();
        for (Throwable t = e; t != null && reason.length() < 500; t = t.getCause() == t ? null : t.getCause()) {
            if (!reason.isEmpty()) {
                reason.append(" <- ");
            }
            reason.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                reason.append(": ").append(t.getMessage().strip());
            }
        }
        String oneLine = reason.toString().replaceAll("\\s+", " ");
        return oneLine.length() > 500 ? oneLine.substring(0, 500) + "..." : oneLine;
    }

    static String scrub(String text, List<String> secrets) {
        String safe = text;
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                safe = safe.replace(secret, "***");
            }
        }
        return safe;
    }

    private void record(Notification notification, List<ChannelResult> results) {
        LOG.info("[{}] {}: {}", notification.goLiveId(), notification.event(), notification.subject());
        if (notification.goLiveId() == null) {
            return;
        }
        List<Map<String, Object>> outcomes = new ArrayList<>();
        for (ChannelResult result : results) {
            Map<String, Object> outcome = new LinkedHashMap<>();
            outcome.put("channel", result.channel());
            outcome.put("result", result.delivered() ? "delivered" : "failed");
            if (!result.delivered()) {
                outcome.put("reason", result.reason());
            }
            outcomes.add(outcome);
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("event", notification.event());
        facts.put("subject", notification.subject());
        facts.put("message", notification.body());
        facts.put("channels", outcomes);
        try {
            evidence.record(notification.goLiveId(), EVIDENCE_STEP, EvidenceKind.NOTIFICATION, facts);
        } catch (RuntimeException e) {
            LOG.warn("[{}] cannot record the {} notification as evidence: {}", notification.goLiveId(), notification.event(), e.getMessage());
        }
    }
}
