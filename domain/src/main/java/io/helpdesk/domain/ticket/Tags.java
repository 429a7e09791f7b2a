package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.InvalidInput;

import java.util.List;
import java.util.Locale;

/** Tags are lower-case words; duplicates collapse. */
final class Tags {

    private Tags() {
    }

    static List<String> normalise(List<String> tags) {
        if (tags == null || tags.isEmpty()) {
            throw new InvalidInput("tags", "must not be empty");
        }
        List<String> clean = tags.stream()
                                 .map(tag -> tag == null ? "" : tag.trim().toLowerCase(Locale.ROOT))
                                 .distinct()
                                 .toList();
        for (String tag : clean) {
            if (tag.isEmpty() || tag.length() > 50 || !tag.matches("[\\p{L}\\p{N}_:.-]+")) {
                throw new InvalidInput("tags", "must each be 1-50 letters, digits or _:.- ('" + tag + "' is not)");
            }
        }
        return clean;
    }
}
