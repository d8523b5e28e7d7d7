package org.golive.plan;

/** A module golive installed or updated in a go-live that completed: the checksum of the code that went live. */
public record AppliedModule(String environment, String module, String goLiveId, String checksum, String version, String image) {
}
