package org.golive.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Plain-text mail over SMTP to the configured stakeholders; escalations also to the escalation contacts. */
public class EmailChannel implements NotificationChannel {

    private final JavaMailSender sender;
    private final String from;
    private final List<String> to;
    private final List<String> escalationTo;

    public EmailChannel(JavaMailSender sender, String from, List<String> to, List<String> escalationTo, Duration timeout) {
        this.sender = sender;
        this.from = from;
        this.to = List.copyOf(to);
        this.escalationTo = List.copyOf(escalationTo);
        if (sender instanceof JavaMailSenderImpl impl) {
            boundTimeouts(impl.getJavaMailProperties(), timeout);
        }
    }

    /** JavaMail waits forever by default: a hung SMTP server would hold a go-live step and its job lock. */
    private static void boundTimeouts(Properties properties, Duration timeout) {
        String millis = Long.toString(timeout.toMillis());
        for (String protocol : List.of("smtp", "smtps")) {
            for (String key : List.of("connectiontimeout", "timeout", "writetimeout")) {
                properties.putIfAbsent("mail." + protocol + "." + key, millis);
            }
        }
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public void deliver(Notification notification) {
        List<String> recipients = new ArrayList<>(to);
        List<String> copies = new ArrayList<>();
        if (notification.escalation()) {
            for (String contact : escalationTo) {
                if (!recipients.contains(contact)) {
                    (recipients.isEmpty() ? recipients : copies).add(contact);
                }
            }
        }
        if (recipients.isEmpty()) {
            return;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(recipients.toArray(String[]::new));
        if (!copies.isEmpty()) {
            message.setCc(copies.toArray(String[]::new));
        }
        message.setSubject(notification.subject());
        message.setText(notification.body());
        sender.send(message);
    }

    @Override
    public List<String> secrets() {
        if (sender instanceof JavaMailSenderImpl impl && impl.getPassword() != null && !impl.getPassword().isEmpty()) {
            return List.of(impl.getPassword());
        }
        return List.of();
    }
}
