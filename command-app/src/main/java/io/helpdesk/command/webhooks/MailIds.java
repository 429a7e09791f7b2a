package io.helpdesk.command.webhooks;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** E-mail Message-IDs as the helpdesk keeps them: {@code <local@domain>}, angle brackets included. */
public final class MailIds {

    private static final Pattern ID = Pattern.compile("<[^<>\\s]+@[^<>\\s]+>");
    /** How the e-mail webhook names a mail it took: the provider, a colon, the mail's Message-Id. */
    private static final String EMAIL_PROVIDER = "email:";

    private MailIds() {
    }

    /**
     * The Message-ID behind a customer message's external id: the e-mail webhook's {@code email:<id>}, or a bare
     * {@code <id>} given through the API; null for any other provider's id.
     */
    public static String ofExternal(String externalMessageId) {
        if (externalMessageId == null) {
            return null;
        }
        String id = externalMessageId.startsWith(EMAIL_PROVIDER)
                ? externalMessageId.substring(EMAIL_PROVIDER.length()) : externalMessageId;
        id = id.strip();
        if (!id.startsWith("<") && ID.matcher("<" + id + ">").matches()) {
            id = "<" + id + ">";
        }
        return ID.matcher(id).matches() ? id : null;
    }

    /** The Message-IDs a header such as {@code References} or {@code In-Reply-To} lists, in order. */
    public static List<String> in(String header) {
        List<String> ids = new ArrayList<>();
        if (header != null) {
            Matcher matcher = ID.matcher(header);
            while (matcher.find()) {
                ids.add(matcher.group());
            }
        }
        return ids;
    }
}
