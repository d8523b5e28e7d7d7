package org.golive.manifest;

import java.util.List;
import java.util.stream.Collectors;

/** A manifest that golive refuses, with every problem found, each naming its field. */
public class InvalidManifestException extends RuntimeException {

    private final transient List<Problem> problems;

    public InvalidManifestException(List<Problem> problems) {
        super("invalid release manifest: " + problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    /** One thing wrong with one field. */
    public record Problem(String field, String message) {
        @Override
        public String toString() {
            return field + ": " + message;
        }
    }
}
