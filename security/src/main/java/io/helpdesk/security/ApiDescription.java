package io.helpdesk.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.jackson.TypeNameResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

import java.util.List;
import java.util.Map;

/**
 * What every operation of both apps' API descriptions has in common, said once: the bearer token it needs
 * (none for the signed webhooks and the local token helper), and the problems it may answer, each as
 * {@code application/problem+json} with one schema. Schemas of the endpoints' nested records are named for
 * their endpoint as well ({@code OpenTicketEndpointRequest}), so two records both called {@code Request} no
 * longer collapse into one schema.
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
public class ApiDescription {

    static final String BEARER = "bearer";
    static final String PROBLEM = "Problem";
    static final String CORRELATION = "CorrelationId";

    /**
     * Without a token: inbound webhooks check their provider's signature, signed links theirs; the local profile's
     * token helper.
     */
    private static final List<String> OPEN = List.of("/api/webhooks/", "/api/links/", "/api/ui/", LocalTokens.PATH);

    @Bean
    public ModelResolver nestedTypeNames(ObjectMapper json) {
        return new ModelResolver(json, new TypeNameResolver() {
            @Override
            protected String getNameOfClass(Class<?> cls) {
                Class<?> enclosing = cls.getEnclosingClass();
                return enclosing != null && cls.getName().startsWith("io.helpdesk")
                        ? enclosing.getSimpleName() + cls.getSimpleName() : super.getNameOfClass(cls);
            }
        });
    }

    @Bean
    public OpenApiCustomizer problemsAndSecurity(org.springframework.core.env.Environment environment) {
        String app = environment.getProperty("spring.application.name", "helpdesk");
        return api -> {
            api.info(new io.swagger.v3.oas.models.info.Info()
                             .title("Helpdesk " + app)
                             .version("1")
                             .description("See the README for what each operation does, its roles and its rules."));
            Components components = api.getComponents() == null ? new Components() : api.getComponents();
            api.setComponents(components);
            components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                                                      .bearerFormat("JWT"));
            components.addSchemas(PROBLEM, problemSchema());
            components.addParameters(CORRELATION, new io.swagger.v3.oas.models.parameters.Parameter()
                    .in("header").name(RequestLogContext.HEADER).required(false)
                    .description("An id of the caller's for this request (at most " + RequestLogContext.MAX_LENGTH
                                 + " characters), recorded on every event and log line the request causes; "
                                 + "without one the app makes one")
                    .schema(new StringSchema().maxLength(RequestLogContext.MAX_LENGTH)));
            components.addHeaders(CORRELATION, new io.swagger.v3.oas.models.headers.Header()
                    .description("The request's correlation id: the caller's, or the one the app made")
                    .schema(new StringSchema()));
            // The apps write every field, a missing value as null: a field no annotation requires may be null. In
            // OpenAPI 3.0 a reference cannot say so beside it, so a schema referred to by such a field is nullable.
            if (components.getSchemas() != null) {
                java.util.Set<String> referred = new java.util.HashSet<>();
                components.getSchemas().values().forEach(schema -> nullableUnlessRequired(schema, referred));
                referred.forEach(name -> {
                    Schema<?> target = components.getSchemas().get(name);
                    if (target != null) {
                        target.setNullable(true);
                    }
                });
            }
            if (api.getPaths() == null) {
                return;
            }
            api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach(
                    (method, operation) -> describe(path, method, operation)));
        };
    }

    private static void describe(String path, PathItem.HttpMethod method, Operation operation) {
        boolean open = OPEN.stream().anyMatch(path::startsWith);
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        problem(responses, "400", "Invalid input: the problem names each field in errors[]");
        if (open) {
            problem(responses, "401", "The provider's signature is missing or wrong");
            problem(responses, "403", "The subscription's verify token is wrong");
            problem(responses, "429", "Too many deliveries from this source; see Retry-After");
        } else {
            operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
            problem(responses, "401", "No valid bearer token");
            problem(responses, "403", "The token's roles or teams do not allow this");
        }
        if (path.contains("{")) {
            problem(responses, "404", "Nothing with this id");
        } else if (method != PathItem.HttpMethod.GET && !open) {
            problem(responses, "404", "Nothing with an id the body names");
        }
        if (method != PathItem.HttpMethod.GET) {
            problem(responses, "409", "A rule refuses the change (its name in rule) or a conflicting change won");
        }
        if (operation.getRequestBody() != null || method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT) {
            problem(responses, "413", "The request body is too large");
            problem(responses, "415", "The body is not of a media type this operation reads");
        }
        problem(responses, "500", "A fault, logged on the server");
        problem(responses, "503", "The database cannot be reached; nothing was written; see Retry-After");
        String correlation = "#/components/parameters/" + CORRELATION;
        if (operation.getParameters() == null
                || operation.getParameters().stream().noneMatch(parameter -> correlation.equals(parameter.get$ref()))) {
            operation.addParametersItem(new io.swagger.v3.oas.models.parameters.Parameter().$ref(correlation));
        }
        // On the answers that are not problems; a problem's answer carries it too, left out here for the size of
        // the description.
        responses.forEach((status, response) -> {
            if (status.startsWith("2")) {
                response.addHeaderObject(RequestLogContext.HEADER, new io.swagger.v3.oas.models.headers.Header()
                        .$ref("#/components/headers/" + CORRELATION));
            }
        });
    }

    @SuppressWarnings("rawtypes")
    private static void nullableUnlessRequired(Schema<?> schema, java.util.Set<String> referred) {
        if (schema.getProperties() == null) {
            return;
        }
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        Map<String, Schema> properties = schema.getProperties();
        properties.forEach((property, value) -> {
            if (required.contains(property)) {
                return;
            }
            // A map of any values (Map<String, Object>) is described as a map of objects: its values may be any.
            if (value.getAdditionalProperties() instanceof Schema<?> values && values.get$ref() == null
                    && values.getProperties() == null && "object".equals(values.getType())) {
                value.setAdditionalProperties(true);
            }
            if (value.get$ref() != null) {
                referred.add(value.get$ref().substring(value.get$ref().lastIndexOf('/') + 1));
            } else {
                value.setNullable(true);
                nullableUnlessRequired(value, referred);
            }
        });
    }

    private static void problem(ApiResponses responses, String status, String description) {
        if (!responses.containsKey(status)) {
            responses.addApiResponse(status, new ApiResponse().description(description).content(new Content().addMediaType(
                    "application/problem+json", new MediaType().schema(new Schema<>().$ref(PROBLEM)))));
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> problemSchema() {
        ObjectSchema error = new ObjectSchema();
        error.setProperties(new java.util.LinkedHashMap<>(Map.of("field", new StringSchema(),
                                                                  "message", new StringSchema())));
        ObjectSchema problem = new ObjectSchema();
        Map<String, Schema> properties = new java.util.LinkedHashMap<>();
        properties.put("type", new StringSchema());
        properties.put("title", new StringSchema());
        properties.put("status", new IntegerSchema());
        properties.put("detail", new StringSchema());
        properties.put("instance", new StringSchema());
        properties.put("errors", new ArraySchema().items(error));
        properties.put("rule", new StringSchema());
        problem.setProperties(properties);
        problem.setRequired(List.of("status"));
        problem.description("RFC 9457 problem details");
        return problem;
    }
}
