package org.golive.notify;

import java.util.Map;

import org.golive.evidence.EvidenceLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Tells people what the pipeline is doing. For now: the log and the go-live's evidence. */
@Service
public class NotificationService {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationService.class);

    private final EvidenceLog evidence;

    public NotificationService(EvidenceLog evidence) {
        this.evidence = evidence;
    }

    public void announce(String goLiveId, String event, String message) {
        LOG.info("[{}] {}: {}", goLiveId, event, message);
        evidence.record(goLiveId, "notify", Map.of("event", event, "message", message));
    }
}
