package org.golive.validation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.golive.validation.ReleaseValidationService.Check;

/**
 * Turns one validation run's check results, plus what earlier runs left behind, into the inputs of the
 * rollback criteria of checklist 000 ({@code processes/rollback-decision.dmn}). Knows nothing of the engine,
 * so the arithmetic can be tested with a fixed clock.
 *
 * <ul>
 * <li><b>outage minutes</b>: minutes (rounded up) since the first failing HEALTH check of an unbroken series of
 * failing HEALTH checks ({@code unhealthySince}); 0 when health passes, which also ends the series.</li>
 * <li><b>error rate</b>: failed requests / requests × 100, rounded to one decimal, where the requests are
 * those of the latency probe (a failed request answered HTTP ≥ 400 or not at all) plus one per HTTP check
 * that ran (HEALTH, LOGIN, DATABASE_SELECTOR, WEBSOCKET; a failed check is a failed request). A latency probe
 * that could not run at all counts as its configured number of requests, all failed; one that failed without
 * reporting counts adds nothing. 0 % when there were no requests.</li>
 * <li><b>error rate minutes</b>: minutes (rounded up) the error rate has been above 10 % without interruption
 * ({@code errorRateHighSince}); 0 when it is not.</li>
 * <li><b>data corruption</b>: golive's reading of "data corruption detected": the modules check found a
 * manifest module that Odoo left half-done ({@code to install}, {@code to upgrade}, {@code to remove}), or it
 * could not read {@code ir_module_module} at all.</li>
 * <li><b>security breach</b>: golive cannot detect one; true only when someone reported it.</li>
 * <li><b>core workflows blocked</b>: the login page fails, the smoke user cannot log in or a smoke call
 * (model, method, domain, minimum count per environment) fails, the release's modules are not installed, or
 * scheduled actions are stalled (LOGIN, SMOKE, MODULES or CRONS failed).</li>
 * </ul>
 */
public class RollbackMeasurements {

    /** The error rate above which the checklist starts counting minutes, in percent. */
    public static final double ERROR_RATE_THRESHOLD = 10.0;

    static final Set<Check> HTTP_CHECKS = EnumSet.of(Check.HEALTH, Check.LOGIN, Check.DATABASE_SELECTOR, Check.WEBSOCKET);
    static final Set<Check> CORE_WORKFLOW_CHECKS = EnumSet.of(Check.LOGIN, Check.MODULES, Check.CRONS, Check.SMOKE);

    /** One check of this run: passed, or failed because it measured a failure or because Odoo could not be asked. */
    public record CheckOutcome(boolean passed, String failure, boolean technical) {
        public static CheckOutcome pass() {
            return new CheckOutcome(true, null, false);
        }

        public static CheckOutcome measuredFailure(String failure) {
            return new CheckOutcome(false, failure, false);
        }

        public static CheckOutcome technicalFailure(String failure) {
            return new CheckOutcome(false, failure, true);
        }
    }

    /**
     * What this run saw. {@code latencyRequests}/{@code latencyFailedRequests} are null when the probe did not
     * report them; {@code unhealthySince}/{@code errorRateHighSince} are the earlier runs' state, null when
     * there is no series going on.
     */
    public record Observation(Map<Check, CheckOutcome> checks, Integer latencyRequests, Integer latencyFailedRequests,
                              String interruptedModules, Instant unhealthySince, Instant errorRateHighSince,
                              boolean securityBreachReported) {
    }

    /** The DMN inputs, the readable summary, and the state the next run needs. */
    public record Measurements(int outageMinutes, boolean dataCorruption, boolean securityBreach, double errorRatePercent,
                               int errorRateMinutes, boolean coreWorkflowsBlocked, String failedChecks,
                               String rollbackReason, Instant unhealthySince, Instant errorRateHighSince) {
    }

    private final Clock clock;
    private final int configuredLatencyRequests;

    public RollbackMeasurements(Clock clock, int configuredLatencyRequests) {
        this.clock = clock;
        this.configuredLatencyRequests = configuredLatencyRequests;
    }

    public Measurements measure(Observation run) {
        Instant now = clock.instant();

        boolean healthFailed = failed(run, Check.HEALTH);
        Instant unhealthySince = healthFailed ? since(run.unhealthySince(), now) : null;
        int outageMinutes = minutesBetween(unhealthySince, now);

        int requests = 0;
        int failedRequests = 0;
        for (Check check : HTTP_CHECKS) {
            CheckOutcome outcome = run.checks().get(check);
            if (outcome != null) {
                requests++;
                failedRequests += outcome.passed() ? 0 : 1;
            }
        }
        CheckOutcome latency = run.checks().get(Check.LATENCY);
        if (latency != null && latency.technical()) {
            requests += configuredLatencyRequests;
            failedRequests += configuredLatencyRequests;
        } else if (latency != null && run.latencyRequests() != null) {
            requests += run.latencyRequests();
            failedRequests += run.latencyFailedRequests() == null ? 0 : run.latencyFailedRequests();
        }
        double errorRatePercent = requests == 0 ? 0.0 : Math.round(1000.0 * failedRequests / requests) / 10.0;
        Instant errorRateHighSince = errorRatePercent > ERROR_RATE_THRESHOLD ? since(run.errorRateHighSince(), now) : null;
        int errorRateMinutes = minutesBetween(errorRateHighSince, now);

        CheckOutcome modules = run.checks().get(Check.MODULES);
        String interrupted = run.interruptedModules() == null ? "" : run.interruptedModules().strip();
        boolean moduleStatesUnreadable = modules != null && !modules.passed() && modules.technical();
        boolean dataCorruption = modules != null && !modules.passed() && (!interrupted.isEmpty() || moduleStatesUnreadable);

        List<String> blocked = CORE_WORKFLOW_CHECKS.stream().filter(c -> failed(run, c)).map(RollbackMeasurements::name).toList();
        boolean coreWorkflowsBlocked = !blocked.isEmpty();

        String failedChecks = run.checks().entrySet().stream().filter(e -> !e.getValue().passed())
                .sorted(Map.Entry.comparingByKey())
                .map(e -> name(e.getKey()) + ": " + (e.getValue().technical() ? "could not be checked: " : "")
                        + e.getValue().failure())
                .collect(Collectors.joining("\n"));

        List<String> reason = new ArrayList<>();
        if (healthFailed) {
            reason.add("Odoo has been unhealthy for " + outageMinutes + " min (since " + unhealthySince + ")");
        }
        if (errorRatePercent > 0) {
            reason.add(failedRequests + " of " + requests + " requests failed (" + errorRatePercent + " %"
                    + (errorRateHighSince != null ? ", above 10 % for " + errorRateMinutes + " min" : "") + ")");
        }
        if (!interrupted.isEmpty() && modules != null && !modules.passed()) {
            reason.add("modules left half-done by Odoo: " + interrupted);
        }
        if (moduleStatesUnreadable) {
            reason.add("module states (ir_module_module) could not be read");
        }
        if (coreWorkflowsBlocked) {
            reason.add("core workflows blocked (" + String.join(", ", blocked) + " failed)");
        }
        if (run.securityBreachReported()) {
            reason.add("a security breach was reported");
        }
        long failures = run.checks().values().stream().filter(o -> !o.passed()).count();
        String rollbackReason = reason.isEmpty()
                ? (failures == 0 ? "All " + run.checks().size() + " checks passed." : "No rollback criterion measured; "
                        + failures + " check(s) failed: " + failedChecks.replace("\n", "; ") + ".")
                : capitalize(String.join("; ", reason)) + ".";

        return new Measurements(outageMinutes, dataCorruption, run.securityBreachReported(), errorRatePercent,
                errorRateMinutes, coreWorkflowsBlocked, failedChecks.isEmpty() ? "none" : failedChecks, rollbackReason,
                unhealthySince, errorRateHighSince);
    }

    private static boolean failed(Observation run, Check check) {
        CheckOutcome outcome = run.checks().get(check);
        return outcome != null && !outcome.passed();
    }

    private static Instant since(Instant earlier, Instant now) {
        return earlier != null && !earlier.isAfter(now) ? earlier : now;
    }

    /**
     * Minutes rounded up: with whole minutes, "more than 30 minutes" then means what the checklist says
     * (30 min 20 s is 31 and more than 30; exactly 30 min stays 30).
     */
    static int minutesBetween(Instant since, Instant now) {
        if (since == null) {
            return 0;
        }
        long millis = Math.max(0, Duration.between(since, now).toMillis());
        return (int) ((millis + 59_999) / 60_000);
    }

    static String name(Check check) {
        return check.name().toLowerCase(Locale.ROOT);
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
