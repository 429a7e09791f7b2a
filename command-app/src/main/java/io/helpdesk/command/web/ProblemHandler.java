package io.helpdesk.command.web;

import io.helpdesk.domain.shared.InvalidInput;
import io.helpdesk.domain.shared.RuleViolation;
import io.helpdesk.eventstore.deadletters.TransientFailures;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every failure answers {@code application/problem+json}: 400 with field errors for bad input, 404 for an
 * unknown aggregate, 409 with the reason for a broken rule or a conflict that retries could not resolve.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final JdbcTemplate jdbc;

    public ProblemHandler(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }
    private static final String RETRY_AFTER = "5";

    @ExceptionHandler(RuleViolation.class)
    public ProblemDetail ruleViolation(RuleViolation e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "Rule violated", e.getMessage());
        problem.setProperty("rule", e.rule());
        return problem;
    }

    /**
     * The command was sent against a version of the aggregate older than its last event (If-Match): the events
     * its sender has not seen are named, so they can look before they act again, or send it without If-Match.
     */
    @ExceptionHandler(ConflictingAggregateVersionException.class)
    public ProblemDetail staleVersion(ConflictingAggregateVersionException e) {
        List<Map<String, Object>> unseen = jdbc.query("""
                SELECT sequence_number, payload_type, time_stamp,
                       convert_from(meta_data, 'UTF8')::jsonb ->> 'user' AS who
                FROM eventstore.domain_event_entry
                WHERE aggregate_identifier = ? AND sequence_number > ? ORDER BY sequence_number LIMIT 50""",
                (row, n) -> {
                    String type = row.getString(2);
                    Map<String, Object> event = new LinkedHashMap<>();
                    event.put("sequence", row.getLong(1));
                    event.put("type", type.substring(type.lastIndexOf('.') + 1));
                    event.put("at", row.getString(3));
                    event.put("user", row.getString(4));
                    return event;
                }, e.getAggregateIdentifier(), e.getExpectedVersion());
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "Changed since you looked",
                                        "the ticket has " + unseen.size() + " change(s) you have not seen (you looked "
                                                + "at version " + e.getExpectedVersion() + ", it is at "
                                                + e.getActualVersion() + "); look again, or send without If-Match to "
                                                + "go ahead anyway");
        problem.setProperty("rule", RuleRefusals.STALE_VERSION);
        problem.setProperty("version", e.getActualVersion());
        problem.setProperty("unseen", unseen);
        return problem;
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    public ProblemDetail notFound(AggregateNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", "nothing found with id " + e.getAggregateIdentifier());
    }

    @ExceptionHandler(AggregateStreamCreationException.class)
    public ProblemDetail alreadyExists(AggregateStreamCreationException e) {
        return problem(HttpStatus.CONFLICT, "Already exists", "an aggregate with this id already exists");
    }

    /** A write that lost a race on its aggregate; when the database was away instead, 503 (below). */
    @ExceptionHandler({ConcurrencyException.class, EventStoreException.class})
    public ResponseEntity<ProblemDetail> conflict(RuntimeException e) {
        if (TransientFailures.isTransient(e)) {
            return unavailable(e);
        }
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem(
                HttpStatus.CONFLICT, "Concurrent modification",
                "the resource was changed by another request at the same time; retry with fresh data"));
    }

    /**
     * The database is away, restarting or out of connections: nothing was written; the client may send the same
     * request again after {@code Retry-After} seconds. Anything else unexpected is a fault: logged with its stack
     * trace, answered 500 without its details.
     */
    @ExceptionHandler({DataAccessException.class, TransactionException.class, RuntimeException.class})
    public ResponseEntity<ProblemDetail> unexpected(RuntimeException e) {
        if (TransientFailures.isTransient(e)) {
            return unavailable(e);
        }
        log.error("Request failed", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                                                                 "the request failed; it has been logged");
        problem.setTitle("Internal error");
        return ResponseEntity.internalServerError().body(problem);
    }

    private static ResponseEntity<ProblemDetail> unavailable(RuntimeException e) {
        log.warn("Database unavailable: {}", rootMessage(e));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE, "the database cannot be reached; nothing was written, try again");
        problem.setTitle("Service unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER)
                             .body(problem);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    @ExceptionHandler(InvalidInput.class)
    public ProblemDetail invalidInput(InvalidInput e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
        problem.setProperty("errors", List.of(Map.of("field", e.field(), "message", e.reason())));
        return problem;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    public ProblemDetail badInput(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage());
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(
            WebExchangeBindException e, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", "some fields are invalid");
        List<Map<String, Object>> errors = e.getFieldErrors().stream()
                .map(error -> Map.<String, Object>of("field", error.getField(),
                                                     "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        problem.setProperty("errors", errors);
        return Mono.just(ResponseEntity.badRequest().body(problem));
    }

    /** A body that could not be read (broken JSON, a wrong type, a value outside an enum, a repeated field). */
    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(
            ServerWebInputException e, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        var reason = UnreadableBody.of(e);
        if (reason.isEmpty()) {
            return super.handleServerWebInputException(e, headers, status, exchange);
        }
        String field = reason.get().field();
        String detail = field == null ? "the body " + reason.get().message() : field + " " + reason.get().message();
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", detail);
        problem.setProperty("errors", List.of(field == null ? Map.of("message", reason.get().message())
                                                            : Map.of("field", field, "message", reason.get().message())));
        return Mono.just(ResponseEntity.badRequest().body(problem));
    }

    /** Every answer here is an expected refusal: one line in the log, no stack trace. */
    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        log.info("Refused with {} {}: {}", status.value(), title, detail);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("about:blank"));
        return problem;
    }
}
