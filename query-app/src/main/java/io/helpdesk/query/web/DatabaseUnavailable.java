package io.helpdesk.query.web;

import io.helpdesk.eventstore.deadletters.TransientFailures;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.concurrent.TimeoutException;

/**
 * A query while the database is away, restarting or out of connections answers 503 with {@code Retry-After}
 * within seconds, as commands do. Anything else unexpected stays a 500 with Spring's problem body.
 */
@RestControllerAdvice
public class DatabaseUnavailable {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailable.class);

    @ExceptionHandler({DataAccessException.class, R2dbcTransientException.class,
            R2dbcNonTransientResourceException.class, TimeoutException.class})
    public ResponseEntity<ProblemDetail> unavailable(Exception e) throws Exception {
        if (!unavailable((Throwable) e)) {
            throw e;
        }
        log.warn("Database unavailable: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                                                                 "the database cannot be reached; try again");
        problem.setTitle("Service unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
    }

    private static boolean unavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof R2dbcTransientException || t instanceof R2dbcNonTransientResourceException
                    || t instanceof TimeoutException) {
                return true;
            }
        }
        return TransientFailures.isTransient(e);
    }
}
