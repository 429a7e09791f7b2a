package io.helpdesk.query;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * query-app on a random port, started for one test class and closed after it. Each test class has a database
 * of its own, so its application context is never reused by another class; closed at once, it neither keeps
 * its processors polling beside the later classes nor shuts down after the embedded PostgreSQL has gone.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = QueryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "spring.config.name=query-app")
@DirtiesContext
public @interface QueryAppTest {
}
