package org.golive.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.golive.readiness.AttestationItems;
import org.golive.signoff.SignOffRole;
import org.golive.step.ProcessConstants;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * The floor of golive's own CPU per go-live (issue 13's fleet figure): the shipped go-live model, its real delegates,
 * listeners, evidence and REST API, with only Docker, PostgreSQL and Odoo mocked (so no Odoo work and none of the glue
 * around it), every job run on this thread one after the other, nothing else on the machine asking for a core.
 * Prints figures; asserts only that each go-live reached its completed end. Not part of the test suite (the name
 * does not match surefire's patterns):
 *
 * <pre>
 * mvn -o -q test -Dtest=GoLiveEngineFloorBenchmark [-Dgolive.bench.floor.warmup=10] [-Dgolive.bench.floor.runs=20]
 *     [-Dspring.datasource.url=jdbc:h2:file:/tmp/golive-floor/engine;WRITE_DELAY=0]   # golive's default engine database
 * </pre>
 */
class GoLiveEngineFloorBenchmark extends ProcessTestSupport {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** CPU and wall time of the jobs of one go-live (its called instances and follow-up included). */
    private record Run(int jobs, long cpuNanos, long wallNanos, long processCpuNanos) {
    }

    /** The process instance of the last go-live run: its jobs by process are printed. */
    private String last;

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
        List<Double> cpu = new ArrayList<>(measured.stream().map(r -> r.cpuNanos() / 1e6).toList());
        List<Double> perJob = new ArrayList<>(measured.stream().map(r -> r.cpuNanos() / 1e6 / r.jobs()).toList());
        Collections.sort(cpu);
        Collections.sort(perJob);
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
            List<Double> block = new ArrayList<>(measured.subList(from, Math.min(measured.size(), from + 10)).stream()
                    .map(r -> r.cpuNanos() / 1e6).toList());
            Collections.sort(block);
            blocks.append(String.format(" %.0f", median(block)));
        }
        // a figure that grows from block to block grows with the engine's history, not with the go-live
        System.out.printf("  CPU of its jobs by blocks of 10 go-lives in order, median ms:%s%n", blocks);
        System.out.printf("  the last go-live's jobs, by process (job log, successful runs):%n");
        jobsByProcess(last).forEach((key, count) -> System.out.printf("    %-22s %3d%n", key, count));
        System.out.println();
    }

    private Run goLive() {
        long processBefore = processCpu();
        String id = startGoLive(MANIFEST);
        Run jobs = drain();
        Map<String, Object> attested = new LinkedHashMap<>();
        AttestationItems.ALL.forEach(item -> attested.put(item.attestField(), true));
        completed(completeTask("lead", openTask(id, ProcessConstants.TASK_ATTEST_READINESS).getId(), attested));
        jobs = add(jobs, drain());
        for (SignOffRole role : SignOffRole.values()) {
            Task signOff = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(businessKey(id))
                    .taskCandidateGroup(role.group()).singleResult();
            completed(completeTask(role.demoUser(), signOff.getId(), Map.of("signOffDecision", "approve")));
        }
        jobs = add(jobs, drain());
        String task = openTask(id, ProcessConstants.TASK_GO_NO_GO).getId();
        completed(completeGoNoGo("lead", task, Map.of("goNoGoDecision", "go", "goNoGoReason", "floor benchmark")));
        jobs = add(jobs, drain());
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(id).singleResult()
                .getEndActivityId()).isEqualTo("EndEvent_GoLiveCompleted");
        last = id;
        return new Run(jobs.jobs(), jobs.cpuNanos(), jobs.wallNanos(), processCpu() - processBefore);
    }

    /** Every instance that shares the go-live's business key: it, the processes it called and its follow-up. */
    private Map<String, Long> jobsByProcess(String processInstanceId) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(businessKey(processInstanceId)).list()
                .forEach(instance -> counts.merge(instance.getProcessDefinitionKey(), engine.getHistoryService().createHistoricJobLogQuery()
                        .processInstanceId(instance.getId()).successLog().count(), Long::sum));
        return counts;
    }

    private static void completed(ResponseEntity<Map> response) {
        assertThat(response.getStatusCode().is2xxSuccessful()).as("%s", response.getBody()).isTrue();
    }

    /** Runs every pending job (timers included) on this thread, timing each execution alone, not the queries between. */
    private Run drain() {
        int count = 0;
        long cpu = 0;
        long wall = 0;
        for (int i = 0; i < 500; i++) {
            List<Job> jobs = engine.getManagementService().createJobQuery().withRetriesLeft().list();
            if (jobs.isEmpty()) {
                return new Run(count, cpu, wall, 0);
            }
            long cpuBefore = THREADS.getCurrentThreadCpuTime();
            long wallBefore = System.nanoTime();
            engine.getManagementService().executeJob(jobs.get(0).getId());
            cpu += THREADS.getCurrentThreadCpuTime() - cpuBefore;
            wall += System.nanoTime() - wallBefore;
            count++;
        }
        throw new AssertionError("jobs still pending after 500 executions");
    }

    private static Run add(Run a, Run b) {
        return new Run(a.jobs() + b.jobs(), a.cpuNanos() + b.cpuNanos(), a.wallNanos() + b.wallNanos(), 0);
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double median(List<Double> sorted) {
        return sorted.get(sorted.size() / 2);
    }
}
