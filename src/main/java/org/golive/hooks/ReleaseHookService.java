package org.golive.hooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.golive.config.GoliveProperties;
import org.golive.config.GoliveProperties.Container;
import org.golive.config.GoliveProperties.TargetEnvironment;
import org.golive.config.Target;
import org.golive.deploy.ContainerService;
import org.golive.deploy.ContainerService.RunResult;
import org.golive.step.StepFailedException;
import org.springframework.stereotype.Service;

/**
 * Runs a release's hooks of one phase ({@code manifest.ReleaseHooks}), in order, each in a one-off container of the
 * release image with the environment's mounts and Odoo's database settings, its argv as given (the image's entrypoint
 * replaced). Each hook runs once per go-live: a hook recorded as done ({@link HookRuns}) is skipped. A hook whose
 * completion was never recorded (golive crashed while it ran) runs again, so hooks must be safe to re-run, as Odoo's
 * migration scripts are. A non-zero exit is a business failure naming the hook.
 */
@Service
public class ReleaseHookService {

    static final int OUTPUT_LINES = 40;

    /** One hook: ran now, or skipped because it was done before. Output is the redacted tail. */
    public record HookRun(String phase, int index, List<String> argv, String status, Integer exitCode, long millis, String output) {

        public Map<String, Object> facts() {
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("phase", phase);
            facts.put("index", index);
            facts.put("argv", argv);
            facts.put("status", status);
            facts.put("exitCode", exitCode);
            facts.put("millis", millis);
            facts.put("output", output);
            return facts;
        }
    }

    public static final String RAN = "ran";
    public static final String SKIPPED = "already done";
    public static final String FAILED = "failed";

    private final ContainerService containers;
    private final HookRuns runs;
    private final GoliveProperties properties;

    public ReleaseHookService(ContainerService containers, HookRuns runs, GoliveProperties properties) {
        this.containers = containers;
        this.runs = runs;
        this.properties = properties;
    }

    /** Runs the phase's hooks not yet done; throws {@link StepFailedException} at the first one that exits non-zero. */
    public List<HookRun> run(Target environment, String image, String goLiveId, String phase, List<List<String>> hooks) {
        List<HookRun> done = new ArrayList<>();
        for (int index = 0; index < hooks.size(); index++) {
            List<String> argv = hooks.get(index);
            String digest = digest(argv);
            Optional<HookRuns.Done> earlier = runs.done(goLiveId, phase, index, digest);
            if (earlier.isPresent()) {
                done.add(new HookRun(phase, index, argv, SKIPPED + " at " + earlier.get().finishedAt(), earlier.get().exitCode(),
                        earlier.get().millis(), ""));
                continue;
            }
            HookRun run = runOne(environment, image, goLiveId, phase, index, argv);
            if (run.exitCode() != 0) {
                List<Map<String, Object>> facts = new ArrayList<>(done.stream().map(HookRun::facts).toList());
                facts.add(run.facts());
                // the message becomes failureReason, a String variable the engine keeps in 4000 characters: the evidence has the full tail
                String head = "hook " + name(phase, index) + " (" + cut(String.join(" ", run.argv()), 600) + ") exited " + run.exitCode();
                String tail = HookOutput.tail(run.output(), 10);
                throw new StepFailedException(head + (tail.isBlank() ? "" : "\n" + cut(tail, 1500)), Map.of("hooks", facts));
            }
            runs.completed(goLiveId, phase, index, digest, run.exitCode(), run.millis());
            done.add(run);
        }
        return done;
    }

    private HookRun runOne(Target environment, String image, String goLiveId, String phase, int index, List<String> argv) {
        TargetEnvironment target = environment.settings();
        String name = (target.container().name() + "-hook-" + goLiveId + "-" + phase + "-" + index).replaceAll("[^a-zA-Z0-9_.-]", "-");
        // a container of an attempt golive crashed during may still run: let it end before the hook runs again
        containers.settleLeftovers(target.dockerHost(), name, properties.steps().toolTimeout());
        RunResult result = containers.runAsGiven(target.dockerHost(), withHookEnvironment(target, goLiveId, phase, index), image, name,
                argv, properties.steps().toolTimeout());
        String output = HookOutput.tail(HookOutput.redact(result.logs(), environment), OUTPUT_LINES);
        // argv is manifest text, no place for a secret; should one be there anyway, the evidence and failureReason do not repeat it
        List<String> shown = argv.stream().map(arg -> HookOutput.redact(arg, environment)).toList();
        return new HookRun(phase, index, shown, result.exitCode() == 0 ? RAN : FAILED, result.exitCode(), result.duration().toMillis(),
                output);
    }

    /** The server's container settings plus what a hook may want to know: the database and which hook it is. */
    static Container withHookEnvironment(TargetEnvironment target, String goLiveId, String phase, int index) {
        Container spec = target.container();
        Map<String, String> env = new LinkedHashMap<>(spec.env());
        env.put("GOLIVE_DATABASE", target.database().name());
        env.put("GOLIVE_GO_LIVE_ID", goLiveId);
        env.put("GOLIVE_HOOK_PHASE", phase);
        env.put("GOLIVE_HOOK_INDEX", String.valueOf(index));
        return new Container(spec.name(), spec.imageRepository(), env, spec.mounts(), spec.ports(), spec.networkMode(), spec.labels(),
                spec.stopTimeout(), spec.memoryLimit(), spec.allowedImageRepositories());
    }

    /** How a hook is named in messages and documents: {@code hooks.pre-update[0]}, as the manifest's field. */
    public static String name(String phase, int index) {
        return "hooks." + phase + "[" + index + "]";
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : "…" + text.substring(text.length() - max);
    }

    static String digest(List<String> argv) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String arg : argv) {
                sha.update(arg.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
