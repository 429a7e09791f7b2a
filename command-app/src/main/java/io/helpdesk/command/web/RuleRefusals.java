package io.helpdesk.command.web;

import io.helpdesk.domain.shared.Rule;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every command operation's 409 in the API description names the rules it can give ({@link Refuses}), and
 * {@value #STALE_VERSION}, which any command sent with {@code If-Match} can give: the description's schema for
 * that answer allows only these values of {@code rule}.
 */
@Configuration(proxyBeanMethods = false)
public class RuleRefusals {

    public static final String STALE_VERSION = "stale-version";

    @Bean
    OperationCustomizer refusedRules() {
        return (operation, handler) -> {
            if (handler.hasMethodAnnotation(GetMapping.class)) {
                return operation;
            }
            Refuses refuses = handler.getMethodAnnotation(Refuses.class);
            List<String> rules = new ArrayList<>(Stream.of(refuses == null ? new Rule[0] : refuses.value())
                                                       .map(Rule::name).sorted().toList());
            rules.add(STALE_VERSION);
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            operation.setResponses(responses);
            String named = rules.size() == 1 ? "" : " (" + String.join(", ", rules.subList(0, rules.size() - 1)) + ")";
            Schema<?> problem = new ComposedSchema()
                    .addAllOfItem(new Schema<>().$ref("#/components/schemas/Problem"))
                    .addAllOfItem(new ObjectSchema().addProperty("rule", new StringSchema()._enum(rules)));
            responses.addApiResponse("409", new ApiResponse()
                    .description("A rule refuses the change" + named + ", the ticket changed since the If-Match "
                                         + "version (" + STALE_VERSION + "), or a conflicting change won")
                    .content(new Content().addMediaType("application/problem+json",
                                                        new MediaType().schema(problem))));
            return operation;
        };
    }
}
