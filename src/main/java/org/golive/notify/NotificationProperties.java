package org.golive.notify;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where notifications go, under {@code golive.notifications.}. Everything is off by default: golive then
 * tells only its log and the go-live's evidence. The SMTP server itself is Spring Boot's {@code spring.mail.*}.
 */
@ConfigurationProperties("golive.notifications")
public record NotificationProperties(
        @DefaultValue Email email,
        List<Webhook> webhooks,
        List<String> escalationTo,
        @DefaultValue Rollback rollback,
        @DefaultValue("10s") Duration timeout,
        ZoneId timeZone) {

    public NotificationProperties {
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
        escalationTo = addresses(escalationTo);
        timeZone = timeZone == null ? ZoneId.systemDefault() : timeZone;
        if (email == null) {
            email = new Email(false, null, List.of());
        }
        if (rollback == null) {
            rollback = new Rollback(Duration.ofHours(1), Duration.ofMinutes(30));
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("golive.notifications.timeout must be a positive duration, was " + timeout);
        }
        for (int i = 0; i < webhooks.size(); i++) {
            webhooks.get(i).check("golive.notifications.webhooks[" + i + "]");
        }
        for (int i = 0; i < webhooks.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (webhooks.get(i).name().equals(webhooks.get(j).name())) {
                    // the name is all the evidence says about a webhook, so it must tell them apart
                    throw new IllegalArgumentException("golive.notifications.webhooks[" + i + "].name '" + webhooks.get(i).name()
                            + "' is already used by webhooks[" + j + "]");
                }
            }
        }
        email.check(escalationTo);
    }

    /** Mail to the stakeholders; escalations also go to {@code escalation-to}. */
    public record Email(
            @DefaultValue("false") boolean enabled,
            String from,
            List<String> to) {

        public Email {
            to = addresses(to);
        }

        void check(List<String> escalationTo) {
            if (!enabled) {
                return;
            }
            if (from == null || from.isBlank()) {
                throw new IllegalArgumentException("golive.notifications.email.from is required when golive.notifications.email.enabled is true");
            }
            if (to.isEmpty() && escalationTo.isEmpty()) {
                throw new IllegalArgumentException(
                        "golive.notifications.email.to (or escalation-to) needs an address when golive.notifications.email.enabled is true");
            }
        }
    }

    /**
     * A chat incoming webhook. The URL carries the webhook's token, so only {@code name} is ever shown or
     * recorded, and it must be {@code https://}: over plain HTTP the token, and what a go-live reports, cross the
     * network readable. {@code allowInsecure} permits {@code http://} for one webhook, for a receiver on the same
     * host or a test.
     */
    public record Webhook(
            String name,
            URI url,
            @DefaultValue("slack") Format format,
            String username,
            String channel,
            @DefaultValue("false") boolean allowInsecure) {

        void check(String key) {
            if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw new IllegalArgumentException(key + ".name is required: letters, digits, '.', '_' or '-', was "
                        + (name == null ? "missing" : "'" + name + "'"));
            }
            if (url == null || url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))
                    || url.getHost() == null) {
                // the URL itself is a secret: say what is wrong with it, not what it is
                throw new IllegalArgumentException(key + ".url of webhook '" + name + "' must be an absolute http(s) URL");
            }
            if (url.getScheme().equals("http") && !allowInsecure) {
                throw new IllegalArgumentException(key + ".url of webhook '" + name + "' must be https:// (the URL holds the webhook's"
                        + " token); set " + key + ".allow-insecure: true to send over plain http:// anyway");
            }
            if (format == null) {
                throw new IllegalArgumentException(key + ".format of webhook '" + name + "' must be slack or mattermost");
            }
        }
    }

    /** What the incoming webhook understands: both take {@code {"text": ...}}; Mattermost also a username and channel. */
    public enum Format {
        SLACK, MATTERMOST
    }

    /** An empty GOLIVE_NOTIFY_TO and friends mean nobody, not one blank address. */
    private static List<String> addresses(List<String> addresses) {
        return addresses == null ? List.of() : addresses.stream().map(String::strip).filter(a -> !a.isEmpty()).toList();
    }

    /** The estimates the rollback communication template of the checklist asks for. */
    public record Rollback(
            @DefaultValue("1h") Duration expectedResolution,
            @DefaultValue("30m") Duration nextUpdate) {
    }
}
