package io.helpdesk.query.web;

/** CSV cells as RFC 4180 wants them: quoted when they hold a comma, a quote or a line break. */
public final class Csv {

    private Csv() {
    }

    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        return text.matches("(?s).*[,\"\\n\\r].*") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
