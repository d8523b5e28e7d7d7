package org.golive.modules;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.golive.modules.ModuleDeploymentService.Report;

/**
 * Turns a module report into evidence facts and into readable version variables ("name=version, …"): the
 * first version seen before the release stays, the newest version after it wins.
 */
final class ModuleReports {

    private ModuleReports() {
    }

    static Map<String, Object> record(DelegateExecution execution, Report report, String beforeVar, String afterVar) {
        execution.setVariable(beforeVar, merge(execution.getVariable(beforeVar), report.versionsBefore(), false));
        execution.setVariable(afterVar, merge(execution.getVariable(afterVar), report.versionsAfter(), true));
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("runs", report.runs());
        facts.put("skippedAlreadyInstalled", report.skipped());
        facts.put("versionsBefore", report.versionsBefore());
        facts.put("versionsAfter", report.versionsAfter());
        return facts;
    }

    private static String merge(Object existing, Map<String, String> versions, boolean overwrite) {
        Map<String, String> merged = new LinkedHashMap<>();
        if (existing != null && !existing.toString().isBlank()) {
            for (String pair : existing.toString().split(",\\s*")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    merged.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        versions.forEach((name, version) -> {
            if (overwrite || !merged.containsKey(name)) {
                merged.put(name, String.valueOf(version));
            }
        });
        return merged.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }
}
