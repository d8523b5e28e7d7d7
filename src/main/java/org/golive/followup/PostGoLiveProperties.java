package org.golive.followup;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The follow-up after a go-live (checklist 001 §9, T+1..T+14): a health review and a backup check every
 * {@code interval} until {@code window} has passed, then the handover to operations. A backup older than
 * {@code backupMaxAge} counts as missing: a daily backup plus slack for a late run.
 */
@ConfigurationProperties("golive.post-go-live")
public record PostGoLiveProperties(
        @DefaultValue("1d") Duration interval,
        @DefaultValue("14d") Duration window,
        @DefaultValue("26h") Duration backupMaxAge) {
}
