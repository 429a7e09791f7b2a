package io.helpdesk.query;

import io.helpdesk.projections.ReadModel;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every read model's processors configured from its descriptor, so that adding a read model touches no
 * configuration file: each read model's processing group and its rebuild twin get the settings under
 * {@code helpdesk.read-models.processor} as Axon's {@code axon.eventhandling.processors.<group>} properties, and
 * a dead-letter queue ({@code helpdesk.dead-letters.groups}). A setting given for one group by name still wins.
 */
public class ReadModelProcessors implements EnvironmentPostProcessor, Ordered {

    static final String SETTINGS = "helpdesk.read-models.processor";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, String> settings = Binder.get(environment)
                                             .bind(SETTINGS, Bindable.mapOf(String.class, String.class))
                                             .orElse(Map.of());
        if (settings.isEmpty()) {
            return;
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> groups = new ArrayList<>(Binder.get(environment)
                                                    .bind("helpdesk.dead-letters.groups", Bindable.listOf(String.class))
                                                    .orElse(List.of()));
        for (ReadModel model : ReadModels.all()) {
            for (String group : List.of(model.name(), model.shadowGroup())) {
                settings.forEach((key, value) -> properties.put("axon.eventhandling.processors." + group + "." + key,
                                                                value));
                if (!groups.contains(group)) {
                    groups.add(group);
                }
            }
        }
        // After the configuration files: what they say of a group by name overrides these.
        environment.getPropertySources().addLast(new MapPropertySource("read-model-processors", properties));
        // The groups configured, and the read models' own.
        environment.getPropertySources().addFirst(new MapPropertySource(
                "read-model-dead-letters", Map.of("helpdesk.dead-letters.groups", String.join(",", groups))));
    }

    @Override
    public int getOrder() {
        // After ConfigDataEnvironmentPostProcessor, which loads the configuration files.
        return Ordered.LOWEST_PRECEDENCE;
    }
}
