package io.helpdesk.domain.ticket;

import org.axonframework.eventhandling.EventMessage;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

import java.util.List;
import java.util.function.Predicate;

/** Matches a published event list of exactly one event of a type whose payload passes a check. */
final class PayloadMatcher {

    private PayloadMatcher() {
    }

    static <T> Matcher<List<EventMessage<?>>> onlyEvent(Class<T> type, Predicate<T> check) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(List<EventMessage<?>> events) {
                return events.size() == 1 && type.isInstance(events.get(0).getPayload())
                        && check.test(type.cast(events.get(0).getPayload()));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("exactly one " + type.getSimpleName() + " passing the check");
            }
        };
    }
}
