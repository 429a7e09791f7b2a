package io.helpdesk.domain.ticket;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds {@code @handle} mentions in text: not inside e-mail addresses, each handle once, in order. */
public final class Mentions {

    private static final Pattern MENTION = Pattern.compile("(?<![\\w@.])@([A-Za-z0-9][A-Za-z0-9._-]{0,63})");

    private Mentions() {
    }

    public static List<String> in(String text) {
        Set<String> handles = new LinkedHashSet<>();
        Matcher matcher = MENTION.matcher(text);
        while (matcher.find()) {
            String handle = matcher.group(1).replaceAll("[._-]+$", "");
            handles.add(handle.toLowerCase(Locale.ROOT));
        }
        return List.copyOf(handles);
    }
}
