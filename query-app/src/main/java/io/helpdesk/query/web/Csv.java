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
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return "\"" + text.replace("\"", "\"\"") + "\"";
            }
        }
        return text;
    }
}
