package io.helpdesk.command.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.helpdesk.domain.shared.InvalidInput;

import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What is wrong with a request body that could not be read, said in the API's words: the field (a JSON path
 * such as {@code tags[1]}) and what it must be, never Jackson's text with the server's class names.
 */
public final class UnreadableBody {

    /** @param field null when the body as a whole is broken */
    public record Reason(String field, String message) {
    }

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");

    private UnreadableBody() {
    }

    public static Optional<Reason> of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonParseException parse) {
                Matcher duplicate = DUPLICATE.matcher(String.valueOf(parse.getOriginalMessage()));
                if (duplicate.find()) {
                    String parent = parentPath(parse);
                    return Optional.of(new Reason(parent + duplicate.group(1), "appears twice"));
                }
                return Optional.of(new Reason(null, "is not valid JSON: " + parse.getOriginalMessage()));
            }
            if (t instanceof MismatchedInputException mismatch) {
                return Optional.of(new Reason(path(mismatch), "must be " + expected(mismatch)));
            }
            if (t instanceof JsonMappingException mapping && mapping.getCause() instanceof InvalidInput invalid) {
                // A value the domain refused as it was built (an action, a condition): named within the body.
                String within = path(mapping);
                return Optional.of(new Reason(within == null ? invalid.field() : within + "." + invalid.field(),
                                              invalid.reason()));
            }
            if (t instanceof JsonProcessingException json) {
                return Optional.of(new Reason(null, "could not be read"));
            }
        }
        return Optional.empty();
    }

    private static String parentPath(JsonParseException parse) {
        var context = parse.getProcessor() == null ? null : parse.getProcessor().getParsingContext();
        StringBuilder path = new StringBuilder();
        for (var c = context == null ? null : context.getParent(); c != null && !c.inRoot(); c = c.getParent()) {
            String part = c.inArray() ? "[" + c.getCurrentIndex() + "]" : c.getCurrentName();
            path.insert(0, c.inArray() || path.isEmpty() ? part : part + ".");
        }
        return path.isEmpty() ? "" : path + ".";
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    private static String expected(MismatchedInputException e) {
        Class<?> type = e.getTargetType();
        if (type == null) {
            return "present";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                                     .collect(Collectors.joining(", "));
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "text";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Temporal.class.isAssignableFrom(type) || type == java.time.Duration.class) {
            return "an ISO-8601 " + (type == java.time.Duration.class ? "duration" : "instant");
        }
        return e instanceof InvalidFormatException ? "of another form" : "an object";
    }
}
