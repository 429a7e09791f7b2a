package io.helpdesk.command.web;

import io.helpdesk.domain.shared.Rule;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The rules an operation's commands can refuse it by (409, the rule's name in {@code rule}); the API description
 * lists them for the operation ({@link RuleRefusals}). A rule left out is found when a test meets it: the tests
 * check every answer against the description.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Refuses {

    Rule[] value();
}
