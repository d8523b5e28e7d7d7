package org.golive.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.golive.step.ProcessConstants;
import org.junit.jupiter.api.Test;

/**
 * The floor of golive's own CPU per go-live (issue 13's fleet figure): the shipped go-live model, its real delegates,
 * listeners, evidence and REST API, with only Docker, PostgreSQL and Odoo mocked (so no Odoo work and none of the glue
 * around it), every job run on this thread one after the other, nothing else on the machine asking for a core.
 * Prints figures; asserts only that each go-live reached its completed end. Not part of the test suite (the name
 * does not match surefire's patterns):
 *
 * <pre>
 * mvn -o -q test-compile surefire:test -Dtest=GoLiveEngineFloorBenchmark [-Dgolive.bench.floor.warmup=10] [-Dgolive.bench.floor.runs=20]
 *     [-Dspring.datasource.url=jdbc:h2:file:/tmp/golive-floor/engine;WRITE_DELAY=0]   # golive's default engine database
 * </pre>
 */
class GoLiveEngineFloorBenchmark extends ProcessTestSupport {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** CPU and wall time of the jobs of one go-live (its called instances and follow-up included). */
    private record Run(int jobs, long cpuNanos, long wallNanos, long processCpuNanos) {
    }

    /** What {@link #executeJob} has run since the current go-live started. */
    private int jobs;
    private long jobCpuNanos;
    private long jobWallNanos;

    /** The process instance of the last go-live run: its jobs by process are printed. */
    private String last;

    /** Times each job alone: not the queries between jobs, not the REST calls. */
    @Override
    void executeJob(String jobId) {
        long cpuBefore = THREADS.getCurrentThreadCpuTime();
        long wallBefore = System.nanoTime();
        try {
            super.executeJob(jobId);
        } finally {
            jobCpuNanos += THREADS.getCurrentThreadCpuTime() - cpuBefore;
            jobWallNanos += System.nanoTime() - wallBefore;
            jobs++;
        }
    }

    @Test
    void printTheEngineAndGlueFloorOfOneGoLive() {
        int warmup = Integer.getInteger("golive.bench.floor.warmup", 10);
        int runs = Integer.getInteger("golive.bench.floor.runs", 20);
        for (int i = 0; i < warmup; i++) {
            goLive();
        }
        List<Run> measured = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            measured.add(goLive());
        }
        List<Double> cpu = sorted(measured, r -> r.cpuNanos() / 1e6);
        List<Double> perJob = sorted(measured, r -> r.cpuNanos() / 1e6 / r.jobs());
        double wall = measured.stream().mapToLong(Run::wallNanos).average().orElse(0) / 1e6;
        double process = measured.stream().mapToLong(Run::processCpuNanos).average().orElse(0) / 1e6;
        System.out.printf("%nengine floor of one go-live (datasource %s), %d go-lives after %d of warm-up:%n",
                System.getProperty("spring.datasource.url", "process-test H2 in memory"), runs, warmup);
        System.out.printf("  jobs per go-live (async steps, timers, called instances' steps)  %d-%d%n",
                measured.stream().mapToInt(Run::jobs).min().orElse(0), measured.stream().mapToInt(Run::jobs).max().orElse(0));
        System.out.printf("  CPU of its jobs, ms        median %.1f  min %.1f  max %.1f%n", median(cpu), cpu.get(0), cpu.get(cpu.size() - 1));
        System.out.printf("  CPU per job, ms            median %.2f  min %.2f  max %.2f%n", median(perJob), perJob.get(0),
                perJob.get(perJob.size() - 1));
        System.out.printf("  wall time of its jobs, ms  mean %.1f%n", wall);
        System.out.printf("  whole JVM CPU per go-live  mean %.1f ms (jobs, the REST calls that start it and complete its tasks,"
                + " this benchmark's job queries, JIT, GC)%n", process);
        StringBuilder blocks = new StringBuilder();
        for (int from = 0; from < measured.size(); from += 10) {
            blocks.append(String.format(" %.0f", median(sorted(measured.subList(from, Math.min(measured.size(), from + 10)),
                    r -> r.cpuNanos() / 1e6))));
        }
        // a figure that grows from block to block grows with the engine's history, not with the go-live
        System.out.printf("  CPU of its jobs by blocks of 10 go-lives in order, median ms:%s%n", blocks);
        System.out.printf("  the last go-live's jobs, by process (job log, successful runs):%n");
        jobsByProcess(last).forEach((key, count) -> System.out.printf("    %-22s %3d%n", key, count));
        System.out.println();
    }

    /** One go-live as the process tests play it: readiness attested, every sign-off, go, then every job to its end. */
    private Run goLive() {
        long processBefore = processCpu();
        jobs = 0;
        jobCpuNanos = 0;
        jobWallNanos = 0;
        String id = startGoLive(MANIFEST);
        passReadinessAndSignOffs(id);
        String task = openTask(id, ProcessConstants.TASK_GO_NO_GO).getId();
        assertThat(completeGoNoGo("lead", task, Map.of("goNoGoDecision", "go", "goNoGoReason", "floor benchmark"))
                .getStatusCode().is2xxSuccessful()).isTrue();
        runJobs();
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(id).singleResult()
                .getEndActivityId()).isEqualTo("EndEvent_GoLiveCompleted");
        last = id;
        return new Run(jobs, jobCpuNanos, jobWallNanos, processCpu() - processBefore);
    }

    /** Every instance that shares the go-live's business key: it, the processes it called and its follow-up. */
    private Map<String, Long> jobsByProcess(String processInstanceId) {
        Map<String, Long> counts = new TreeMap<>();
        engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(businessKey(processInstanceId)).list()
                .forEach(instance -> counts.merge(instance.getProcessDefinitionKey(), engine.getHistoryService().createHistoricJobLogQuery()
                        .processInstanceId(instance.getId()).successLog().count(), Long::sum));
        return counts;
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static List<Double> sorted(List<Run> runs, java.util.function.ToDoubleFunction<Run> figure) {
        List<Double> values = new ArrayList<>(runs.stream().map(figure::applyAsDouble).toList());
        Collections.sort(values);
        return values;
    }

    private static double median(List<Double> sorted) {
        return sorted.get(sorted.size() / 2);
    }
}
