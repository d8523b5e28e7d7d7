package org.golive.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.golive.notify.NotificationProperties.Format;
import org.golive.notify.NotificationProperties.Webhook;

/**
 * Posts to a Slack or Mattermost incoming webhook. Any 2xx is delivered; anything else fails with the status.
 */
public class WebhookChannel implements NotificationChannel {

    private final Webhook webhook;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Duration timeout;

    public WebhookChannel(Webhook webhook, HttpClient http, ObjectMapper json, Duration timeout) {
        this.webhook = webhook;
        this.http = http;
        this.json = json;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "webhook:" + webhook.name();
    }

    @Override
    public void deliver(Notification notification) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(webhook.url())
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(payload(notification)), StandardCharsets.UTF_8))
                .build();
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            // the response body could echo the request URL; the status says enough
            throw new IOException("HTTP " + response.statusCode());
        }
    }

    Map<String, Object> payload(Notification notification) {
        Map<String, Object> payload = new LinkedHashMap<>();
        if (webhook.format() == Format.MATTERMOST) {
            payload.put("text", "#### " + notification.subject() + "\n" + notification.body());
            if (webhook.username() != null && !webhook.username().isBlank()) {
                payload.put("username", webhook.username());
            }
            if (webhook.channel() != null && !webhook.channel().isBlank()) {
                payload.put("channel", webhook.channel());
            }
        } else {
            payload.put("text", "*" + notification.subject() + "*\n" + notification.body());
        }
        return payload;
    }

    @Override
    public List<String> secrets() {
        URI url = webhook.url();
        List<String> secrets = new ArrayList<>();
        secrets.add(url.toString());
        if (url.getRawPath() != null && url.getRawPath().length() > 1) {
            secrets.add(url.getRawPath());
        }
        if (url.getRawQuery() != null && !url.getRawQuery().isEmpty()) {
            secrets.add(url.getRawQuery());
        }
        if (url.getRawUserInfo() != null) {
            secrets.add(url.getRawUserInfo());
        }
        return secrets;
    }
}
