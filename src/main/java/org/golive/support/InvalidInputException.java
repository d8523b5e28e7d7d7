package org.golive.support;

/**
 * A value a client sent that golive refuses, named by its field: the caller's mistake, answered with 400 by every
 * API (golive's own and engine REST), and nothing is started or changed.
 */
public class InvalidInputException extends IllegalArgumentException {

    private final String field;
    private final String problem;

    public InvalidInputException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
        this.problem = problem;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }

    /** A client's value quoted in a message, cut short: a refusal must not echo a whole request body. */
    public static String quote(Object value) {
        String text = String.valueOf(value);
        return "'" + (text.length() > 80 ? text.substring(0, 80) + "…" : text) + "'";
    }
}
