package org.golive.evidence;

import static org.golive.evidence.Markdown.cell;
import static org.golive.evidence.Markdown.code;
import static org.golive.evidence.Markdown.text;

import java.util.List;
import java.util.Map;

import org.golive.evidence.EvidenceEntry.ReleaseHook;

/** "Release hooks": what each pre-update and post-update hook of the release did, with the tail of its output. */
final class HooksSection {

    private HooksSection() {
    }

    /** Nothing for a release without hooks: its documents read as they did before hooks existed. */
    static void render(Markdown.Lines md, GoLiveRecord r) {
        List<ReleaseHook> entries = r.all(ReleaseHook.class).stream().filter(e -> !e.hooks().isEmpty()).toList();
        if (entries.isEmpty()) {
            return;
        }
        md.line("## Release hooks");
        md.blank();
        md.line("| hook | argv | status | exit code | took (ms) |");
        md.line("| --- | --- | --- | --- | --- |");
        for (ReleaseHook entry : entries) {
            for (Map<String, Object> hook : entry.hooks()) {
                md.line("| " + cell(code("hooks." + hook.get("phase") + "[" + hook.get("index") + "]")) + " | " + cell(code(argv(hook.get("argv"))))
                        + " | " + cell(text(String.valueOf(hook.get("status")))) + " | " + cell(code(hook.get("exitCode"))) + " | "
                        + cell(code(hook.get("millis"))) + " |");
            }
        }
        md.blank();
        for (ReleaseHook entry : entries) {
            for (Map<String, Object> hook : entry.hooks()) {
                Object output = hook.get("output");
                if (output != null && !output.toString().isBlank()) {
                    md.line("Output of " + code("hooks." + hook.get("phase") + "[" + hook.get("index") + "]") + " (last lines, secrets redacted):");
                    md.blank();
                    md.fenced("", output.toString());
                    md.blank();
                }
            }
        }
        if (r.rolledBack()) {
            md.line("> The go-live was rolled back: the database was restored from the restore point, so what the hooks changed there is not live.");
            md.blank();
        }
    }

    private static String argv(Object argv) {
        return argv instanceof List<?> list ? String.join(" ", list.stream().map(String::valueOf).toList()) : String.valueOf(argv);
    }
}
