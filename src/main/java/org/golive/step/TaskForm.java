package org.golive.step;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * The fields of a decision form, read as the task completes, whatever client completes it (REST skips the form's
 * own checks): a refused value throws {@link FormFieldValidationException}, which answers 400 with the message and
 * leaves the task open. Who decided comes from {@link Deciders}, never from a field.
 */
public final class TaskForm {

    private TaskForm() {
    }

    /**
     * One of the allowed values, e.g. {@code choice(task, "go/no-go", "decision", "goNoGoDecision", List.of("go", "no-go"))}
     * refuses with "go/no-go needs a decision: goNoGoDecision must be 'go' or 'no-go', was 'maybe'".
     */
    public static String choice(DelegateTask task, String subject, String noun, String variable, List<String> allowed) {
        Object value = task.getVariable(variable);
        if (value == null || !allowed.contains(value.toString())) {
            throw new FormFieldValidationException(variable, subject + " needs a " + noun + ": " + variable + " must be "
                    + allowed.stream().map(v -> "'" + v + "'").collect(Collectors.joining(" or ")) + ", was "
                    + (value == null ? "missing" : "'" + value + "'"));
        }
        return value.toString();
    }

    /** Text that is not blank, stripped, e.g. "go/no-go needs a reason: goNoGoReason is empty". */
    public static String text(DelegateTask task, String subject, String noun, String variable) {
        Object value = task.getVariable(variable);
        if (value == null || value.toString().isBlank()) {
            throw new FormFieldValidationException(variable, subject + " needs a " + noun + ": " + variable + " is empty");
        }
        return value.toString().strip();
    }

    /** Text that may be empty, stripped; never null. */
    public static String optionalText(DelegateTask task, String variable) {
        Object value = task.getVariable(variable);
        return value == null ? "" : value.toString().strip();
    }

    /**
     * One item of a checklist every item of which must be checked or explained: empty when {@code checkbox} is checked,
     * else the stripped reason in {@code reasonVariable} (the item's own waiver field, or notes shared by the list);
     * with neither it refuses with {@code refusal} on {@code refusedField}.
     */
    public static Optional<String> checkedOrWaived(DelegateTask task, String checkbox, String reasonVariable,
                                                   String refusedField, String refusal) {
        if (checked(task.getVariable(checkbox))) {
            return Optional.empty();
        }
        Object reason = task.getVariable(reasonVariable);
        if (reason == null || reason.toString().isBlank()) {
            throw new FormFieldValidationException(refusedField, refusal);
        }
        String text = reason.toString().strip();
        // "n/a" or "ok" waives an item without saying why; a reader of WHAT_SHIPPED must learn the reason
        if (text.split("\\s+").length < MIN_WAIVER_WORDS) {
            throw new FormFieldValidationException(refusedField, refusedField + ": a waiver needs a reason of at least "
                    + MIN_WAIVER_WORDS + " words, not '" + text + "'");
        }
        return Optional.of(text);
    }

    /** The fewest words a waiver's reason may have. */
    public static final int MIN_WAIVER_WORDS = 3;

    /** A checkbox arrives as a Boolean from the form, possibly as text from a REST client. */
    private static boolean checked(Object value) {
        return value instanceof Boolean b ? b : value != null && "true".equalsIgnoreCase(value.toString().strip());
    }
}
