package org.golive.remote;

/** A remote command could not be run (connection, login, host key, timeout): a technical fault, retried. */
public class RemoteCommandException extends RuntimeException {

    public RemoteCommandException(String message) {
        super(message);
    }

    public RemoteCommandException(String message, Throwable cause) {
        super(message, cause);
    }
}
