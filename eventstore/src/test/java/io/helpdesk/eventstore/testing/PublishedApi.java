package io.helpdesk.eventstore.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * An app's OpenAPI description as it publishes it ({@code /v3/api-docs}), and the check of a real answer
 * against it: the status must be documented for the operation, and the body must fit that status's schema and
 * media type. Requests are not judged here: the fuzz runs send wrong ones on purpose.
 */
public final class PublishedApi {

    private final OpenApiInteractionValidator validator;

    private PublishedApi(String description) {
        this.validator = OpenApiInteractionValidator
                .createForInlineApiSpecification(description)
                // allOf (a problem with the rules an operation can give) merged into one schema before its
                // properties are checked: the validator allows no property a schema does not name.
                .withResolveCombinators(true)
                .withLevelResolver(LevelResolver.create()
                                                .withLevel("validation.request", ValidationReport.Level.IGNORE)
                                                .withLevel("validation.response.path.missing", ValidationReport.Level.IGNORE)
                                                .withLevel("validation.response.operation.notAllowed", ValidationReport.Level.IGNORE)
                                                .build())
                .build();
    }

    public static PublishedApi of(String baseUrl) {
        try {
            HttpResponse<String> description = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/v3/api-docs")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new PublishedApi(description.body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("no API description at " + baseUrl, e);
        }
    }

    /** The check can fail: a status no operation declares, a problem whose status is no number. */
    public void assertItTellsDocumentedFromUndocumented() {
        org.assertj.core.api.Assertions.assertThat(mismatches("GET", "/api/admin/dead-letters", 418, "text/plain", "tea"))
                                       .as("an undeclared status").isNotEmpty();
        org.assertj.core.api.Assertions.assertThat(mismatches("GET", "/api/admin/dead-letters", 503,
                                                              "application/problem+json", "{\"status\":503}"))
                                       .as("a declared problem").isEmpty();
        org.assertj.core.api.Assertions.assertThat(mismatches("GET", "/api/admin/dead-letters", 503,
                                                              "application/problem+json", "{\"status\":\"high\"}"))
                                       .as("a problem of the wrong shape").isNotEmpty();
    }

    /** What in this answer the description does not say; empty when it fits. */
    public List<String> mismatches(String method, String path, int status, String contentType, String body) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status).withBody(body);
        if (contentType != null && !contentType.startsWith("(")) {
            response.withContentType(contentType);
        }
        ValidationReport report = validator.validateResponse(path, Request.Method.valueOf(method), response.build());
        return report.getMessages().stream().map(message -> message.getKey() + ": " + message.getMessage()).toList();
    }
}
