package org.golive.notify;

/** What became of a notification on one channel; {@code reason} is free of secrets. */
public record ChannelResult(String channel, boolean delivered, String reason) {

    static ChannelResult delivered(String channel) {
        return new ChannelResult(channel, true, null);
    }

    static ChannelResult failed(String channel, String reason) {
        return new ChannelResult(channel, false, reason);
    }
}
