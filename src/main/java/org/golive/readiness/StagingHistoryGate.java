package org.golive.readiness;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.golive.config.Environments;
import org.golive.readiness.GoLiveHistory.SuccessfulGoLive;
import org.springframework.stereotype.Component;

/** Checklist 001 §8.1: the staging deploy from the same tag succeeded, read from golive's own history. */
@Component
public class StagingHistoryGate {

    private final GoLiveHistory history;
    private final Environments environments;
    private final ReadinessProperties properties;

    public StagingHistoryGate(GoLiveHistory history, Environments environments, ReadinessProperties properties) {
        this.history = history;
        this.environments = environments;
        this.properties = properties;
    }

    public GateResult check(GateRequest request) {
        String staging = properties.stagingEnvironment();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("image", request.image());
        facts.put("stagingEnvironment", staging == null ? "" : staging);
        // without a staging stage golive has nothing to look at: a person must say whether the tag was proven elsewhere
        if (staging == null || staging.isBlank()) {
            return GateResult.inconclusive("no staging environment configured (golive.readiness.staging-environment)", facts);
        }
        if (staging.equals(request.environment().name())) {
            return GateResult.inconclusive(request.environment() + " is the staging environment itself: no earlier stage to look at", facts);
        }
        if (!environments.exists(staging)) {
            return GateResult.inconclusive("staging environment '" + staging + "' is not configured under golive.environments", facts);
        }
        Optional<SuccessfulGoLive> last = history.lastSuccessful(staging, request.imageRepository(), request.releaseTag());
        if (last.isEmpty()) {
            return GateResult.fail(request.image() + " has not gone live successfully on " + staging, facts);
        }
        facts.put("stagingGoLiveId", last.get().goLiveId());
        facts.put("stagingProcessInstanceId", last.get().processInstanceId());
        facts.put("stagingEndedAt", String.valueOf(last.get().endedAt()));
        return GateResult.pass(request.image() + " went live on " + staging + " in " + last.get().goLiveId()
                + " (" + last.get().endedAt() + ")", facts);
    }
}
