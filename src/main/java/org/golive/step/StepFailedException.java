package org.golive.step;

/**
 * A step met a result that retrying will not change (a module that failed to install, a check that
 * measured a failure). Technical faults are plain runtime exceptions and are retried.
 */
public class StepFailedException extends RuntimeException {

    public StepFailedException(String message) {
        super(message);
    }

    public StepFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
